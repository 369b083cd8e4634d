"""A contributor's mistakes: all reported at once, each with file, line and fix; the old site stays."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import BASE_TREE, build_site, write_tree

RECORD = "places/north-quay/records/"

BROKEN: dict[str, str] = {
    "network.yml": """
        description: The name is missing.
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
        - id: equalising-space
          title: Equalising space
        - id: equalising-space
          title: Equalising space again
    """,
    "measures.yml": """
        - id: participants
          title: People taking part
          unit: people
          aggregate: total
    """,
    "places/north-quay/place.yml": """
        name: North Quay
        website: www.example.org
    """,
    "places/north-quay/measures.yml": """
        participant:
          2025-01: 34
        participants:
          2025-02: lots
          2025-13: 3
    """,
    "places/lowtown/records/2025-01-01-orphan.md": """
        ---
        title: A record in a place with no profile
        date: 2025-01-01
        evidence: [story]
        ---
    """,
    RECORD + "2025-01-01-unknown-theme.md": """
        ---
        title: Unknown theme
        date: 2025-01-01
        evidence: [story]
        themes: [relational-approach]
        ---
    """,
    RECORD + "2025-01-02-bad-evidence.md": """
        ---
        title: Bad evidence
        date: 2025-01-02
        evidence: [story, stroy]
        loop: doble
        ---
    """,
    RECORD + "2025-01-03-bad-date.md": """
        ---
        title: Bad date
        date: 2025-13-01
        evidence: [story]
        ---
    """,
    RECORD + "2025-01-04-no-title.md": """
        ---
        date: 2025-01-04
        evidence: [story]
        summery: A typo in a field name.
        ---
    """,
    RECORD + "2025-01-05-never-closed.md": """
        ---
        title: Never closed
        date: 2025-01-05

        The body starts but the front matter never ended.
    """,
    RECORD + "2025-01-06-tabs.md": "---\ntitle: Tabs\nevidence:\n\t- story\n---\n",
    RECORD + "2025-01-07-empty.md": "",
    RECORD + "2025-01-08-dangling.md": """
        ---
        title: Dangling link
        date: 2025-01-08
        evidence: [story]
        learned_from: [hillfoot/2025-04-01-kitchen-table]
        ---
    """,
    RECORD + "2025-01-09-duplicate-key.md": """
        ---
        title: Duplicate key
        date: 2025-01-09
        evidence: [story]
        date: 2025-01-10
        ---
    """,
    RECORD + "Market Day.md": """
        ---
        title: A file name with capitals and a space
        date: 2025-01-10
        evidence: [story]
        ---
    """,
    RECORD + "2025-01-11-colon.md": """
        ---
        title: Why: a question
        date: 2025-01-11
        evidence: [story]
        ---
    """,
    RECORD + "2025-01-13-far-future.md": """
        ---
        title: A year typed wrong
        date: 2205-01-13
        evidence: [story]
        ---
    """,
    RECORD + "2025-01-12-id.md": """
        ---
        id: my-own-id
        title: Sets its own id
        date: 2025-01-12
        evidence: [story]
        ---
    """,
    "tables/2025-06-reaching.yml": """
        title: Are we reaching new people?
        date: 2025-06-01
        scope: place
        places: [north-quay, hillfoot]
        follows: 2025-01-reachnig
    """,
    "toolkit/story-circle.md": """
        ---
        title: Story circle
        summary: People tell and hear stories.
        stage: embodied
        ---
    """,
    "notes.md": """
        # Notes

        ```learning-records
        plase: north-quay
        limit: 0
        ```
    """,
    "places/north-quay/posts/2025-02-01-draft.md": """
        ---
        title: Not ready yet
        date: 2025-02-30
        draft: true
        tags: [relational-approaches]
        visibility: private
        ---
    """,
    "widget.html": "<script>alert(1)</script>",
    "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}

# (path, line, what the message says, what the hint says): one per mistake above.
EXPECTED: list[tuple[str, int, str, str]] = [
    ("network.yml", 1, "'name' is missing", "add a line 'name: "),
    ("themes.yml", 5, "theme id 'equalising-space' is used twice", "its own id"),
    ("measures.yml", 4, "'total' is not a valid aggregate", "use one of: mean, sum"),
    ("places/north-quay/place.yml", 2, "is not a web address", "https://"),
    (
        "places/north-quay/measures.yml",
        1,
        "no measure 'participant'",
        "did you mean 'participants'? (shared measures are listed",
    ),
    ("places/north-quay/measures.yml", 4, "value for 2025-02 is not a number", "plain number"),
    ("places/north-quay/measures.yml", 5, "'2025-13' is not a period", "YYYY-MM"),
    ("places/lowtown/place.yml", 0, "has no place.yml", "'name: "),
    (
        RECORD + "2025-01-01-unknown-theme.md",
        5,
        "no theme 'relational-approach'",
        "did you mean 'relational-approaches'?",
    ),
    (RECORD + "2025-01-02-bad-evidence.md", 4, "'stroy' is not a valid evidence", "did you mean 'story'?"),
    (RECORD + "2025-01-02-bad-evidence.md", 5, "'doble' is not a valid loop", "did you mean 'double'?"),
    (RECORD + "2025-01-03-bad-date.md", 3, "'2025-13-01' is not a date", "there is no month 13"),
    (RECORD + "2025-01-04-no-title.md", 1, "'title' is missing", "add a line 'title: "),
    (RECORD + "2025-01-04-no-title.md", 4, "'summery' is not a field of a record", "did you mean 'summary'?"),
    (RECORD + "2025-01-05-never-closed.md", 1, "never ends", "add a line with just '---'"),
    (RECORD + "2025-01-06-tabs.md", 4, "a tab is used for indentation", "spaces"),
    (RECORD + "2025-01-07-empty.md", 1, "the file is empty", "front matter"),
    (
        RECORD + "2025-01-08-dangling.md",
        5,
        "no record 'hillfoot/2025-04-01-kitchen-table'",
        "did you mean 'hillfoot/2025-04-01-kitchen-tables'?",
    ),
    (RECORD + "2025-01-09-duplicate-key.md", 5, "'date' appears twice", "line 3"),
    (RECORD + "Market Day.md", 0, "not a valid name for a record", "rename it to 'market-day.md'"),
    (RECORD + "2025-01-11-colon.md", 2, "contains ': '", "double quotes"),
    (RECORD + "2025-01-12-id.md", 2, "'id' is set by the site", "remove this line"),
    (
        RECORD + "2025-01-13-far-future.md",
        3,
        "'2205-01-13' is outside the years the site shows",
        "write a date between 1950 and 2100: is 2205 a typo for 2025?",
    ),
    ("tables/2025-06-reaching.yml", 4, "names exactly one place", "places: [<place>]"),
    ("tables/2025-06-reaching.yml", 5, "no table '2025-01-reachnig'", "no table is defined yet"),
    ("toolkit/story-circle.md", 1, "'duration' is missing", "add a line 'duration: 90'"),
    ("notes.md", 4, "'plase' is not an option of learning-records", "did you mean 'place'?"),
    ("notes.md", 5, "'0' is not a count", "whole number"),
    (
        "places/north-quay/posts/2025-02-01-draft.md",
        3,
        "'2025-02-30' is not a date",
        "February 2025 has 28 days",
    ),
    (
        "places/north-quay/posts/2025-02-01-draft.md",
        4,
        "'draft' is not a field of a post",
        "visibility: network",
    ),
    (
        "places/north-quay/posts/2025-02-01-draft.md",
        5,
        "'tags' is not a field of a post",
        "did you mean 'themes'?",
    ),
    (
        "places/north-quay/posts/2025-02-01-draft.md",
        6,
        "'private' is not a valid visibility",
        "'private:' block",
    ),
    ("widget.html", 0, "a .html file cannot be published", "allow_files"),
    ("images/logo.svg", 0, "this SVG contains a script", "remove it"),
]

LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<message>.+) — (?P<hint>.+)$")


def test_every_mistake_is_reported_at_once_and_the_old_site_stays(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", BASE_TREE)
    site = tmp_path / "site"
    good = build_site(docs, site)
    assert good.returncode == 0, good.output
    before = good.bytes_on_disk()

    write_tree(docs, BROKEN)
    broken = build_site(docs, site)

    assert broken.returncode != 0
    assert "Traceback" not in broken.output
    reported = []
    for line in broken.output.splitlines():
        match = LINE.match(line.strip())
        if match:
            reported.append((match["path"], int(match["line"] or 0), match["message"], match["hint"]))
    for path, line, message, hint in EXPECTED:
        found = [r for r in reported if r[0] == path and r[1] == line and message in r[2]]
        assert found, f"no message for {path}:{line} saying {message!r}; got:\n{broken.output}"
        assert hint in found[0][3], f"{path}:{line}: hint {found[0][3]!r} lacks {hint!r}"
    assert len(reported) == len(EXPECTED), "\n".join(map(str, reported))
    assert reported == sorted(reported, key=lambda r: (r[0], r[1])), "messages are sorted by path and line"
    assert f"found {len(EXPECTED)} problems" in broken.output
    assert site.is_dir() and broken.bytes_on_disk() == before, "the last good site is left as it was"


def test_a_record_with_several_mistakes_reports_all_of_them_in_one_build(tmp_path: Path) -> None:
    record = """
        ---
        title: Several mistakes
        date: 12/03/2025
        evidence: [story, feelings]
        themes:
          - Equalising space
          - relational-aproaches
        learned_from: [hillfoot/2025-04-01-kitchen-table]
        ---
    """
    docs = write_tree(tmp_path / "content", {**BASE_TREE, f"{RECORD}2025-05-01-x.md": record})
    build = build_site(docs, tmp_path / "site")
    assert build.returncode == 1
    path = f"{RECORD}2025-05-01-x.md"
    for line in (
        f"{path}:3: '12/03/2025' is not a date — write dates as YYYY-MM-DD: for 12 March 2025, write 2025-03-12",
        f"{path}:4: 'feelings' is not a valid evidence",
        f"{path}:6: there is no theme 'Equalising space' — did you mean 'equalising-space'? (write the theme's id, not its title)",
        f"{path}:7: there is no theme 'relational-aproaches' — did you mean 'relational-approaches'?",
        f"{path}:8: there is no record 'hillfoot/2025-04-01-kitchen-table' — did you mean 'hillfoot/2025-04-01-kitchen-tables'?",
    ):
        assert line in build.output, build.output
    assert "Learn Aloud found 5 problems" in build.output
