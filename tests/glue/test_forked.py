"""Pages made by a forked copy of the build (glue/forked.py): the same site, byte for byte, as a
build of one process makes; a copy that fails, dies or is stopped costs time, never a page."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from learnaloud.glue import forked as forked_module
from learnaloud.glue.forked import PROCESSES_VARIABLE, ForkedPages, copy_share
from learnaloud.glue.plugin import THEME_DIR
from tests.helpers import EXAMPLE, MKDOCS_YML, build_site

PAGES = [f"page-{n}.md" for n in range(20)]
CHARTS = re.compile(r"(\d+) charts, \1 drawn and 0 from the cache")
MADE_BY_COPY = re.compile(r"Learn Aloud: (\d+) of the (\d+) pages made by a second process")
UNCHANGED = re.compile(r"Learn Aloud: (\d+) pages unchanged since the last build")


@contextmanager
def copy_making(
    begin: Callable[[], None], make: Callable[[str], str | None], logger: str = "mkdocs"
) -> Iterator[ForkedPages[str]]:
    forked = ForkedPages.start(PAGES, begin, make, logger=logger)
    try:
        yield forked
    finally:
        forked.stop()


def shout(page: str) -> str:
    logging.getLogger("forked-test.pages").warning(f"made {page}")
    return page.upper()


def test_the_copy_makes_its_share_and_says_what_it_said() -> None:
    share = copy_share(PAGES)
    assert 0.5 * len(PAGES) < len(share) < len(PAGES)  # more than half: the build also writes them
    with copy_making(lambda: None, shout, logger="forked-test") as forked:
        assert forked.share == frozenset(share)
        for page in share:
            made, said = forked.take(page)
            assert made == page.upper()
            assert [(r.name, r.levelno, r.getMessage()) for r in said] == [
                ("forked-test.pages", logging.WARNING, f"made {page}")
            ]
        assert forked.taken == len(share)


def test_a_page_the_copy_cannot_make_is_left_to_the_build() -> None:
    share = copy_share(PAGES)

    def make(page: str) -> str:
        if page == share[2]:
            raise RuntimeError("a template fails")
        return page.upper()

    with copy_making(lambda: None, make) as forked:
        assert [forked.take(page)[0] for page in share] == [
            None if page == share[2] else page.upper() for page in share
        ]


def die() -> None:
    os._exit(9)


def hang() -> None:  # as on a lock held as it was forked
    time.sleep(600)


@pytest.mark.parametrize("stop", [die, hang])
def test_a_copy_that_dies_or_hangs_leaves_the_rest_to_the_build(
    stop: Callable[[], None], monkeypatch: MonkeyPatch
) -> None:
    """The build makes the rest; a copy stuck on a page holds it up a while only."""
    monkeypatch.setattr(forked_module, "PATIENCE_SECONDS", 1)
    share = copy_share(PAGES)

    def make(page: str) -> str:
        if page == share[3]:
            stop()
        return page.upper()

    with copy_making(lambda: None, make) as forked:
        started = time.monotonic()
        made = [forked.take(page)[0] for page in share]
        assert made == [p.upper() for p in share[:3]] + [None] * (len(share) - 3)
        assert time.monotonic() - started < 10


def test_a_copy_that_cannot_begin_makes_nothing() -> None:
    def begin() -> None:
        raise RuntimeError("no copy today")

    with copy_making(begin, str.upper) as forked:
        assert all(forked.take(page) == (None, []) for page in forked.share)


def test_what_the_copy_begins_with_stays_in_the_copy() -> None:
    state = {"in copy": False}

    def begin() -> None:
        state["in copy"] = True

    with copy_making(begin, lambda page: f"{page} {state['in copy']}") as forked:
        assert {forked.take(page)[0] for page in forked.share} == {f"{p} True" for p in forked.share}
        assert state == {"in copy": False}


def test_a_build_that_stops_first_stops_the_copy() -> None:
    def slow(page: str) -> str:
        time.sleep(60)
        return page

    forked = ForkedPages.start(PAGES, lambda: None, slow)
    started = time.monotonic()
    forked.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # reaped: no process left behind
        os.waitpid(forked.pid, os.WNOHANG)


def test_the_copy_runs_none_of_the_builds_exit_handlers(tmp_path: Path) -> None:
    """The build removes its staging folder at exit (core/publish.py): the copy must not."""
    exits = tmp_path / "exits"
    script = textwrap.dedent(
        f"""
        import atexit, os
        from learnaloud.glue.forked import ForkedPages
        atexit.register(lambda: open({str(exits)!r}, "a").write(f"{{os.getpid()}}\\n"))
        forked = ForkedPages.start([str(n) for n in range(10)], lambda: None, str)
        assert [forked.take(p)[0] for p in sorted(forked.share)] == sorted(forked.share)
        forked.stop()
        print(os.getpid())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert exits.read_text().split() == [result.stdout.strip()]


