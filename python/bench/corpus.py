"""Papers per second: the CLI, the Python binding in one process, and the
Spark corpus job with 1 and 2 local workers, on one corpus: the dev papers
copied until they make at least 100 MB (each copy a separate file).

    target/py/bin/python python/bench/corpus.py [--mb 100] [--cli target/release/citelint]

The corpus is written under target/bench-corpus (nothing large is
committed). Prints a Markdown table; the Spark rows also name the engine's
overhead: the wall clock less the check time the workers measured, divided
among the workers (session start, file listing, scheduling, pickling,
Parquet writing), and the session's start on its own.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAPERS = REPO.parent / "shared" / "datasets" / "dev" / "papers"


def make_corpus(root: Path, mb: int) -> list:
    papers = sorted(PAPERS.glob("**/*.txt"))
    size = sum(p.stat().st_size for p in papers)
    copies = -(-mb * 1_000_000 // size)
    marker = root / f".{copies}-copies"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        for c in range(copies):
            for p in papers:
                dest = root / f"copy{c:03}" / p.relative_to(PAPERS)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest)
        marker.touch()
    return sorted(str(p) for p in root.glob("**/*.txt"))


def timed(f):
    start = time.perf_counter()
    out = f()
    return time.perf_counter() - start, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--cli", default=str(REPO / "target" / "debug" / "citelint"))
    args = ap.parse_args()

    import citelint
    from citelint import spark as job

    root = REPO / "target" / "bench-corpus"
    files = make_corpus(root, args.mb)
    total_mb = sum(os.path.getsize(f) for f in files) / 1e6
    n = len(files)
    print(f"corpus: {n} papers, {total_mb:.1f} MB; CLI {args.cli}; binding {citelint.__file__}")
    rows = []

    for jobs in (1, 2):
        def cli():
            with open(os.devnull, "wb") as null:
                subprocess.run(
                    [args.cli, "check", "--format", "json", "--jobs", str(jobs), str(root)],
                    stdout=null, check=False,
                )
        secs, _ = timed(cli)
        rows.append((f"CLI `check --format json --jobs {jobs}`", secs, ""))

    secs, reports = timed(lambda: [citelint.check_file(f) for f in files])
    assert len(reports) == n
    rows.append(("binding, one process, one thread", secs, ""))

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for workers in (1, 2):
        out = REPO / "target" / "bench-spark-out"
        start, spark = timed(
            lambda: SparkSession.builder.master(f"local[{workers}]")
            .appName("citelint-bench")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
        secs, _ = timed(lambda: job.run(spark, str(root), str(out), partitions=4 * workers))
        papers = spark.read.parquet(str(out / "papers"))
        checked = papers.count()
        work = papers.agg({"seconds": "sum"}).collect()[0][0]
        spark.stop()
        assert checked == n, checked
        overhead = secs - work / workers
        rows.append((
            f"Spark local[{workers}]",
            secs,
            f"session start {start:.1f} s, not counted (the JVM starts with the first); "
            f"check time on workers {work:.1f} s ({n / work:.0f} papers/s per worker); "
            f"overhead {overhead:.1f} s ({100 * overhead / secs:.0f}% of the run)",
        ))

    print()
    print("| run | seconds | papers/s | MB/s | notes |")
    print("|---|---:|---:|---:|---|")
    for name, secs, note in rows:
        print(f"| {name} | {secs:.1f} | {n / secs:.0f} | {total_mb / secs:.1f} | {note} |")


if __name__ == "__main__":
    main()
