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
from pathlib import Path

import pytest

from tests.helpers import ROOT, Build, serving

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
