"""core/cache.py's tree digest: what a page found by the content alone is keyed by."""

from __future__ import annotations

import os
from pathlib import Path

from learnaloud.core.cache import tree_digest


def test_a_tree_s_digest_follows_its_files_and_reads_only_regular_ones(tmp_path: Path) -> None:
    (tmp_path / "places" / "hillfoot").mkdir(parents=True)
    record = tmp_path / "places" / "hillfoot" / "record.md"
    record.write_text("We met.\n")
    first = tree_digest(tmp_path)
    assert tree_digest(tmp_path) == first
    record.write_text("We met again.\n")
    assert tree_digest(tmp_path) != first
    # A link to an endless file and a pipe are hashed by their names: reading either never ends.
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.md")
    linked = tree_digest(tmp_path)
    assert linked != first and tree_digest(tmp_path) == linked
