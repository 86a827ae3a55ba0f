#!/usr/bin/env python3
"""Scores the field parser on the reference entries of the dev papers, the
way score.py's score_paper does for matched references (field/*, field-mixed/*,
field-rendered/*), but feeding each entry's text without its label straight
to `citelint convert --to csl-json --refs`.

usage: refparse_papers.py [PAPERS_DIR] [--errors FIELD [N]] [--origin mixed|rendered] [--half odd|even]
"""
import collections, glob, importlib.util, json, os, subprocess, sys, tempfile

spec = importlib.util.spec_from_file_location("score", os.environ.get("SCORE_PY", "/work/shared/eval/score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

args = sys.argv[1:]
root = "/work/shared/datasets/dev/papers"
if args and not args[0].startswith("--"):
    root = args.pop(0)
err_field, err_n, want_origin = None, 30, None
if "--errors" in args:
    k = args.index("--errors")
    err_field = args[k + 1]
    if k + 2 < len(args) and args[k + 2].isdigit():
        err_n = int(args[k + 2])
half = None
if "--half" in args:
    half = args[args.index("--half") + 1]  # odd: the papers a REFPARSE_CV=1 model did not see
if "--origin" in args:
    want_origin = args[args.index("--origin") + 1]

entries = []
for i, g in enumerate(sorted(glob.glob(os.path.join(root, "**", "*.gold.json"), recursive=True))):
    if half is not None and (i % 2 == 1) != (half == "odd"):
        continue
    gold = json.load(open(g, encoding="utf-8"))
    raw = open(g[: -len(".gold.json")] + ".txt", "rb").read()
    for r in gold["references"]:
        text = raw[r["text_start"]:r["text_end"]].decode("utf-8", "replace")
        origin = "mixed" if r.get("text_origin") == "mixed-citation" else "rendered"
        entries.append((" ".join(text.split()), r["fields"], origin))

with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
    for text, _, _ in entries:
        t.write(text + "\n")
out = json.loads(subprocess.run(["target/release/citelint", "convert", "--to", "csl-json", "--refs", t.name],
                                capture_output=True).stdout)
os.unlink(t.name)
assert len(out) == len(entries), (len(out), len(entries))

acc = collections.defaultdict(score.PRF)
shown = 0
for (text, g, origin), c in zip(entries, out):
    for f in score.PAPER_FIELDS:
        gv = score.gold_paper_field(f, g)
        pv = score.pred_paper_field(f, c)
        ok = gv is not None and pv is not None and score.field_equal(f, gv, pv, g.get("etal"))
        for key in (f"field/{f}", f"field-{origin}/{f}", "field/all", f"field-{origin}/all"):
            acc[key].add(int(ok), int(pv is not None), int(ok), int(gv is not None))
        if f == err_field and not ok and (gv or pv) and (want_origin in (None, origin)):
            shown += 1
            if shown <= err_n:
                print(text)
                print("   gold:", json.dumps(gv, ensure_ascii=False), "\n   pred:", json.dumps(pv, ensure_ascii=False))
if err_field:
    print(f"{shown} errors")
for prefix in ("field/", "field-mixed/", "field-rendered/"):
    for f in score.PAPER_FIELDS + ["all"]:
        print(acc[prefix + f].line(prefix + f))
