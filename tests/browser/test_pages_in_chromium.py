"""One page of every kind, built as it ships, in Chromium's light and dark schemes: no console
error and no serious or critical axe-core violation. Hovered and focused states and open search
results are checked the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

# Every kind of page, by the address of one example of it in the public build.
PAGES = {
    "home": "",
    "places": "places/",
    "place": "places/north-quay/",
    "record": "places/north-quay/records/2025-01-22-who-is-missing-from-the-room/",
    "questions": "questions/",
    "question": "questions/learning/",
    "patterns": "patterns/",
    "themes": "themes/",  # the index of themes, evidence and loops alike
    "theme": "themes/relational-approaches/",
    "evidence": "evidence/story/",
    "loop": "loops/double/",
    "travel": "travel/",
    "explore": "explore/",
    "tables": "tables/",
    "table": "tables/2024-12-reaching-new-people/",
    "toolkit": "toolkit/",
    "guide": "toolkit/after-action-review/",
    "measures": "measures/",
    "measure": "measures/participants/",
    "data": "data/",
    "blog": "blog/",
    "blog archive": "blog/2024/",
    "post": "places/north-quay/posts/2025-12-01-two-years-at-the-fish-van-end/",
    "report": "posts/2025-12-10-what-the-network-learned-in-2025/",
    "reports": "reports/",
    "place report": "places/north-quay/reports/2025/",
    "year in review": "year-in-review/2025/",
    "feeds": "feeds/",
    "about": "about/",  # hand-written Markdown
    "contribute": "contribute/",
    "contribute guide": "contribute/records/",
    "every field": "contribute/fields/",
    "error messages": "contribute/errors/",
    "404": "no-such-page/",
}
# Pages only the network's own site has.
NETWORK_PAGES = {"health": "health/"}

# The reader's colour scheme, and the Material scheme mkdocs.yml's palette gives for it.
Scheme = Literal["light", "dark"]
SCHEMES: dict[Scheme, str] = {"light": "default", "dark": "slate"}

AXE_SCRIPT = Axe().axe_script  # the axe-core that axe-playwright-python bundles


def serious_violations(page: Page, context: str | None = None) -> list[str]:
    """axe-core's serious and critical violations on the page (or the part `context` selects)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate(
        "([context, options]) => axe.run(context ?? document, options)",
        [context, {"resultTypes": ["violations"]}],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {n.get('failureSummary', '')}".replace("\n", " ") for n in v["nodes"][:5])
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@contextmanager
def opened(
    browser: Browser, url: str, scheme: Scheme, *, width: int = 1280, expect_status: int = 200
) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page in the reader's `scheme`, its scheme checked, and the console errors it logs."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == expect_status, url
        # The palette follows prefers-color-scheme: the page really is in the scheme under test.
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        yield page, errors
    finally:
        context.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", [*PAGES, *NETWORK_PAGES])
def test_every_kind_of_page_passes_axe_in_both_schemes(
    browser: Browser, request: pytest.FixtureRequest, kind: str, scheme: Scheme
) -> None:
    base: str = request.getfixturevalue("served_network" if kind in NETWORK_PAGES else "served")
    url = base + {**PAGES, **NETWORK_PAGES}[kind]
    not_found = kind == "404"
    with opened(browser, url, scheme, expect_status=404 if not_found else 200) as (page, errors):
        expect(page.locator("article h1")).to_be_visible()
        assert serious_violations(page) == []
        if not_found:  # Chromium reports the page's own status; nothing else may fail
            errors = [e for e in errors if "status of 404" not in e]
        assert errors == []


# Colours that only show on hover or focus: each element is hovered (or focused) and checked alone.
STATES = {
    "": {
        "a header tab": ".md-tabs__item:not(.md-tabs__item--active) .md-tabs__link",
        "a link in running text": ".la-record .la-meta a",
        "a theme tag": ".la-card a.la-tag",
        "a place card's title": ".la-card__title a",
        "a record's title": ".la-record__title a",
        "a question": ".la-questions a",
        "the palette toggle": "form[data-md-component='palette'] label:not([hidden])",
        "a footer link": ".md-copyright a",
    },
    PAGES["record"]: {"a table of contents link": ".md-nav--secondary a.md-nav__link"},
    PAGES["patterns"]: {"a matrix count": "table.la-matrix td a", "a matrix heading": "table.la-matrix th a"},
    PAGES["explore"]: {"an explorer filter": ".la-facet label", "an evidence tag": ".la-tag--evidence"},
}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("how", ["hover", "focus"])
def test_hovered_and_focused_states_pass_axe(browser: Browser, served: str, scheme: Scheme, how: str) -> None:
    failures: dict[str, list[str]] = {}
    for url, selectors in STATES.items():
        with opened(browser, served + url, scheme) as (page, _):
            # The state's final colours, not a frame of Material's 0.25 s transition to them.
            page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
            for state, selector in selectors.items():
                target = page.locator(selector).first
                target.evaluate("element => element.setAttribute('data-la-probe', '')")
                act: Callable[[], None] = target.hover if how == "hover" else target.focus
                act()
                if found := serious_violations(page, "[data-la-probe]"):
                    failures[state] = found
                target.evaluate("element => element.removeAttribute('data-la-probe')")
    assert failures == {}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("url", [PAGES["explore"], PAGES["toolkit"]])
