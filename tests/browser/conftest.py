"""Real Chromium (Debian's, through Playwright) over the example network built as it ships.

The sites are built from the repository's own mkdocs.yml — its palette, tabs, Markdown extensions
and custom_dir — not from a test configuration: what readers get is what is tested. The public
build is the site the world reads; the network build (LEARNALOUD_VISIBILITY=network) is the
network's own, with the pages only it has (health).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT, Build, serving
from tests.test_bench import load_bench

SHIPPED_CONFIG = ROOT / "mkdocs.yml"


def build_shipped(site: Path, visibility: str | None = None) -> Build:
    """`mkdocs build` with the shipped mkdocs.yml, as `make site` runs it, into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LEARNALOUD_VISIBILITY", None)
    if visibility is not None:
        env["LEARNALOUD_VISIBILITY"] = visibility
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(SHIPPED_CONFIG), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example network as the world reads it: mkdocs.yml, public build."""
    build = build_shipped(tmp_path_factory.mktemp("shipped") / "public")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def shipped_network_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example network's own site: mkdocs.yml, LEARNALOUD_VISIBILITY=network."""
    build = build_shipped(tmp_path_factory.mktemp("shipped") / "network", visibility="network")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def served(shipped_site: Build) -> Iterator[str]:
    """The address of the shipped public site, served on a free loopback port."""
    with serving(shipped_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def served_network(shipped_network_site: Build) -> Iterator[str]:
    with serving(shipped_network_site.site) as url:
        yield url


LARGE = 1000  # records in the benchmark's synthetic network that the scale tests build
WORD = "quillwort"  # in one record's body only: the generated sentences never use it


@dataclass(frozen=True)
class LargeSite:
    url: str  # where it is served
    site: Path
    marked: str  # the address of the record whose body has WORD


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LargeSite]:
    """The benchmark's 1,000-record network built with the shipped mkdocs.yml, and served."""
    root = tmp_path_factory.mktemp("thousand")
    bench = load_bench()
    content = root / "content"
    bench.write_learnaloud_content(bench.make_network(LARGE), content)
    record = sorted(content.glob("places/*/records/*.md"))[LARGE // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(text + f"\nWe found {WORD} growing beside the path.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {SHIPPED_CONFIG}\ndocs_dir: {content}\ntheme:\n  custom_dir: {ROOT / 'theme_overrides'}\n"
    )
    site = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
    assert result.returncode == 0, result.stderr
    marked = f"places/{record.parent.parent.name}/records/{record.stem}/"
    assert (site / marked / "index.html").is_file()
    with serving(site) as url:
        yield LargeSite(url, site, marked)
