"""The record explorer and the toolkit, clicked in Chromium on the site as it ships; JavaScript off too."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import LargeSite
from tests.helpers import Build

pytestmark = pytest.mark.browser


def visible_records(page: Page) -> int:
    return page.locator(".la-explorer__results li.la-record:visible").count()


def test_filters_narrow_the_list_and_counts_follow(
    browser: Browser, served: str, shipped_site: Build
) -> None:
    index = json.loads((shipped_site.site / "explore" / "records.json").read_text())
    total = len(index["items"])
    page = browser.new_page()
    page.goto(served + "explore/", wait_until="load")
    status = page.locator(".la-explorer__status")
    expect(status).to_have_text(f"{total} records")
    assert visible_records(page) == total

    place = page.locator("fieldset[data-facet='place'] li").first
    expected = int(place.locator(".la-count").inner_text())
    place.locator("input").check()
    expect(status).to_have_text(f"{expected} of {total} records match")
    assert visible_records(page) == expected
    assert "place=" in page.url

    # Every remaining choice's count says how many records ticking it would leave.
    loop = page.locator("fieldset[data-facet='loop'] li").first
    leaves = int(loop.locator(".la-count").inner_text())
    loop.locator("input").check()
    expect(status).to_have_text(f"{leaves} of {total} records match")
    assert visible_records(page) == leaves

    page.locator(".la-explorer__clear").click()
    expect(status).to_have_text(f"{total} records")
    assert visible_records(page) == total
    page.close()


def test_a_link_with_filters_opens_the_explorer_narrowed(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "explore/?evidence=setback&theme=relational-approaches", wait_until="load")
    expect(page.locator(".la-explorer__status")).to_contain_text("records match")
    expect(page.locator("fieldset[data-facet='evidence'] input[value='setback']")).to_be_checked()
    for item in page.locator(".la-explorer__results li.la-record:visible").all():
        text = item.inner_text()
        assert "Setback" in text and "Relational approaches" in text
    page.close()


def test_without_javascript_the_explorer_is_a_complete_list(
    browser: Browser, served: str, shipped_site: Build
) -> None:
    total = len(json.loads((shipped_site.site / "explore" / "records.json").read_text())["items"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "explore/", wait_until="load")
    assert page.locator(".la-explorer__results li.la-record").count() == total
    assert page.locator(".la-explorer input[type=checkbox]").count() == 0
    theme_link = page.locator("fieldset[data-facet='theme'] li a").first
    assert (theme_link.get_attribute("href") or "").startswith("../themes/")
    context.close()


def test_toolkit_filters_narrow_the_guides(browser: Browser, served: str, shipped_site: Build) -> None:
    total = len(json.loads((shipped_site.site / "toolkit" / "guides.json").read_text())["items"])
    page = browser.new_page()
    page.goto(served + "toolkit/", wait_until="load")
    status = page.locator(".la-explorer__status")
    expect(status).to_have_text(f"{total} guides")
    stage = page.locator("fieldset[data-facet='stage'] li").first
    expected = int(stage.locator(".la-count").inner_text())
    stage.locator("input").check()
    expect(status).to_have_text(f"{expected} of {total} guides match")
    assert page.locator("[data-item]:visible").count() == expected
    short = page.locator("fieldset[data-facet='duration'] li").first
    leaves = int(short.locator(".la-count").inner_text())
    short.locator("input").check()
    expect(status).to_have_text(f"{leaves} of {total} guides match")
    for card in page.locator("[data-item]:visible").all():
        assert int(card.locator(".la-card__facts strong").inner_text()) <= 30
    page.close()


# -- a network of 1,000 records: the explorer is paged, and narrowing reaches every page ------------

PAGE_LIMIT = 300 * 1024  # the explorer's page, at any size of network


def test_the_explorer_of_a_large_network_is_a_light_page(large_site: LargeSite) -> None:
    index = json.loads((large_site.site / "explore" / "records.json").read_text())
    assert len(index["items"]) > index["pages"]["size"]
    for url in index["pages"]["urls"]:
        page = large_site.site / url / "index.html"
        assert page.stat().st_size <= PAGE_LIMIT, url


def test_narrowing_a_paged_explorer_finds_matches_on_every_page(
    browser: Browser, large_site: LargeSite
) -> None:
    index = json.loads((large_site.site / "explore" / "records.json").read_text())
    total, size = len(index["items"]), index["pages"]["size"]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(large_site.url + "explore/", wait_until="load")
    status = page.locator(".la-explorer__status")
    pages = len(index["pages"]["urls"])
    expect(status).to_have_text(f"{total} records · page 1 of {pages}")
    assert visible_records(page) == size

    # A theme's records are spread over every page: the first page of matches is fetched from them.
    theme = page.locator("fieldset[data-facet='theme'] li").first
    name = theme.locator("label").inner_text().rsplit(" ", 1)[0].strip()
    expected = int(theme.locator(".la-count").inner_text())
    assert size < expected  # so that "more" has more to show
    theme.locator("input").check()
    expect(status).to_have_text(f"{expected} of {total} records match · the first {size} shown")
    expect(page.locator(".la-explorer__results li.la-record:visible")).to_have_count(size)
    expect(page.locator(".la-pager")).to_be_hidden()
    more = page.locator(".la-explorer__more")
    rest = expected - size
    expect(more).to_have_text(
        f"Show {size} more records ({rest} not shown yet)"
        if rest > size
        else f"Show the other {rest} records"
    )
    more.click()
    shown = page.locator(".la-explorer__results li.la-record:visible")
    expect(shown).to_have_count(min(expected, 2 * size))
    # The reader goes on where the new records begin, and hears how many are shown now.
    expect(shown.nth(size).locator("h3 a")).to_be_focused()
    if expected > 2 * size:
        expect(status).to_have_text(f"{expected} of {total} records match · the first {2 * size} shown")
    else:
        expect(status).to_have_text(f"{expected} of {total} records match")
    for item in shown.all():
        assert name in item.locator(".la-tags").inner_text()
    dates = shown.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)  # newest first, across pages
    # A record fetched from another page links to it from here.
    last = shown.last.locator("h3 a")
    href = last.get_attribute("href") or ""
    last.click()
    page.wait_for_load_state("load")
    assert "/records/" in page.url and page.url.split("/records/")[1] == href.split("/records/")[1]
    page.go_back()
    # Back from a record: as many matches as the reader had shown.
    expect(shown).to_have_count(min(expected, 2 * size))

    page.locator(".la-explorer__clear").click()
    expect(status).to_have_text(f"{total} records · page 1 of {pages}")
    expect(status).to_be_focused()
    expect(page.locator(".la-pager")).to_be_visible()
    assert errors == []
    page.close()


def test_when_nothing_matches_the_explorer_says_so_and_offers_a_way_back(
    browser: Browser, large_site: LargeSite
) -> None:
    index = json.loads((large_site.site / "explore" / "records.json").read_text())
    facets = {key: values for key, values, _ in index["facets"]}
    evidence = ",".join(facets["evidence"])  # every kind of evidence at once: no record has all
    page = browser.new_page()
    page.goto(f"{large_site.url}explore/?evidence={evidence}", wait_until="load")
    status = page.locator(".la-explorer__status")
    expect(status).to_have_text(f"0 of {len(index['items'])} records match")
    empty = page.locator(".la-explorer__results .la-empty")
    expect(empty).to_contain_text("No record matches every filter you ticked")
    empty.get_by_role("button", name="clear all filters").click()
    expect(empty).to_be_hidden()
    assert visible_records(page) == index["pages"]["size"]
    page.close()


def test_without_javascript_a_paged_explorer_links_its_pages(browser: Browser, large_site: LargeSite) -> None:
    index = json.loads((large_site.site / "explore" / "records.json").read_text())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(large_site.url + "explore/", wait_until="load")
    seen = []
    for number in range(1, len(index["pages"]["urls"]) + 1):
        expect(page.locator(".la-pager .la-meta")).to_have_text(
            f"Page {number} of {len(index['pages']['urls'])}"
        )
        seen += page.locator(".la-explorer__results li.la-record h3 a").evaluate_all(
            "els => els.map(e => e.href)"
        )
        older = page.locator(".la-pager a[rel=next]")
        if number == len(index["pages"]["urls"]):
            assert older.count() == 0
            break
        older.click()
        page.wait_for_load_state("load")
    assert len(seen) == len(set(seen)) == len(index["items"])  # every record once, over the pages
    context.close()


def test_a_page_of_another_build_is_never_put_in_the_list(browser: Browser, large_site: LargeSite) -> None:
    """After a deploy a browser may hold the last build's index or pages: the records of one are
    never shown under the other's filters."""

    def stale(route: Route) -> None:
        """The page as the site has it, but of another build (from disk: no fetch left running)."""
        path = route.request.url.removeprefix(large_site.url).split("?")[0]
        html = (large_site.site / path / "index.html").read_text(encoding="utf-8")
        route.fulfill(body=html.replace('data-version="', 'data-version="old'), content_type="text/html")

    page = browser.new_page()
    page.route("**/explore/page/**", stale)
    page.goto(f"{large_site.url}explore/?year=2024", wait_until="load")  # 2024's records: later pages
    expect(page.locator(".la-explorer__results .la-empty:visible")).to_contain_text("has changed since")
    assert visible_records(page) == 0
    page.close()

    index = (large_site.site / "explore" / "records.json").read_text()
    page = browser.new_page()
    page.route(
        "**/explore/records.json",
        lambda route: route.fulfill(body=index.replace('"version":"', '"version":"old')),
    )
    page.goto(f"{large_site.url}explore/?year=2024", wait_until="networkidle")
    expect(page.locator(".la-explorer__status")).to_have_text(re.compile(r"^\d+ records · page 1 of"))
    assert page.locator(".la-explorer input[type=checkbox]").count() == 0  # the plain list, its links
    page.close()
