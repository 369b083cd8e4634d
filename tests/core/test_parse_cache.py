"""`mkdocs serve` rebuilds re-read only the files that changed, with the same diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

from learnaloud.core.load import ParseCache, load_content
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
