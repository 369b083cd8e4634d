"""core/cache.py's content digests: what a page found by its content files alone is keyed by."""

from __future__ import annotations

import os
from pathlib import Path

from learnaloud.core.cache import ContentDigests, file_digests

RECORD = "places/hillfoot/records/2025-01-01-we-met.md"
OTHER = "places/hillfoot/records/2025-02-01-we-met-again.md"


def test_a_tree_s_digests_follow_its_files_and_read_only_regular_ones(tmp_path: Path) -> None:
    (tmp_path / "places" / "hillfoot").mkdir(parents=True)
    record = tmp_path / "places" / "hillfoot" / "record.md"
    record.write_text("We met.\n")
    first = file_digests(tmp_path)
    assert list(first) == ["places/hillfoot/record.md"]
    assert file_digests(tmp_path) == first
    record.write_text("We met again.\n")
    assert file_digests(tmp_path) != first
    # A link to an endless file and a pipe are hashed by their names: reading either never ends.
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.md")
    linked = file_digests(tmp_path)
    assert sorted(linked) == ["pipe.md", "places/hillfoot/record.md", "zero.md"]
    assert file_digests(tmp_path) == linked


def test_a_page_s_key_changes_with_the_files_it_is_made_from_and_no_others() -> None:
    files = {"network.yml": "n1", "themes.yml": "t1", RECORD: "r1", OTHER: "o1"}
    before = ContentDigests(files, [RECORD, OTHER])
    record, other, listing = before.of([RECORD]), before.of([OTHER]), before.of(None)
    assert len({record, other, listing}) == 3
    # An edit to one record: its page and every page made from any file, not the other record's.
    edited = ContentDigests({**files, RECORD: "r2"}, [RECORD, OTHER])
    assert edited.of([RECORD]) != record
    assert edited.of([OTHER]) == other
    assert edited.of(None) != listing
    # A file any page may show (not named): every page.
    shared = ContentDigests({**files, "themes.yml": "t2"}, [RECORD, OTHER])
    assert shared.of([RECORD]) != record and shared.of([OTHER]) != other and shared.of(None) != listing
    # A page that now shows one more record (another record learned from it), or a record gone.
    assert before.of([RECORD, OTHER]) != record
    gone = {path: digest for path, digest in files.items() if path != OTHER}
    assert ContentDigests(gone, [RECORD]).of([OTHER]) != other
    assert ContentDigests(gone, [RECORD]).of([RECORD]) == record
