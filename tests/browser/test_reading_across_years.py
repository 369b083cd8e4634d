"""Reading across years in Chromium: the toolkit's "how many people?" filter (with and without
JavaScript), and a question's filtered views and jump links, axe-checked in both schemes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_pages_in_chromium import SCHEMES, Scheme, opened, serious_violations
from tests.glue.test_reading_across_years import TREE
from tests.helpers import Build, build_site, serving, write_tree

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The glue tests' tree (guides for 2 to 8, 4 to 12 and any number of people), built and served."""
    root: Path = tmp_path_factory.mktemp("years-browser")
    build = build_site(write_tree(root / "content", TREE), root / "site")
    assert build.returncode == 0, build.output
    with serving(build.site) as url:
        yield url


def shown(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("[data-item]:visible h3").all_inner_texts()]


def test_how_many_people_keeps_the_guides_whose_group_size_holds_it(
    browser: Browser, small_site: str
) -> None:
    page = browser.new_page()
    page.goto(small_site + "toolkit/", wait_until="networkidle")
    status = page.locator(".la-explorer__status")
    expect(status).to_have_text("3 guides")
    people = page.get_by_label("How many people?")
    expect(people).to_be_visible()
    expect(page.locator("[data-range-nojs]")).to_be_hidden()

    people.fill("10")
    expect(status).to_have_text("2 of 3 guides match")
    assert sorted(shown(page)) == ["Any size", "Four to twelve"], "2 to 8 does not fit 10; no size fits any"
    assert "people=10" in page.url

    people.fill("3")
    expect(status).to_have_text("2 of 3 guides match")
    assert sorted(shown(page)) == ["Any size", "Two to eight"]

    people.fill("500")
    expect(status).to_have_text("1 of 3 guides match")
    assert shown(page) == ["Any size"]

    people.fill("")  # emptied by hand: no number, no filter
    expect(status).to_have_text("3 guides")
    people.fill("500")

    page.locator(".la-explorer__clear").click()
    expect(status).to_have_text("3 guides")
    expect(people).to_have_value("")
    assert "people=" not in page.url
    page.close()


def test_a_link_with_a_number_of_people_opens_the_toolkit_narrowed(browser: Browser, small_site: str) -> None:
    page = browser.new_page()
    page.goto(small_site + "toolkit/?people=10&stage=embodied", wait_until="networkidle")
    expect(page.locator(".la-explorer__status")).to_have_text("1 of 3 guides match")
    expect(page.get_by_label("How many people?")).to_have_value("10")
    assert shown(page) == ["Four to twelve"]
    page.close()


def test_the_number_narrows_the_shipped_toolkit_as_its_index_says(
    browser: Browser, served: str, shipped_site: Build
) -> None:
    index = json.loads((shipped_site.site / "toolkit" / "guides.json").read_text())
    spans = dict(index["ranges"])["people"]
    expected = sum(1 for span in spans if span is None or span[0] <= 10 <= span[1])
    page = browser.new_page()
    page.goto(served + "toolkit/", wait_until="networkidle")
    page.get_by_label("How many people?").fill("10")
    expect(page.locator(".la-explorer__status")).to_have_text(f"{expected} of {len(spans)} guides match")
    for card in page.locator("[data-item]:visible .la-card__facts").all_inner_texts():
        low, high = (int(n) for n in card.split(" · ")[1].removesuffix(" people").split(" to "))
        assert low <= 10 <= high, card
    page.close()


