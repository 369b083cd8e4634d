"""Atomic publishing: a build writes into a staging folder beside the site, which takes the site's
place only when the whole build succeeded. Whatever fails — the content, a Markdown extension, a
template, another plugin — the last good site stays byte-identical."""

from __future__ import annotations

import atexit
import contextlib
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

# The last site's folders being deleted while the new one is already served; a build waits for
# them before it starts, and the process before it exits (the threads are not daemons).
removals: list[threading.Thread] = []
# Folders of a build still running: Ctrl-C stops a build without MkDocs' error event, so the
# process deletes them as it exits (the site they would have replaced is left as it was).
unfinished: set[Path] = set()


@atexit.register
def remove_unfinished() -> None:
    for folder in list(unfinished):
        shutil.rmtree(folder, ignore_errors=True)
    unfinished.clear()


def exit_when_terminated() -> None:
    """SIGTERM (a CI job cancelled, `kill`, a container stopped) ends the process as Ctrl-C does,
    through its exit handlers, so it leaves no unfinished folder: by default it ends it at once. A
    handler someone else set is left alone."""
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    ):
        signal.signal(signal.SIGTERM, terminated)


def terminated(number: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + number)  # the status a shell gives a process a signal ended


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT delivered after the block, not during it (in the main thread, which
    Python's handlers run in; elsewhere the block runs as it is)."""
    held = {signal.SIGTERM, signal.SIGINT}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def remove_later(folder: Path) -> None:
    thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
    thread.start()
    removals.append(thread)


def wait_for_removals() -> None:
    while removals:
        removals.pop().join()


@dataclass(frozen=True)
class StagedSite:
    site: Path

    @property
    def staging(self) -> Path:
        return self.site.with_name(self.site.name + ".learnaloud-staging")

    @property
    def previous(self) -> Path:
        return self.site.with_name(self.site.name + ".learnaloud-previous")

    def start(self) -> Path:
        """An empty staging folder (a build stopped halfway may have left one), as open to others
        as the site's folder is (`mkdocs serve` serves from a folder only its user may read)."""
        wait_for_removals()
        self.abandon()
        if self.previous.is_dir() and not self.site.exists():  # a build killed between the renames
            self.previous.rename(self.site)
        shutil.rmtree(self.previous, ignore_errors=True)
        self.staging.parent.mkdir(parents=True, exist_ok=True)
        if self.site.is_dir():
            self.staging.mkdir(mode=0o700)
            self.staging.chmod(stat.S_IMODE(self.site.stat().st_mode))
        else:
            self.staging.mkdir()  # as the user's umask has it
        unfinished.add(self.staging)
        return self.staging

    def publish(self) -> None:
        """The staged site in the site's place: two renames, so a reader never sees half of one. A
        SIGTERM or Ctrl-C between them waits for the second (it would leave no site at all: the
        last one aside, the new one deleted as unfinished)."""
        self.staging.mkdir(parents=True, exist_ok=True)
        with signals_held():
            if self.site.exists():
                self.site.rename(self.previous)
            self.staging.rename(self.site)
            unfinished.discard(self.staging)
            # Started before a held signal ends the process, which then waits for it (its thread
            # is no daemon): thousands of files, removed while the site is served.
            remove_later(self.previous)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        unfinished.discard(self.staging)
