"""`mkdocs serve`: a record's new text shows first, the whole site follows; with a mistake in the
content, every address shows the problems (file, line, fix) instead of hanging or showing the
last good site, and the page comes back by itself once fixed."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.test_pages_in_chromium import serious_violations
from tests.helpers import BASE_TREE, MKDOCS_YML, write_tree

RECORD = "places/north-quay/records/2025-03-12-market-stall.md"
RECORD_URL = "places/north-quay/records/2025-03-12-market-stall/"
TITLE = "Conversations at the Saturday market"
PROBLEM = "'stroy' is not a valid evidence"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """The page at an address, whatever its status (MkDocs answers a missing page with 404.html)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except urllib.error.URLError:  # not listening yet
        return ""


def wait_for(what: Callable[[], bool], seconds: float = 60) -> float:
    """How long until `what` holds (polled); fails after `seconds`."""
    start = time.monotonic()
    while not what():
        if time.monotonic() - start > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - start


SHOWN_FIRST = "shown first; the rest of the site follows"
LIVE_RELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)  # its epoch differs


class Preview:
    def __init__(self, root: Path, url: str) -> None:
        self.record = root / "content" / RECORD
        self.good = self.record.read_text()
        self.url = url
        self.log = root / "serve.log"

    def said(self, words: str) -> int:
        """How often the server's log has said this."""
        return self.log.read_text(encoding="utf-8").count(words)

    def served(self, path: str) -> str:
        """The page as the build wrote it (without the script MkDocs' server puts in)."""
        return LIVE_RELOAD.sub("", fetch(self.url + path))

    def write_body(self, more: str) -> None:
        self.record.write_text(self.good + more)

    def page(self, path: str = "") -> str:
        """The page's text as a reader sees it (entities decoded)."""
        return html.unescape(fetch(self.url + path))

    def break_record(self) -> None:
        self.record.write_text(
            self.good.replace("evidence: [story, feedback]", "evidence: [stroy, feedback]")
        )

    def fix_record(self) -> None:
        self.record.write_text(self.good)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`mkdocs serve` of a small network, as a contributor runs it to preview an edit."""
    docs = write_tree(tmp_path / "content", BASE_TREE)
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(docs=docs, options="", custom_dir=""))
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LEARNALOUD_VISIBILITY", None)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    # MkDocs serves under site_url's path.
    running = Preview(tmp_path, f"http://127.0.0.1:{port}/network/")
    try:
        wait_for(lambda: server.poll() is None and TITLE in running.page(RECORD_URL))
        yield running
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_a_record_s_new_text_shows_first_and_the_whole_site_follows(preview: Preview) -> None:
    preview.write_body("\nWe noticed zebracorns at the stall.\n")
    wait_for(lambda: "zebracorns" in preview.page(RECORD_URL))
    first = preview.served(RECORD_URL)
    assert preview.said(SHOWN_FIRST) == 1
    wait_for(lambda: "zebracorns" in preview.page("questions/learning/"))  # the whole build, behind it
    # The page shown first is the page the whole build makes.
    assert preview.served(RECORD_URL) == first
    # A new heading (the questions a record answers) waits for the whole build.
    preview.write_body("\n## What would we do differently?\n\nBring more chairs.\n")
    wait_for(lambda: "more chairs" in preview.page(RECORD_URL))
    assert preview.said(SHOWN_FIRST) == 1


def test_a_missing_page_of_the_public_preview_says_why_a_new_record_may_be_missing(preview: Preview) -> None:
    missing = fetch(preview.url + "places/north-quay/records/2025-12-01-just-begun/")
    assert "This page is not here" in missing and "LEARNALOUD_VISIBILITY=network make serve" in missing


def test_an_open_page_that_shows_the_record_catches_up_by_itself(preview: Preview, browser: Browser) -> None:
    """The browser reloads when the record is shown first, and again when the rest follows: a tab
    on the question's page (which shows the record's answer) ends with the new text."""
    page = browser.new_page()
    page.goto(preview.url + "questions/learning/")
    preview.write_body("\nWe noticed zebracorns at the stall.\n")
    page.wait_for_function("document.body?.innerText.includes('zebracorns')", timeout=60_000)
    assert preview.said(SHOWN_FIRST) == 1
    wait_for(lambda: preview.said("the rest of the site is up to date") == 1)
    page.close()


def test_a_text_the_build_would_refuse_is_never_shown_first(preview: Preview) -> None:
    preview.write_body("\n" + "*" * 400 + "deep" + "*" * 400 + "\n")  # emphasis nested too deep
    wait_for(lambda: "problem to fix" in preview.page(RECORD_URL))
    assert f"content/{RECORD}" in preview.page("") and preview.said(SHOWN_FIRST) == 0


def test_every_address_shows_the_problem_and_the_fix_brings_the_site_back(preview: Preview) -> None:
    preview.break_record()
    shown_after = wait_for(lambda: PROBLEM in preview.page(RECORD_URL))
    print(f"the problem showed {shown_after:.2f} s after the file was saved")
    for path in ("", RECORD_URL, "themes/", "no/such/page/"):
        page = preview.page(path)
        assert f"content/{RECORD}:5" in page and "did you mean 'story'?" in page
        assert TITLE not in page  # never the last good site as if it were current
    preview.fix_record()
    wait_for(lambda: TITLE in preview.page(RECORD_URL))
    assert PROBLEM not in preview.page("")
    assert preview.said(SHOWN_FIRST) == 0  # front matter changed, then a site of problems shown


def test_the_problem_page_reloads_itself_in_the_browser(preview: Preview, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(preview.url + RECORD_URL)
    assert page.locator("h1").inner_text() == TITLE
    preview.break_record()
    page.wait_for_function(f"document.body?.innerText.includes({PROBLEM!r})", timeout=60_000)
    assert "problem to fix" in page.locator("h1").inner_text()
    # Its own address has no page in this preview (a 404 each time it is asked for; the browser's
    # own requests, as for a favicon, are not counted).
    asked = f'GET /network/{RECORD_URL} HTTP/1.1" code 404'
    shown = preview.said(asked)
    page.wait_for_timeout(3000)  # it asks every second whether the problems changed
    assert preview.said(asked) == shown  # by a file that exists: no "404" line each second
    preview.fix_record()
    page.wait_for_function(f"document.querySelector('h1')?.innerText === {TITLE!r}", timeout=60_000)
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_problem_page_is_accessible(
    preview: Preview, browser: Browser, scheme: str, tmp_path: Path
) -> None:
    preview.break_record()
    wait_for(lambda: PROBLEM in preview.page(RECORD_URL))
    page = browser.new_page(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(preview.url + "themes/")
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / f"problems-{scheme}.png"), full_page=True)
    page.close()
