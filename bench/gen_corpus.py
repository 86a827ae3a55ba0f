#!/usr/bin/env python3
"""Generates a realistic corpus of manuscripts for the whole-run benchmark.

Each generated file is one source manuscript (from paper/, and from the dev
papers when given) with its body paragraphs shuffled and repeated 1-8 times,
followed by its own reference list, untouched: real citation density, real
reference lists, varied sizes. Deterministic for a given seed.

usage: gen_corpus.py OUT_DIR MEGABYTES SOURCE_DIR...
"""
import os
import random
import re
import sys

HEADING = re.compile(
    r"^[ \t#*]*(?:[0-9IVX.]+\s+)?(references|bibliography|literature cited|works cited|"
    r"references cited|reference list|notes and references|参考文献)[:：.]?\*?\s*$",
    re.I | re.M,
)


def sources(dirs):
    out = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".txt", ".md")):
                    with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                        text = fh.read()
                    heads = list(HEADING.finditer(text))
                    if heads:
                        at = heads[-1].start()
                        out.append((text[:at], text[at:]))
    return out


def main():
    out_dir, megabytes, dirs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20261127)
    srcs = sources(dirs)
    if not srcs:
        sys.exit("no manuscripts with a reference list in " + " ".join(dirs))
    target = int(megabytes * 1e6)
    total = n = 0
    while total < target:
        body, refs = rng.choice(srcs)
        paras = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
        times = rng.randint(1, 8)
        chosen = []
        for _ in range(times):
            rng.shuffle(paras)
            chosen.extend(paras)
        text = "\n\n".join(chosen) + "\n\n" + refs
        path = os.path.join(out_dir, f"m{n:05d}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode("utf-8"))
        n += 1
    print(f"{n} files, {total / 1e6:.1f} MB in {out_dir}")


if __name__ == "__main__":
    main()
