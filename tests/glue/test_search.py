"""The site's search index (core/search.py, Pagefind) as real builds write it: every result links to
its page's own address, names that would lead elsewhere are refused, the index is the same for the
same content, and a search that cannot be made stops the build with the last site unchanged."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from pytest import MonkeyPatch

from tests.helpers import BASE_TREE, build_site, write_tree

ODD_NAMES = {
    "odd/h#sh.md": "# Hash\n\nA zanzibar note.\n",
    "odd/q?m.md": "# Question\n\nA quokka note.\n",
    "odd/pct%41.md": "# Percent\n\nA pangolin note.\n",
    "odd/café notes.md": "# Café\n\nA capybara note.\n",
}


def test_every_result_links_to_its_pages_own_address(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", {**BASE_TREE, **ODD_NAMES})
    build = build_site(docs, tmp_path / "site")
    assert build.returncode == 0, build.output
    entries = {entry["title"]: entry["location"] for entry in build.search_index()}
    for title in ("Hash", "Question", "Percent", "Café"):
        location = entries[title]
        assert "%" in location, f"{title}: {location} is percent-encoded, as MkDocs links it"
        page = build.site / unquote(location) / "index.html"
        assert page.is_file(), f"{title}: {location} leads to its page"
    # Material's search plugin, still listed in the test mkdocs.yml, makes no index of its own.
    assert not (build.site / "search" / "search_index.json").exists()


def test_a_name_a_browser_would_read_as_another_address_is_refused(tmp_path: Path) -> None:
    for name in ("\\evil.example.md", "\t/evil.example.md", "notes\nnew.md"):
        docs = write_tree(tmp_path / f"c{len(name)}{ord(name[0])}", {**BASE_TREE, name: "# Elsewhere\n"})
        build = build_site(docs, tmp_path / f"s{ord(name[0])}")
        assert build.returncode != 0
        assert "which a browser reads as part of an address" in build.output, build.output
        assert "rename it with letters, digits" in build.output


def test_the_same_content_makes_the_same_index(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """Pagefind's own output: each build with an empty cache, so neither takes the other's index."""
    docs = write_tree(tmp_path / "content", BASE_TREE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-one"))
    first = build_site(docs, tmp_path / "one")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-two"))
    second = build_site(docs, tmp_path / "two")
    assert "the search index is the last build's" not in second.output
    index = {p: d for p, d in first.bytes_on_disk().items() if p.startswith("pagefind/")}
    assert index and index == {p: d for p, d in second.bytes_on_disk().items() if p.startswith("pagefind/")}
    # Only what the site's search loads: Pagefind's own UIs are left out.
    assert not [p for p in index if "-ui." in p or "highlight" in p]


def test_a_search_that_cannot_be_made_stops_the_build_and_keeps_the_last_site(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", BASE_TREE)
    good = build_site(docs, tmp_path / "site")
    assert good.returncode == 0, good.output
    before = good.bytes_on_disk()
    for program in (str(tmp_path / "no-such-program"), "/bin/false"):
        os.environ["PAGEFIND_BINARY_PATH"] = program
        try:
            failed = build_site(docs, tmp_path / "site")
        finally:
            del os.environ["PAGEFIND_BINARY_PATH"]
        assert failed.returncode != 0
        assert "Pagefind" in failed.output and "the last site is unchanged" in failed.output, failed.output
        assert "Traceback" not in failed.output
        assert failed.bytes_on_disk() == before


def test_the_documents_handed_to_pagefind_are_gone_when_the_build_ends(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    docs = write_tree(tmp_path / "content", BASE_TREE)
    built = build_site(docs, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert built.search_index()  # Pagefind read the documents before they went
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    failed = build_site(docs, tmp_path / "site")
    assert failed.returncode != 0 and "Pagefind" in failed.output, failed.output
    assert [p.name for p in temporary.iterdir() if p.name.startswith("learnaloud-search-")] == []
