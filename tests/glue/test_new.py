"""`learnaloud new …`: a file a contributor fills in, that passes the check as written, builds,
stays network-only until they publish it, and never replaces another file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markupsafe import escape

from tests.glue.test_check import learnaloud, project
from tests.helpers import BASE_TREE, Build, article, build_site

TODAY = dt.date.today().isoformat()
TITLE = 'Tea at the market: "what we heard" #1'
KINDS: dict[str, tuple[list[str], str]] = {
    "record": (
        ["record", "--place", "north-quay", TITLE],
        f"places/north-quay/records/{TODAY}-tea-at-the-market-what-we-heard-1.md",
    ),
    "place post": (
        ["post", "--place", "hillfoot", TITLE],
        f"places/hillfoot/posts/{TODAY}-tea-at-the-market-what-we-heard-1.md",
    ),
    "network report": (["post", "--report", TITLE], f"posts/{TODAY}-tea-at-the-market-what-we-heard-1.md"),
    "table": (
        ["table", "--place", "north-quay", "--place", "hillfoot", TITLE],
        f"tables/{TODAY[:7]}-tea-at-the-market-what-we-heard-1.yml",
    ),
    "activity": (["activity", TITLE], "toolkit/tea-at-the-market-what-we-heard-1.md"),
    "place": (["place", "Low Town"], "places/low-town/place.yml"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_new_file_passes_the_check_unchanged_and_builds_network_only(tmp_path: Path, kind: str) -> None:
    args, path = KINDS[kind]
    folder = project(tmp_path, BASE_TREE)
    made = learnaloud("new", *args, cwd=folder)
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"wrote content/{path}\n"
    assert (folder / "content" / path).is_file()
    check = learnaloud("check", "--visibility", "network", cwd=folder)
    assert (check.returncode, check.stdout) == (0, ""), check.stdout  # no problem, no warning
    public = build_site(folder / "content", tmp_path / "public")
    network = build_site(folder / "content", tmp_path / "network", visibility="network")
    assert public.returncode == network.returncode == 0, public.output + network.output
    if kind == "record":
        page = f"places/north-quay/records/{Path(path).stem}"
        assert f"<h1>{escape(TITLE)}</h1>" in network.page(page)
        assert not (public.site / page).exists()


def test_a_new_file_never_replaces_one(tmp_path: Path) -> None:
    args, path = KINDS["record"]
    folder = project(tmp_path, BASE_TREE)
    assert learnaloud("new", *args, cwd=folder).returncode == 0
    (folder / "content" / path).write_text("mine")
    again = learnaloud("new", *args, cwd=folder)
    assert again.returncode == 1 and f"content/{path} already exists" in again.stderr
    assert (folder / "content" / path).read_text() == "mine"


def test_an_unknown_place_gets_a_did_you_mean(tmp_path: Path) -> None:
    made = learnaloud("new", "record", "--place", "north-qay", "Hello", cwd=project(tmp_path, BASE_TREE))
    assert (
        made.returncode == 1 and "there is no place 'north-qay' — did you mean 'north-quay'?" in made.stderr
    )


def test_names_the_site_keeps_and_titles_without_words(tmp_path: Path) -> None:
    folder = project(tmp_path, BASE_TREE)
    assert learnaloud("new", "activity", "Index", cwd=folder).stdout == "wrote content/toolkit/our-index.md\n"
    empty = learnaloud("new", "activity", "!!!", cwd=folder)
    assert empty.returncode == 1 and "the title has no letters or digits" in empty.stderr


PAGES_AND_IDS = {
    "themes/equalising-space": "use <code>equalising-space</code> in\n  <code>themes:</code> of a record, post, table or activity.",
    "evidence/story": "use <code>story</code> in\n  <code>evidence:</code> of a record.",
    "loops/double": "use <code>double</code> in\n  <code>loop:</code> of a record.",
    "places/hillfoot": "this place is <code>hillfoot</code>: its records go in\n  <code>content/places/hillfoot/records/</code>",
    "questions/patterns": "<code>## patterns</code>",
    "places/hillfoot/records/2024-03-06-kitchen-table-conversations": (
        "<code>hillfoot/2024-03-06-kitchen-table-conversations</code> in that record's <code>learned_from:</code>"
    ),
    "toolkit/story-harvest": "with <code>story-harvest</code> in\n  <code>activities:</code>",
}


@pytest.mark.parametrize("url", sorted(PAGES_AND_IDS))
def test_each_page_tells_contributors_the_id_to_write(example_site: Build, url: str) -> None:
    (note,) = article(example_site, url).select("p.la-content-id")
    assert "la-screen-only" in note["class"]  # not on paper
    assert note.get_text(strip=True).startswith("For contributors:")
    assert note.a is not None and str(note.a["href"]).endswith("contribute/")  # how, on the Contribute pages
    assert PAGES_AND_IDS[url] in str(note)


def test_a_record_written_up_later_takes_its_own_date(tmp_path: Path) -> None:
    folder = project(tmp_path, BASE_TREE)
    made = learnaloud(
        "new", "record", "--place", "hillfoot", "--date", "2025-11-03", "Tuesday's meeting", cwd=folder
    )
    assert made.stdout == "wrote content/places/hillfoot/records/2025-11-03-tuesdays-meeting.md\n"
    assert (
        "date: 2025-11-03\n"
        in (folder / "content/places/hillfoot/records/2025-11-03-tuesdays-meeting.md").read_text()
    )
    wrong = learnaloud("new", "record", "--place", "hillfoot", "--date", "3/11/2025", "Again", cwd=folder)
    assert wrong.returncode == 2 and "'3/11/2025' is not a date — write it as YYYY-MM-DD" in wrong.stderr


def test_the_command_says_its_version(tmp_path: Path) -> None:
    result = learnaloud("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("learnaloud 0.")


def test_a_table_filled_in_as_its_comments_say_passes(tmp_path: Path) -> None:
    folder = project(tmp_path, BASE_TREE)
    made = learnaloud("new", "table", "--place", "north-quay", "Who comes?", cwd=folder)
    path = folder / made.stdout.removeprefix("wrote ").strip()
    text = path.read_text()
    assert "#    evidence: [north-quay/2025-03-12-market-stall]" in text  # one of the table's own records
    filled = text.replace("ground_truth: []", "ground_truth:").replace("\n#  - text:", "\n  - text:")
    path.write_text(filled.replace("\n#    evidence:", "\n    evidence:"))
    check = learnaloud("check", "--visibility", "network", "--strict", cwd=folder)
    assert (check.returncode, check.stdout) == (0, ""), check.stdout


def test_a_new_record_made_public_unchanged_is_a_warning_where_its_text_is_not_yet_written(
    tmp_path: Path,
) -> None:
    args, path = KINDS["record"]
    folder = project(tmp_path, BASE_TREE)
    assert learnaloud("new", *args, cwd=folder).returncode == 0
    record = folder / "content" / path
    text = record.read_text().replace("visibility: network", "visibility: public")
    record.write_text(text)
    check = learnaloud("check", cwd=folder)
    assert check.returncode == 0, check.stderr  # a warning: a strict build (CI) refuses it
    lines = text.splitlines()
    expected = [
        n
        for n, line in enumerate(lines, start=1)
        if line.startswith(("What happened, in a few", "What you found."))
    ]
    assert len(expected) == 3  # the opening and two answers
    warned = [
        line for line in check.stdout.splitlines() if "is the new file's text, not yet replaced" in line
    ]
    assert [int(line.split(":")[1]) for line in warned] == expected, check.stdout
    assert learnaloud("check", "--strict", cwd=folder).returncode == 1
