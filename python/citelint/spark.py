"""Checks a corpus of manuscripts on Apache Spark.

Each manuscript is read and checked on the executors by the citelint
binding (one Python worker process per core, each checking its partition's
files one after another), and two Parquet tables are written:

* ``OUTPUT/findings``: one row per finding: path, rule, code, severity,
  line, column, message;
* ``OUTPUT/papers``: one row per manuscript: path, markers, references,
  errors, warnings, infos, seconds (the time its check took on the worker),
  and ``error``: the message of a tool error (a file that is not a
  manuscript), which the CLI would have reported with exit code 2, or null.

Input is a directory of manuscripts (``*.txt`` and ``*.md``, read
recursively, on any file system Spark reads: a local path, ``hdfs://``,
``s3a://``), or a Parquet table with columns ``path`` and ``text``
(``--parquet``).

Local mode, two cores::

    python -m citelint.spark --master 'local[2]' papers/ out/

On a cluster, with the citelint wheel installed on every node (or shipped
in a packed virtual environment with ``--archives``)::

    spark-submit --master yarn --deploy-mode cluster \\
        --num-executors 50 --executor-cores 4 --executor-memory 4g \\
        --conf spark.sql.files.maxPartitionBytes=16m \\
        "$(python -c 'import citelint.spark as s; print(s.__file__)')" \\
        hdfs:///corpus/papers hdfs:///corpus/citelint
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Iterable, Iterator, Optional

FINDINGS_SCHEMA = (
    "path string, rule string, code string, severity string, "
    "line int, column int, message string"
)
PAPERS_SCHEMA = (
    "path string, markers int, references int, errors int, warnings int, "
    "infos int, seconds double, error string"
)


def _local(path: str) -> str:
    """A ``file:`` URI as a local path (so that a ``citelint.toml`` beside
    the file applies, as with the CLI); other URIs as they are."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def check_one(path: str, content, config: Optional[str]):
    """The finding rows and the summary row of one manuscript; ``content``
    is its bytes (decoded as the CLI decodes a file) or its text."""
    import citelint

    start = time.perf_counter()
    try:
        if isinstance(content, str):
            report = citelint.check(content, path=_local(path), config=config)
        else:
            report = citelint.check_bytes(bytes(content), path=_local(path), config=config)
    except citelint.CitelintError as e:
        seconds = time.perf_counter() - start
        return [], (path, 0, 0, 0, 0, 0, seconds, str(e))
    seconds = time.perf_counter() - start
    findings = [
        (path, d["rule"], d["code"], d["severity"], d["line"], d["column"], d["message"])
        for d in report["diagnostics"]
    ]
    s = report["summary"]
    summary = (
        path,
        s["markers"],
        s["references"],
        s["errors"],
        s["warnings"],
        s["infos"],
        seconds,
        None,
    )
    return findings, summary


def _check_partition(rows: Iterable, config: Optional[str]) -> Iterator:
    """Tagged rows for one partition: ``(0, finding)`` and ``(1, summary)``."""
    for path, content in rows:
        findings, summary = check_one(path, content, config)
        for f in findings:
            yield (0, f)
        yield (1, summary)


def run(spark, source: str, output: str, *, parquet: bool = False,
        config: Optional[str] = None, partitions: Optional[int] = None) -> None:
    """Checks the manuscripts at ``source`` and writes ``output/findings``
    and ``output/papers`` as Parquet (replacing what is there)."""
    if parquet:
        docs = spark.read.parquet(source).select("path", "text")
    else:
        docs = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{txt,md}")
            .load(source)
            .select("path", "content")
        )
    rdd = docs.rdd.map(tuple)
    if partitions:
        rdd = rdd.repartition(partitions)
    tagged = rdd.mapPartitions(lambda rows: _check_partition(rows, config))
    # both tables come from one pass over the corpus
    tagged = tagged.persist()
    try:
        findings = tagged.filter(lambda t: t[0] == 0).map(lambda t: t[1])
        papers = tagged.filter(lambda t: t[0] == 1).map(lambda t: t[1])
        spark.createDataFrame(findings, FINDINGS_SCHEMA).write.mode("overwrite").parquet(
            f"{output}/findings"
        )
        spark.createDataFrame(papers, PAPERS_SCHEMA).write.mode("overwrite").parquet(
            f"{output}/papers"
        )
    finally:
        tagged.unpersist()


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(
        prog="citelint.spark", description="Check a corpus of manuscripts on Spark."
    )
    parser.add_argument("source", help="directory of manuscripts, or Parquet with --parquet")
    parser.add_argument("output", help="directory for the findings and papers tables")
    parser.add_argument("--parquet", action="store_true",
                        help="source is a Parquet table with columns path and text")
    parser.add_argument("--config", help="a citelint.toml every executor can read")
    parser.add_argument("--partitions", type=int,
                        help="repartition the manuscripts (default: as Spark reads them)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("citelint")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # the workers run this interpreter, which has citelint installed
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        run(spark, args.source, args.output, parquet=args.parquet,
            config=args.config, partitions=args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
