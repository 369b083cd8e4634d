"""The site's search: a Pagefind index, which a reader's browser loads in small chunks.

Material's own search loads the whole site's text before it answers (3.8 MB at 1,000 records);
Pagefind's browser library fetches only the chunks a query needs, a couple of hundred kilobytes.
Each page searched is handed over as a small document of its title, description and sanitised
content — the same HTML the page shows, nothing else of it — and Pagefind's binary (installed with
the `pagefind[bin]` package; nothing is downloaded) indexes them into the site's `pagefind/`.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import html
import json
import os
import shutil
import subprocess
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from pagefind.service import get_executable

from .publish import remove_later, unfinished

FOLDER = "pagefind"
# Pagefind's runs not yet waited for: ended as the process exits (a build stopped by Ctrl-C), before
# its folders are removed (atexit runs this first: registered after core/publish.py's).
running: set[subprocess.Popen[bytes]] = set()


@atexit.register
def stop_running() -> None:
    for run in list(running):
        run.kill()
        run.wait()
    running.clear()


def stopping() -> bool:
    """Whether the process is ending (its main thread is gone: Ctrl-C): start nothing more."""
    return not threading.main_thread().is_alive()


# The most of a page's HTML indexed: Pagefind needs about 80 bytes of memory a character of text,
# and a record may hold two million; this is some fifteen thousand words.
INDEXED_CHARACTERS = 100_000
# What Pagefind writes beside its index that this site's search does not load: its own UIs.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchError(Exception):
    """The index could not be made; the message says why and what to do."""


def search_document(
    title: str,
    content: str,
    *,
    language: str,
    description: str = "",
    label: str = "",
    terms: tuple[str, ...] = (),
    boost: float = 0,
) -> str:
    """The page as Pagefind reads it. `title`, `description`, `label` (what kind of page, whose) and
    `terms` (words the page shows outside its Markdown: a record's themes) are plain text;
    `content` is the page's sanitised HTML. The title is searched as the page's main heading, so
    a page named as the query ranks first; a boost weighs all the page's words more."""
    weight = f' data-pagefind-weight="{boost:g}"' if boost else ""
    meta = f'<p data-pagefind-meta="label">{html.escape(label)}</p>' if label else ""
    lead = f"<p>{html.escape(description)}</p>" if description else ""
    extra = f"<p>{html.escape(' · '.join((label, *terms)).strip(' ·'))}</p>" if label or terms else ""
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{meta}"
        f'<main data-pagefind-body{weight}><h1 data-pagefind-meta="title">{html.escape(title)}</h1>'
        f"{lead}{content[:INDEXED_CHARACTERS]}{extra}</main></body></html>"
    )


