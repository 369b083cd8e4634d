"""A hostile content tree built with the mkdocs.yml that ships and opened in real Chromium: every
payload that passes validation must be inert. Each payload, if it ever ran, would mark the page's
root element with a `data-pwned-…` attribute; the test reads them after load, after focusing every
focusable element, and after a search that finds the hostile record."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import BASE_TREE, ROOT, serving, write_tree

pytestmark = pytest.mark.browser


def mark(name: str) -> str:
    """JavaScript that betrays a payload that ran."""
    camel = "".join(part.capitalize() for part in name.split("-"))
    return f"document.documentElement.dataset.pwned{camel}=1"  # sets data-pwned-<name>


HOSTILE = {
    **BASE_TREE,
    "themes.yml": f"""
        - id: relational-approaches
          title: "<img src=x onerror=\\"{mark("theme")}\\">Relational"
          description: "<script>{mark("theme-description")}</script>Plain words.\n\n
            [a](themes/relational-approaches/javascript%3A{mark("theme-scheme")})
            [b](%22%20onmouseover%3D{mark("theme-hover")}%20x%3D%22.md)
            ![c](%22onerror%3D%22{mark("theme-image")}%3Bx.png)"
        - id: equalising-space
          title: Equalising space
    """,
    "measures.yml": f"""
        - id: participants
          title: People taking part
          unit: people
          description: "[a](measures/participants/javascript%3A{mark("measure-scheme")})
            [b](%22%20onfocus%3D{mark("measure-focus")}%20autofocus%20x%3D%22.md)"
    """,
    "places/north-quay/place.yml": f"""
        name: "</title><script>{mark("place")}</script>North Quay"
        summary: "<b onmouseover=\\"{mark("summary")}\\">Riverside</b>"
    """,
    "places/north-quay/records/2025-03-12-market-stall.md": f"""
        ---
        title: "Market <img src=x onerror=\\"{mark("title")}\\"> &lt;/title&gt;&lt;script&gt;{mark("entity")}&lt;/script&gt;"
        date: 2025-03-12
        summary: "<img src=x onerror=\\"{mark("card")}\\"> {{{{ 7*7 }}}}"
        evidence: [story]
        themes: [relational-approaches]
        ---

        Update: the first line looks like a key.

        <script>{mark("script")}</script>

        <img src="x" onerror="{mark("img")}">

        [a javascript link](javascript:{mark("link")})

        <a href="java&#x09;script:{mark("tab-link")}">a tab link</a>

        <details open ontoggle="{mark("details")}"><summary>more</summary>x</details>

        <input autofocus onfocus="{mark("input")}">

        <div id="__config">{{"base": "javascript:{mark("config")}"}}</div>

        A paragraph that claims Material's config.
        {{: #__config onclick="{mark("attr-list")}" }}

        ## A note {{ id='n" autofocus onfocus="{mark("heading-id")}' }}

        ## With a label {{ data-toc-label='<img src=x onerror="{mark("toc-label")}">' }}

        ## What are we learning through the work?

        People stop for tea <svg onload="{mark("svg")}"></svg>, not for leaflets.
    """,
    "about.md": f"""
        ---
        title: "About <script>{mark("page-title")}</script>"
        description: '"><script>{mark("description")}</script>'
        author: '"><img src=x onerror="{mark("author")}">'
        ---

        Hello.
    """,
    "tables/2025-06-reaching.yml": f"""
        title: "Reaching <img src=x onerror=\\"{mark("table-title")}\\">"
        date: 2025-06-01
        scope: across-places
        places: [north-quay, hillfoot]
        question: "<script>{mark("table-question")}</script>Who is missing?"
        ground_truth:
          - text: "<img src=x onerror=\\"{mark("ground-truth")}\\"> forty people"
        hypotheses:
          - text: "[a link](javascript:{mark("hypothesis")})"
    """,
    "toolkit/hostile-guide.md": f"""
        ---
        title: "Guide <img src=x onerror=\\"{mark("guide-title")}\\">"
        summary: "<script>{mark("guide-summary")}</script>A guide."
        stage: embodied
        duration: 30
        materials: ["<img src=x onerror=\\"{mark("materials")}\\">"]
        ---

        <img src=x onerror="{mark("guide-body")}">
    """,
}

PAGES = [
    "",
    "places/north-quay/records/2025-03-12-market-stall/",
    "places/north-quay/",
    "places/",
    "about/",
    "themes/",
    "themes/relational-approaches/",
    "measures/participants/",
    "questions/learning/",
    "tables/",
    "tables/2025-06-reaching/",
    "toolkit/",
    "toolkit/hostile-guide/",
    "explore/",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile tree built with the shipped mkdocs.yml (inherited whole; only the docs and
    site folders and the custom_dir's absolute path differ), then served."""
    root = tmp_path_factory.mktemp("hostile-chromium")
    docs = write_tree(root / "content", HOSTILE)
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\ntheme:\n  custom_dir: {ROOT / 'theme_overrides'}\n"
    )
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(site) as url:
        yield url


def pwned(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "() => [...document.documentElement.attributes].map(a => a.name)"
            ".filter(n => n.startsWith('data-pwned-'))"
        )
    )


def focus_everything(page: Page) -> None:
    page.evaluate(
        """() => {
            for (const el of document.querySelectorAll('a, button, input, select, textarea, summary, [tabindex], [autofocus], h1, h2, h3, p, div')) {
                el.focus(); el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            }
        }"""
    )


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(browser: Browser, hostile_site: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(hostile_site + path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("networkidle")
    assert pwned(page) == []
    focus_everything(page)
    page.wait_for_timeout(100)
    assert pwned(page) == [], path
    assert dialogs == []
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_link_is_a_script_s_address(browser: Browser, hostile_site: str, path: str) -> None:
    """As Chromium reads each link: a contributor's `javascript:` never survives, however escaped
    (a link in a data file is moved to the page that shows it)."""
    page = browser.new_page()
    page.goto(hostile_site + path)
    schemes = page.evaluate(
        "() => [...document.querySelectorAll('a[href], [src]')]"
        ".map(e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), document.baseURI).protocol)"
    )
    assert "javascript:" not in schemes, path
    page.close()


def test_materials_config_is_its_own(browser: Browser, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(hostile_site + PAGES[1])
    assert page.evaluate("() => document.getElementById('__config').tagName") == "SCRIPT"
    assert (
        page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).base")
        == "../../../.."
    )
    page.close()


def test_a_search_that_finds_the_hostile_record_runs_nothing(browser: Browser, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(hostile_site)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # Material's shortcut opens search
    for query in ("Market", "onerror", "script"):  # the payloads' own words, in titles and excerpts
        page.locator("input.md-search__input").fill(query)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_timeout(300)
        focus_everything(page)
        page.wait_for_timeout(200)
        assert pwned(page) == [], query
        made = page.eval_on_selector_all(
            ".md-search-result__article *", "els => [...new Set(els.map(e => e.tagName.toLowerCase()))]"
        )
        assert set(made) <= {"div", "h1", "h2", "p", "mark"}, query
    assert "<script>" in page.locator(".md-search-result").inner_text()  # shown, as text
    page.close()


def test_the_hostile_tree_built_from_the_shipped_config(hostile_site: str) -> None:
    """The fixture really used the shipped theme features and extensions: tabs, a palette toggle,
    and attr_list (the heading's payload reached the parser and was defused, not ignored)."""
    with urllib.request.urlopen(hostile_site + PAGES[1]) as response:
        html = response.read().decode()
    assert 'class="md-tabs"' in html and 'data-md-component="palette"' in html
    assert 'id="a-note"' in html
