"""The binding against the CLI: the same reports, the same conversions, the
same messages for tool errors."""

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

import citelint
from conftest import cli_path, dev_papers, run_cli

FORMATS = ["bibtex", "biblatex", "csl-json", "yaml", "text", "html"]


@pytest.fixture(scope="module")
def cli_reports():
    papers = dev_papers()
    out = run_cli("check", "--format", "json", *papers)
    files = json.loads(out.stdout)["files"]
    assert [f["path"] for f in files] == papers
    return dict(zip(papers, files))


def test_check_file_equals_the_cli_on_every_dev_paper(cli_reports):
    for path, expected in cli_reports.items():
        assert citelint.check_file(path) == expected, path


def test_check_of_text_equals_the_cli_on_every_dev_paper(cli_reports):
    for path, expected in cli_reports.items():
        text = Path(path).read_text(encoding="utf-8")
        got = citelint.check(text, path=path)
        assert got == expected, path
    # the findings are there to compare: the dev papers are not all clean
    assert sum(len(r["diagnostics"]) for r in cli_reports.values()) > 0


def test_check_without_a_path_is_named_like_standard_input():
    text = "See [1] and [2].\n\nReferences\n\n1. Smith J. Birds. Ibis 2001;1:1-2.\n"
    report = citelint.check(text)
    assert report["path"] == "-"
    assert [d["rule"] for d in report["diagnostics"]][0] == "unresolved-citation"
    done = subprocess.run(
        [str(cli_path()), "check", "--isolated", "--format", "json", "-"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    cli = json.loads(done.stdout)["files"][0]
    assert report == cli


def test_a_config_file_is_applied(tmp_path):
    text = "See [1, 2, 3].\n\nReferences\n\n1. A. J. 2001.\n2. B. J. 2002.\n3. C. J. 2003.\n"
    plain = citelint.check(text)
    assert "uncompressed-range" not in [d["rule"] for d in plain["diagnostics"]]
    config = tmp_path / "citelint.toml"
    config.write_text('extend-select = ["uncompressed-range"]\n', encoding="utf-8")
    rules = [d["rule"] for d in citelint.check(text, config=config)["diagnostics"]]
    assert "uncompressed-range" in rules
    # found beside the file, as the CLI finds it
    paper = tmp_path / "paper.txt"
    paper.write_text(text, encoding="utf-8")
    found = citelint.check_file(paper)
    assert "uncompressed-range" in [d["rule"] for d in found["diagnostics"]]
    cli = json.loads(run_cli("check", "--format", "json", str(paper)).stdout)["files"][0]
    assert found == cli


@pytest.mark.parametrize("to", FORMATS)
def test_convert_equals_the_cli_byte_for_byte(to):
    for path in dev_papers():
        expected = run_cli("convert", path, "--to", to, check_exit=(0,)).stdout
        assert citelint.convert(Path(path), to=to).encode("utf-8") == expected, (path, to)
        text = Path(path).read_text(encoding="utf-8")
        assert citelint.convert(text, to=to).encode("utf-8") == expected, (path, to)


@pytest.mark.parametrize("style", ["apa", "ieee", "vancouver"])
def test_convert_with_a_style_equals_the_cli(style):
    for path in dev_papers()[:10]:
        expected = run_cli("convert", path, "--to", "text", "--style", style, check_exit=(0,))
        got = citelint.convert(Path(path), to="text", style=style)
        assert got.encode("utf-8") == expected.stdout, (path, style)


def test_bibliographies_convert_like_the_cli():
    bibs = sorted(Path("bib").glob("*.bib")) + sorted(Path("bib").glob("*.json"))
    assert bibs
    for bib in bibs:
        for to in ["bibtex", "csl-json", "text"]:
            expected = run_cli("convert", str(bib), "--to", to, check_exit=(0,)).stdout
            assert citelint.convert(bib, to=to).encode("utf-8") == expected, (bib, to)


def test_parse_references_equals_convert_refs(tmp_path):
    refs = []
    for path in dev_papers()[:20]:
        for r in citelint.check_file(path)["references"]:
            text = Path(path).read_text(encoding="utf-8").encode("utf-8")
            refs.append(text[r["text_start"] : r["end"]].decode("utf-8").replace("\n", " "))
    refs = [r for r in refs if r.strip()]
    assert len(refs) > 100
    lines = tmp_path / "refs.txt"
    lines.write_text("\n".join(refs) + "\n", encoding="utf-8")
    expected = json.loads(run_cli("convert", "--refs", str(lines), "--to", "csl-json").stdout)
    items = citelint.parse_references(refs)
    assert items == expected
    assert all(isinstance(i, dict) and "type" in i and "id" in i for i in items)


def cli_error(*args: str) -> str:
    """The message of the tool error the CLI reports for `args`."""
    done = run_cli(*args, check_exit=(2,))
    line = done.stderr.decode("utf-8").strip().splitlines()[-1]
    assert line.startswith("citelint: error: "), line
    return line[len("citelint: error: ") :]


def test_a_missing_file_raises_input_error():
    with pytest.raises(citelint.InputError) as e:
        citelint.check_file("no/such/paper.txt")
    assert str(e.value) == cli_error("check", "no/such/paper.txt")
    assert isinstance(e.value, citelint.CitelintError)


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n", b"%PDF-1.4\n%%EOF\n", b"ab\x00cd", b"caf\xe9 [1]\n"],
    ids=["empty", "blank", "pdf-header", "binary", "latin-1"],
)
def test_bytes_that_are_no_manuscript_raise_input_error(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(citelint.InputError) as e:
        citelint.check_file(bad)
    if not content.startswith(b"%PDF"):  # the CLI runs pdftotext on a PDF
        assert str(e.value) == cli_error("check", str(bad))
    assert str(bad) in str(e.value)


def test_an_invalid_config_raises_config_error(tmp_path):
    config = tmp_path / "citelint.toml"
    config.write_text('select = ["no-such-rule"]\n', encoding="utf-8")
    paper = tmp_path / "p.txt"
    paper.write_text("See [1].\n", encoding="utf-8")
    with pytest.raises(citelint.ConfigError) as e:
        citelint.check("See [1].\n", config=config)
    assert str(e.value) == cli_error("check", "--config", str(config), str(paper))
    with pytest.raises(citelint.ConfigError):
        citelint.check_file(paper)


def test_bad_conversions_raise_convert_error(tmp_path):
    paper = dev_papers()[0]
    cases = [
        ({"to": "docx"}, ["--to", "docx"]),
        ({"to": "bibtex", "style": "apa"}, ["--to", "bibtex", "--style", "apa"]),
        ({"to": "text", "style": "no-such-style"}, ["--to", "text", "--style", "no-such-style"]),
    ]
    for kwargs, flags in cases:
        with pytest.raises(citelint.ConvertError) as e:
            citelint.convert(Path(paper), **kwargs)
        # the CLI refuses an unknown style while parsing its arguments
        if "no-such-style" not in flags:
            assert str(e.value) == cli_error("convert", paper, *flags)
        else:
            assert "no-such-style" in str(e.value)
    bib = tmp_path / "broken.bib"
    bib.write_text("@article{x, title = {unclosed\n", encoding="utf-8")
    with pytest.raises(citelint.ConvertError) as e:
        citelint.convert(bib, to="csl-json")
    assert str(e.value) == cli_error("convert", str(bib), "--to", "csl-json")


def test_wrong_argument_types_raise_type_error():
    with pytest.raises(TypeError):
        citelint.check(b"bytes are not text")
    with pytest.raises(TypeError):
        citelint.parse_references("one string, not a list")
    with pytest.raises(TypeError):
        citelint.check("x", "positional path")


def test_threads_check_at_once():
    # several threads share the module and get the same reports as one
    paper = dev_papers()[0]
    expected = citelint.check_file(paper)
    results = []

    def work():
        results.append(citelint.check_file(paper))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_the_gil_is_released_while_checking():
    # While one thread is inside `check`, another runs Python code: with the
    # GIL held for the call, it could not run at all between its start and end.
    text = "\n".join(Path(p).read_text(encoding="utf-8") for p in dev_papers()[:20])
    span = {}

    def work():
        span["start"] = time.perf_counter()
        citelint.check(text)
        span["end"] = time.perf_counter()

    ticks = []
    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    start, end = span["start"] + 0.02, span["end"] - 0.02
    assert end - start > 0.1, "the check was too short to tell"
    inside = sum(1 for t in ticks if start < t < end)
    assert inside > 100, inside


def test_check_bytes_decodes_as_the_cli_does(cli_reports, tmp_path):
    for path, expected in list(cli_reports.items())[:10]:
        assert citelint.check_bytes(Path(path).read_bytes(), path=path) == expected, path
    # UTF-16 with a byte-order mark: the offsets are into the decoded text
    path = dev_papers()[0]
    text = Path(path).read_text(encoding="utf-8")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    got = citelint.check_bytes(utf16.read_bytes(), path=str(utf16))
    cli = json.loads(run_cli("check", "--format", "json", str(utf16)).stdout)["files"][0]
    assert got == cli
    assert got["diagnostics"] == cli_reports[path]["diagnostics"]
    with pytest.raises(citelint.InputError) as e:
        citelint.check_bytes(b"\x00\x01binary", path="blob.bin")
    assert str(e.value).startswith("`blob.bin` is binary data")
