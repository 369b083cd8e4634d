"""links: a link to what a build withholds is found however the address is spelled, and said before
the build by the check; a link to no file is said with the file it names."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from learnaloud.core import links
from learnaloud.core.errors import Report
from learnaloud.core.links import LinkGate, Written, check_page_links, check_withheld_links

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


RECORD = "places/north-quay/records/2025-05-01-notes.md"
RECORD_PAGE = "places/north-quay/records/2025-05-01-notes/"
FRONT = "---\ntitle: Notes\ndate: 2025-05-01\nevidence: [story]\n---\n\n"


def written_file(root: Path, path: str, text: str) -> str:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    return text


def said(report: Report) -> list[str]:
    return [d.format() for d in report.warnings]


def test_an_address_with_parentheses_or_spaces_is_read_whole(tmp_path: Path) -> None:
    """CommonMark reads balanced parentheses, backslash escapes and `<…>` as one address: a link
    to no file is said with the file it names, not the part before its first parenthesis."""
    body = (
        'A [draft](../../hillfoot/records/a-(draft).md "title"), a [photo](stall-(wet).jpg),\n'
        "[notes](<notes 2.pdf>) and [escaped](plan\\(v2\\).pdf).\n\n"
        "[ref]: ../../hillfoot/records/b-(draft).md\n\nSee [ref].\n"
    )
    written_file(tmp_path, RECORD, FRONT + body)
    known = {"places/hillfoot/records/a-draft.md", "places/north-quay/records/stall-(wet).jpg"}
    report = Report()
    check_page_links(tmp_path, [Written(RECORD, RECORD_PAGE, body)], known, frozenset(), report)
    nowhere = (
        "check the file's name and folder: a link names a file relative to this one, inside content/ "
        "(../ is the folder above; from here a record is written e.g. "
        "../../hillfoot/records/a-draft.md)"  # a record of the site's own
    )
    assert said(report) == [
        f"{RECORD}:7: links to ../../hillfoot/records/a-(draft).md, which is not in the site — "
        "did you mean ../../hillfoot/records/a-draft.md?",
        f"{RECORD}:8: links to notes 2.pdf, which is not in the site — {nowhere}",
        f"{RECORD}:8: links to plan\\(v2\\).pdf, which is not in the site — {nowhere}",
        f"{RECORD}:10: links to ../../hillfoot/records/b-(draft).md, which is not in the site — "
        "did you mean ../../hillfoot/records/a-draft.md?",
    ]


def test_a_page_links_an_address_with_spaces_as_python_markdown_reads_it(tmp_path: Path) -> None:
    """MkDocs renders a page's body with Python-Markdown, which takes a bare address with spaces up
    to the parenthesis that closes the link (CommonMark reads no link there): such a link to no file
    is said at its line, as MkDocs' own warning cannot; one that is in code, or in a data file
    (which CommonMark renders), is not a link."""
    body = (
        "We shared the [old notes](notes (v3).pdf), the [walk](route map.pdf),\n"
        'the [kitchen tables](../../hillfoot/records/kitchen table talk.md "Talk").\n\n'
        "Not a link: `[code](not a file.md)`.\n"
    )
    written_file(tmp_path, RECORD, FRONT + body)
    known = {"places/hillfoot/records/kitchen-table-talk.md", "places/north-quay/records/route map.pdf"}
    pieces = [
        Written(RECORD, RECORD_PAGE, body),
        Written("themes.yml", "themes/relational-approaches/", "As [x](no such file.md)."),
    ]
    report = Report()
    check_page_links(tmp_path, pieces, known, frozenset(), report)
    assert said(report) == [
        f"{RECORD}:7: links to notes (v3).pdf, which is not in the site — check the file's name and folder: "
        "a link names a file relative to this one, inside content/ (../ is the folder above; from here a "
        "record is written e.g. ../../hillfoot/records/kitchen-table-talk.md)",
        f"{RECORD}:8: links to ../../hillfoot/records/kitchen table talk.md, which is not in the site — "
        "did you mean ../../hillfoot/records/kitchen-table-talk.md?",
    ]


WITHHELD = (
    "links to {}, which this build does not publish: it is network-only, or its place is — the site "
    "shows the link's words without the link; remove the link (keep the words) until that page is public, "
    "and check that the words name nothing private"
)


def test_links_into_withheld_content_are_said_before_any_page_is_rendered(tmp_path: Path) -> None:
    """`learnaloud check` says what the build removes, at the line it is written, in a body (its
    Markdown or raw HTML, however spelled) and in a data file; the build then says only the rest."""
    body = (
        "From [the secret place](../../secret/).\n\n"
        '<a href="2025-01-01-%68idden.md">raw</a>\n\n'
        "Near [a kept place](../../hillfoot/) and [a name alike](../../secretive/).\n"
    )
    written_file(tmp_path, RECORD, FRONT + body)
    themes = "- id: relational-approaches\n  title: Relational approaches\n  description: As at [x](/places/secret/).\n"
    written_file(tmp_path, "themes.yml", themes)
    gate = LinkGate(frozenset({"places/secret", "places/north-quay/records/2025-01-01-hidden"}))
    pieces = [
        Written(RECORD, RECORD_PAGE, body),
        Written("themes.yml", "themes/relational-approaches/", "As at [x](/places/secret/)."),
    ]
    report = Report()
    check_withheld_links(tmp_path, pieces, gate, report)
    assert said(report) == [
        f"{RECORD}:7: " + WITHHELD.format("../../secret/"),
        f"{RECORD}:9: " + WITHHELD.format("2025-01-01-%68idden.md"),  # as written
        "themes.yml:3: " + WITHHELD.format("/places/secret/"),
    ]
    assert gate.said == gate.removed  # the build does not say them again


def test_a_piece_that_names_nothing_withheld_is_not_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering every body would cost a check seconds: only those naming a withheld item are."""
    rendered: list[str] = []
    monkeypatch.setattr(links, "markdown_html", lambda markdown, withheld: rendered.append(markdown))
    body = "[a kept place](../../hillfoot/) and [a name alike](../../secretive/)"
    check_withheld_links(
        tmp_path, [Written(RECORD, RECORD_PAGE, body)], LinkGate(frozenset({"places/secret"})), Report()
    )
    assert rendered == []


