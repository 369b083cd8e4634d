"""Printing a built site's reports and activity guides to PDF, with Chromium: what `make pdf` runs.

    python -m learnaloud.printing SITE_DIR OUT_DIR

Every page whose HTML marks itself `data-la-print="report"` or `data-la-print="guide"` is printed
as the browser prints it (the site's print stylesheet, A4, backgrounds, a tagged PDF with an
outline from its headings) into OUT_DIR/<the page's address>.pdf: `toolkit/story-harvest/` becomes
`OUT_DIR/toolkit/story-harvest.pdf`. The site is served on a loopback port for as long as it takes;
nothing is fetched from anywhere else.

Chromium is Debian's (`chromium` on the PATH, or $LEARNALOUD_CHROMIUM), driven through Playwright:
no browser is downloaded. Not part of a build: a build stays fast, and needs no browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

PRINTABLE = re.compile(rb'data-la-print="(report|guide)"')
PRINT_KINDS = ("report", "guide")
# Headless flags that work on a machine with no network (the browser tests use them too).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CHROMIUM_VARIABLE = "LEARNALOUD_CHROMIUM"


@dataclass(frozen=True)
class Printable:
    url: str  # the page's address in the site, e.g. toolkit/story-harvest/
    kind: str  # report or guide

    @property
    def pdf_name(self) -> str:
        """Where its PDF goes under the output folder: the address, as a file."""
        stem = self.url.strip("/").removesuffix(".html") or "index"
        return f"{stem}.pdf"


def printable_pages(site: Path) -> list[Printable]:
    """The pages of a built site that ask to be printed, in address order."""
    found = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        data = path.read_bytes()
        if PRINTABLE.search(data) is None:  # most pages: no need to parse them
            continue
        kind = print_kind(data.decode("utf-8", errors="replace"))
        if kind is None:
            continue
        url = relative.removesuffix("index.html") if path.name == "index.html" else relative
        found.append(Printable(url, kind))
    return found


def print_kind(page: str) -> str | None:
    """What a page asks to be printed as: the `data-la-print` of an element the site's template
    put directly in the page's article — never words in the text that merely mention it."""
    reader = MarkReader()
    reader.feed(page)
    reader.close()
    return reader.kind


# Elements HTML gives no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class MarkReader(HTMLParser):
    """Finds `data-la-print` on a child of Material's `<article class="md-content__inner">`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article: 1 for its children; 0 outside it
        self.kind: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.kind is not None:
            return
        values = dict(attrs)
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in (values.get("class") or "").split():
                self.depth = 1
            return
        if self.depth == 1 and values.get("data-la-print") in PRINT_KINDS:
            self.kind = values["data-la-print"]
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth > 0 and tag not in VOID:
            self.depth -= 1


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path, handler_class: type[QuietHandler] = QuietHandler, path: str = "/") -> Iterator[str]:
    """The built site on a free loopback port, for as long as the block runs; its address ends
    in `path` (a handler may serve the site under a sub-path)."""
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    chosen = os.environ.get(CHROMIUM_VARIABLE) or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chosen).is_file():
        raise SystemExit(
            f"printing needs Debian's Chromium and found none at {chosen} — install it "
            f"(sudo apt-get install chromium) or set {CHROMIUM_VARIABLE} to its path"
        )
    return chosen


def page_count(pdf: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:  # the test tools are not installed: the summary goes without it
        return None
    return len(PdfReader(pdf).pages)


def print_site(site: Path, out: Path) -> list[tuple[Printable, Path]]:
    """Print every report and guide of a built site into `out`; each PDF with its page."""
    from playwright.sync_api import sync_playwright

    pages = printable_pages(site)
    printed: list[tuple[Printable, Path]] = []
    if not pages:
        return printed
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.emulate_media(media="print", color_scheme="light")
            for item in pages:
                target = out / item.pdf_name
                target.parent.mkdir(parents=True, exist_ok=True)
                tab.goto(base + item.url, wait_until="load")
                tab.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    tagged=True,
                    outline=True,
                )
                printed.append((item, target))
        finally:
            browser.close()
    return printed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m learnaloud.printing SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    site, out = Path(argv[0]), Path(argv[1])
    if not (site / "index.html").is_file():
        print(f"{site} is not a built site (no index.html) — build it first: mkdocs build", file=sys.stderr)
        return 2
    printed = print_site(site, out)
    for item, pdf in printed:
        count = page_count(pdf)
        pages = f"{count} page{'s' * (count != 1)}" if count is not None else ""
        print(f"{pdf}  {item.kind:<6}  {pages:<9}  {pdf.stat().st_size // 1024} KB  /{item.url}")
    reports = sum(1 for item, _ in printed if item.kind == "report")
    print(f"Printed {len(printed)} PDFs into {out}: {reports} reports, {len(printed) - reports} guides")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
