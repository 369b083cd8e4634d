"""The build cache (core/cache.py): outside the project, so a pull request cannot fill it; the same
site from a cold cache and a warm one; a cache that cannot be written only costs time."""

from __future__ import annotations

from pathlib import Path

from pytest import MonkeyPatch

from tests.helpers import EXAMPLE, Build, build_site

CANARY = "cache-canary-7f3a"


def test_a_warm_cache_builds_the_same_site_without_drawing_or_reading_again(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cold = build_site(EXAMPLE, tmp_path / "cold")
    assert cold.returncode == 0, cold.output
    warm = build_site(EXAMPLE, tmp_path / "warm")
    assert warm.returncode == 0, warm.output
    assert cold.files() == warm.files()
    cache = tmp_path / "cache" / "learnaloud"
    assert "charts, 0 drawn and" in warm.output and ", 0 drawn" not in cold.output
    records = list(EXAMPLE.glob("places/*/records/*.md"))
    assert len(list((cache / "parsed").rglob("*.pickle"))) >= len(records)
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
    assert example_site.files() == build.files()


def test_cache_dir_puts_the_cache_beside_mkdocs_yml(tmp_path: Path) -> None:
    build = build_site(EXAMPLE, tmp_path / "site", options="      cache_dir: our-cache")
    assert build.returncode == 0, build.output
    assert {p.name for p in (tmp_path / "our-cache").iterdir()} >= {"charts", "parsed", "templates"}


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: MonkeyPatch, example_site: Build
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build = build_site(EXAMPLE, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert build.files() == example_site.files()
