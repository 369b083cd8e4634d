"""Links moved from where they were written to the page that shows them (core/urls.py): what a
contributor escaped stays escaped, and no link becomes a script's address."""

from __future__ import annotations

import pytest

from learnaloud.core.urls import file_links, move_html, relative_url


def test_a_relative_link_is_never_read_as_a_scheme() -> None:
    assert relative_url("themes/x/", "themes/x/javascript:alert(1)/") == "./javascript:alert(1)/"
    assert relative_url("themes/x/", "places/y/") == "../../places/y/"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("themes/x/javascript%3Aalert(document.domain)", "./javascript%3Aalert%28document.domain%29"),
        ("%22%20onmouseover%3Dalert(1)%20x%3D%22.md", "../../%22%20onmouseover%3Dalert%281%29%20x%3D%22/"),
        ("places%5Cbrackenbury%5Crecords%5Cx.md", "../../places%5Cbrackenbury%5Crecords%5Cx/"),
        (
            "places/north-quay/records/2025-03-12-market-stall.md#what-we-learned",
            "../../places/north-quay/records/2025-03-12-market-stall/#what-we-learned",
        ),
        ("a&amp;b.md", "../../a%26b/"),
    ],
)
def test_a_data_file_s_link_is_written_back_escaped(written: str, shown: str) -> None:
    html = f'<p><a href="{written}">x</a></p>'
    assert file_links(html, "themes.yml", "themes/x/") == f'<p><a href="{shown}">x</a></p>'


def test_a_moved_answer_s_link_into_its_new_page_is_no_scheme() -> None:
    moved = move_html(
        '<a href="../../../../questions/q/javascript:alert(1)">x</a>', "places/p/records/r/", "questions/q/"
    )
    assert moved == '<a href="./javascript:alert(1)">x</a>'
