#!/usr/bin/env python3
"""Held-out error analysis of a cross-validation run.

    REFPARSE_CV=1 REFPARSE_CV_DUMP=/tmp/cv.jsonl scripts/train-refparse.sh
    scripts/refparse_cv_errors.py /tmp/cv.jsonl [FIELD] [N]

Without FIELD: per field, the false positives / false negatives counted by the
scorer's own normalisation (imports /work/shared/eval/score.py). With FIELD:
the first N mistakes of that field, with gold, prediction and token labels.
"""
import importlib.util, json, os, sys, collections

spec = importlib.util.spec_from_file_location("score", os.environ.get("SCORE_PY", "/work/shared/eval/score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

FIELDS = ["author", "title", "container", "year", "volume", "issue", "pages", "publisher", "location",
          "doi", "url", "isbn", "edition"]
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
field = sys.argv[2] if len(sys.argv) > 2 else None
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 30
setf = os.environ.get("SET")
if setf:
    recs = [r for r in recs if r["set"] == setf]

if field is None:
    tab = collections.defaultdict(lambda: collections.Counter())
    for r in recs:
        for f in FIELDS:
            g = score.gold_ref_field(f, r["gold"])
            p = score.pred_ref_field(f, r["pred"])
            if g == p:
                if g is not None:
                    tab[f]["ok"] += 1
                continue
            if g is None:
                tab[f]["spurious"] += 1
            elif p is None:
                tab[f]["missed"] += 1
            else:
                tab[f]["wrong"] += 1
            tab[f]["set:" + r["set"]] += 1
    for f in FIELDS:
        c = tab[f]
        print(f"{f:10} ok {c['ok']:4}  wrong {c['wrong']:3}  missed {c['missed']:3}  spurious {c['spurious']:3}   ",
              " ".join(f"{k[4:]}={v}" for k, v in sorted(c.items()) if k.startswith("set:")))
    sys.exit()

shown = 0
for r in recs:
    g = score.gold_ref_field(field, r["gold"])
    p = score.pred_ref_field(field, r["pred"])
    if g == p:
        continue
    shown += 1
    if shown > limit:
        continue
    key = {"container": "container-title", "location": "publisher-place", "pages": "page", "year": "issued"}.get(field, field)
    print(f"[{r['set']}]", r["text"])
    print("   gold:", json.dumps(r["gold"].get(field), ensure_ascii=False))
    print("   pred:", json.dumps(r["pred"].get(key), ensure_ascii=False))
    runs = []
    for t, l in r["labels"]:
        if runs and runs[-1][0] == l:
            runs[-1][1].append(t)
        else:
            runs.append((l, [t]))
    print("   labels:", " | ".join(f"{l}: {' '.join(ts)}" for l, ts in runs))
print(f"{shown} errors of {len(recs)}")
