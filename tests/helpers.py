"""Building real sites in tests: content trees written from dicts, `mkdocs build` run for real."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from click import ClickException

from learnaloud.cli import read_settings
from learnaloud.core.check import check_site
from learnaloud.printing import QuietHandler
from learnaloud.printing import serving as serve_site

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content"

MKDOCS_YML = """\
site_name: Test network
site_url: https://example.org/network/
docs_dir: {docs}
theme:
  name: material
  font: false{custom_dir}
plugins:
  - search
  - learnaloud{options}
"""


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def bytes_on_disk(self) -> dict[str, bytes]:
        """Every file of the output as written, by its path in the site."""
        return {
            p.relative_to(self.site).as_posix(): p.read_bytes()
            for p in sorted(self.site.rglob("*"))
            if p.is_file()
        }

    def files(self) -> dict[str, bytes]:
        """Every file of the output as a scan must read it: gzip files (the sitemap's, and every
        file of the search index) decompressed."""
        return {path: readable(data) for path, data in self.bytes_on_disk().items()}

    def search_index(self) -> list[dict[str, str]]:
        """The pages the site's search finds, as Pagefind stored them: location (as MkDocs writes a
        page's url), title and text."""
        entries = []
        for fragment in sorted((self.site / "pagefind" / "fragment").glob("*.pf_fragment")):
            data = json.loads(readable(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
            entries.append(
                {"location": data["url"].lstrip("/"), "title": data["meta"]["title"], "text": data["content"]}
            )
        assert entries, "the site has a search index"
        return entries


def assert_indexed_as_shown(build: Build, entry: dict[str, str]) -> None:
    """A search entry holds its page's text: whatever looks like markup in it (a contributor's
    `<img onerror>`) is on the page as text too, never as an element. The site's search sets every
    result as text (the browser tests run the payloads)."""
    page = BeautifulSoup(build.page(entry["location"]), "html.parser").get_text()
    shown = "".join(page.split())  # Pagefind joins a table's cells as it likes: compare without spaces
    for field in ("title", "text"):
        suspect = [word for word in entry[field].split() if re.search(r"<|\bon[a-z]+=", word, re.I)]
        assert [word for word in suspect if word not in shown] == [], f"{entry['location']} {field}"


def readable(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def article(build: Build, url: str) -> BeautifulSoup:
    """The page's own content (Material's article), parsed."""
    found = BeautifulSoup(build.page(url), "html.parser").select_one("article.md-content__inner")
    assert found is not None, f"{url} has no article"
    return found


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def build_site(
    docs: Path,
    site: Path,
    *,
    visibility: str | None = None,
    options: str = "",
    strict: bool = False,
    custom_dir: Path | None = None,
    extra: str = "",
    quiet: bool = False,
) -> Build:
    """`mkdocs build` of a content tree, as a contributor's CI would run it."""
    site.parent.mkdir(parents=True, exist_ok=True)
    config = site.parent / f"mkdocs-{site.name}.yml"
    config.write_text(
        MKDOCS_YML.format(
            docs=docs,
            options=(":\n" + options) if options else "",
            custom_dir=f"\n  custom_dir: {custom_dir}" if custom_dir else "",
        )
        + textwrap.dedent(extra)
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LEARNALOUD_VISIBILITY", None)
    if visibility is not None:
        env["LEARNALOUD_VISIBILITY"] = visibility
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    if quiet:
        command.append("--quiet")
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=site.parent, check=False)
    build = Build(result.returncode, result.stdout + result.stderr, site)
    assert_check_agrees(config, visibility, build)
    return build


CONTENT_FAILURE = re.compile(r"Learn Aloud found \d+ problems? in the content; nothing was built[^\n]*\n")


def assert_check_agrees(config: Path, visibility: str | None, build: Build) -> None:
    """`learnaloud check`, given the same mkdocs.yml, finds exactly the problems this build found:
    every tree a test builds, broken or not, proves the check and the build one validator."""
    try:
        settings = read_settings(config, None, visibility)
    except ClickException:  # settings no build accepts either (a visibility that is not one)
        assert build.returncode != 0, build.output
        return
    report = check_site(
        settings.content, settings.visibility, allow_files=settings.allow_files, site_url=settings.site_url
    ).report
    found = CONTENT_FAILURE.search(build.output)
    listed = "\n".join(d.format() for d in report.errors) + "\n"  # a message may quote a line break
    agree = build.output.startswith(listed, found.end()) if found else not report.errors
    if found:  # and nothing more: the line after the list is blank or the end
        agree = agree and build.output[found.end() + len(listed) :][:1] in ("", "\n")
    assert agree, f"learnaloud check and the build disagree on {config}:\n{listed}\n---\n{build.output}"
    shown = [line.split(" -  ", 1)[-1] for line in build.output.splitlines() if line.startswith("WARNING")]
    assert {d.format() for d in report.warnings} <= set(shown), build.output


def build_both(root: Path, tree: dict[str, str]) -> dict[str, Build]:
    """A content tree built as a public and as a network site, both expected to succeed."""
    docs = write_tree(root / "content", tree)
    builds = {
        "public": build_site(docs, root / "public"),
        "network": build_site(docs, root / "network", visibility="network"),
    }
    for build in builds.values():
        assert build.returncode == 0, build.output
    return builds


# A small valid network: two public places, one network-only place, records that link across them.
BASE_TREE: dict[str, str] = {
    "network.yml": """
        name: Test Network
        description: A network for tests.
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
        - id: equalising-space
          title: Equalising space
    """,
    "measures.yml": """
        - id: participants
          title: People taking part
          unit: people
    """,
    "places/north-quay/place.yml": """
        name: North Quay
        region: Tyneside
        summary: A riverside estate.
    """,
    "places/hillfoot/place.yml": """
        name: Hillfoot
        summary: A mill village.
    """,
    "places/north-quay/records/2025-03-12-market-stall.md": """
        ---
        title: Conversations at the Saturday market
        date: 2025-03-12
        summary: We set up a stall and listened.
        evidence: [story, feedback]
        themes: [relational-approaches]
        loop: single
        ---

        We met forty people at the stall.

        ## What are we learning through the work?

        People stop for tea, not for leaflets.
    """,
    "places/hillfoot/records/2025-04-01-kitchen-tables.md": """
        ---
        title: Kitchen table conversations
        date: 2025-04-01
        evidence: [activity]
        themes: [relational-approaches, equalising-space]
        loop: double
        learned_from: [north-quay/2025-03-12-market-stall]
        ---

        We borrowed the stall idea and took it into kitchens.
    """,
}


class SiteHandler(QuietHandler):
    """Serves a built site as a static host does: a missing path gets the site's 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serving(site: Path) -> AbstractContextManager[str]:
    """A built site served on a free loopback port, for as long as the block runs."""
    return serve_site(site, SiteHandler)


def written(files: Mapping[str, Callable[[], str]]) -> dict[str, str]:
    """A planner's generated files as the build writes them: each path with its text."""
    return {path: text() for path, text in files.items()}
