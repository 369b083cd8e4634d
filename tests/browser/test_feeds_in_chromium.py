"""The feeds in real Chromium over the example built as it ships: the Feeds page passes axe-core in
both schemes and fits a phone, and a page that links feeds in its head makes no failed request
(Material fetches a sitemap beside every `link rel=alternate`, see core/feeds.py SITEMAP)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.test_pages_in_chromium import SCHEMES, Scheme, opened, serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_feeds_page_passes_axe(browser: Browser, served: str, scheme: Scheme) -> None:
    with opened(browser, served + "feeds/", scheme) as (page, errors):
        assert page.locator("article h1").inner_text() == "Feeds"
        assert serious_violations(page) == []
        assert errors == []


def test_the_feeds_page_fits_a_phone(browser: Browser, served: str) -> None:
    with opened(browser, served + "feeds/", "light", width=390) as (page, errors):
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        # The date moves under the name; its own column goes.
        assert page.locator("table.la-feeds td.la-feeds__latest").first.is_hidden()
        assert page.locator("table.la-feeds .la-feeds__when").first.is_visible()
        assert errors == []


@pytest.mark.parametrize("url", ["", "places/north-quay/", "themes/relational-approaches/", "feeds/"])
def test_feed_links_make_no_failed_request(browser: Browser, served: str, url: str) -> None:
    with opened(browser, served + url, "light") as (page, errors):
        # The first load's requests end first: a reload would abort one still in flight (the
        # favicon, say), which is the test's doing, not the site's.
        page.wait_for_load_state("networkidle")
        failed: list[str] = []
        statuses: list[tuple[int, str]] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda response: statuses.append((response.status, response.url)))
        page.reload(wait_until="networkidle")
        assert failed == []
        assert [s for s in statuses if s[0] >= 400] == []
        assert any(u.endswith("sitemap.xml") for _, u in statuses), "Material's fetch was answered"
        hrefs = page.eval_on_selector_all('head link[rel="alternate"]', "links => links.map(l => l.href)")
        assert hrefs and all(h.startswith(served) for h in hrefs)
        for href in hrefs:
            assert page.request.get(href).ok, href
        assert errors == []
