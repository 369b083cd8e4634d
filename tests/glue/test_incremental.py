"""A rebuild takes the pages whose inputs did not change from the last build (glue `reuse`, core
`Outputs`): after each edit a contributor makes — a record, a theme and a place edited, added and
deleted — the rebuilt site is byte for byte the site a cold build makes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from learnaloud.glue.plugin import THEME_DIR
from tests.helpers import EXAMPLE, Build, build_site

RECORD = "places/north-quay/records/2025-04-09-riverside-path-volunteers.md"
NEW_RECORD = "places/hillfoot/records/2025-03-01-a-new-record.md"  # not the newest: the site's date stays
NEW_PLACE = "places/east-dene"


def edit_record(docs: Path) -> None:
    path = docs / RECORD
    path.write_text(
        path.read_text(encoding="utf-8") + "\nOne more thing we noticed: the path needs lights.\n"
    )


def add_record(docs: Path) -> None:
    (docs / NEW_RECORD).write_text(
        "---\ntitle: A record added in the preview\ndate: 2025-03-01\nevidence: [story]\n"
        "themes: [relational-approaches]\n---\n\n## What are we learning through the work?\n\nThat adding works.\n"
    )


def delete_record(docs: Path) -> None:
    (docs / NEW_RECORD).unlink()


def edit_theme(docs: Path) -> None:
    path = docs / "themes.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"title: Relational approaches", "title: Relational ways of working", text, count=1)
    )


NEW_THEME = "\n- id: night-walks\n  title: Night walks\n  description: Walking the place after dark.\n"
THEMED = "themes: [bigger-invitation, relational-approaches]"


def add_theme(docs: Path) -> None:
    """A new theme, taken up by a record: it gets a page, and every list of themes names it."""
    themes, record = docs / "themes.yml", docs / RECORD
    themes.write_text(themes.read_text(encoding="utf-8") + NEW_THEME)
    text = record.read_text(encoding="utf-8")
    assert THEMED in text
    record.write_text(text.replace(THEMED, THEMED.replace("]", ", night-walks]")))


def delete_theme(docs: Path) -> None:
    themes, record = docs / "themes.yml", docs / RECORD
    themes.write_text(themes.read_text(encoding="utf-8").replace(NEW_THEME, ""))
    record.write_text(record.read_text(encoding="utf-8").replace(", night-walks]", "]"))


def add_place(docs: Path) -> None:
    (docs / NEW_PLACE / "records").mkdir(parents=True)
    (docs / NEW_PLACE / "place.yml").write_text("name: East Dene\nregion: Durham\n")
    (docs / NEW_PLACE / "records" / "2025-10-01-first-steps.md").write_text(
        "---\ntitle: First steps in East Dene\ndate: 2025-10-01\nevidence: [activity]\n---\n\nWe began.\n"
    )


def delete_place(docs: Path) -> None:
    shutil.rmtree(docs / NEW_PLACE)


def retitle_page(docs: Path) -> None:
    """A hand-written page's heading: its title in the navigation of every page."""
    path = docs / "about.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^# .*$", "# How we learn out loud", text, count=1, flags=re.M))


LEARNED_FROM = "places/north-quay/records/2025-01-22-who-is-missing-from-the-room.md"
LEARNED_FROM_REF = "north-quay/2025-01-22-who-is-missing-from-the-room"
LEARNER = "places/hillfoot/records/2025-02-20-kitchen-tables-second-round.md"  # learned from it
UNRELATED = "places/hillfoot/records/2024-03-06-kitchen-table-conversations.md"


