"""The build cache (core/cache.py): outside the project, so a pull request cannot fill it; the same
site from a cold cache and a warm one; a cache that cannot be written only costs time."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from tests.helpers import EXAMPLE, MKDOCS_YML, Build, build_site

CANARY = "cache-canary-7f3a"


def test_a_warm_cache_builds_the_same_site_without_drawing_or_reading_again(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cold = build_site(EXAMPLE, tmp_path / "project" / "cold")
    assert cold.returncode == 0, cold.output
    warm = build_site(EXAMPLE, tmp_path / "project" / "warm")
    assert warm.returncode == 0, warm.output
    assert cold.bytes_on_disk() == warm.bytes_on_disk()
    cache = tmp_path / "cache" / "learnaloud"
    assert "charts, 0 drawn and" in warm.output and ", 0 drawn" not in cold.output
    records = list(EXAMPLE.glob("places/*/records/*.md"))
    with sqlite3.connect(cache / "parsed" / "shelf.sqlite3") as shelf:
        assert shelf.execute("SELECT count(*) FROM items").fetchone()[0] >= len(records)
    assert list((cache / "templates").iterdir())


def test_a_cache_folder_committed_in_the_project_is_never_read(
    tmp_path: Path, monkeypatch: MonkeyPatch, example_site: Build, build_cache: Path
) -> None:
    """A pull request that adds `.learnaloud-cache/charts/<key>.svg` (the folder earlier versions
    used) with a script in it: the build draws its charts in the user's cache instead."""
    charts = sorted((build_cache / "charts").glob("*.svg"))
    assert charts, "the example draws charts"
    planted = tmp_path / "project" / ".learnaloud-cache" / "charts"
    planted.mkdir(parents=True)
    for chart in charts:
        svg = chart.read_text().replace("</svg>", f"<script>alert('{CANARY}')</script></svg>")
        (planted / chart.name).write_text(svg)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh"))
    build = build_site(EXAMPLE, tmp_path / "project" / "site")
    assert build.returncode == 0, build.output
    assert [path for path, data in build.files().items() if CANARY.encode() in data] == []
    assert example_site.bytes_on_disk() == build.bytes_on_disk()


def test_cache_dir_names_a_folder_outside_the_project(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-cache"
    build = build_site(EXAMPLE, tmp_path / "site", options=f"      cache_dir: {outside}")
    assert build.returncode == 0, build.output
    assert {p.name for p in outside.iterdir()} >= {"charts", "parsed", "templates"}


@pytest.mark.parametrize("where", ["cache_dir", "XDG_CACHE_HOME"])
def test_a_cache_folder_inside_the_project_is_never_used(
    tmp_path: Path, monkeypatch: MonkeyPatch, example_site: Build, build_cache: Path, where: str
) -> None:
    """A site that points its cache into the repository (GitLab's `$CI_PROJECT_DIR/.cache`, say)
    would trust what a pull request puts there: the build says so and uses no cache."""
    project = tmp_path / "project"
    planted = project / "our-cache" / ("learnaloud" if where == "XDG_CACHE_HOME" else "") / "charts"
    planted.mkdir(parents=True)
    for chart in (build_cache / "charts").glob("*.svg"):
        (planted / chart.name).write_text(
            chart.read_text().replace("</svg>", f"<script>{CANARY}</script></svg>")
        )
    options = ""
    if where == "cache_dir":
        options = "      cache_dir: our-cache"
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(project / "our-cache"))
    build = build_site(EXAMPLE, project / "site", options=options)
    assert build.returncode == 0, build.output
    assert "is inside the project" in build.output and "this build uses no cache" in build.output
    assert [path for path, data in build.files().items() if CANARY.encode() in data] == []
    assert build.bytes_on_disk() == example_site.bytes_on_disk()
    assert not list((project / "our-cache").rglob("shelf.sqlite3"))  # nothing written there either


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")  # the XDG specification: only absolute paths count
    build = build_site(EXAMPLE, tmp_path / "project" / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "home" / ".cache" / "learnaloud" / "charts").is_dir()
    assert not (tmp_path / ".cache").exists()


def test_rebuilds_in_one_process_do_not_keep_the_last_builds(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in one process: what a build leaves must not stay frozen."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(docs=EXAMPLE, options="", custom_dir=""))
    script = f"""
import gc, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
counts = []
for _ in range(6):
    build(load_config(config_file={str(config)!r}, site_dir={str(tmp_path / "site")!r}))
    counts.append(len(gc.get_objects()))
print(counts[-1] - counts[1])
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(out.stdout) < 2000, out.stdout  # about 8,000 more objects a rebuild when they were kept


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: MonkeyPatch, example_site: Build
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build = build_site(EXAMPLE, tmp_path / "project" / "site")
    assert build.returncode == 0, build.output
    assert build.bytes_on_disk() == example_site.bytes_on_disk()
