"""No input makes the loader raise: every file, however broken, becomes diagnostics."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnaloud.core.load import load_content
from tests.helpers import BASE_TREE, write_tree

TOKENS = [
    "---\n",
    "\n",
    "  ",
    "\t",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "&a",
    "*a",
    "!!python/object ",
    "title",
    "date",
    "evidence",
    "themes",
    "learned_from",
    "visibility",
    "private",
    "loop",
    "scope",
    "places",
    "2025-03-12",
    "2025-13-01",
    "9999-99-99",
    "yes",
    "null",
    "~",
    "1e999",
    "0x1F",
    ".nan",
    "story",
    "public",
    "north-quay/2025-03-12-market-stall",
    "\ufeff",
    "\r\n",
    "\x00",
    "é",
    "<script>",
    "```learning-records\n",
    "```\n",
    "limit: -1\n",
    "<<: *a\n",
    "? ",
    "|\n",
    ">\n",
    "%YAML 1.1\n",
    "...\n",
]

fragments = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
FILES = [
    "network.yml",
    "themes.yml",
    "places/north-quay/place.yml",
    "places/north-quay/measures.yml",
    "places/north-quay/records/2025-03-12-market-stall.md",
    "tables/2025-06-table.yml",
    "toolkit/activity.md",
    "notes.md",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(FILES), text=fragments)
def test_any_file_text_gives_diagnostics_never_an_exception(target: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), BASE_TREE)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_bytes(text.encode("utf-8", "surrogatepass"))
        _, report = load_content(root)
        for diagnostic in report.diagnostics:
            assert diagnostic.path and diagnostic.message and diagnostic.hint
            assert diagnostic.line >= 0
