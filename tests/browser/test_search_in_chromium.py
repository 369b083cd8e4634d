"""The header's search on the example network as it ships, driven as readers drive it: on a phone from
an address with `?q=`, with the keyboard, typing faster than the answers, asking for a word the site
does not have or a question as a sentence, and with the index out of reach."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"


def open_page(browser: Browser, url: str, width: int = 1280) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 844}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def searched(browser: Browser, served: str, query: str) -> Page:
    """The example's home page with `query` typed into the search and its first results shown."""
    page = open_page(browser, served)
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    return page


def test_an_address_with_words_opens_the_search_on_a_phone_without_widening_it(
    browser: Browser, served: str
) -> None:
    page = open_page(browser, served + "?q=young+people", width=390)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    expect(page.locator(BOX)).to_have_value("young people")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # Material's phone layout
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert "q=" not in page.url  # a reload does not open it again
    page.context.close()


def test_enter_opens_a_result_of_what_is_typed_not_of_what_was(browser: Browser, served: str) -> None:
    page = searched(browser, served, "grants")
    page.locator(BOX).fill("apologising")
    page.keyboard.press("Enter")  # before the new answers: they are waited for
    page.wait_for_url("**/records/*apologising*/", timeout=10_000)
    page.context.close()


def test_a_word_the_site_does_not_have_is_not_reported_as_matches(browser: Browser, served: str) -> None:
    page = open_page(browser, served)
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("isolation", delay=20)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("No page has “isolation”", timeout=10_000)
    page.locator(BOX).fill("isolation $& $'")  # quoted as typed, not as a replacement pattern
    expect(meta).to_contain_text("No page has “isolation $& $'”", timeout=10_000)
    page.context.close()


def test_the_count_is_of_the_pages_listed_those_with_every_word_first(browser: Browser, served: str) -> None:
    page = searched(browser, served, "flood warden")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"^\d+ matching documents$"))
    counted = int(meta.inner_text().split()[0])
    items = page.locator(".md-search-result__list > li")
    expect(items.locator(".md-search-result__link").first).to_be_visible()
    kinds = items.evaluate_all(
        "lis => lis.map(li => li.classList.contains('la-search__similar') ? 'similar' : li.innerText)"
    )
    assert kinds.count("similar") == 1 and 0 < kinds.index("similar") < len(kinds) - 1, kinds
    assert len(kinds) - 1 == counted  # every page counted is listed: none hidden, none extra
    before = kinds[: kinds.index("similar")]
    assert all("warden" in text.lower() for text in before), before
    page.context.close()


def test_the_guides_for_contributors_come_after_the_network_s_learning(browser: Browser, served: str) -> None:
    # Words the guides' sample files use too: weighed as the network's pages, the guides came first.
    for query in ("photos", "evidence"):
        page = searched(browser, served, query)
        labels = page.locator(".md-search-result__item .la-search__label").all_inner_texts()
        guides = [n for n, label in enumerate(labels) if label == "Contribute · how-to guide"]
        learning = [n for n, label in enumerate(labels) if "learning record" in label]
        assert learning and all(n > max(learning) for n in guides), (query, labels)
        page.context.close()


def test_a_question_typed_as_a_sentence_finds_the_pages_with_its_rarer_words(
    browser: Browser, served: str
) -> None:
    page = open_page(browser, served)
    page.locator(BOX).click()
    # No page has every word ("quokkas" is on none): the pages with some of them, the rarest first.
    page.locator(BOX).press_sequentially("how did apologising help the quokkas", delay=20)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("No page has every word of", timeout=10_000)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    addresses = results.evaluate_all("links => links.map(link => link.pathname)")
    record = [n for n, a in enumerate(addresses) if re.search(r"/records/[^/]*apologising[^/]*/$", a)]
    assert record and record[0] < 3, addresses  # the one word few pages have ranks it high
    page.context.close()


def test_a_page_named_as_the_query_comes_first_and_says_what_it_is(browser: Browser, served: str) -> None:
    page = open_page(browser, served)
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("story harvest", delay=20)
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Story harvest", timeout=10_000)
    expect(first.locator(".la-search__label")).to_have_text("Toolkit · activity guide")
    page.context.close()


def test_keys_open_move_and_close_and_give_the_focus_back(browser: Browser, served: str) -> None:
    page = open_page(browser, served + "places/")
    start = page.locator("article a").first
    start.focus()
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("market")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("s")  # typing on a result goes back to the box
    expect(page.locator(BOX)).to_be_focused()
    expect(page.locator(BOX)).to_have_value("markets")
    page.keyboard.press("Escape")
    expect(start).to_be_focused()
    page.context.close()


def test_an_index_out_of_reach_says_so_instead_of_showing_old_results(browser: Browser, served: str) -> None:
    page = searched(browser, served, "grants")

    def refuse(route: Route) -> None:
        route.abort()

    page.route("**/pagefind/index/**", refuse)
    page.route("**/pagefind/fragment/**", refuse)
    page.locator(BOX).fill("caravan")
    expect(page.locator(".md-search-result__meta")).to_contain_text("could not load", timeout=10_000)
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    page.context.close()
