"""Atomic publishing (core/publish.py): a signal between the two renames leaves a whole site."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

STOPPED_BETWEEN_THE_RENAMES = """
import os, pathlib, signal, sys
from learnaloud.core.publish import StagedSite, exit_when_terminated
exit_when_terminated()
site = pathlib.Path(sys.argv[1])
staged = StagedSite(site)
(staged.start() / "index.html").write_text("new")
rename = pathlib.Path.rename
def renamed(self, target):
    done = rename(self, target)
    if str(target).endswith(".learnaloud-previous"):
        os.kill(os.getpid(), signal.SIGTERM)  # a cancelled CI job, at the worst moment
    return done
pathlib.Path.rename = renamed
staged.publish()
"""


def test_a_sigterm_between_the_renames_leaves_the_new_site_in_place(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(STOPPED_BETWEEN_THE_RENAMES), str(site)],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert run.returncode == 143, run.stderr
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_left_aside_by_a_killed_build_is_put_back_by_the_next(tmp_path: Path) -> None:
    """SIGKILL cannot be held: the next build finds the last site aside and puts it back first."""
    from learnaloud.core.publish import StagedSite

    site = tmp_path / "site"
    staged = StagedSite(site)
    staged.previous.mkdir()
    (staged.previous / "index.html").write_text("old")
    staged.start()
    assert (site / "index.html").read_text() == "old"
    staged.abandon()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