def test_a_reference_label_is_read_as_commonmark_bounds_it() -> None:
    """Each line's '[' was read to the end of the body in search of `]:` (40,000 lines of '[a' in a
    code block: seconds, quadratic); a label holds no unescaped bracket and at most 999 characters."""
    body = "```\n" + "[a\n" * 40_000 + "```\n"
    start = time.perf_counter()
    assert list(links.WRITTEN_ADDRESS.finditer(body)) == []
    assert time.perf_counter() - start < 0.5
    found = links.WRITTEN_ADDRESS.search("[a \\] b\nc]: missing.md")
    assert found is not None and found[found.lastindex or 0] == "missing.md"


def test_thousands_of_withheld_links_read_their_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each withheld link's line was found by reading its file again: 20,000 in one body took 45 s."""
    body = "".join(f"[x](../../secret/#part-{n})\n\n" for n in range(3_000))
    written_file(tmp_path, RECORD, FRONT + body)
    reads: list[Path] = []
    read_text = links.read_text
    monkeypatch.setattr(links, "read_text", lambda path: reads.append(path) or read_text(path))
    report = Report()
    check_withheld_links(
        tmp_path, [Written(RECORD, RECORD_PAGE, body)], LinkGate(frozenset({"places/secret"})), report
    )
    assert len(report.warnings) == 3_000 and len(reads) == 1
    assert said(report)[-1].startswith(f"{RECORD}:{7 + 2 * 2_999}: ")
