"""Contributor text is data, never code: hostile titles, summaries and bodies are neutralised."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import BASE_TREE, Build, build_site, write_tree

PAYLOAD = "alert"  # every hostile snippet below tries to call it

TREE = {
    **BASE_TREE,
    "themes.yml": """
        - id: relational-approaches
          title: "<img src=x onerror=alert('theme')>Relational"
          description: "<script>alert('theme-description')</script>Plain words."
        - id: equalising-space
          title: Equalising space
    """,
    "places/north-quay/place.yml": """
        name: "</title><script>alert('place')</script>North Quay"
        summary: "<b onmouseover=alert('summary')>Riverside</b>"
        website: "https://example.org/?q=<script>alert('site')</script>"
    """,
    "places/north-quay/records/2025-03-12-market-stall.md": """
        ---
        title: "<script>alert('title')</script>Market &lt;/title&gt;&lt;script&gt;alert('entity')&lt;/script&gt;"
        date: 2025-03-12
        summary: "<img src=x onerror=alert('summary')> {{ 7*7 }}"
        evidence: [story]
        themes: [relational-approaches]
        ---

        <script>alert('body')</script>

        [a javascript link](javascript:alert('link'))

        <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a data link</a>

        <img src="x" onerror="alert('img')">

        <iframe src="https://evil.example/"></iframe>
        <object data="https://evil.example/x.swf"></object>
        <embed src="https://evil.example/x.swf">

        <p onclick="alert('p')">Click</p>

        {: onclick="alert('attr-list')" }

        ## <span onmouseover="alert('heading')">What are we learning through the work?</span>

        Template syntax stays text: {{ 7*7 }} and {% if true %}yes{% endif %}.
    """,
    "toolkit/hostile-guide.md": """
        ---
        title: A guide whose body starts like front matter
        summary: Hostile.
        stage: embodied
        duration: 10
        ---
        ---
        description: '"><script>alert("guide-meta")</script>'
        ---
        Body.
    """,
    "index.md": """
        ---
        title: "<script>alert('home-title')</script>Welcome"
        ---

        Our <em>network</em> <img src=x onerror=alert('home')>.
    """,
    "about.md": """
        ---
        title: "<script>alert('page-title')</script>About"
        description: '"><script>alert("description")</script>'
        author: "<img src=x onerror=alert('author')>"
        ---

        # <img src=x onerror=alert('h1')>About us

        <script>alert('page')</script>
    """,
}


class Audit(HTMLParser):
    """Everything in a page that could run: script bodies, handlers, script/data URLs, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed"):
            self.dangers.append(f"<{tag}>")
        if tag == "script":
            self.in_script = True
        for name, value in attrs:
            lowered = (value or "").strip().lower()
            if name.startswith("on"):
                self.dangers.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "data") and lowered.startswith(("javascript:", "data:")):
                self.dangers.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and PAYLOAD in data:
            self.dangers.append(f"script: {data[:60]}")
        self.text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root: Path = tmp_path_factory.mktemp("hostile")
    build = build_site(write_tree(root / "content", TREE), root / "site")
    assert build.returncode == 0, build.output
    return build


def html_pages(build: Build) -> dict[str, str]:
    return {p: d.decode() for p, d in build.files().items() if p.endswith(".html")}


def test_nothing_in_any_page_can_run(site: Build) -> None:
    pages = html_pages(site)
    assert len(pages) >= 8
    for path, text in pages.items():
        audit = Audit()
        audit.feed(text)
        assert audit.dangers == [], f"{path}: {audit.dangers}"


def test_titles_are_text_in_title_nav_and_page(site: Build) -> None:
    record = site.page("places/north-quay/records/2025-03-12-market-stall")
    audit = Audit()
    audit.feed(record)
    text = "".join(audit.text)
    assert "Market" in text
    # The literal entity text a contributor typed is shown as typed, never turned into markup.
    assert "&lt;/title&gt;" in text or "</title>" in text
    head = record.split("</title>", 1)[0]
    assert "<script" not in head.split("<title>", 1)[1]


def test_template_syntax_is_published_literally(site: Build) -> None:
    record = site.page("places/north-quay/records/2025-03-12-market-stall")
    assert "{{ 7*7 }}" in record
    assert "{% if true %}yes{% endif %}" in record


def test_search_index_holds_the_text_a_reader_sees(site: Build) -> None:
    """Pagefind stores a page's text, not its HTML: a contributor's `<img onerror>` (shown on the page
    as text) is text in the index too, and the site's search sets it as text (browser tests)."""
    entries = {doc["location"]: doc for doc in site.search_index()}
    page = Audit()
    page.feed(site.page("about"))
    shown = " ".join("".join(page.text).split())
    payloads = [word for word in entries["about/"]["text"].split() if "onerror" in word or "<" in word]
    assert payloads, "the hostile page's text is in the index"
    assert all(word in shown for word in payloads)
