"""`mkdocs serve` shows a record's new text first (glue/preview.py): the page written at once is
the page the whole build then makes, and any other change waits for the whole build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import BASE_TREE, MKDOCS_YML, write_tree

RECORD = "places/north-quay/records/2025-03-12-market-stall.md"
PAGE = "places/north-quay/records/2025-03-12-market-stall/index.html"

# Each change, made after a whole build, then shown first (or not) and built whole again.
SCRIPT = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site, docs = sys.argv[1:]
record, page = Path(docs, {record!r}), Path(site, {page!r})
good = record.read_text()
changes = {{
    "text": lambda: record.write_text(good + "\\nWe noticed zebracorns at the stall.\\n"),
    # A paragraph before a heading: the headings move down, and are the same headings.
    "text before a heading": lambda: record.write_text(
        good.replace("\\n## ", "\\nWe noticed zebracorns at the stall.\\n\\n## ", 1)
    ),
    "front matter": lambda: record.write_text(good.replace("date: 2025-03-12", "date: 2025-03-13")),
    "heading": lambda: record.write_text(good + "\\n## What would we do differently?\\n\\nChairs.\\n"),
    "new file": lambda: Path(docs, "about.md").write_text("# About\\n\\nUs.\\n"),
    # A strict build behind refuses the link: the page shown first is taken back.
    "refused behind": lambda: record.write_text(good + "\\nSee [the plan](nowhere.md).\\n"),
}}
results = {{}}
for name, change in changes.items():
    config = load_config(config_file=config_file, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    before = page.read_text()
    plugin = config.plugins["learnaloud"]
    change()
    if name == "refused behind":
        strict = lambda: build(load_config(config_file=config_file, site_dir=site, strict=True))
        plugin.first_shown.build(strict)
        plugin.first_shown.wait()
        results[name] = page.read_text() == before
    else:
        shown = plugin.first_shown.show_first()
        first = page.read_text()
        build(load_config(config_file=config_file, site_dir=site))
        results[name] = [shown, first == before, first == page.read_text(), "zebracorns" in first]
    record.write_text(good)
    Path(docs, "about.md").unlink(missing_ok=True)
print(json.dumps(results))
"""


def test_only_a_record_s_text_is_shown_first_and_it_is_the_page_the_whole_build_makes(
    tmp_path: Path,
) -> None:
    docs = write_tree(tmp_path / "content", BASE_TREE)
    # A title to escape, and no summary: the page's description is the start of its text.
    record = docs / RECORD
    text = record.read_text(encoding="utf-8").replace(
        "title: Conversations at the Saturday market", "title: Tea & talk at the market"
    )
    text = text.replace("summary: We set up a stall and listened.\n", "")
    assert "Tea & talk" in text and "summary:" not in text
    record.write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(docs=docs, options="", custom_dir=""))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path.parent / "shown-cache")}
    script = SCRIPT.format(record=RECORD, page=PAGE)
    out = subprocess.run(
        [sys.executable, "-c", script, str(config), str(tmp_path / "site"), str(docs)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout.splitlines()[-1])
    # The new text at once, and the page shown first is the one the whole build made after it.
    shown = ["places/north-quay/records/2025-03-12-market-stall/"]
    for name in ("text", "text before a heading"):
        assert results[name] == [shown, False, True, True], name
    for name in ("front matter", "heading", "new file"):
        assert results[name] == [[], True, False, False], name  # nothing written before the build
    assert results["refused behind"] is True
