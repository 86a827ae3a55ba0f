"""Shared fixtures: the repository, the CLI binary and the dev papers."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAPERS = REPO.parent / "shared" / "datasets" / "dev" / "papers"


def cli_path() -> Path:
    """The citelint binary the binding is compared with (CITELINT_BIN, or
    the debug build `cargo test` leaves in target/)."""
    return Path(os.environ.get("CITELINT_BIN", REPO / "target" / "debug" / "citelint"))


def dev_papers() -> list:
    """Every dev paper, as a path relative to the repository (the CLI is run
    from there, so the reports name the same paths)."""
    papers = sorted(PAPERS.glob("**/*.txt"))
    return [os.path.relpath(p, REPO) for p in papers]


def run_cli(*args: str, check_exit=(0, 1)) -> subprocess.CompletedProcess:
    """Runs the CLI from the repository root; its exit code must be one of
    `check_exit`."""
    done = subprocess.run(
        [str(cli_path()), *args], cwd=REPO, capture_output=True, check=False
    )
    assert done.returncode in check_exit, (args, done.returncode, done.stderr)
    return done


@pytest.fixture(scope="session", autouse=True)
def _setup():
    # Fail, never skip, when what the tests compare with is missing.
    assert cli_path().is_file(), f"no citelint binary at {cli_path()} (run cargo build)"
    assert len(dev_papers()) == 65, f"expected the 65 dev papers under {PAPERS}"
    os.chdir(REPO)
