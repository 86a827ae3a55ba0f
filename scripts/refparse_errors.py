#!/usr/bin/env python3
"""Lists field errors of `citelint convert --to csl-json` on dev refstrings,
using the scorer's own normalisation (imports /work/shared/eval/score.py).

usage: refparse_errors.py FIELD FILE.jsonl [N] [--heldout]
"""
import importlib.util, json, os, subprocess, sys, tempfile

spec = importlib.util.spec_from_file_location("score", os.environ.get("SCORE_PY", "/work/shared/eval/score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

args = [a for a in sys.argv[1:] if a != "--heldout"]
heldout = "--heldout" in sys.argv  # only every 5th record: what a REFPARSE_CV=1 model did not see
field, path = args[0], args[1]
limit = int(args[2]) if len(args) > 2 else 40
recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
if heldout:
    recs = [r for k, r in enumerate(recs, 1) if k % 5 == 0]
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
    for r in recs:
        t.write(" ".join(r["text"].split()) + "\n")
out = json.loads(subprocess.run(["target/release/citelint", "convert", "--to", "csl-json", "--refs", t.name],
                                capture_output=True).stdout)
os.unlink(t.name)
shown = 0
for r, c in zip(recs, out):
    g = score.gold_ref_field(field, r["fields"])
    p = score.pred_ref_field(field, c)
    if g == p:
        continue
    shown += 1
    if shown > limit:
        continue
    gf = r["fields"].get({"pages": "pages"}.get(field, field))
    pf = {"author": c.get("author"), "title": c.get("title"), "container": c.get("container-title"),
          "year": c.get("issued"), "volume": c.get("volume"), "issue": c.get("issue"), "pages": c.get("page"),
          "publisher": c.get("publisher"), "location": c.get("publisher-place"), "doi": c.get("DOI"),
          "url": c.get("URL"), "isbn": c.get("ISBN"), "edition": c.get("edition")}.get(field)
    print(" ".join(r["text"].split()))
    print("   gold:", json.dumps(gf, ensure_ascii=False), "\n   pred:", json.dumps(pf, ensure_ascii=False))
print(f"{shown} errors of {len(recs)}")