def built_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_forked_build_is_the_build_of_one_process(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """Each build starts with an empty cache, so every page is made (the copy's share by the copy)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-one"))
    monkeypatch.setenv(PROCESSES_VARIABLE, "1")
    one = build_site(EXAMPLE, tmp_path / "one" / "site")
    assert one.returncode == 0, one.output
    assert not MADE_BY_COPY.search(one.output)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-two"))
    monkeypatch.delenv(PROCESSES_VARIABLE)
    two = build_site(EXAMPLE, tmp_path / "two" / "site")
    assert two.returncode == 0, two.output
    made = MADE_BY_COPY.search(two.output)
    pages = sum(1 for _ in (tmp_path / "two" / "site").rglob("index.html"))
    assert made and int(made[2]) == pages and int(made[1]) > pages // 2, two.output
    assert built_files(two.site) == built_files(one.site)
    # The charts the copy's pages show are counted and kept by the build, as one process's are.
    charts = CHARTS.search(one.output)
    assert charts and int(charts[1]) > 20 and charts[0] in two.output, two.output
    assert len(list((tmp_path / "cache-two" / "learnaloud" / "charts").glob("*.svg"))) == int(charts[1])

    # What the copy made is in the cache: the next build takes every page from there.
    again = build_site(EXAMPLE, tmp_path / "two" / "site")  # the same site: its cache
    assert again.returncode == 0, again.output
    unchanged = UNCHANGED.search(again.output)
    assert not MADE_BY_COPY.search(again.output)
    assert unchanged and int(unchanged[1]) >= int(made[1]), again.output
    assert built_files(again.site) == built_files(one.site)


def test_a_page_the_copy_did_not_make_is_made_by_the_build_from_its_own_template(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """The build gives a page of the copy's share a stub template (MkDocs fetches it before the
    page's context is made); when the copy's page does not come, the page's own is rendered."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-one"))
    monkeypatch.setenv(PROCESSES_VARIABLE, "1")
    one = build_site(EXAMPLE, tmp_path / "one" / "site")
    assert one.returncode == 0, one.output
    monkeypatch.delenv(PROCESSES_VARIABLE)
    script = f"""
import sys
from learnaloud.glue import forked
take = forked.ForkedPages.take
asked = []
def every_other(self, page):
    made, said = take(self, page)
    asked.append(page)
    return (None, []) if len(asked) % 2 else (made, said)  # as if the copy had failed on it
forked.ForkedPages.take = every_other
import atexit
atexit.register(lambda: print("made by the build:", (len(asked) + 1) // 2))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-f", {str(tmp_path / "one" / "mkdocs-site.yml")!r}, "-d", {str(tmp_path / "two")!r}]
cli()
"""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cache-two")}
    two = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert two.returncode == 0, two.stderr
    assert MADE_BY_COPY.search(two.stderr), two.stderr
    assert int(two.stdout.split(":")[-1]) > 20, two.stdout  # half the copy's share made here
    assert built_files(tmp_path / "two") == built_files(one.site)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_sent_to_the_group_stops_the_copy_too(tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl-C reaches every process of the terminal's group, as SIGTERM does a stopped container's:
    the copy ends with the build, and the last site stays."""
    good = build_site(EXAMPLE, tmp_path / "site")
    assert good.returncode == 0, good.output
    before = good.bytes_on_disk()
    # Every page slow to make, so the build is stopped while both processes make pages.
    overrides = tmp_path / "overrides"
    (overrides / "learnaloud").mkdir(parents=True)
    (overrides / "main.html").write_text(
        '{% extends "learnaloud/unchanged.html" if la_unchanged else "base.html" %}'
        "{% block content %}{% for n in range(2000000) %}{% endfor %}{{ super() }}{% endblock %}"
    )
    config = tmp_path / "mkdocs-stopped.yml"
    config.write_text(MKDOCS_YML.format(docs=EXAMPLE, options="", custom_dir=f"\n  custom_dir: {overrides}"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cold")}
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a group of its own, as a terminal's foreground job is
    )
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    staging = tmp_path / "site.learnaloud-staging"
    deadline = time.monotonic() + 120
    # Stopped once pages are being written: the copy that makes pages is then at work.
    while not (children.read_text().split() and next(staging.rglob("index.html"), None)):
        assert time.monotonic() < deadline and build.poll() is None, "the build never forked"
        time.sleep(0.05)
    copies = [int(pid) for pid in children.read_text().split()]
    os.killpg(build.pid, stop)
    assert build.wait(timeout=60) != 0
    for pid in copies:
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]:
            assert time.monotonic() < deadline, "the copy outlived the build"
            time.sleep(0.1)
    assert not (tmp_path / "site.learnaloud-staging").exists()
    assert good.bytes_on_disk() == before


def test_a_site_template_that_reads_the_view_outside_its_blocks(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """Jinja runs a child template's top-level `{% set %}` even for a page whose HTML is made
    elsewhere (by the copy, or taken from the cache): the view it reads is there, or harmlessly
    undefined."""
    overrides = tmp_path / "overrides"
    (overrides / "learnaloud").mkdir(parents=True)
    record = Path(THEME_DIR, "learnaloud", "record.html").read_text()
    (overrides / "learnaloud" / "record.html").write_text(
        record.replace(
            '{% extends "learnaloud/base.html" %}',
            '{% extends "learnaloud/base.html" %}{% set kicker = la.record.title %}',
            1,
        )
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-one"))
    monkeypatch.setenv(PROCESSES_VARIABLE, "1")
    one = build_site(EXAMPLE, tmp_path / "one" / "site", custom_dir=overrides)
    assert one.returncode == 0, one.output
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-two"))
    monkeypatch.delenv(PROCESSES_VARIABLE)
    for _ in ("made by two processes", "taken from the cache"):
        two = build_site(EXAMPLE, tmp_path / "two" / "site", custom_dir=overrides)
        assert two.returncode == 0, two.output
        assert built_files(two.site) == built_files(one.site)