def test_a_filtered_list_passes_axe(browser: Browser, served: str, url: str, scheme: Scheme) -> None:
    """Ticking a filter greys the choices that would leave nothing and wakes the clear button."""
    with opened(browser, served + url, scheme) as (page, errors):
        page.locator(".la-facet input[type=checkbox]").first.check()
        expect(page.locator(".la-facet__none").first).to_be_attached()
        expect(page.locator(".la-explorer__clear")).to_be_enabled()
        page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
        assert serious_violations(page) == []
        page.locator(".la-explorer__clear").hover()
        assert serious_violations(page, ".la-explorer__clear") == []
        assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_search_results_pass_axe(browser: Browser, served: str, scheme: Scheme, width: int) -> None:
    with opened(browser, served, scheme, width=width) as (page, errors):
        if width < 960:  # the header shows only a search button on narrow screens
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("stall", delay=30)
        results = page.locator(".md-search-result__item")
        expect(results.nth(1)).to_be_visible(timeout=10_000)
        results.nth(1).hover()  # a hovered result is tinted: its text must still read
        page.wait_for_timeout(300)
        assert serious_violations(page) == []
        assert errors == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_phone_menu_passes_axe(browser: Browser, served: str, scheme: Scheme) -> None:
    with opened(browser, served + PAGES["record"], scheme, width=390) as (page, errors):
        page.locator("label.md-header__button[for='__drawer']").click()
        expect(page.locator(".md-nav--primary")).to_be_in_viewport()
        page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
        assert serious_violations(page) == []
        assert errors == []


def test_search_finds_a_record_by_a_word_of_its_body(browser: Browser, served: str) -> None:
    with opened(browser, served, "light") as (page, _):
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("apologising", delay=50)
        result = page.locator(".md-search-result__item a").first
        expect(result).to_be_visible(timeout=10_000)
        assert "records/2024-12-04-the-year-we-stopped-apologising-for-singing" in (
            result.get_attribute("href") or ""
        )


def test_the_palette_toggle_switches_scheme(browser: Browser, served: str) -> None:
    with opened(browser, served, "light") as (page, _):
        white = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.locator("label[for='__palette_1']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != white
        assert serious_violations(page) == []


# learnaloud.css: one colour per place, darkened on white and lightened on slate.
PLACE_COLOURS = {
    "light": {
        "rgb(0, 114, 178)",
        "rgb(194, 79, 0)",
        "rgb(0, 128, 93)",
        "rgb(170, 51, 119)",
        "rgb(138, 100, 0)",
        "rgb(92, 92, 92)",
    },
    "dark": {
        "rgb(86, 180, 233)",
        "rgb(255, 138, 76)",
        "rgb(60, 203, 158)",
        "rgb(224, 140, 192)",
        "rgb(240, 196, 60)",
        "rgb(184, 184, 184)",
    },
}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", [1280, 390])
def test_a_chart_fits_the_screen_and_the_scheme(
    browser: Browser, served: str, scheme: Scheme, width: int
) -> None:
    """The wide chart on a desktop, the one drawn for phones on a phone; either way its text is
    at least 10 px high, in the page's ink, and its lines in the scheme's colour for the place."""
    with opened(browser, served + PAGES["measure"], scheme, width=width) as (page, errors):
        figure = page.locator("figure.la-figure").first
        shown, hidden = ("wide", "narrow") if width > 600 else ("narrow", "wide")
        expect(figure.locator(f"svg.la-chart--{shown}")).to_be_visible()
        expect(figure.locator(f"svg.la-chart--{hidden}")).to_be_hidden()
        chart = figure.locator(f"svg.la-chart--{shown}")
        assert chart.evaluate("svg => svg.getBoundingClientRect().right") <= width  # no sideways scroll
        sizes = chart.locator("text").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().height)")
        assert min(sizes) >= 10, sizes
        ink, body = page.evaluate(
            """() => [getComputedStyle(document.querySelector('svg.la-chart text')).fill,
                      getComputedStyle(document.querySelector('.md-typeset')).color]"""
        )
        assert ink == body
        line = chart.locator("path[style*='stroke: var(--la-series-']").first.evaluate(
            "p => getComputedStyle(p).stroke"
        )
        assert line in PLACE_COLOURS[scheme]
        assert errors == []


@pytest.mark.parametrize("url", [PAGES["report"], PAGES["year in review"], PAGES["guide"]])
def test_a_printable_page_has_a_print_button_that_prints(browser: Browser, served: str, url: str) -> None:
    with opened(browser, served + url, "light") as (page, errors):
        page.evaluate("window.print = () => { window.printed = true; }")
        button = page.get_by_role("button", name="Print or save as PDF")
        expect(button).to_have_count(1)
        button.click()
        assert page.evaluate("window.printed === true")
        page.emulate_media(media="print")
        expect(button).to_be_hidden()
        assert errors == []
