"""core/search.py's hand-over to Pagefind, which happens beside the build: whatever stops it is the
build's error when the build ends, never a traceback in a thread and a site without its search."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from learnaloud.core.publish import wait_for_removals
from learnaloud.core.search import SearchError, SearchIndex, search_document


def index_of(*urls: str, kept: Path | None = None) -> SearchIndex:
    index = SearchIndex(kept=kept)
    for url in urls:
        index.add(url, search_document(url, "<p>We met.</p>", language="en"))
    return index


def left_behind(temporary: Path) -> list[str]:
    wait_for_removals()
    return [p.name for p in temporary.iterdir() if p.name.startswith("learnaloud-search-")]


def test_pages_indexed_beside_the_build_leave_nothing_behind(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    index = index_of("places/", "places/hillfoot/")
    index.start(tmp_path / "site")
    assert index.documents == {}  # handed over: not held while the pages are built
    index.finish()
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert left_behind(tmp_path) == []


@pytest.mark.parametrize("same_disk", [True, False])
def test_the_index_kept_in_the_cache_is_the_site_s_whether_linked_or_copied(
    tmp_path: Path, monkeypatch: MonkeyPatch, same_disk: bool
) -> None:
    if not same_disk:  # the cache on another disk: a file cannot have a name on both

        def across_disks(source: str, target: str) -> None:
            raise OSError(errno.EXDEV, "Invalid cross-device link")

        monkeypatch.setattr(os, "link", across_disks)
    index = index_of("places/", "places/hillfoot/", kept=tmp_path / "kept")
    index.start(tmp_path / "one")
    index.finish()
    made = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()
    }
    again = index_of("places/", "places/hillfoot/", kept=tmp_path / "kept")
    again.start(tmp_path / "two")
    again.finish()
    assert again.reused
    assert {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()
    } == made
    entry = tmp_path / "two" / "pagefind" / "pagefind.js"
    assert (entry.stat().st_nlink > 1) == same_disk
    for removed in ("one", "kept"):  # the site's files outlive the cache's, and the other way round
        shutil.rmtree(tmp_path / removed)
    assert entry.read_bytes() == made[Path("pagefind/pagefind.js")]


def test_pages_that_cannot_be_handed_over_are_the_build_s_error(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    index = index_of("notes", "notes/")  # a file `notes`, then a folder of the same name
    index.start(tmp_path / "site")
    with pytest.raises(SearchError, match=r"could not be handed to Pagefind .*free some disk space"):
        index.finish()
    assert left_behind(tmp_path) == []


def test_anything_else_that_stops_the_hand_over_is_the_build_s_error_too(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise ValueError("no")

    monkeypatch.setattr(Path, "write_text", refuse)
    index = index_of("places/")
    index.start(tmp_path / "site")
    with pytest.raises(SearchError, match="report this with the build's log"):
        index.finish()
    assert left_behind(tmp_path) == []
