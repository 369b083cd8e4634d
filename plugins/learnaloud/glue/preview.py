"""`mkdocs serve`: the record a contributor is writing, first.

A whole rebuild takes seconds at a thousand records, most of them in MkDocs' loop over every page.
When the only change since the last build is the text of published records — their front matter,
headings and live blocks as they were — each such record's page is made at once from the last
build's site and written into the served folder, the browser reloads, and the whole site is then
rebuilt behind it (as Hugo's server renders the changed page first). The rebuild publishes the
site a cold build would make; every other change waits for it, as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.bounds import body_problems
from ..core.cache import file_digests, write_atomically
from ..core.headings import find_headings, outline
from ..core.model import Record
from ..core.places import record_description
from ..core.source import SourceProblem, page_body, read_text, split_front_matter

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

    from .plugin import LearnAloudPlugin

log = logging.getLogger("mkdocs.plugins.learnaloud")
MOST_SHOWN_FIRST = 3  # records changed at once (a save in an editor); more: the whole build only


@dataclass(frozen=True)
class LastBuild:
    """What the last successful build of the preview made its pages with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    digests: dict[str, str]  # the content files as it read them
    records: dict[str, Record]  # its published records, by their file
    fronts: dict[str, str | None]  # their front matter's text, by their file


class FirstShown:
    """Wraps the preview server's builder: changed records' pages first, then the whole build, in
    another thread (one build at a time: the next change waits for it)."""

    def __init__(self, plugin: LearnAloudPlugin) -> None:
        self.plugin = plugin
        self.server: LiveReloadServer | None = None
        self.last: LastBuild | None = None
        self.behind: threading.Thread | None = None
        self.replaced: dict[Path, bytes | None] = {}  # the served files shown first wrote over

    def remember(self, last: LastBuild | None) -> None:
        self.last = last

    def wait(self) -> None:
        if self.behind is not None:
            self.behind.join()
            self.behind = None

    def build(self, whole: Callable[[], None]) -> None:
        self.wait()
        shown = self.show_first()
        if not shown:
            whole()
            return
        log.info(f"Learn Aloud: {', '.join(shown)} shown first; the rest of the site follows")
        self.behind = threading.Thread(target=self.build_behind, args=(whole,), daemon=True)
        self.behind.start()

    def build_behind(self, whole: Callable[[], None]) -> None:
        try:
            whole()
        except (Exception, SystemExit):  # as the server reports a failed rebuild; the site stays
            self.put_back()
            log.error("Learn Aloud: the rebuild behind the record shown first failed (above)")
        else:
            log.info("Learn Aloud: the rest of the site is up to date")
        self.replaced.clear()
        self.reload_browsers()

    def reload_browsers(self) -> None:
        """The preview's open pages reloaded again: MkDocs' server reloads them when its builder
        returns, which is when the record was shown first. Not while a newer change waits to be
        built: that build reloads them when it ends."""
        server = self.server
        condition = getattr(server, "_epoch_cond", None)
        if server is None or condition is None:  # a server other than MkDocs 1.6's
            return
        with condition:
            if server._wanted_epoch == server._visible_epoch:
                server._wanted_epoch = server._visible_epoch = max(
                    server._visible_epoch + 1, round(time.monotonic() * 1000)
                )
                condition.notify_all()

    def put_back(self) -> None:
        """The served files shown first wrote, as the last build left them: a build that fails
        publishes nothing, and no page of content it refused stays in the preview."""
        for path, data in self.replaced.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, data)

    def show_first(self) -> list[str]:
        """The changed records' pages, written into the served site; none when anything else changed
        (then nothing is written)."""
        last = self.last
        self.last = None  # the build that follows makes the next one
        if last is None:
            return []
        docs = Path(last.config.docs_dir)
        try:
            now = file_digests(docs)
        except OSError:
            return []
        changed = sorted(
            path for path in now.keys() | last.digests.keys() if now.get(path) != last.digests.get(path)
        )
        if (
            not changed
            or len(changed) > MOST_SHOWN_FIRST
            or not all(path in last.records and path in now for path in changed)  # none gone
        ):
            return []
        found = {path: self.body(last, path, docs / path) for path in changed}
        bodies = {path: body for path, body in found.items() if body is not None}
        if len(bodies) < len(found):
            waiting = ", ".join(path for path, body in found.items() if body is None)
            log.info(
                f"Learn Aloud: {waiting}: more than the text changed (front matter, a ## heading, "
                "a live block, or something the check looks at) — shown when the whole site is built"
            )
            return []
        self.plugin.outputs = None  # the last build's cache is saved: these pages are made afresh
        return [self.write(last, last.records[path], body) for path, body in bodies.items()]

    def body(self, last: LastBuild, path: str, file: Path) -> str | None:
        """The record's new text, if only its text changed, and it needs no check the build makes."""
        if file.is_symlink() or not file.is_file():  # the loader reads no link, nor a pipe
            return None
        try:
            front, body, body_line = split_front_matter(read_text(file))
        except (OSError, SourceProblem):  # read_text says a file not UTF-8 is a SourceProblem
            return None
        record = last.records[path]
        same = (
            front is not None
            and front == last.fronts.get(path)  # as the last build's loader read it
            and outline(find_headings(body)) == outline(record.headings)  # moved down or up is the same
        )
        if not same or "learning-" in body or body_problems(body, body_line):
            return None
        return body

    def write(self, last: LastBuild, record: Record, body: str) -> str:
        """The record's page as the last build would have made it with this text."""
        config, files, plugin = last.config, last.files, self.plugin
        file = files.get_file_from_path(f"places/{record.place}/records/{record.id}.md")
        assert file is not None and file.page is not None
        page: Page = file.page
        for made in ("render", "title"):  # the last build's: its render put back, its title escaped
            vars(page).pop(made, None)
        planned = plugin.pages[file.src_uri]
        plugin.pages[file.src_uri] = replace(planned, description=record_description(record, body))
        page.markdown = plugin.on_page_markdown(page_body(body), page=page, config=config, files=files)
        page.render(config, files)
        page.content = plugin.on_page_content(page.content or "", page=page, config=config, files=files)
        page.active = True
        try:
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            context = get_context(last.nav, doc_files, config, page)
            template = last.env.get_template(page.meta.get("template", "main.html"))
            context = plugin.on_page_context(context, page=page, config=config, nav=last.nav)
            output = plugin.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
        served = Path(config.site_dir) / file.dest_uri
        self.replaced.setdefault(served, served.read_bytes() if served.is_file() else None)
        write_atomically(served, output)
        return page.url
