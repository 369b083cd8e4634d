"""The benchmark, run as users run it but tiny, so it cannot rot. Timings are never asserted."""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT

SCRIPT = ROOT / "bench" / "run.py"
TINY = 20  # records: one a place, the smallest size the script takes
# Learn Aloud refuses an adversarial body in a second or two; until it does, each build is stopped here.
TINY_TIMEOUT = 15
NUMBER = r"\d+(?:\.\d+)?"
RATIO = rf"(?:{NUMBER}x|n/a)"
OUTCOME = re.compile(rf"^(?:(?:built|refused|crashed) in {NUMBER} s|> {NUMBER} s \(stopped\)|skipped)$")


def load_bench() -> ModuleType:
    """bench/run.py as a module (it is a script, not a package), for its pure helpers."""
    spec = importlib.util.spec_from_file_location("bench_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench()


@pytest.fixture(scope="module")
def tiny_run() -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        str(SCRIPT),
        str(TINY),
        "--repeats",
        "1",
        "--no-warm-up",
        "--no-plain-adversarial",
        "--adversarial-timeout",
        str(TINY_TIMEOUT),
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)


def table(stdout: str, header_start: str) -> tuple[list[str], list[list[str]]]:
    """The table whose header line starts with `header_start`: its columns and its rows, split on
    runs of two or more spaces (a column name may hold one space)."""
    blocks = [block.splitlines() for block in stdout.split("\n\n")]
    found = [block for block in blocks if block and block[0].startswith(header_start)]
    assert len(found) == 1, f"no single table starting {header_start!r} in:\n{stdout}"
    header, *rows = found[0]
    return re.split(r"\s{2,}", header.strip()), [re.split(r"\s{2,}", row.strip()) for row in rows]


def test_tiny_run_exits_cleanly(tiny_run: subprocess.CompletedProcess[str]) -> None:
    assert tiny_run.returncode == 0, tiny_run.stdout + tiny_run.stderr
    assert "Traceback" not in tiny_run.stderr


def test_tiny_run_prints_the_ratio_table(tiny_run: subprocess.CompletedProcess[str]) -> None:
    columns, rows = table(tiny_run.stdout, "records  learnaloud s  plain s")
    assert columns == [
        "records",
        "learnaloud s",
        "plain s",
        "ratio",
        "learnaloud CPU s",
        "plain CPU s",
        "ratio",
        "learnaloud MB",
        "plain MB",
        "ratio",
    ]
    assert [row[0] for row in rows] == [str(TINY)]
    (row,) = rows
    assert len(row) == len(columns)
    for column, cell in zip(columns[1:], row[1:], strict=True):
        assert re.fullmatch(RATIO if column == "ratio" else NUMBER, cell), (column, cell)
    for cell in (row[1], row[2], row[7], row[8]):
        assert float(cell) > 0


def test_tiny_run_prints_each_runs_ratio_and_their_median(tiny_run: subprocess.CompletedProcess[str]) -> None:
    (line,) = [text for text in tiny_run.stdout.splitlines() if "each run's ratio" in text]
    assert re.fullmatch(
        rf"\s*{TINY}  each run's ratio \(built one after the other\): {RATIO}; median {RATIO}", line
    )


def test_tiny_run_prints_how_long_the_check_takes(tiny_run: subprocess.CompletedProcess[str]) -> None:
    columns, rows = table(tiny_run.stdout, "content        records")
    assert columns == ["content", "records", "check s, empty cache", "check s"]
    assert [row[0] for row in rows] == ["synthetic", "example"]
    assert rows[0][1] == str(TINY) and int(rows[1][1]) > 0
    assert all(float(cell) > 0 for row in rows for cell in row[2:])


def test_tiny_run_prints_the_first_build_with_an_empty_cache(
    tiny_run: subprocess.CompletedProcess[str],
) -> None:
    columns, rows = table(tiny_run.stdout, "records  learnaloud first build s")
    assert columns == [
        "records",
        "learnaloud first build s",
        "plain s",
        "ratio",
        "learnaloud ms a page",
        "plain ms a page",
        "ratio",
    ]
    (row,) = rows
    assert row[0] == str(TINY) and re.fullmatch(RATIO, row[3]) and re.fullmatch(RATIO, row[6])
    assert float(row[1]) > 0 and float(row[2]) > 0
    # A page's time is the build's over the pages the site table counts, for the same number of pages.
    _, (sites,) = table(tiny_run.stdout, "records  learnaloud site MB")
    assert float(row[4]) == pytest.approx(float(row[1]) / int(sites[3]) * 1000, abs=0.01, rel=0.01)
    assert float(row[5]) == pytest.approx(float(row[2]) / int(sites[4]) * 1000, abs=0.01, rel=0.01)


def test_tiny_run_prints_site_sizes_and_the_explorer(tiny_run: subprocess.CompletedProcess[str]) -> None:
    columns, rows = table(tiny_run.stdout, "records  learnaloud site MB")
    assert columns == ["records", "learnaloud site MB", "plain site MB", "learnaloud pages", "plain pages"]
    (row,) = rows
    assert row[0] == str(TINY)
    assert all(re.fullmatch(NUMBER, cell) for cell in row)
    assert int(row[3]) > TINY and int(row[4]) > TINY  # a page a record, and the index pages

    columns, rows = table(tiny_run.stdout, "records  explorer index KB")
    assert columns == ["records", "explorer index KB", "explorer page KB"]
    assert [row[0] for row in rows] == [str(TINY)]
    assert all(re.fullmatch(NUMBER, cell) for cell in rows[0])


