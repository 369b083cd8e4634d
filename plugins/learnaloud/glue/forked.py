"""Pages made by a second process, a forked copy of the build: MkDocs converts every page's
Markdown, then makes every page from its template, one page after another on one core, and a first
build (nothing to reuse) spends most of its time there. A copy forked before each of the two makes
most pages (COPY_SHARE): it writes nothing and reads no page from the cache (only compiled
templates and charts); it sends back what it made, in order (with the charts it drew, for the build
to keep), and the build uses each as if it had made it. A page the copy could not make (it failed,
or it was stopped) the build makes itself, as without it — so a failure says what it says in a
build of one process, and the output is the same byte for byte.

On Linux only (Windows cannot fork; macOS's system libraries are not safe in a forked process, and
Python no longer forks there by default): elsewhere, under `mkdocs serve` (whose server runs
threads), on one core, and with LEARNALOUD_PROCESSES=1 (to debug a template, or on a machine short
of memory), a build makes every page itself."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

Made = TypeVar("Made")

# Fewer pages than this are not worth a process (a fork of a large build costs some milliseconds).
FEWEST_PAGES = 64
# How long the build waits for the copy's next page before making the rest itself: a page takes
# milliseconds; a copy stuck for this long (a lock held as it was forked) is stopped.
PATIENCE_SECONDS = 120
PROCESSES_VARIABLE = "LEARNALOUD_PROCESSES"
# The copy's share of the pages. The build also writes every page, keeps it in the cache, hands the
# pages to search and starts Pagefind: about 2 ms a page besides making its own (measured at 1,000
# and 5,000 records, each page 5 to 6.5 ms), so the copy makes a little more than half.
COPY_SHARE = 0.6


def cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def can_fork(pages: int) -> bool:
    one = os.environ.get(PROCESSES_VARIABLE, "").strip() in ("0", "1")  # 0: "no other process"
    return sys.platform.startswith("linux") and not one and cores() > 1 and pages >= FEWEST_PAGES


def copy_share(pages: list[str]) -> list[str]:
    """COPY_SHARE of the pages, spread evenly (neighbouring pages are of a kind, and cost alike)."""
    return [page for n, page in enumerate(pages) if int((n + 1) * COPY_SHARE) > int(n * COPY_SHARE)]


class LogRecords(logging.Handler):
    """In the copy: what the build's loggers say, kept to be said by the build at the page that
    said it (so a strict build counts it, and the terminal shows it in the order of one process)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # sent as text: arguments may not pickle
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


class ForkedPages(Generic[Made]):
    """What the copy made, by page (its `src_uri`), as it arrives."""

    def __init__(self, pid: int, connection: Connection, share: frozenset[str], pages: int) -> None:
        self.pid = pid
        self.connection = connection
        self.share = share  # the pages the copy makes
        self.pages = pages  # of these many
        self.made: dict[str, tuple[Made | None, list[logging.LogRecord]]] = {}
        self.ended = False
        self.taken = 0  # pages the build took as the copy made them
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self.read, name="learnaloud-forked-pages", daemon=True)
        self.reader.start()

    @classmethod
    def start(
        cls,
        pages: Iterable[str],
        begin: Callable[[], None],
        make: Callable[[str], Made | None],
        logger: str = "mkdocs",
    ) -> ForkedPages[Made]:
        """The copy's share of `pages` made by a forked copy of this process, which calls `begin`
        once, then `make` for each (None: this page is for the build to make)."""
        pages = list(pages)
        share = copy_share(pages)
        receiving, sending = multiprocessing.Pipe(duplex=False)
        with warnings.catch_warnings():  # Python 3.12+ warns of forking with threads: the copy
            warnings.simplefilter("ignore", DeprecationWarning)  # uses none of theirs
            pid = os.fork()
        if pid == 0:
            receiving.close()
            make_in_copy(share, begin, make, sending, logging.getLogger(logger), os.getppid())
        sending.close()
        return cls(pid, receiving, frozenset(share), len(pages))

    def read(self) -> None:
        try:
            while True:
                page, made, records = self.connection.recv()
                with self.arrived:
                    self.made[page] = (made, records)
                    self.arrived.notify_all()
        except (EOFError, OSError):  # the copy is done, or gone
            pass
        finally:
            with self.arrived:
                self.ended = True
                self.arrived.notify_all()

    def take(self, page: str) -> tuple[Made | None, list[logging.LogRecord]]:
        """What the copy made of a page of its share, once it has (None: the build makes it),
        and what was said while it did."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: page in self.made or self.ended, PATIENCE_SECONDS):
                self.kill()  # the build makes the rest
                self.ended = True
            made, said = self.made.pop(page, (None, []))
            self.taken += made is not None
            return made, said

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def stop(self) -> None:
        """The copy ended (at once, if the build stopped first) and its process reaped."""
        if not self.ended:
            self.kill()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.reader.join()
        self.connection.close()


def make_in_copy(
    share: list[str],
    begin: Callable[[], None],
    make: Callable[[str], Made | None],
    sending: Connection,
    logger: logging.Logger,
    build: int,
) -> None:
    """The forked copy's whole life: each page of its share made and sent, then an exit that runs
    nothing of the build's (no atexit, no finalizer: the build's folders are the build's)."""
    status = 1
    try:
        said = LogRecords()
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(said)
        begin()
        for page in share:
            if os.getppid() != build:  # the build is gone (killed): nothing is waiting for pages
                break
            try:
                made = make(page)
            except Exception:  # the build makes this page itself, and fails as it would alone
                made = None
            sending.send((page, made, said.take()))
        status = 0
    finally:  # also on Ctrl-C, which reaches the copy too, and a build gone (a broken pipe)
        os._exit(status)
