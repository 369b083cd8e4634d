"""Material's navigation and tabs made once for the pages that show them alike (glue/navigation.py):
the example site, from its real mkdocs.yml (tabs and sections), is the same byte for byte as when
every page makes its own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from learnaloud.glue.forked import PROCESSES_VARIABLE
from learnaloud.glue.navigation import SharedNavigation
from tests.helpers import EXAMPLE, ROOT, Build

BUILD = """
import atexit, sys
from learnaloud.glue import navigation
calls = {{"asked": 0, "made": 0}}
shared = navigation.SharedNavigation.shared
def counted(self, name, page, caller):
    calls["asked"] += 1
    def make():
        calls["made"] += 1
        return caller()
    return make() if {afresh} else shared(self, name, page, make)
navigation.SharedNavigation.shared = counted
atexit.register(lambda: print(calls["asked"], calls["made"]))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-f", {config!r}, "-d", {site!r}]
cli()
"""


def build(
    tmp_path: Path, name: str, *, afresh: bool, config: Path = ROOT / "mkdocs.yml"
) -> tuple[dict[str, bytes], int, int]:
    site = tmp_path / name
    script = BUILD.format(afresh=afresh, config=str(config), site=str(site))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "XDG_CACHE_HOME": str(tmp_path / f"cache-{name}"),
        PROCESSES_VARIABLE: "1",  # every page made here, so every call is counted
    }
    env.pop("LEARNALOUD_VISIBILITY", None)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    asked, made = (int(n) for n in run.stdout.split())
    return Build(0, "", site).bytes_on_disk(), asked, made


def test_the_navigation_made_once_is_the_navigation_each_page_makes(tmp_path: Path) -> None:
    own, asked, made = build(tmp_path, "own", afresh=True)
    assert made == asked > 200  # a navigation and tabs a page
    shared, asked_again, made_once = build(tmp_path, "shared", afresh=False)
    assert asked_again == asked and made_once < asked // 2  # most pages share theirs
    assert shared.keys() == own.keys()
    differing = [path for path in own if shared[path] != own[path]]
    assert differing == []


class Placed(Page):
    """A page of which only its place counts: its address and its section."""

    url = ""  # type: ignore[assignment]  # an attribute here, not Page's property

    def __init__(self, url: str, parent: Section | None) -> None:
        self.url, self.parent = url, parent


def test_a_sites_own_nav_with_sections_and_pages_below_others(tmp_path: Path) -> None:
    """A site's nav: sections open on their pages, and a place's report in the nav while the
    place's page is not (the place's page links the report as its own folder's)."""
    config = tmp_path / "mkdocs-nav.yml"
    config.write_text(
        textwrap.dedent(f"""\
            site_name: Test network
            site_url: https://example.org/network/
            docs_dir: {EXAMPLE}
            theme:
              name: material
              font: false
              features: [navigation.tabs, navigation.sections]
            plugins: [learnaloud]
            nav:
              - Home: index.md
              - Places:
                  - places/index.md
                  - North Quay in 2025: places/north-quay/reports/2025.md
                  - Hillfoot: places/hillfoot/index.md
              - Themes: themes/index.md
            """)
    )
    own, asked, made = build(tmp_path, "own", afresh=True, config=config)
    shared, _, made_once = build(tmp_path, "shared", afresh=False, config=config)
    assert made == asked and made_once < asked // 2
    assert [path for path in own if shared.get(path) != own[path]] == []


def page(url: str, parent: Section | None = None) -> Page:
    return Placed(url, parent)


def test_a_page_at_or_above_a_linked_address_makes_its_own() -> None:
    places = Section("Places", [])
    north = page("places/north/", places)
    places.children = [north, Link("Reports", "/places/south/reports/")]
    shared = SharedNavigation(Navigation([places], [north]), linked=("about/logo.png",))
    assert shared.place(north) is None  # its own entry: it shows its table of contents
    assert shared.place(page("places/south/", places)) is None  # links reports/ as its own
    assert shared.place(page("about/")) is None  # at the logo's folder
    record = shared.place(page("places/north/records/a/", places))
    assert record == shared.place(page("places/north/records/b/", places))
    assert record != shared.place(page("places/north/records/a/"))  # no section open
    assert shared.place(page("places/east/")) == ("places", True, ())


def test_material_blog_views_make_their_own() -> None:
    view = Section("Blog", [])
    view.pages = []  # type: ignore[attr-defined]  # as Material's blog plugin's views have
    assert SharedNavigation(Navigation([view], [])).place(page("blog/x/")) is None


def test_a_linked_address_is_read_as_mkdocs_url_filter_reads_it() -> None:
    """`./x/`, `../x/`, `a/../x/`, `a//x/` and `a\\x\\` all link `x/` from every page (MkDocs
    resolves the segments): a page at or above the address they name makes its own."""
    for written in (
        "./places/south/reports/",
        "../places/south/reports/",
        "places/north/../south/reports/",
        "places//south/reports/",
        "places\\south\\reports\\",
    ):
        shared = SharedNavigation(Navigation([Link("Reports", written)], []))
        assert shared.place(page("places/south/")) is None, written
        assert shared.place(page("places/east/")) == ("places", True, ()), written
    shared = SharedNavigation(Navigation([], []), linked=("./places/south/",))  # extra.homepage
    assert shared.place(page("places/south/")) is None
