"""Where builds keep what the next build can reuse: drawn charts, read content files, compiled
templates. Every entry is found by a hash of what made it, so a stale entry is never used.

The folder is outside the project by default (the user's cache folder, as pip's and matplotlib's
are): what is in it is trusted, shown on pages or run, so nothing a pull request adds to the
repository may land in it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import queue
import sqlite3
import stat
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import BaseModel

PACKAGE = Path(__file__).resolve().parent.parent  # the learnaloud package
# Whatever reading a file depends on besides the file: a change to any of these is a new key.
LIBRARIES = ("pydantic", "pydantic-core", "markdown-it-py", "PyYAML")


def default_folder() -> Path:
    """`$XDG_CACHE_HOME/learnaloud`, else `~/.cache/learnaloud` (a relative XDG_CACHE_HOME is
    ignored, as the XDG specification says: it would land wherever the build runs)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache") / "learnaloud"


def repository(folder: Path) -> Path | None:
    """The git repository a folder is in (the nearest folder up with a .git), if any."""
    folder = folder.resolve()
    return next((parent for parent in (folder, *folder.parents) if (parent / ".git").exists()), None)


def outside_project(cache: Path, *projects: Path) -> bool:
    """Whether a cache folder is out of reach of a pull request: in none of these folders (the
    site's, where mkdocs.yml is, and its content's) nor the git repository around them, and
    containing none of them."""
    cache = cache.resolve()
    projects = (*projects, *(found for project in projects if (found := repository(project)) is not None))
    return not any(
        cache.is_relative_to(project) or project.is_relative_to(cache)
        for project in (p.resolve() for p in projects)
    )


def unsafe_cache_message(cache: Path) -> str:
    return (
        f"Learn Aloud: the cache folder {cache} is inside the project (its folder or its git "
        "repository), where a pull request could put files that the build would trust — this "
        "build uses no cache; set cache_dir (or XDG_CACHE_HOME) to a folder outside it"
    )