def test_tiny_run_prints_what_a_reader_downloads_and_what_an_edit_costs(
    tiny_run: subprocess.CompletedProcess[str],
) -> None:
    columns, rows = table(tiny_run.stdout, "records  search KB")
    assert columns == [
        "records",
        "search KB sent",
        "plain search KB sent",
        "search KB on disk",
        "plain on disk",
        "largest page KB",
        "plain largest KB",
        "largest page",
    ]
    ((size, *numbers, page),) = rows
    assert size == str(TINY) and all(float(n) > 0 for n in numbers) and page.endswith("/")
    sent, plain_sent, on_disk, plain_on_disk = map(float, numbers[:4])
    assert sent <= on_disk and plain_sent < plain_on_disk  # Material's index is JSON: it compresses

    columns, rows = table(tiny_run.stdout, "records  one-record edit")
    assert columns == ["records", "one-record edit, rebuild s", "plain s", "ratio"]
    ((size, learnaloud, plain, times),) = rows
    assert size == str(TINY) and float(learnaloud) > 0 and float(plain) > 0 and times.endswith("x")

    columns, rows = table(tiny_run.stdout, "records  edit under serve")
    assert columns == ["records", "edit under serve, save to page shown s", "plain s", "ratio"]
    ((size, learnaloud, plain, times),) = rows
    assert size == str(TINY) and float(learnaloud) > 0 and float(plain) > 0 and times.endswith("x")


def test_tiny_run_builds_the_adversarial_bodies_with_learnaloud(
    tiny_run: subprocess.CompletedProcess[str],
) -> None:
    blocks = tiny_run.stdout.split("\n\n")
    (block,) = [b for b in blocks if b.startswith("the time of a 1 MB adversarial body")]
    _title, header, *rest = block.splitlines()
    assert re.split(r"\s{2,}", header.strip()) == ["body", "learnaloud", "plain"]
    rows = {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line.strip()) for line in rest[:2])}
    assert set(rows) == {"brackets", "emphasis"}
    for name, (learnaloud, plain) in rows.items():
        assert OUTCOME.fullmatch(learnaloud) and learnaloud != "skipped", (name, learnaloud)
        assert plain == "skipped", (name, plain)
        if learnaloud.startswith(("refused", "crashed")):  # the error line is quoted beneath
            assert re.search(rf"^  {name} learnaloud: \S", block, re.MULTILINE), block


def test_yaml_is_written_without_anchors_or_aliases(bench: ModuleType) -> None:
    shared = {"text": "the same entry twice", "evidence": ["north-quay/a-record"]}
    text = bench.dump_yaml({"ground_truth": [shared, shared], "themes": [shared["evidence"]] * 2})
    assert "&" not in text and "*" not in text, text


def test_every_generated_file_is_free_of_anchors(bench: ModuleType, tmp_path: Path) -> None:
    for site in bench.prepare(TINY, tmp_path):
        for path in (site.config, *site.config.parent.joinpath("content").rglob("*")):
            if path.is_file():
                assert not re.search(r"(^|[\s:\-\[,])[&*]id\d", path.read_text("utf-8")), path


def test_adversarial_bodies_are_one_megabyte(bench: ModuleType) -> None:
    bodies = {adversary.name: adversary.body for adversary in bench.adversaries()}
    assert set(bodies) == {"brackets", "emphasis"}
    for body in bodies.values():
        assert len(body.encode("utf-8")) == 1024 * 1024
    assert set(bodies["brackets"].rstrip("\n")) == {"["}
    half = "*" * ((1024 * 1024 - 2) // 2)
    assert bodies["emphasis"] == f"{half}a{half}\n"


@pytest.mark.parametrize(
    ("returncode", "stderr", "kind", "detail"),
    [
        (0, "", "built", ""),
        (
            1,
            "ERROR   -  Learn Aloud found 2 problems in the content; nothing was built\n"
            "places/a/index.md:3: something else\n"
            "places/a/records/r.md:7: this body is too hard to render — shorten it\n",
            "refused",
            "places/a/records/r.md:7: this body is too hard to render — shorten it",
        ),
        (
            1,
            "ERROR   -  Learn Aloud found 1 problem\nthemes.yml:4: a theme needs a title\n",
            "refused",
            "themes.yml:4: a theme needs a title",
        ),
        (
            1,
            'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
            "RecursionError: maximum recursion depth exceeded\n",
            "crashed",
            "RecursionError: maximum recursion depth exceeded",
        ),
        (1, "", "crashed", "exit status 1"),
    ],
)
def test_outcomes_are_classified(
    bench: ModuleType, returncode: int, stderr: str, kind: str, detail: str
) -> None:
    outcome = bench.classify(returncode, stderr, 1.5, "places/a/records/r.md")
    assert (outcome.kind, outcome.detail) == (kind, detail)
    assert OUTCOME.fullmatch(outcome.describe())
    assert bench.Outcome("stopped", 60.0).describe() == "> 60 s (stopped)"


def test_a_file_is_counted_as_a_host_sends_it(bench: ModuleType, tmp_path: Path) -> None:
    text = tmp_path / "pagefind.js"
    text.write_text("const found = search(query);\n" * 500)
    assert bench.sent_bytes(text) < text.stat().st_size / 10  # gzip, as hosts send text
    packed = tmp_path / "en_1.pf_index"
    packed.write_bytes(gzip.compress(os.urandom(4096)))
    assert bench.sent_bytes(packed) == packed.stat().st_size  # already gzip: sent as it is