def replace_in(docs: Path, path: str, old: str, new: str) -> None:
    text = (docs / path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    (docs / path).write_text(text.replace(old, new, 1))


def retitle_learned_from(docs: Path) -> None:
    """A record another record learned from: its card on that record's page changes."""
    replace_in(
        docs, LEARNED_FROM, "title: Who is missing from our coordination group", "title: Who is missing"
    )


def learn_from(docs: Path) -> None:
    """A record that now names another as learned from: the other's page lists it as shaped."""
    replace_in(
        docs, UNRELATED, "visibility: public", f"learned_from: [{LEARNED_FROM_REF}]\nvisibility: public"
    )


def withhold_learned_from(docs: Path) -> None:
    """A record made network-only: gone from the public build, and from the pages that showed it."""
    replace_in(docs, LEARNED_FROM, "visibility: public", "visibility: network")


# Each edit, and whether some pages stay as they were (a title in the navigation is on every page).
EDITS = [
    (edit_record, True),
    (retitle_learned_from, True),
    (learn_from, True),
    (withhold_learned_from, True),
    (add_record, True),
    (delete_record, True),
    (edit_theme, True),
    (add_theme, True),
    (delete_theme, True),
    (add_place, True),
    (delete_place, True),
    (retitle_page, False),
]


def unchanged(output: str) -> int:
    found = re.search(r"(\d+) pages unchanged since the last build", output)
    return int(found[1]) if found else 0  # a build that reuses nothing says nothing of it


def by_content(output: str) -> int:
    found = re.search(r"\((\d+) found by the content alone;", output)
    return int(found[1]) if found else 0


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(EXAMPLE, copy)
    return copy


def test_a_rebuild_after_each_edit_is_the_cold_build(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    first = build_site(docs, tmp_path / "project" / "site")
    assert first.returncode == 0, first.output
    again = build_site(docs, tmp_path / "project" / "site")
    assert unchanged(again.output) == len(list(again.site.rglob("*.html"))) - 1  # all but the 404
    # Content unchanged: every page found without making its view.
    assert by_content(again.output) == unchanged(again.output)
    assert again.bytes_on_disk() == first.bytes_on_disk()
    assert "the search index is the last build's" in again.output
    for number, (edit, reuses) in enumerate(EDITS):
        edit(docs)
        warm = build_site(docs, tmp_path / "project" / "site")
        assert warm.returncode == 0, f"{edit.__name__}: {warm.output}"
        assert (warm.site / "themes/night-walks/index.html").is_file() == (edit is add_theme)
        assert (unchanged(warm.output) > 0) == reuses, (
            f"{edit.__name__}: {unchanged(warm.output)} pages reused"
        )
        if edit in (edit_record, retitle_learned_from):
            # The dependency map: of the records' pages, only those made from the edited record
            # (its own, and those showing its card) have their views made again, with the pages
            # that list every record; posts and measures, made from no record, are found as well.
            records = len(list(warm.site.glob("places/*/records/*/index.html")))
            pages = len(list(warm.site.rglob("index.html")))
            assert records - 3 <= by_content(warm.output) < pages - 10, warm.output
        # A site of its own (its own mkdocs.yml): no page of it was built before.
        cold = build_site(docs, tmp_path / "project" / f"cold-{number}")
        assert cold.returncode == 0, f"{edit.__name__}: {cold.output}"
        assert unchanged(cold.output) == 0
        warm_files, cold_files = warm.bytes_on_disk(), cold.bytes_on_disk()
        assert sorted(warm_files) == sorted(cold_files), edit.__name__
        differ = [path for path in warm_files if warm_files[path] != cold_files[path]]
        assert differ == [], f"{edit.__name__}: {differ[:5]}"


def test_settings_that_are_not_plain_text_keep_the_build_working(docs: Path, tmp_path: Path) -> None:
    """A nav label YAML reads as a date: the page cache's key says it as text."""
    nav = "nav:\n  - index.md\n  - 2025-12-01: about.md\n"
    for _ in range(2):
        build = build_site(docs, tmp_path / "project" / "site", extra=nav)
        assert build.returncode == 0, build.output
    assert unchanged(build.output) > 0


def test_a_page_that_warns_warns_in_every_build(docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """A page's Markdown rendered once is reused, but not what MkDocs said of it: a link to a page
    that is not there, or to a heading that is not, is reported by every build, and fails every
    strict one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    (docs / "notes.md").write_text("# Notes\n\nSee [the plan](missing-plan.md).\n")
    (docs / "more.md").write_text("# More\n\nSee [how we work](about.md#no-such-heading).\n")
    anchors = "validation:\n  anchors: warn\n"
    builds = [build_site(docs, tmp_path / "project" / "site", extra=anchors) for _ in range(2)]
    for build in builds:
        assert "missing-plan.md" in build.output
        assert "does not contain an anchor '#no-such-heading'" in build.output
    assert re.search(r"the Markdown of [1-9]\d* pages as the last build rendered it", builds[1].output)
    for _ in range(2):
        strict = build_site(docs, tmp_path / "project" / "site", extra=anchors, strict=True)
        assert strict.returncode != 0
        assert "missing-plan.md" in strict.output and "#no-such-heading" in strict.output


def test_what_a_quiet_build_did_not_hear_the_next_build_says(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """`mkdocs build -q` hears no warning: it stores no render, so the next build warns (and a
    strict one fails) as a build with no cache would."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    (docs / "notes.md").write_text("# Notes\n\nSee [the plan](missing-plan.md).\n")
    quiet = build_site(docs, tmp_path / "project" / "site", strict=True, quiet=True)
    assert quiet.returncode == 0  # as MkDocs' own: a quiet build hears no warning
    strict = build_site(docs, tmp_path / "project" / "site", strict=True)
    assert strict.returncode != 0 and "missing-plan.md" in strict.output


def test_a_link_to_a_withheld_record_that_goes_away_is_reported(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """A link into what the build withholds is Learn Aloud's to explain; once the record is gone,
    MkDocs' 'not found' is said again, by a build that has the page's last render in its cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    withheld = "places/north-quay/records/2025-06-14-what-we-did-not-say-on-the-funder-visit.md"
    (docs / "notes.md").write_text(f"# Notes\n\nSee [the visit](places/../{withheld}).\n")
    first = build_site(docs, tmp_path / "project" / "site", strict=True)
    assert first.returncode != 0 and "which this build does not publish" in first.output
    (docs / withheld).unlink()
    strict = build_site(docs, tmp_path / "project" / "site", strict=True)
    assert strict.returncode != 0 and "is not found" in strict.output, strict.output


def test_an_extension_that_reads_files_turns_the_render_cache_off(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """pymdownx.snippets puts a file's text into a page: no render is reused, so a changed file
    shows in the next build."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "note.txt").write_text("Version one of the note.\n")
    (docs / "notes.md").write_text('# Notes\n\n--8<-- "note.txt"\n')
    extra = f"markdown_extensions:\n  - toc\n  - pymdownx.snippets:\n      base_path: [{snippets}]\n"
    first = build_site(docs, tmp_path / "project" / "site", extra=extra)
    assert first.returncode == 0, first.output
    (snippets / "note.txt").write_text("Version two of the note.\n")
    again = build_site(docs, tmp_path / "project" / "site", extra=extra)
    assert "Version two of the note." in again.page("notes")
    assert "the Markdown of 0 pages" in again.output


SAVED_WHILE_BUILDING = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
import learnaloud.glue.plugin as glue

config_file, site, record = sys.argv[1:]
read = glue.check_site


def saved_while_building(*args, **kwargs):
    # The contributor saves once the build has read the content, while it makes the pages.
    checked = read(*args, **kwargs)
    path = Path(record)
    path.write_text(path.read_text().replace("Who is missing from our coordination group", "Who is missing"))
    glue.check_site = read
    return checked


glue.check_site = saved_while_building
build(load_config(config_file=config_file, site_dir=site))
build(load_config(config_file=config_file, site_dir=site))  # nothing saved during this one
"""


def test_a_file_saved_while_a_build_runs_is_made_again_by_the_next(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    assert build_site(docs, tmp_path / "project" / "site").returncode == 0  # the cache filled
    config = tmp_path / "project" / "mkdocs-site.yml"
    site = tmp_path / "project" / "site"
    out = subprocess.run(
        [sys.executable, "-c", SAVED_WHILE_BUILDING, str(config), str(site), str(docs / LEARNED_FROM)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    cold = build_site(docs, tmp_path / "project" / "cold")
    assert cold.returncode == 0 and unchanged(cold.output) == 0, cold.output
    warm_files, cold_files = Build(0, "", site).bytes_on_disk(), cold.bytes_on_disk()
    assert sorted(warm_files) == sorted(cold_files)
    assert [path for path in warm_files if warm_files[path] != cold_files[path]] == []


def test_the_same_folders_named_relative_or_absolute_are_the_same_site(tmp_path: Path) -> None:
    """`mkdocs serve` names mkdocs.yml as typed (`-f mkdocs.yml`) and its rebuilds by full path: a
    custom_dir relative to it is then written both ways, and is still the same folder."""
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project / "content")
    (project / "overrides").mkdir()
    (project / "overrides" / "README.txt").write_text("Templates here replace Learn Aloud's.\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Test network\nsite_url: https://example.org/\ndocs_dir: content\n"
        "theme:\n  name: material\n  font: false\n  custom_dir: overrides\nplugins:\n  - learnaloud\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    outputs = []
    for config in ("mkdocs.yml", str(project / "mkdocs.yml")):
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(tmp_path / "site")],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stderr)
    pages = len(list((tmp_path / "site").rglob("*.html")))
    assert unchanged(outputs[1]) >= pages - 2, outputs[1]  # all but the 404 page and the sitemap's


# A template that fails once five pages are made (and kept in the cache).
FAILS_AFTER_FIVE_PAGES = (
    '{% block extrahead %}{% set _ = config.extra.setdefault("made", []).append(1) %}'
    "{% if config.extra.made | length > 5 %}{{ no_such_thing.attr }}{% endif %}"
)
BUILT_AFTER_A_FAILURE = """
import logging, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.getLogger("mkdocs").setLevel(logging.INFO)  # as `mkdocs serve` logs: renders are kept
config_file, site, template, fails = sys.argv[1:]
good = Path(template).read_text()
for text in (good, good.replace("{% block extrahead %}", fails), good + " "):
    Path(template).write_text(text)
    started = time.monotonic()
    try:
        build(load_config(config_file=config_file, site_dir=site))
        print("built", round(time.monotonic() - started), flush=True)
    except BaseException as error:
        print("failed", type(error).__name__, flush=True)
"""


def test_a_build_after_a_failed_one_in_the_same_process_is_not_held_up(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """As `mkdocs serve` rebuilds: the failed build's cache entries are let go, with their lock."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    main = Path(THEME_DIR, "main.html").read_text()
    (overrides / "main.html").write_text(main)
    built = build_site(docs, tmp_path / "project" / "site", custom_dir=overrides)
    assert built.returncode == 0, built.output
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILT_AFTER_A_FAILURE,
            str(tmp_path / "project" / "mkdocs-site.yml"),
            str(tmp_path / "project" / "site"),
            str(overrides / "main.html"),
            FAILS_AFTER_FIVE_PAGES,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    said = out.stdout.split("\n")
    assert said[0].startswith("built") and said[1].startswith("failed"), out.stdout + out.stderr
    assert said[2].startswith("built"), out.stdout + out.stderr
    assert int(said[2].split()[1]) < 60, out.stdout  # it waited ten seconds for every page's lock


def test_a_strict_build_takes_the_pages_of_one_that_was_not(
    docs: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """`--strict` decides whether a warning fails the build, not what a page holds."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = build_site(docs, tmp_path / "project" / "site")
    assert first.returncode == 0, first.output
    strict = build_site(docs, tmp_path / "project" / "site", strict=True)
    assert strict.returncode == 0, strict.output
    assert unchanged(strict.output) == len(list(strict.site.rglob("*.html"))) - 1  # all but the 404
    assert strict.bytes_on_disk() == first.bytes_on_disk()
