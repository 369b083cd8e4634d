"""Reports in real Chromium, from the example built with the shipped mkdocs.yml: a written report, a
place's report and the year in review pass axe-core in the light and the dark scheme, and print on
A4 with the cover first and each major section on a page of its own."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser.test_pages_in_chromium import SCHEMES, Scheme, opened, serious_violations

pytestmark = pytest.mark.browser

REPORTS = {
    "written report": "posts/2025-12-10-what-the-network-learned-in-2025/",
    "place report": "places/north-quay/reports/2025/",
    "year in review": "year-in-review/2025/",
    "reports": "reports/",
}
PRINTED = {k: v for k, v in REPORTS.items() if k != "reports"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", list(REPORTS))
def test_reports_pass_axe_in_both_schemes(browser: Browser, served: str, kind: str, scheme: Scheme) -> None:
    with opened(browser, served + REPORTS[kind], scheme) as (page, errors):
        expect(page.locator("article h1")).to_be_visible()
        assert serious_violations(page) == []
        assert errors == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_a_report_on_a_phone_passes_axe_and_fits(browser: Browser, served: str, scheme: Scheme) -> None:
    with opened(browser, served + REPORTS["year in review"], scheme, width=390) as (page, errors):
        assert serious_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert errors == []


def major_sections(page: Page) -> list[str]:
    """The headings of a report's major sections, as the reader sees them."""
    return [
        " ".join(text.split())
        for text in page.locator(".la-report h2").evaluate_all(
            """hs => hs.filter(h => !h.closest('.la-report__cover, .la-report__toc, .la-report__more'))
                       .map(h => [...h.childNodes].filter(n => !n.classList?.contains('la-report__number') && !n.classList?.contains('headerlink'))
                                                  .map(n => n.textContent).join(''))"""
        )
    ]


@pytest.mark.parametrize("kind", list(PRINTED))
def test_a_report_prints_on_a4_with_a_page_for_each_major_section(
    browser: Browser, served: str, kind: str
) -> None:
    with opened(browser, served + PRINTED[kind], "light") as (page, _):
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => {
                const report = document.querySelector('[data-la-print=report]');
                const style = (el, p) => el ? getComputedStyle(el)[p] : null;
                const sections = [...report.querySelectorAll('h2')]
                    .filter(h => !h.closest('.la-report__cover, .la-report__toc, .la-report__more'));
                return {
                    breaks: sections.map(h => style(h, 'breakBefore')),
                    after: [...report.querySelectorAll('h2, h3, h4')].map(h => style(h, 'breakAfter')),
                    whole: [...report.querySelectorAll('figure, table, .la-answer')].map(e => style(e, 'breakInside')),
                    screenOnly: [...report.querySelectorAll('.la-report__more, details.la-figure__numbers')]
                        .map(e => style(e, 'display')),
                };
            }"""
        )
        sections = major_sections(page)
        assert sections, kind
        # The written report's first section follows its introduction on the same page.
        expected = ["page"] * len(sections)
        if kind == "written report":
            expected[0] = "auto"
        assert styles["breaks"] == expected
        assert set(styles["after"]) == {"avoid"}
        assert set(styles["whole"]) == {"avoid"}
        assert set(styles["screenOnly"]) <= {"none"}
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4, in points
    assert "contents" in pages[0].lower(), pages[0]
    # Each major section opens a page: each is found on a later page than the one before it, and
    # none on the cover.
    last = 0
    for heading in sections:
        later = [i for i, text in enumerate(pages) if heading in text and i > last]
        assert later, (heading, last)
        last = later[0]


def test_a_printed_report_gives_the_address_of_each_report_it_links(browser: Browser, served: str) -> None:
    """Paper has no links: a link to another report prints its absolute address after its words."""
    with opened(browser, served + REPORTS["year in review"], "light") as (page, _):
        links = page.locator(".la-report a[data-la-address]")
        addresses: list[str] = links.evaluate_all("as => as.map(a => a.dataset.laAddress)")
        assert "https://localmotion-north.example.org/places/north-quay/reports/2025/" in addresses
        assert (
            "https://localmotion-north.example.org/posts/2025-12-10-what-the-network-learned-in-2025/"
            in addresses
        )
        screen = links.first.evaluate("a => getComputedStyle(a, '::after').content")
        page.emulate_media(media="print")
        printed = links.first.evaluate("a => getComputedStyle(a, '::after').content")
        assert screen in ("none", "normal") and "http" in printed, (screen, printed)
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
    for address in addresses:
        assert f"({address})" in text, address
