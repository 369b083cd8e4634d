"""`mkdocs serve` rebuilds re-read only the files that changed, with the same diagnostics; the next
build takes what was read cleanly from the shelf on disk."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

from pytest import MonkeyPatch

from learnaloud.core.cache import Shelf, default_folder, outside_project
from learnaloud.core.load import ParseCache, load_content
from learnaloud.core.loaders import reader
from learnaloud.core.loaders.reader import Reader
from tests.helpers import BASE_TREE, write_tree

RECORD = "places/north-quay/records/2025-03-12-market-stall.md"


def test_unchanged_files_come_from_the_cache(tmp_path: Path) -> None:
    root = write_tree(tmp_path, BASE_TREE)
    cache = ParseCache()
    first, _ = load_content(root, cache=cache)
    second, _ = load_content(root, cache=cache)
    key = "north-quay/2025-03-12-market-stall"
    assert second.records[key] is first.records[key]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    root = write_tree(tmp_path, BASE_TREE)
    cache = ParseCache()
    load_content(root, cache=cache)
    path = root / RECORD
    path.write_text(path.read_text().replace("Conversations at the Saturday market", "Edited title"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    content, _ = load_content(root, cache=cache)
    assert content.records["north-quay/2025-03-12-market-stall"].title == "Edited title"


def test_a_cached_broken_file_reports_its_problems_every_time(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**BASE_TREE, RECORD: "---\ntitle: Broken\nevidence: [stroy]\n---\n"})
    cache = ParseCache()
    _, first = load_content(root, cache=cache)
    _, second = load_content(root, cache=cache)
    assert [d.format() for d in first.errors] == [d.format() for d in second.errors]
    assert any("did you mean 'story'?" in d.hint for d in second.errors)


# -- on disk: the next build's read -------------------------------------------------------------


def test_the_next_build_takes_clean_files_from_the_shelf(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    root = write_tree(tmp_path / "content", BASE_TREE)
    shelf = Shelf(tmp_path / "shelf")
    first, _ = load_content(root, cache=ParseCache(shelf=shelf))
    read = []
    original = Reader.read_markdown_item
    monkeypatch.setattr(Reader, "read_markdown_item", lambda *a, **k: read.append(a[2]) or original(*a, **k))
    second, report = load_content(root, cache=ParseCache(shelf=shelf))  # a new build: a new process
    assert read == [] and not report.errors
    assert {k: r.model_dump() for k, r in second.records.items()} == {
        k: r.model_dump() for k, r in first.records.items()
    }
    assert second.records.keys() and second.posts.keys() == first.posts.keys()


def test_a_file_with_a_problem_is_never_shelved(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    broken = "---\ntitle: Broken\nevidence: [stroy]\n---\n"
    root = write_tree(tmp_path / "content", {**BASE_TREE, RECORD: broken})
    shelf = Shelf(tmp_path / "shelf")
    _, first = load_content(root, cache=ParseCache(shelf=shelf))
    read = []
    original = Reader.read_markdown_item
    monkeypatch.setattr(Reader, "read_markdown_item", lambda *a, **k: read.append(a[2]) or original(*a, **k))
    _, second = load_content(root, cache=ParseCache(shelf=shelf))
    assert read == [RECORD]  # read again, and says again what is wrong
    assert [d.format() for d in second.errors] == [d.format() for d in first.errors] != []


def test_an_edited_file_misses_the_shelf(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content", BASE_TREE)
    shelf = Shelf(tmp_path / "shelf")
    load_content(root, cache=ParseCache(shelf=shelf))
    path = root / RECORD
    path.write_text(path.read_text().replace("Conversations at the Saturday market", "Edited title"))
    content, _ = load_content(root, cache=ParseCache(shelf=shelf))
    assert content.records["north-quay/2025-03-12-market-stall"].title == "Edited title"


def test_a_torn_or_foreign_shelf_entry_is_read_afresh(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content", BASE_TREE)
    shelf = Shelf(tmp_path / "shelf")
    first, _ = load_content(root, cache=ParseCache(shelf=shelf))
    with sqlite3.connect(tmp_path / "shelf" / "shelf.sqlite3") as database:
        keys = [key for (key,) in database.execute("SELECT key FROM items ORDER BY key")]
        assert keys
        database.execute("UPDATE items SET value = ? WHERE key = ?", (b"not a pickle", keys[0]))
        foreign = pickle.dumps({"something": "else"})
        database.executemany("UPDATE items SET value = ? WHERE key = ?", [(foreign, key) for key in keys[1:]])
    second, report = load_content(root, cache=ParseCache(shelf=Shelf(tmp_path / "shelf")))
    assert not report.errors and second.records.keys() == first.records.keys()


def test_a_shelf_that_cannot_be_opened_is_no_shelf(tmp_path: Path) -> None:
    (tmp_path / "shelf").write_text("a file where the folder should be")
    content, report = load_content(
        write_tree(tmp_path / "content", BASE_TREE), cache=ParseCache(shelf=Shelf(tmp_path / "shelf"))
    )
    assert not report.errors and content.records


def test_a_load_that_stops_leaves_no_entry(tmp_path: Path) -> None:
    """Entries are kept when the load ends: a build stopped half-way leaves no half-read tree."""
    shelf = Shelf(tmp_path / "shelf")
    shelf.put("key", {"value": 1})
    assert Shelf(tmp_path / "shelf").get("key") is None
    shelf.save()
    assert Shelf(tmp_path / "shelf").get("key") == {"value": 1}


def test_the_key_names_the_file_and_the_code_that_read_it(monkeypatch: MonkeyPatch) -> None:
    cache = ParseCache()
    key = cache.key("a.md", "record", "text")
    assert key != cache.key("b.md", "record", "text")
    assert key != cache.key("a.md", "post", "text")
    assert key != cache.key("a.md", "record", "text!")
    monkeypatch.setattr(reader, "code_key", lambda: "other code")  # an edit to Learn Aloud
    assert key != cache.key("a.md", "record", "text")


def test_the_cache_is_the_users_not_the_projects(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "learnaloud"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_folder() == tmp_path / "home" / ".cache" / "learnaloud"


def test_a_cache_in_the_git_repository_around_the_site_is_refused(tmp_path: Path) -> None:
    """mkdocs.yml in a subfolder, content beside it: a pull request can still commit anywhere in
    the repository, a cache folder too (its pickles would run in the build)."""
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    site, docs = repository / "site-src", repository / "content"
    site.mkdir()
    docs.mkdir()
    assert not outside_project(repository / ".cache" / "learnaloud", site, docs)
    assert outside_project(tmp_path / "elsewhere" / "learnaloud", site, docs)
