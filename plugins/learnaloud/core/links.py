"""Hand-written links: to what a build withholds, and to what is not there. A public record may
link, in Markdown or raw HTML, to a network-only record; the address alone names the hidden place
and record. Such links are removed with their text kept, as `learned_from` links are, and each is
reported. A link to a file that is in no folder of the site (a misspelt name, a renamed record) is
reported where it is written, with the file it most likely meant."""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from markdown_it.common.utils import unescapeAll

from .errors import Report
from .sanitize import COMMONMARK, Withheld, markdown_html
from .select import Published, within
from .source import read_text
from .urls import file_links, written_target
from .views import activity_url, measure_url, post_url, record_url, table_url, theme_url

# What is left of a link to a page or file once its ending is gone: `x.md`, `x/`, `x/index.html`.
INDEX_PAGES = ("/index.html", "/index.md")
BROWSER_DROPS = re.compile(r"[\t\n\r]")
DEFAULT_PORTS = (80, 443)


@dataclass
class LinkGate:
    """The paths a build withholds (a hidden place's folder, an unpublished item's file, both
    without their ending) and the links found pointing into them, as (page, address, target);
    `said`, those the check has reported already (the build says the rest as it renders)."""

    withheld: frozenset[str]
    site_url: str = ""
    removed: set[tuple[str, str, str]] = field(default_factory=set)
    said: set[tuple[str, str, str]] = field(default_factory=set)

    def for_page(self, page_src: str, page_url: str) -> Withheld:
        """Whether a link on this page (its source path, its site-root-relative URL) is withheld;
        a link is read both ways, as MkDocs has rewritten some and not others."""

        def withheld(href: str) -> bool:
            for target in self.targets(href, page_src, page_url):
                # Ids are lower case: `../../SECRET-PLACE/` names the hidden place all the same.
                if within(target, self.withheld) or within(target.lower(), self.withheld):
                    self.removed.add((page_src, href, target))
                    return True
            return False

        return withheld

    def data_html(self, markdown: str, source: str, page: str) -> str:
        """Markdown written in a data file (a theme's or measure's description, a table's entry)
        as HTML on `page`: links to what the build withholds dropped, the others written from the
        file, as every hand-written link is (urls.file_links)."""
        return file_links(markdown_html(markdown, self.for_page(source, page)), source, page)

    def targets(self, href: str, page_src: str, page_url: str) -> list[str]:
        """The site paths a link may point to. An absolute link is this site's whatever its
        spelling: scheme and host in any case, `http` or `https`, a default port, `//host`,
        percent-encoding; where a browser may read `https:x` as a host or as a path, both."""
        # Browsers drop tabs and newlines anywhere in an address and read a backslash as a slash.
        href = BROWSER_DROPS.sub("", href.strip()).replace("\\", "/")
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme and scheme not in ("http", "https"):
            return []
        if not scheme and not href.startswith("//"):
            return self.on_site(parts.path, page_src, page_url)
        rest = href[len(parts.scheme) + 1 :] if scheme else href
        found = self.on_host(rest.lstrip("/"))
        # `https:places/x/`, `https:/places/x/`: a path on this site to a browser on a page of the
        # same scheme, a host to one on a page of the other.
        if scheme and not rest.startswith("//"):
            found += self.on_site(urlsplit(rest).path, page_src, page_url)
        return found

    def on_host(self, authority_path: str) -> list[str]:
        """The site paths of `host[:port]/path…` if the host is this site's (none if not)."""
        if not self.site_url:
            return []
        link, site = urlsplit("//" + authority_path), urlsplit(self.site_url)
        if host(link.hostname) != host(site.hostname):
            return []
        try:
            port = link.port
        except ValueError:  # not a port a browser opens: read the host alone
            port = None
        if port not in (None, *DEFAULT_PORTS) and port != site.port:
            return []
        return self.on_site("/" + link.path.lstrip("/"), "", "")

    def on_site(self, raw_path: str, page_src: str, page_url: str) -> list[str]:
        """The site paths a path on this host may point to: from the site's root, or from the page
        (its source path and its URL, as MkDocs has rewritten some links and not others)."""
        if not raw_path:
            return []
        path = unquote(raw_path)
        if path.startswith("/"):
            site_path = urlsplit(self.site_url).path.strip("/")
            path = posixpath.normpath("/" + path).lstrip("/")
            inside = path[len(site_path) :].lstrip("/") if within(path, frozenset({site_path})) else path
            return [normal(inside), normal(path)]
        return [
            normal(posixpath.join(posixpath.dirname(page_src), path)),
            normal(posixpath.join(page_url, path)),
        ]


