"""Printing in real Chromium: every activity guide of the example, built with the mkdocs.yml that
ships, prints on one A4 sheet or two, with nothing that only makes sense on screen, no heading at
the foot of a page, and its address and licence; `python -m learnaloud.printing` prints every
report and guide of a built site; the 404 page works served under a sub-path, in both schemes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from learnaloud.printing import printable_pages
from learnaloud.printing import serving as serve_site
from tests.browser.test_pages_in_chromium import SCHEMES, Scheme, opened, serious_violations
from tests.helpers import EXAMPLE, ROOT, Build, SiteHandler

pytestmark = pytest.mark.browser

SITE_URL = str(yaml.safe_load((ROOT / "mkdocs.yml").read_text())["site_url"])
GUIDES = sorted(path.stem for path in (EXAMPLE / "toolkit").glob("*.md"))
SCREEN_ONLY = ("Where it was used", "Related guides", "Named in")


def printed(browser: Browser, url: str) -> PdfReader:
    """The page as Chromium prints it: print media, A4 unless the page's CSS sizes it."""
    page = browser.new_page()
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    return PdfReader(io.BytesIO(pdf))


def body_lines(text: str, address: str) -> list[str]:
    """A printed page's lines without its running footer (the address, the page number)."""
    return [line.strip() for line in text.splitlines() if line.strip() and address not in line]


def test_the_example_has_its_eleven_guides_marked_for_printing(shipped_site: Build) -> None:
    marked = {p.url for p in printable_pages(shipped_site.site) if p.kind == "guide"}
    assert marked == {f"toolkit/{guide}/" for guide in GUIDES} and len(GUIDES) == 11


@pytest.mark.parametrize("guide", GUIDES)
def test_a_guide_prints_on_one_or_two_a4_pages(
    browser: Browser, served: str, shipped_site: Build, guide: str
) -> None:
    url = f"toolkit/{guide}/"
    pdf = printed(browser, served + url)
    assert 1 <= len(pdf.pages) <= 2, f"{guide} prints on {len(pdf.pages)} pages"
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842), "A4 in points"
    pages = [page.extract_text() for page in pdf.pages]
    text = "\n".join(pages)
    for words in SCREEN_ONLY:
        assert words not in text, f"{words!r} is for the screen, yet {guide} prints it"
    address = SITE_URL + url
    for number, page_text in enumerate(pages, 1):  # the running footer, on every page
        assert f"LocalMotion North · {address} · CC BY 4.0" in page_text, (guide, number)
    soup = BeautifulSoup(shipped_site.page(url), "html.parser")
    headings = {h.get_text(" ", strip=True).removesuffix("¶").strip() for h in soup.select("article h2")}
    for page_text in pages[:-1]:  # no heading left at the foot of a page
        assert body_lines(page_text, address)[-1] not in headings, f"{guide}: a heading ends a page"
    materials = [li.get_text(strip=True) for li in soup.select("ul.la-checklist li")]
    assert materials and all(item in " ".join(text.split()) for item in materials)
    assert "SOURCE" in text.upper() and "CC BY 4.0, LocalMotion North" in text


def test_the_toolkit_prints_its_guides_across_the_page(browser: Browser, served: str) -> None:
    """On paper the filters are gone, and with them their column: the cards take the page's width."""
    assert len(printed(browser, served + "toolkit/").pages) <= 2
    page = browser.new_page()
    try:
        page.goto(served + "toolkit/", wait_until="load")
        page.emulate_media(media="print")
        cards = page.locator("ul.la-cards").first.bounding_box()
        text = page.locator(".md-content").bounding_box()
        assert cards is not None and text is not None
        assert cards["width"] > 0.9 * text["width"], (cards, text)
    finally:
        page.close()


def test_a_guide_prints_its_materials_as_a_checklist(browser: Browser, served: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served + "toolkit/after-action-review/", wait_until="load")
        item = page.locator("ul.la-checklist li").first
        marker = "el => getComputedStyle(el, '::before').content"
        on_screen = item.evaluate(marker)
        page.emulate_media(media="print")
        on_paper = item.evaluate(marker)
        assert on_paper == '"☐"' and on_screen in ("none", "normal")
        expect(page.locator(".la-used")).to_be_hidden()
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator(".la-guide-facts .la-print-only").last).to_be_visible()
        page.emulate_media(media="screen")
        expect(page.locator(".la-used")).to_be_visible()
        expect(page.locator(".la-guide-facts .la-print-only").last).to_be_hidden()
    finally:
        page.close()


def test_the_printing_module_prints_every_report_and_guide(shipped_site: Build, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    command = [sys.executable, "-m", "learnaloud.printing", str(shipped_site.site), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    wanted = printable_pages(shipped_site.site)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert written == sorted(p.pdf_name for p in wanted)
    assert {f"toolkit/{guide}.pdf" for guide in GUIDES} <= set(written)
    assert any(p.kind == "report" for p in wanted), "the example's annual report is marked for printing"
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(wanted) + 1 and lines[-1].startswith(f"Printed {len(wanted)} PDFs")
    for path in out.rglob("*.pdf"):
        reader = PdfReader(path)
        assert len(reader.pages) >= 1 and reader.trailer["/Root"]["/MarkInfo"]["/Marked"], path


def test_the_printing_module_says_what_is_wrong_with_its_arguments(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "learnaloud.printing"]
    usage = subprocess.run(run, capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "usage:" in usage.stderr
    missing = subprocess.run(
        [*run, str(tmp_path), str(tmp_path / "out")], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and "not a built site" in missing.stderr


# -- the 404 page, served under a sub-path as site_url says ------------------------------------


class SubPathHandler(SiteHandler):
    """Serves the site under /network/ only, as a host serves a project site: elsewhere, nothing."""

    PREFIX = "/network/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.PREFIX):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path.removeprefix(self.PREFIX))


def serving_under_network(site: Path) -> AbstractContextManager[str]:
    return serve_site(site, SubPathHandler, SubPathHandler.PREFIX)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example built with the mkdocs.yml that ships, but for a site at https://example.org/network/."""
    root = tmp_path_factory.mktemp("sub-path")
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {EXAMPLE}\n"
        "site_url: https://example.org/network/\n"
        f"theme:\n  custom_dir: {ROOT / 'theme_overrides'}\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LEARNALOUD_VISIBILITY", None)
    site = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_404_page_finds_the_way_from_deep_under_a_sub_path(
    browser: Browser, sub_path_site: Build, scheme: Scheme
) -> None:
    with (
        serving_under_network(sub_path_site.site) as base,
        opened(
            browser, base + "places/north-quay/records/2025-03-12-old-stall/", scheme, expect_status=404
        ) as (
            page,
            errors,
        ),
    ):
        expect(page.locator("article h1")).to_have_text("This page is not here")
        # Styled: the site's stylesheets load from site_url's path, not from beside the address.
        assert page.evaluate(
            "[...document.styleSheets].some(s => s.href && s.href.endsWith('learnaloud.css'))"
        )
        assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") != "static"
        assert serious_violations(page) == []
        assert [e for e in errors if "status of 404" not in e] == []
        # The search starts from the missing address's words, and opens the site's search with them.
        search = page.locator("#la-notfound-q")
        expect(search).to_have_value("old stall")
        page.locator("form.la-notfound__search button").click()
        page.wait_for_url(base + "?q=old+stall")
        expect(page.locator("input.md-search__input")).to_have_value("old stall")
        page.go_back()
        page.locator(".la-notfound__links a", has_text="Places").click()
        page.wait_for_url(base + "places/")
        expect(page.locator("article h1")).to_have_text("Places")
