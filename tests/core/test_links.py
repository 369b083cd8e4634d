"""links.LinkGate: a link to what a build withholds is found however the address is spelled."""

from __future__ import annotations

import pytest

from learnaloud.core.links import LinkGate

GATE = LinkGate(frozenset({"places/secret"}), "https://example.org/network/")


def withheld(href: str) -> bool:
    return GATE.for_page("posts/linking.md", "posts/linking/")(href)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/network/places/secret/",
        "HTTPS://EXAMPLE.ORG/network/places/secret/index.html",
        "http://example.org:80/network/places/secret/",
        "https://example.org:443/network/places/secret/",
        "//example.org/network/places/secret/",
        "///example.org/network/places/secret/",  # a browser skips the extra slashes
        "https:/example.org/network/places/secret/",  # a host to a page of the other scheme
        "https://user@example.org./network/places/secret/",
        "https://%65xample.org/network/places/%73ecret/",
        "https://example.org/network/other/../places/secret/",
        "https://example.org/network/places/se\tcret/",  # tabs and newlines are dropped
        "https:\\\\example.org\\network\\places\\secret\\",
        "/network/places/secret/records/x/",
        "../places/secret/",
        "https:../places/secret/",  # a path, to a page of the same scheme
    ],
)
def test_a_link_to_a_withheld_place_is_found(href: str) -> None:
    assert withheld(href)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/network/places/secret/",
        "https://example.org:8443/network/places/secret/",
        "https://example.org/network/places/secretive/",
        "https://example.org/network/places/hillfoot/",
        "mailto:secret@example.org",
        "#secret",
    ],
)
def test_other_links_stay(href: str) -> None:
    assert not withheld(href)