def host(name: str | None) -> str:
    """A host name as a browser compares it: percent-decoded, width- and case-folded (as IDNA
    maps it), without a final dot."""
    return unicodedata.normalize("NFKC", unquote(name or "")).casefold().rstrip(".")


def spellings(href: str) -> tuple[str, str, str]:
    """How a link's address may be written in its file, likeliest first: as it is, decoded, or
    (rewritten by MkDocs) only its last part."""
    return href, unquote(href), unquote(href).rsplit("/", 1)[-1] or href


def link_line(text: str, href: str) -> int:
    """The line of a file where a link's address is written (0 where it cannot be found)."""
    for candidate in spellings(href):
        if (at := text.find(candidate)) >= 0:
            return text.count("\n", 0, at) + 1
    return 0


def link_lines(text: str, href: str) -> list[int]:
    """The lines of a file where a link's address is written, first to last (in one pass over the
    file: a body may write thousands of links)."""
    for candidate in spellings(href):
        found, line, last = [], 1, 0
        for m in re.finditer(re.escape(candidate), text):
            line, last = line + text.count("\n", last, m.start()), m.start()
            found.append(line)
        if found:
            return found
    return []


def normal(path: str) -> str:
    """A site path without `.`/`..` segments, an index page or an ending: a link to `x.md`, `x/`,
    `x/index.html` or a file `x.pdf` beside an item `x` all point at `x`."""
    path = posixpath.normpath("/" + path).lstrip("/")
    for index in INDEX_PAGES:
        if path.lower().endswith(index):
            path = path[: -len(index)]
    return posixpath.splitext(path)[0]


# Where a Markdown body may name a file: an inline link or image `](address`, or a reference
# `[name]: address`, the address as CommonMark reads it: in angle brackets (spaces and parentheses
# allowed), or bare, with backslash escapes and balanced parentheses (`a-(draft).md`, one level
# deep). Only bodies with such an address to no file are parsed, to be sure. A reference's label
# holds no unescaped bracket and at most 999 characters, as in CommonMark: each '[' is read that far
# at most (an unbounded label read the rest of the body from every line's '[': quadratic).
DESTINATION = r"<((?:[^<>\n\\]|\\.)*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
LABEL = r"\[(?:[^\[\]\\]|\\[\s\S]){1,999}\]"
WRITTEN_ADDRESS = re.compile(rf"\]\(\s*(?:{DESTINATION})|^ {{0,3}}{LABEL}:\s*(?:{DESTINATION})", re.MULTILINE)
# A page's body is rendered by MkDocs' Python-Markdown, which also takes a bare address with spaces
# (`[notes](notes (v3).pdf)`, `[x](a b.md "title")`), up to the parenthesis that closes the link.
SPACED_ADDRESS = re.compile(
    r"\]\(\s*((?:[^()\s<>]|\([^()\n]*\))(?:[^()\n<>\"']|\([^()\n]*\))*?)\s*(?:\"[^\"\n]*\"|'[^'\n]*')?\s*\)"
)
# A name of a place or an item, as a link into what a build withholds must write it.
ID_LIKE = re.compile(r"[a-z0-9][a-z0-9-]*")
# CommonMark links nothing without one of these: `](`, a reference `]:`, raw HTML or an autolink.
LINK_MARKS = ("](", "]:", "<")