@functools.cache
def code_key() -> str:
    """A hash of Learn Aloud's own source and the versions of the libraries it reads files with:
    an entry made by other code is never taken for this code's."""
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(f"\0{library}={version(library)}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(b"\0" + path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def write_atomically(path: Path, data: str | bytes) -> None:
    """Written whole or not at all: a build stopped half-way leaves no torn entry behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)
    Path(temporary).replace(path)


class Shelf:
    """Python objects on disk, by key (pickled: only for a folder no one else writes to), in one
    SQLite file written in one transaction a build: a file per entry cost a 5,000-record check more
    than a second in file-system calls. A shelf that cannot be opened is no shelf: files are read.

    What is put is written by a thread of its own, on a connection of its own (SQLite lets go of
    Python while it writes: a 5,000-record site's pages are some hundreds of megabytes), and read
    back from the next build on: a `get` does not see a `put` of the same build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.connection: sqlite3.Connection | None = None
        self.unusable = False
        # Entries for the writing thread, then True (commit them) or False (roll them back).
        self.writes: queue.SimpleQueue[tuple[str, bytes] | bool] = queue.SimpleQueue()
        self.writer: threading.Thread | None = None

    @property
    def path(self) -> Path:
        return self.folder / "shelf.sqlite3"

    def database(self) -> sqlite3.Connection | None:
        if self.connection is None and not self.unusable:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=10)
                connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
                # A table with row ids: SQLite keeps large values (a page is tens of kilobytes)
                # outside its key's tree, and writes a first build's pages in a third of the time.
                connection.execute("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value BLOB)")
                connection.execute("DROP TABLE IF EXISTS entries")  # earlier versions' (WITHOUT ROWID)
                self.connection = connection
            except (sqlite3.Error, OSError):  # a read-only or full disk costs time, nothing else
                self.unusable = True
        return self.connection

    def get(self, key: str) -> Any | None:
        database = self.database()
        if database is None:
            return None
        try:
            row = database.execute("SELECT value FROM items WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except Exception:  # unreadable, or from another version: read the file again
            return None

    def put(self, key: str, value: Any) -> None:
        if self.database() is None:
            return
        if self.writer is None:
            self.writer = threading.Thread(
                target=write_entries, args=(self.path, self.writes), name="learnaloud-cache", daemon=True
            )
            self.writer.start()
            # A shelf dropped unsaved (a build that failed) lets go of its transaction, whose lock
            # would hold every later build's writes.
            weakref.finalize(self, self.writes.put, False)
        self.writes.put((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def abandon(self) -> None:
        """Drops what was put since the last save (a build that failed)."""
        self.stop_writing(keep=False)

    def stop_writing(self, *, keep: bool) -> None:
        if self.writer is not None:
            self.writes.put(keep)
            self.writer.join()
            self.writer = None

    def keys(self) -> frozenset[str]:
        database = self.database()
        if database is None:
            return frozenset()
        try:
            return frozenset(key for (key,) in database.execute("SELECT key FROM items"))
        except sqlite3.Error:
            return frozenset()

    def save(self, keep: Iterable[str] | None = None) -> None:
        """Keeps what was put since the last save (a build that stops first leaves no entry), and
        of the rest, when `keep` is given, only those entries."""
        self.stop_writing(keep=True)
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                if keep is not None:
                    self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
                    self.connection.execute("DELETE FROM kept")
                    self.connection.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keep))
                    self.connection.execute("DELETE FROM items WHERE key NOT IN (SELECT key FROM kept)")
                self.connection.commit()


def write_entries(path: Path, writes: queue.SimpleQueue[tuple[str, bytes] | bool]) -> None:
    """A shelf's writing thread: every entry put, in one transaction, committed when the shelf is
    saved (a process that ends first, or is stopped, leaves none of them), or rolled back."""
    connection: sqlite3.Connection | None = None
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(path, timeout=10)
        # A cache: a power cut may lose the last build's entries, never the database.
        connection.execute("PRAGMA synchronous=NORMAL")
    while not isinstance(entry := writes.get(), bool):
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("INSERT OR REPLACE INTO items VALUES (?, ?)", entry)
    if connection is not None:
        with contextlib.suppress(sqlite3.Error):
            if entry:
                connection.commit()
            else:
                connection.rollback()
        connection.close()


def model_state(name: str, fields: dict[str, Any], extra: dict[str, Any] | None) -> None:
    """Stands for a model in a fingerprint (never called: fingerprints are not unpickled)."""


class CanonicalPickler(pickle.Pickler):
    """Pickles the same data to the same bytes in every process: a pydantic model by its class and
    fields (its own pickle holds a set, whose order changes from one process to the next), and
    with no memo (which would write an object seen before as a reference, text read from the
    cache or from a file alike)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            return model_state, (type(obj).__qualname__, obj.__dict__, obj.__pydantic_extra__)
        return NotImplemented


def fingerprint(*parts: object) -> str | None:
    """A hash of plain data (everything a page is made from), the same in every process; None when
    a part cannot be pickled (a function, an open file): what it would key is then made afresh."""
    buffer = io.BytesIO()
    pickler = CanonicalPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: the same text twice is written twice, shared or not
    try:
        pickler.dump(parts)
    except Exception:
        return None
    return hashlib.blake2b(buffer.getvalue(), digest_size=20).hexdigest()


def file_digests(folder: Path, seen: Callable[[str, bytes], None] | None = None) -> dict[str, str]:
    """A hash of each file of a folder, by its path in it (and each regular file's bytes to `seen`,
    read once). Links are not followed and only regular files are read (a pull request's link to
    /dev/zero, or a pipe, is hashed by its name)."""
    digests: dict[str, str] = {}
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(parent, name)
            kind = os.lstat(path).st_mode
            regular = stat.S_ISREG(kind)
            data = path.read_bytes() if regular else f"<{stat.S_IFMT(kind)}>".encode()
            name = path.relative_to(folder).as_posix()
            digests[name] = hashlib.blake2b(data, digest_size=20).hexdigest()
            if regular and seen is not None:
                seen(name, data)
    return digests


class ContentDigests:
    """The content files as a build found them, for the keys of pages by what they are made from
    (the dependency map's other half: a page names its inputs, `PlannedPage.inputs`). `named` are
    the files only the pages that name them are made from (records); every other file (the
    network, its places, themes, questions) may show on any page, so it is in every key. A page
    that names no inputs is keyed by every file."""

    def __init__(self, files: dict[str, str], named: Iterable[str]) -> None:
        self.files = files
        named = frozenset(named)
        self.everything = text_digest(sorted(files.items()))
        self.shared = text_digest(sorted(item for item in files.items() if item[0] not in named))

    def of(self, inputs: Iterable[str] | None) -> str:
        """A key for a page made from these files (None: from any); a file gone is keyed as gone."""
        if inputs is None:
            return self.everything
        return text_digest((self.shared, [(path, self.files.get(path)) for path in inputs]))


def text_digest(data: object) -> str:
    """A hash of plain data (text, numbers, lists of them) by its repr."""
    return hashlib.blake2b(repr(data).encode(), digest_size=20).hexdigest()


class Outputs:
    """What one site's last build made (its pages, their Markdown rendered), each under a
    fingerprint of everything it was made from: what has the same fingerprint is taken from here
    instead of made again. Only this build's are kept, so the folder holds one copy of the site at
    most."""

    def __init__(self, folder: Path) -> None:
        self.shelf = Shelf(folder)
        self.used: set[str] = set()
        self.stored: frozenset[str] | None = None  # the keys the last build kept, read once

    def get(self, key: str) -> Any | None:
        if self.stored is None:
            self.stored = self.shelf.keys()
        if key not in self.stored:  # a first build asks for every page: one query, not thousands
            return None
        made = self.shelf.get(key)
        if made is not None:
            self.used.add(key)
        return made

    def put(self, key: str, made: Any) -> None:
        self.used.add(key)
        self.shelf.put(key, made)

    def keys(self) -> frozenset[str]:
        return self.shelf.keys()

    def save(self) -> None:
        self.shelf.save(keep=self.used)

    def abandon(self) -> None:
        self.shelf.abandon()


class OutputsOfCopy(Outputs):
    """The page cache as a forked copy of the build sees it (glue/forked.py). SQLite's connections
    do not cross a fork, so it reads nothing: a key the cache held when the copy was made (`held`)
    is `found`, and that page left to the build, which takes it from the cache; what the copy
    would keep is `kept`, for the build to keep."""

    def __init__(self, held: frozenset[str]) -> None:
        super().__init__(Path(os.devnull))  # never opened
        self.held = held
        self.found = False
        self.kept: list[tuple[str, Any]] = []

    def get(self, key: str) -> Any | None:
        self.found = self.found or key in self.held
        return None

    def put(self, key: str, made: Any) -> None:
        self.kept.append((key, made))

    def take(self) -> list[tuple[str, Any]]:
        """What a page would keep; the copy then goes on to the next page."""
        kept, self.kept, self.found = self.kept, [], False
        return kept

    def save(self) -> None:
        raise AssertionError("a forked copy of the build keeps nothing itself")
