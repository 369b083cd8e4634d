from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from learnaloud.printing import CHROMIUM_ARGS  # Debian's Chromium headless, as `make pdf` runs it
from tests.helpers import EXAMPLE, Build, build_site


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The builds' cache (core/cache.py) in a folder of the session's own, never the user's: the
    builds of a session share it, as a contributor's builds do."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder / "learnaloud"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example network, built once for the whole session as a public site."""
    out: Path = tmp_path_factory.mktemp("example") / "site"
    build = build_site(EXAMPLE, out)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole session: Playwright's sync API allows one at a time."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(executable):
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
