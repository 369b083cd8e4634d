"""The one door: which files of a content tree reach the site as they are, and where every page
lands. Anything that could carry code past every check stays out unless the site's maintainers
allow it by path; nothing takes the place of a generated page or of the plugin's own assets."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Report

# Published as they are. Every other ending — .html, .js, .css, .xml, .xsl, .json, .xhtml,
# archives, anything new — is refused unless allowed by path (`allow_files`).
PUBLISHED_KINDS: Mapping[str, tuple[str, ...]] = {
    "images": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico"),
    "documents": (
        ".pdf",
        ".docx",
        ".doc",
        ".xlsx",
        ".xls",
        ".pptx",
        ".ppt",
        ".odt",
        ".ods",
        ".odp",
        ".csv",
        ".txt",
    ),
    "audio": (".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac"),
    "video": (".mp4", ".m4v", ".webm", ".ogv", ".mov"),
}
# What a contributor most likely meant by a file of a refused kind.
KIND_FIXES: Mapping[str, str] = {
    ".zip": "add the files inside it themselves",
    ".html": "write the page in Markdown (.md) instead",
    ".htm": "write the page in Markdown (.md) instead",
    ".docm": "save it as .docx or PDF",
    ".xlsm": "save it as .xlsx or .csv",
    ".json": "put the data in a .csv file",
    ".xml": "put the data in a .csv file",
}
PUBLISHED_SUFFIXES = frozenset(s for kind in PUBLISHED_KINDS.values() for s in kind)
# Every ending MkDocs reads as a page (it compares them with case, so `page.MD` would be copied raw).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
YAML_SUFFIXES = (".yml", ".yaml")
# What the theme, MkDocs and the plugin write themselves: a content page or file there, or at a
# path that needs one of them as a folder, would replace them.
ENGINE_OUTPUTS = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "robots.txt",
    "search/search_index.json",
    "assets/images/favicon.png",
)
RESERVED_FOLDERS = (
    "assets/learnaloud/",
    "assets/javascripts/",
    "assets/stylesheets/",
    "search/",
    "pagefind/",  # the site's search index (core/search.py)
    "contribute/",  # the Contribute section's guides: nothing beside them could be told apart
    "schema/",  # the JSON Schema editors fetch
)
# A paged list's later pages (core/paging.py: the explorer's, travel's, the blog's and its years',
# a place's, a theme's, a kind of evidence's, a loop's, a question's year view), whatever their
# number: a list that grows would otherwise one day collide with a page written there.
PAGED_LIST_PAGES = re.compile(
    r"(explore|travel|blog|blog/\d+|places/[^/]+|themes/[^/]+|evidence/[^/]+|loops/[^/]+|questions/[^/]+/\d+)/page/"
)
# Ids a page family cannot use: `toolkit/index.md` is the toolkit's own page, and MkDocs publishes
# `index.md` and `README.md` at their folder's address, where a card would not find them.
RESERVED_IDS = frozenset({"index", "readme"})
# The folder of the questions' per-place pages, `questions/places/<place>/`: no question may have it
# as its id, or its page would sit at `questions/places/` among them.
QUESTION_PLACES_FOLDER = "places"
# The one hand-written page that shares a generated page's address: the home page's introduction.
HOME_INTRODUCTION = "index.md"


@dataclass
class TreeFiles:
    """A content tree's files by what they are, paths relative to the tree, sorted."""

    files: list[str] = field(default_factory=list)  # regular files (not links), dot-files left out
    pages: list[str] = field(default_factory=list)  # Markdown files with a lower-case ending


# A browser reads a backslash as `/` and drops tabs and line breaks from an address: a page named
# `\evil.example.md` would have a link that leaves the site.
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\]")


def list_tree(root: Path, report: Report) -> TreeFiles:
    """Every regular file of the tree. A symbolic link anywhere is an error and is never followed
    (it could publish a network-only place under another name, or /etc/passwd); so are sockets,
    pipes and devices, which could hang the build."""
    found = TreeFiles()
    for folder, dirs, names in os.walk(root):
        for name in sorted(dirs):
            if name.startswith(".") or Path(folder, name).is_symlink():
                dirs.remove(name)
                if not name.startswith("."):
                    link_error(report, Path(folder, name).relative_to(root).as_posix())
        dirs.sort()
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                link_error(report, rel)
            elif unsafe := UNSAFE_NAME.search(rel):
                what = (
                    "a backslash"
                    if unsafe[0] == "\\"
                    else "a tab, a line break or another invisible character"
                )
                report.error(
                    rel,
                    0,
                    f"the name has {what} in it, which a browser reads as part of an address",
                    "rename it with letters, digits, '-' and '_' only, e.g. 'market-stall.md'",
                )
            elif not stat.S_ISREG(mode):  # safety net: a pipe or a device, which git cannot hold
                report.error(rel, 0, "this is not an ordinary file", "remove it from the content folder")
            else:
                found.files.append(rel)
    found.files.sort()
    found.pages = [rel for rel in found.files if posixpath.splitext(rel)[1] in MARKDOWN_SUFFIXES]
    return found


