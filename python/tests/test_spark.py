"""The Spark corpus job in local mode with two workers against the CLI:
the same findings for every dev paper."""

import json
import os
import shutil
import sys

import pytest

# no skip: without PySpark these tests fail
import pyspark  # noqa: F401
from citelint import spark as job
from conftest import PAPERS, dev_papers, run_cli


@pytest.fixture(scope="module")
def session():
    from pyspark.sql import SparkSession

    # the workers run this interpreter, which has citelint installed
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("citelint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield s
    s.stop()


def cli_findings():
    """(relative path, rule, code, severity, line, column, message) for
    every finding the CLI reports on the dev papers, and its summaries."""
    papers = dev_papers()
    files = json.loads(run_cli("check", "--format", "json", *papers).stdout)["files"]
    findings, summaries = [], {}
    for f in files:
        rel = os.path.relpath(f["path"], os.path.relpath(PAPERS))
        for d in f["diagnostics"]:
            findings.append(
                (rel, d["rule"], d["code"], d["severity"], d["line"], d["column"], d["message"])
            )
        summaries[rel] = f["summary"]
    return findings, summaries


def relative(uri: str) -> str:
    prefix = "file:" + str(PAPERS) + "/"
    assert uri.startswith(prefix), uri
    return uri[len(prefix) :]


def test_the_job_writes_the_findings_of_the_cli(session, tmp_path):
    out = tmp_path / "out"
    job.run(session, str(PAPERS), str(out), partitions=2)
    findings = session.read.parquet(str(out / "findings")).collect()
    papers = session.read.parquet(str(out / "papers")).collect()
    got = sorted(
        (relative(r.path), r.rule, r.code, r.severity, r.line, r.column, r.message)
        for r in findings
    )
    expected, summaries = cli_findings()
    assert len(expected) > 0
    assert got == sorted(expected)
    assert len(papers) == 65
    for p in papers:
        assert p.error is None, (p.path, p.error)
        s = summaries[relative(p.path)]
        assert (p.markers, p.references, p.errors, p.warnings, p.infos) == (
            s["markers"], s["references"], s["errors"], s["warnings"], s["infos"],
        ), p.path
        assert p.seconds >= 0


def test_parquet_input_and_tool_errors(session, tmp_path):
    paper = dev_papers()[0]
    text = open(paper, encoding="utf-8").read()
    rows = [("good.txt", text), ("empty.txt", "")]
    session.createDataFrame(rows, "path string, text string").write.parquet(str(tmp_path / "in"))
    job.run(session, str(tmp_path / "in"), str(tmp_path / "out"), parquet=True)
    papers = {r.path: r for r in session.read.parquet(str(tmp_path / "out" / "papers")).collect()}
    assert set(papers) == {"good.txt", "empty.txt"}
    assert papers["good.txt"].error is None
    # text given as text is not decoded: an empty one is checked, not refused
    assert papers["empty.txt"].markers == 0
    expected = json.loads(run_cli("check", "--format", "json", paper).stdout)["files"][0]
    findings = session.read.parquet(str(tmp_path / "out" / "findings")).collect()
    assert sorted(r.message for r in findings if r.path == "good.txt") == sorted(
        d["message"] for d in expected["diagnostics"]
    )


def test_a_file_that_is_no_manuscript_is_a_tool_error_row(session, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(dev_papers()[0], src / "good.txt")
    (src / "bad.txt").write_bytes(b"ab\x00cd")
    job.run(session, str(src), str(tmp_path / "out"))
    papers = {
        os.path.basename(r.path): r
        for r in session.read.parquet(str(tmp_path / "out" / "papers")).collect()
    }
    assert papers["good.txt"].error is None
    assert "is binary data, not a plain-text manuscript" in papers["bad.txt"].error


def test_the_documented_command_runs(session, tmp_path):
    # `python -m citelint.spark --master local[1] SOURCE OUTPUT`, in its own JVM
    import subprocess

    src = tmp_path / "in"
    src.mkdir()
    for p in dev_papers()[:3]:
        shutil.copy(p, src / os.path.basename(p))
    done = subprocess.run(
        [sys.executable, "-m", "citelint.spark", "--master", "local[1]", str(src), str(tmp_path / "out")],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    papers = session.read.parquet(str(tmp_path / "out" / "papers")).collect()
    assert sorted(os.path.basename(r.path) for r in papers) == sorted(
        os.path.basename(p) for p in dev_papers()[:3]
    )
    assert all(r.error is None for r in papers)
