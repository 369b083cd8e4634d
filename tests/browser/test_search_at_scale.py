"""Search on a network of 1,000 learning records (the benchmark's synthetic network), built with the
shipped mkdocs.yml and searched in real Chromium: it finds a record by a word of its body, and the
reader's browser fetches a few hundred kilobytes before the answer, not the whole site's text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import WORD, LargeSite

pytestmark = pytest.mark.browser

FIRST_SEARCH_LIMIT = 300 * 1024  # bytes fetched from the first keystroke to the first answer


def test_search_finds_a_record_by_a_word_of_its_body(browser: Browser, large_site: LargeSite) -> None:
    url, address = large_site.url, large_site.marked
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(WORD, delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item").count() == 1
    assert result.get_attribute("href") == url + address
    assert WORD in page.locator(".md-search-result__item mark").first.inner_text().lower()
    assert 0 < sum(fetched) <= FIRST_SEARCH_LIMIT, f"{sum(fetched)} bytes before the first answer"
    result.click()
    page.wait_for_url(url + address)
    page.close()