class Written(NamedTuple):
    """A piece of Markdown a contributor wrote: the file it is written in, the page that shows it
    (its links are read from both, as LinkGate.for_page reads them), and the Markdown."""

    file: str
    page: str
    markdown: str


def written_markdown(published: Published) -> Iterator[Written]:
    """Every piece of Markdown a contributor wrote that the site shows: record, post and guide
    bodies, and the data files' (themes', measures', tables' entries)."""
    yield from (Written(r.source.path, record_url(r), r.body) for r in published.records.values())
    yield from (Written(p.source.path, post_url(p), p.body) for p in published.posts.values())
    yield from (Written(a.source.path, activity_url(a.id), a.body) for a in published.activities.values())
    for theme in published.themes.values():
        yield Written("themes.yml", theme_url(theme.id), theme.description)
    for measure in published.measures.values():
        yield Written("measures.yml", measure_url(measure.id), measure.description)
    for table in published.tables.values():
        for quadrant in (table.ground_truth, table.insights, table.hypotheses, table.opportunities):
            yield from (Written(table.source.path, table_url(table.id), entry.text) for entry in quadrant)


def check_page_links(
    root: Path,
    written: Iterable[Written],
    known: set[str],
    withheld: frozenset[str],
    report: Report,
) -> None:
    """Links written to a file of the content tree that is not there (`known`: every file and page
    the site has, by its path in the tree), as warnings at the line they are written: MkDocs' own
    says neither where nor what was meant, and sees none in the data files.
    A data file's pieces (two themes' descriptions) that link the same address are each said, at
    the lines it is written on in turn."""
    missing: dict[str, Counter[tuple[str, str]]] = {}  # file → (address, target) → pieces linking it
    for page, _, markdown in written:
        linked = None
        for found in WRITTEN_ADDRESS.finditer(markdown):
            address = found[found.lastindex or 0]
            link = unescapeAll(address)  # `a\(b.md` links to `a(b.md`
            if (target := missing_target(page, link, known, withheld)) is None:
                continue
            linked = set(body_links(markdown)) if linked is None else linked  # not code that looks like one
            if COMMONMARK.normalizeLink(link) in linked:
                missing.setdefault(page, Counter())[(address, target)] += 1
        if page.endswith(".md"):
            for address in spaced_links(markdown):
                if (target := missing_target(page, address, known, withheld)) is not None:
                    missing.setdefault(page, Counter())[(address, target)] += 1
    for page, links in missing.items():
        text = read_text(root / page)
        for (address, target), pieces in sorted(links.items()):
            lines = link_lines(text, address) or [0]
            for line in sorted({lines[min(n, len(lines) - 1)] for n in range(pieces)}):
                report.warning(page, line, *missing_file(page, address, target, known))


def check_withheld_links(root: Path, written: Iterable[Written], gate: LinkGate, report: Report) -> None:
    """Links into what the build withholds, as warnings at the line they are written, before any
    page is rendered (so `learnaloud check` says them): each piece read as the build reads it,
    rendered and gated. Only pieces that name a withheld place or item are rendered (every body
    would cost a check seconds); the build says any other link it removes (LinkGate.said)."""
    names = {path.rsplit("/", 1)[-1] for path in gate.withheld}
    for piece in written:
        if not names or not any(mark in piece.markdown for mark in LINK_MARKS):
            continue
        spelled = unquote(html.unescape(piece.markdown))  # as the gate reads an address
        if not names.isdisjoint(ID_LIKE.findall(spelled)):
            markdown_html(piece.markdown, gate.for_page(piece.file, piece.page))
    for file, line, what, fix in unsaid_withheld_links(gate, root):
        report.warning(file, line, what, fix)


