"""core/search.py's hand-over to Pagefind, which happens beside the build: whatever stops it is the
build's error when the build ends, never a traceback in a thread and a site without its search."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from learnaloud.core.publish import wait_for_removals
from learnaloud.core.search import SearchError, SearchIndex, search_document


def index_of(*urls: str) -> SearchIndex:
    index = SearchIndex()
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