def link_or_copy(source: str, target: str) -> None:
    """A file of the index in the cache and in the site: one file on disk, two names (thousands of
    fragments copied took a second at 5,000 records); copied where the two are on different disks.
    Neither is ever written in place: each build writes a new index and removes the old."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class SearchIndex:
    """The documents of one build, by the page's file in the site (`places/x/index.html`), and the
    Pagefind run that indexes them. The run starts as soon as every page's content is known and
    goes on, on another core, while the build writes its pages; `finish` waits for it."""

    def __init__(self, language: str = "en", kept: Path | None = None) -> None:
        self.language = language
        self.kept = kept  # the last index made, in the build cache: used again for the same documents
        self.reused = False
        self.documents: dict[str, str] = {}
        self.work: Path | None = None  # the documents as files, for Pagefind
        self.starting: threading.Thread | None = None  # writes them, then starts Pagefind
        self.failure: SearchError | None = None  # why it could not
        self.run: subprocess.Popen[bytes] | None = None
        self.output: Path | None = None
        self.made_from: str | None = None  # the documents' digest, when an index is kept

    def add(self, url: str, document: str) -> None:
        """A page by its address as the site links it (percent-encoded, as MkDocs writes it), so
        the result links where the page's own links do."""
        self.documents[url + "index.html" if url == "" or url.endswith("/") else url] = document

    def start(self, site: Path) -> None:
        """Pagefind started on the documents, writing into `site/pagefind/`. It runs in an empty
        folder of its own, so no configuration file of the project (a `pagefind.yml` a pull
        request adds) can steer it."""
        executable = get_executable()
        if executable is None:
            raise SearchError(
                "Pagefind's program is missing, so the site's search cannot be made — install "
                "Learn Aloud with its dependencies again (`make install`, or pip install 'pagefind[bin]')"
            )
        self.output = site / FOLDER
        shutil.rmtree(self.output, ignore_errors=True)
        # Pagefind writes the same index for the same documents: the last one kept is this one.
        self.made_from = self.digest(executable) if self.kept is not None else None
        documents, self.documents = self.documents, {}  # indexed from files: not held while pages are built
        if self.kept is not None and self.made_from and (last := self.kept / self.made_from).is_dir():
            shutil.copytree(last, self.output, copy_function=link_or_copy)
            self.reused = True
            return
        self.work = Path(tempfile.mkdtemp(prefix="learnaloud-search-"))
        unfinished.add(self.work)  # deleted as the process exits if the build never ends
        # Thousands of small files (a second at 5,000 records): written, and Pagefind started on
        # them, while the build goes on with its pages.
        self.starting = threading.Thread(
            target=self.run_on, args=(documents, executable, self.work, self.output)
        )
        self.starting.start()

    def run_on(self, documents: dict[str, str], executable: Path, work: Path, output: Path) -> None:
        try:
            for path, document in documents.items():
                if stopping():
                    return
                target = work / "pages" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(document, encoding="utf-8")
        except OSError as error:
            where = f": {error.filename}" if error.filename else f" in {work.parent}"
            self.failure = SearchError(
                f"the pages could not be handed to Pagefind ({error.strerror}{where}) — free some "
                "disk space in the system's temporary folder (or set TMPDIR to another) and build again"
            )
            return
        except Exception as error:  # in this thread, anything else would only be printed
            self.failure = SearchError(
                f"the pages could not be handed to Pagefind ({error!r}) — report this with the build's log"
            )
            return
        command = [
            str(executable),
            "--site",
            str(work / "pages"),
            "--output-path",
            str(output.resolve()),
            "--exclude-selectors",
            ".headerlink",  # the headings' ¶ links
            "--force-language",
            self.language,
            "--silent",
        ]
        if stopping():
            return
        try:
            self.run = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            running.add(self.run)
        except OSError as error:
            self.failure = SearchError(
                f"Pagefind's program could not be run ({error.strerror}: {executable}) — install "
                "Learn Aloud with its dependencies again (`make install`)"
            )

    def digest(self, executable: Path) -> str:
        """What the index is made from: the documents, the language, the program."""
        made = hashlib.sha256(f"{self.language}\0{executable}\0{version('pagefind')}".encode())
        for path, document in sorted(self.documents.items()):
            made.update(f"\0{path}\0{document}".encode())
        return made.hexdigest()[:32]

    def finish(self) -> None:
        """Waits for the index, and leaves in it only what the site's search loads."""
        self.started()
        if self.run is None or self.output is None:
            return
        said, _ = self.run.communicate()
        running.discard(self.run)
        status, output = self.run.returncode, self.output
        self.abandon()
        if status != 0 or not (output / "pagefind.js").is_file():
            words = " ".join(said.decode("utf-8", "replace").split())[:500] or f"exit status {status}"
            raise SearchError(
                f"Pagefind could not index the site ({words}) — report this with the build's log"
            )
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        wanted = {f"wasm.{language['wasm']}.pagefind" for language in entry["languages"].values()}
        for wasm in output.glob("wasm.*.pagefind"):
            if wasm.name not in wanted:
                wasm.unlink()
        self.keep(output)

    def keep(self, output: Path) -> None:
        """This index in place of the last one kept (a cache that cannot be written costs time only)."""
        if self.kept is None or self.made_from is None:
            return
        with contextlib.suppress(OSError):
            shutil.rmtree(self.kept, ignore_errors=True)
            staging = self.kept.with_name(self.kept.name + ".new")
            shutil.rmtree(staging, ignore_errors=True)
            shutil.copytree(output, staging / self.made_from, copy_function=link_or_copy)
            staging.rename(self.kept)

    def started(self) -> None:
        """Waits until Pagefind runs; a failure to start it is the build's error."""
        if self.starting is not None:
            self.starting.join()
            self.starting = None
        if (failure := self.failure) is not None:
            self.failure = None
            self.abandon()
            raise failure

    def abandon(self) -> None:
        """Stops a run that is no longer wanted (the build failed) and removes its documents."""
        if self.starting is not None:
            self.starting.join()
            self.starting = None
        if self.run is not None:
            if self.run.poll() is None:
                self.run.kill()
                self.run.wait()
            running.discard(self.run)
        self.run = None
        if self.work is not None:
            unfinished.discard(self.work)
            remove_later(self.work)  # the documents: thousands of files, deleted beside the build
            self.work = None