def link_error(report: Report, rel: str) -> None:
    report.error(
        rel,
        0,
        "this is a symbolic link, and links are never published",
        "replace the link with the file or folder itself",
    )


def is_regular_file(path: Path) -> bool:
    """A file the loader may open: not a link, not a pipe or device."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def check_published_file(rel: str, allowed: Iterable[str], report: Report) -> bool:
    """Whether a file that is neither a page nor a data file may be published as it is."""
    suffix = posixpath.splitext(rel)[1]
    if suffix.lower() in MARKDOWN_SUFFIXES + YAML_SUFFIXES and suffix != suffix.lower():
        name = posixpath.basename(rel)
        report.error(
            rel,
            0,
            f"the ending '{suffix}' is not lower case, so the file would be copied to the site as it is",
            f"rename it to '{name[: -len(suffix)]}{suffix.lower()}'",
        )
        return False
    if suffix.lower() in PUBLISHED_SUFFIXES or any(fnmatch.fnmatchcase(rel, p) for p in allowed):
        return True
    what = f"a {suffix} file" if suffix else "a file without an ending"
    report.error(
        rel,
        0,
        f"{what} cannot be published from content: only images, documents, audio and video are",
        f"{KIND_FIXES.get(suffix.lower(), 'remove it')} (docs/security.md lists the kinds; only the "
        "site's maintainers can allow another, by path, with the plugin's 'allow_files' option)",
    )
    return False


def page_address(src: str) -> str:
    """Where MkDocs writes a page or file (with directory URLs), as a path in the site."""
    stem, suffix = posixpath.splitext(src)
    if suffix not in MARKDOWN_SUFFIXES:
        return src
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(stem, "index.html")


def check_addresses(published: Iterable[str], generated: Iterable[str], report: Report) -> None:
    """No two outputs at one address: a contributor's page or file never replaces a generated page,
    the theme's files or another of the contributors' (nor needs one of them as its folder), and
    generated pages never replace each other. A hand-written `index.md` is the home page's
    introduction, not a rival."""
    taken: dict[str, str] = dict.fromkeys(ENGINE_OUTPUTS, "the theme's own files")
    for src in generated:
        address = page_address(src)
        if address in taken:  # safety net: ids that could clash (index, …) are refused before
            report.error(
                src,
                0,
                f"two generated pages would both be published at {address} ({taken[address]} and {src})",
                "give one of the items another id",
            )
        taken.setdefault(address, src)
    # Compared without case: on macOS and Windows, Contribute/index.html is contribute/index.html.
    folded = {address.casefold() for address in taken}
    folders = {parent.casefold() for address in taken for parent in parents(address)}
    hand_written: dict[str, str] = {}
    for src in published:
        address = page_address(src)
        key = address.casefold()
        if (other := hand_written.setdefault(key, src)) != src:  # about.md and about/index.md
            report.error(
                src,
                0,
                f"this page and {other} would both be published at {address.removesuffix('index.html')}",
                "rename or remove one of them",
            )
            continue
        paged = PAGED_LIST_PAGES.match(key)
        clash = (
            (key in folded and src != HOME_INTRODUCTION)
            or key in folders
            or any(parent in folded for parent in parents(key))
            or key.startswith(RESERVED_FOLDERS)
            or paged
        )
        if clash:
            folder, name = posixpath.split(src)
            # Under a paged list's `page/` folder every name is taken: the folder is renamed.
            better = (
                src[: paged.end() - len("page/")] + "our-" + src[paged.end() - len("page/") :]
                if paged
                else posixpath.join(folder, "our-" + name)
            )
            report.error(
                src,
                0,
                f"this would take the place of the site's own pages or files at {address.removesuffix('index.html')}",
                f"rename it, e.g. to '{better}' (only index.md, the home "
                "page's introduction, shares an address with the site's own pages)",
            )


def parents(address: str) -> list[str]:
    """The folders an address needs: 'a/b/c.html' needs 'a' and 'a/b'."""
    parts = address.split("/")[:-1]
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]
