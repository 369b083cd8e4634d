"""The example network as a reader sees it: home, places, records, themes, search."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from learnaloud.core.load import load_content
from learnaloud.core.select import Published, select
from tests.helpers import BASE_TREE, EXAMPLE, Build, article, build_site, write_tree


@pytest.fixture(scope="module")
def published() -> Published:
    content, report = load_content(EXAMPLE)
    assert not report.has_errors, [d.format() for d in report.errors]
    return select(content, "public", report)


def soup(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url), "html.parser")


def test_home_shows_the_network_questions_places_and_latest(
    example_site: Build, published: Published
) -> None:
    home = article(example_site, "")
    assert home.h1 is not None and home.h1.get_text(strip=True) == published.network.name
    questions = [a.get_text(strip=True) for a in home.select("ol.la-questions > li > a")]
    assert questions == [q.text for q in published.network.questions]
    cards = {
        c.h3.get_text(strip=True): c.get_text(" ", strip=True)
        for c in home.select("#la-places + ul.la-cards > li")
    }
    assert sorted(cards) == sorted(p.name for p in published.places.values())
    for place_id, place in published.places.items():
        count = sum(1 for r in published.records.values() if r.place == place_id)
        assert f"{count} records" in cards[place.name]
    tables = [a.get_text(strip=True) for a in home.select("#la-sense-making ~ ul.la-cards .la-card__title a")]
    newest_tables = sorted(published.tables.values(), key=lambda t: (t.date, t.id), reverse=True)[:3]
    assert tables == [t.title for t in newest_tables]
    latest = [a.get_text(strip=True) for a in home.select("ul.la-records .la-record__title a")]
    newest = sorted(published.records.values(), key=lambda r: (r.date, r.ref), reverse=True)[:6]
    assert latest == [r.title for r in newest]


def test_place_lists_its_records_newest_first_with_theme_counts(
    example_site: Build, published: Published
) -> None:
    place_id = sorted(published.places)[0]
    page = article(example_site, f"places/{place_id}")
    dates = [t["datetime"] for t in page.select("ul.la-records time")]
    mine = [r for r in published.records.values() if r.place == place_id]
    assert len(dates) == len(mine)
    assert dates == sorted(dates, reverse=True)
    counts = {
        a.contents[0].strip(): int(a.select_one(".la-count").get_text())
        for a in page.select("#themes + ul a")
    }
    for theme_id, theme in published.themes.items():
        expected = sum(1 for r in mine if theme_id in r.themes)
        assert counts.get(theme.title, 0) == expected


def test_learning_travels_both_ways_across_places(example_site: Build, published: Published) -> None:
    record = next(
        r
        for r in published.records.values()
        if any(not ref.startswith(r.place + "/") for ref in r.learned_from)
    )
    source_ref = next(ref for ref in record.learned_from if not ref.startswith(record.place + "/"))
    source = published.records[source_ref]
    page = article(example_site, f"places/{record.place}/records/{record.id}")
    shaped_by = [
        a["href"] for a in page.select(".la-travel h3:-soup-contains('Shaped by') + ul .la-record__title a")
    ]
    assert any(source.id in href for href in shaped_by)
    back = article(example_site, f"places/{source.place}/records/{source.id}")
    shaped = [
        a["href"]
        for a in back.select(".la-travel h3:-soup-contains('Went on to shape') + ul .la-record__title a")
    ]
    assert any(record.id in href for href in shaped)


def test_record_page_shows_its_facts_and_body(example_site: Build, published: Published) -> None:
    record = next(r for r in published.records.values() if r.loop and r.themes)
    page = article(example_site, f"places/{record.place}/records/{record.id}")
    assert page.h1 is not None and page.h1.get_text(strip=True) == record.title
    facts = page.select_one("dl.la-facts")
    assert facts is not None
    text = facts.get_text(" ", strip=True)
    assert published.places[record.place].name in text
    assert f"{record.loop.capitalize()}-loop" in text
    for theme in record.themes:
        assert facts.select_one(f"a[href$='themes/{theme}/']") is not None
    assert record.body.split()[0].strip("#*") in page.select_one(".la-body").get_text()


def test_theme_page_groups_its_records_by_place(example_site: Build, published: Published) -> None:
    theme_id = max(published.themes, key=lambda t: sum(t in r.themes for r in published.records.values()))
    page = article(example_site, f"themes/{theme_id}")
    groups = {h2.get_text(strip=True): h2.find_next_sibling("ul") for h2 in page.select("h2")}
    for place_id, place in published.places.items():
        expected = {
            r.title for r in published.records.values() if r.place == place_id and theme_id in r.themes
        }
        if expected:
            found = {a.get_text(strip=True) for a in groups[place.name].select(".la-record__title a")}
            assert found == expected
        else:
            assert place.name not in groups


def test_themes_index_counts_records_and_places(example_site: Build, published: Published) -> None:
    page = article(example_site, "themes")
    assert len(page.select("ul.la-cards > li")) == len(published.themes)


def test_search_finds_a_record_by_a_word_of_its_body(example_site: Build, published: Published) -> None:
    index = example_site.search_index()
    record = sorted(published.records.values(), key=lambda r: r.ref)[0]
    word = max(record.body.split(), key=len).strip(".,;:!?()\"'")
    hits = [d["location"] for d in index if word in d["text"]]
    assert any(loc.startswith(f"places/{record.place}/records/{record.id}/") for loc in hits), word


def test_nav_holds_sections_not_records(example_site: Build) -> None:
    nav = soup(example_site, "").select("nav.md-nav--primary a.md-nav__link")
    labels = {a.get_text(strip=True) for a in nav}
    assert {"Home", "Places", "Themes"} <= labels
    assert not [a for a in nav if "/records/" in (a.get("href") or "")]


def test_identical_input_gives_identical_output(tmp_path: Path, example_site: Build) -> None:
    again = build_site(EXAMPLE, tmp_path / "site")
    assert again.returncode == 0, again.output
    first, second = example_site.files(), again.files()
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_a_hand_written_home_page_is_the_introduction(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", {**BASE_TREE, "index.md": "Welcome to *our* network.\n"})
    build = build_site(docs, tmp_path / "site")
    assert build.returncode == 0, build.output
    home = article(build, "")
    assert home.select_one(".la-lead em") is not None
    assert len(home.select("#la-places + ul.la-cards > li")) == 2


def test_an_empty_network_builds_with_helpful_empty_states(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", {"network.yml": "name: Just starting\n"})
    build = build_site(docs, tmp_path / "site", strict=True)
    assert build.returncode == 0, build.output
    assert "No places are published yet" in build.page("")
    assert "No themes are defined yet" in build.page("themes")


def test_a_site_overrides_a_template_through_custom_dir(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", BASE_TREE)
    overrides = write_tree(
        tmp_path / "overrides",
        {
            "learnaloud/record.html": """
                {% extends "learnaloud/base.html" %}
                {% block la_content %}{% autoescape true %}<h1>Our own: {{ la.record.title }}</h1>{% endautoescape %}{% endblock %}
            """
        },
    )
    build = build_site(docs, tmp_path / "site", custom_dir=overrides)
    assert build.returncode == 0, build.output
    page = article(build, "places/north-quay/records/2025-03-12-market-stall")
    assert page.h1 is not None and page.h1.get_text() == "Our own: Conversations at the Saturday market"
