"""Real Chromium (Debian's, through Playwright) over the example network built as it ships.

The sites are built from the repository's own mkdocs.yml — its palette, tabs, Markdown extensions
and custom_dir — not from a test configuration: what readers get is what is tested. The public
build is the site the world reads; the network build (LEARNALOUD_VISIBILITY=network) is the
network's own, with the pages only it has (health).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.helpers import ROOT, Build

SHIPPED_CONFIG = ROOT / "mkdocs.yml"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host does: a missing path gets the site's 404.html."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served(shipped_site: Build) -> Iterator[str]:
    """The address of the shipped public site, served on a free loopback port."""
    yield from serve(shipped_site.site)


@pytest.fixture(scope="session")
def served_network(shipped_network_site: Build) -> Iterator[str]:
    yield from serve(shipped_network_site.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(executable):
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
