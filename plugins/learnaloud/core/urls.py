"""Site URLs: every page's URL comes from ids, and links between pages are relative."""

from __future__ import annotations

import html as html_module
import posixpath
import re
from urllib.parse import quote, unquote

ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')


def resolve(page: str, href: str) -> str:
    """A relative link on `page` (a site-root-relative directory URL) as a site-root-relative URL."""
    path, hash_, fragment = href.partition("#")
    if not path:
        return page + hash_ + fragment
    joined = posixpath.normpath(posixpath.join(page, path))
    joined = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    return joined + hash_ + fragment


def written_target(source: str, path: str) -> str:
    """The path in the content tree that a relative link written in the file `source` names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))


def file_links(html: str, source: str, page: str) -> str:
    """HTML made from a data file's Markdown (a table's entry, a measure's description), its
    relative links — written from the file, as every hand-written link is — made to work on
    `page`: a Markdown file becomes its page's address, as MkDocs makes a page's own links. The
    address is read as a browser reads it (entities, then percent-escapes) and written back
    percent-escaped: what was escaped in the contributor's text stays escaped in the page."""

    def rebase(match: re.Match[str]) -> str:
        href = match[2]
        if not href or href.startswith("#") or ABSOLUTE.match(href):
            return match[0]
        path, hash_, fragment = href.partition("#")
        target = written_target(source, html_module.unescape(path))
        if target.endswith(".md"):
            folder, name = posixpath.split(target.removesuffix(".md"))
            target = folder if name == "index" else target.removesuffix(".md")
            target = f"{target}/" if target else ""
        return match[1] + quote(relative_url(page, target)) + hash_ + fragment + match[3]

    return LINK_ATTRIBUTE.sub(rebase, html) if 'href="' in html or 'src="' in html else html


def relative_url(page: str, target: str) -> str:
    """The link from `page` to `target`, both site-root-relative (`places/north-quay/`)."""
    path, hash_, fragment = target.partition("#")
    start = page.rstrip("/") or "."
    relative = posixpath.relpath(path.rstrip("/") or ".", start)
    if path.endswith("/") or not path:
        relative = "./" if relative == "." else relative + "/"
    if ":" in relative.split("/", 1)[0]:  # else a browser reads `javascript:x/` as a scheme
        relative = "./" + relative
    return relative + hash_ + fragment


def move_html(html: str, from_page: str, to_page: str) -> str:
    """HTML rendered for one page, made to work on another: relative links rebased, ids dropped
    (the same answer's heading ids would clash with others on the page it moves to)."""

    def rebase(match: re.Match[str]) -> str:
        href = match[2]
        if not href or ABSOLUTE.match(href):
            return match[0]
        return match[1] + relative_url(to_page, resolve(from_page, href)) + match[3]

    if 'href="' in html or 'src="' in html:  # most answers link nothing: no need to scan them
        html = LINK_ATTRIBUTE.sub(rebase, html)
    return ID_ATTRIBUTE.sub("", html) if 'id="' in html else html