def unsaid_withheld_links(gate: LinkGate, root: Path) -> list[tuple[str, int, str, str]]:
    """The links into withheld content found and not said yet, each as (file, line, what, fix):
    now said (the check says those it finds; the build, rendering, any other)."""
    texts: dict[str, str] = {}
    unsaid = []
    for file, href, _target in sorted(gate.removed - gate.said):
        if file not in texts:  # each file read once, however many links it writes
            path = root / file
            texts[file] = read_text(path) if path.is_file() else ""
        unsaid.append((file, link_line(texts[file], href), *withheld_link(href)))
    gate.said |= gate.removed
    return unsaid


def withheld_link(href: str) -> tuple[str, str]:
    """What a link into withheld content says, with the address as written (the check before a
    build, the build of any other). Only a public build withholds: what is network-only."""
    return (
        f"links to {href}, which this build does not publish: it is network-only, or its place is",
        "the site shows the link's words without the link; remove the link (keep the words) until "
        "that page is public, and check that the words name nothing private",
    )


def spaced_links(body: str) -> Iterator[str]:
    """The addresses with spaces a page's body links, as Python-Markdown reads them (CommonMark
    reads no link there, so each is found in the body's text, not in its code)."""
    if not SPACED_ADDRESS.search(body):
        return
    text = "\n".join(
        "".join(child.content if child.type == "text" else "\n" for child in token.children or ())
        for token in COMMONMARK.parse(body)
    )
    for found in SPACED_ADDRESS.finditer(text):
        if " " in found[1]:
            yield found[1]


def body_links(body: str) -> Iterable[str]:
    for token in COMMONMARK.parse(body):
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                yield str(child.attrs.get("href" if child.type == "link_open" else "src", ""))


def missing_target(page: str, address: str, known: set[str], withheld: frozenset[str]) -> str | None:
    """The file a relative link names in the content tree, if there is none there."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None  # another site's, the site's root (MkDocs resolves those), or this page's anchor
    target = written_target(page, parts.path)
    if not posixpath.splitext(target)[1] or target in known or within(normal(target), withheld):
        return None  # a folder's address (`../themes/`), a file there, or one the build withholds
    return target


def missing_file(page: str, address: str, target: str, known: set[str]) -> tuple[str, str]:
    """What a link to no file says, and the nearest file of the same kind as a did-you-mean."""
    outside = target.startswith("../")
    what = f"links to {address}, which is " + ("outside the content folder" if outside else "not in the site")
    # Outside: the file meant is most likely the one its path names inside content/ (written
    # from another file's folder, as a theme's description once was).
    if (nearest := nearest_file(re.sub(r"^(\.\./)+", "", target), known)) is not None:
        return what, f"did you mean {posixpath.relpath(nearest, posixpath.dirname(page))}?"
    # A record of the site itself, as the way to write one from here (a made-up one would be copied).
    record = min((path for path in known if RECORD_FILE.fullmatch(path)), default=EXAMPLE_RECORD)
    example = posixpath.relpath(record, posixpath.dirname(page) or ".")
    return (
        what,
        "check the file's name and folder: a link names a file relative to this one, inside "
        f"content/ (../ is the folder above; from here a record is written e.g. {example})",
    )


EXAMPLE_RECORD = "places/hillfoot/records/2025-02-20-kitchen-table.md"  # a site with no record yet
RECORD_FILE = re.compile(r"places/[^/]+/records/[^/]+\.md")


def nearest_file(target: str, known: set[str]) -> str | None:
    """The file a misspelt link most likely meant: a name like it in the same folder, else a name
    very like it in any folder (a record renamed, or of another place)."""
    folder, name = posixpath.split(target)
    alike = sorted(path for path in known if path.endswith(posixpath.splitext(name)[1]))
    beside = [posixpath.basename(path) for path in alike if posixpath.dirname(path) == folder]
    if found := difflib.get_close_matches(name, beside, n=1, cutoff=0.6):
        return posixpath.join(folder, found[0])
    by_name: dict[str, str] = {}
    for path in alike:
        by_name.setdefault(posixpath.basename(path), path)
    found = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.8)
    return by_name[found[0]] if found else None