def test_without_javascript_the_toolkit_says_each_guides_group_size(
    browser: Browser, small_site: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_site + "toolkit/", wait_until="load")
    expect(page.locator(".la-people input")).to_be_hidden()
    expect(page.locator("[data-range-nojs]")).to_have_text("Each guide says how many people it suits.")
    expect(page.locator("[data-item]")).to_have_count(3)
    expect(page.locator(".la-explorer__clear")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize(
    "url", ["questions/learning/", "questions/learning/2025/", "questions/places/hillfoot/"]
)
def test_question_views_pass_axe_in_both_schemes(
    browser: Browser, served: str, url: str, scheme: Scheme
) -> None:
    with opened(browser, served + url, scheme) as (page, errors):
        expect(page.locator("nav.la-qfilter")).to_be_visible()
        assert serious_violations(page) == []
        assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_jump_links_and_filters_work_without_javascript(browser: Browser, served: str, width: int) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served + "questions/learning/", wait_until="load")
    jump = page.locator("nav.la-jump")
    expect(jump).to_be_visible()
    first = jump.locator("ol ol a").first
    anchor = first.get_attribute("href") or ""
    first.click()
    assert page.url.endswith(anchor)
    expect(page.locator(f"[id='{anchor[1:]}']")).to_be_in_viewport()

    # A year: its chip is current; the places jump to their sections of that year, on this page.
    page.locator("nav.la-qfilter a", has_text="2024").first.click()
    expect(page).to_have_url(served + "questions/learning/2024/")
    expect(page.locator(".la-qfilter__now")).to_contain_text("2024 · 16 answers from 4 places")
    expect(page.locator("nav.la-qfilter a[aria-current='page']")).to_have_text("2024 16 answers")
    hillfoot = page.locator(".la-qfilter__row--jumps a", has_text="Hillfoot")
    hillfoot.click()
    expect(page).to_have_url(served + "questions/learning/2024/#place-hillfoot")
    expect(page.locator("#place-hillfoot")).to_be_in_viewport()
    section = page.locator("section[aria-labelledby='place-hillfoot'] .la-answer")
    expect(section).to_have_count(5)
    expect(hillfoot.locator(".la-count")).to_have_text("5 answers")
    if width < 600:  # the chips are the jump list on a phone: no second one beneath
        expect(jump).to_be_hidden()
    page.get_by_role("link", name="Show all years").click()
    expect(page).to_have_url(served + "questions/learning/")

    # A place: its answers to this question, a section of its page of every question's answers.
    chip = page.locator("nav.la-qfilter a", has_text="Hillfoot").first
    expect(chip.locator(".la-count")).to_have_text("8 answers")
    chip.click()
    expect(page).to_have_url(served + "questions/places/hillfoot/#question-learning")
    expect(page.locator("#question-learning")).to_be_in_viewport()
    # A year's newest three, and a counted link to the rest in the year's view.
    mine = page.locator("section[aria-labelledby='question-learning']")
    expect(mine.locator(".la-answer")).to_have_count(6)
    expect(mine.locator(".la-qgroup__rest a")).to_have_text("2 more answers from Hillfoot in 2024")
    read = mine.locator(".la-answer .la-answer__title").all_inner_texts()
    mine.locator(".la-qgroup__rest a").click()  # lands on the first of the two, not on those read
    expect(page).to_have_url(re.compile(r"questions/learning/2024/#la-answer-learning-hillfoot-"))
    landing = page.locator(f"[id='{page.url.partition('#')[2]}']")
    expect(landing).to_be_in_viewport()
    assert landing.locator(".la-answer__title").inner_text() not in read
    page.go_back()
    expect(page.locator("nav.la-qfilter a[aria-current='page']")).to_contain_text("Hillfoot")
    jump = page.locator(".la-qfilter__row--jumps a").last
    target = jump.get_attribute("href") or ""
    jump.click()
    expect(page.locator(f"[id='{target[1:]}']")).to_be_in_viewport()
    page.get_by_role("link", name="All questions and places").click()
    expect(page).to_have_url(served + "questions/")
    page.goto(served + "questions/learning/", wait_until="load")
    expect(page.locator("nav.la-qfilter a[aria-current='page']")).to_have_text(
        ["All years 28 answers", "All places 28 answers"]
    )
    context.close()


@pytest.mark.parametrize(
    "url",
    ["questions/learning/", "questions/learning/2023/", "questions/places/evil/", "questions/"],
)
def test_a_hostile_place_name_runs_nothing_on_the_question_views(
    browser: Browser, small_site: str, url: str
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(small_site + url, wait_until="load")
    for link in page.locator("nav.la-qfilter a, nav.la-jump a").all():
        link.focus()
    expect(page.locator("nav.la-qfilter, .la-matrix").first).to_contain_text("*Evil*")
    assert dialogs == []
    page.close()
