"""Home, a place, a record and a theme in Chromium: no console error, no serious axe violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "place": "places/north-quay/",
    "record": "places/north-quay/records/2025-01-22-who-is-missing-from-the-room/",
    "theme": "themes/relational-approaches/",
    "themes": "themes/",
    "places": "places/",
    "questions": "questions/",
    "question": "questions/learning/",
    "patterns": "patterns/",
    "evidence": "evidence/story/",
    "loops": "loops/",
    "travel": "travel/",
    "explore": "explore/",
    "tables": "tables/",
    "table": "tables/2024-12-reaching-new-people/",
    "toolkit": "toolkit/",
    "guide": "toolkit/after-action-review/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_console_error_and_passes_axe(
    browser: Browser, served: str, kind: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(served + PAGES[kind], wait_until="load")
    assert response is not None and response.ok
    expect(page.locator("article h1")).to_be_visible()
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert errors == []
    page.close()


def test_search_finds_a_record_by_a_word_of_its_body(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served, wait_until="load")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("apologising", delay=50)
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=10_000)
    assert "records/2024-12-04-the-year-we-stopped-apologising-for-singing" in (
        result.get_attribute("href") or ""
    )
    page.close()
