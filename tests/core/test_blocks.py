"""Live blocks: found with their lines, checked, and `learning-records` options applied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from learnaloud.core.blocks import expand_blocks, find_blocks, select_records
from learnaloud.core.load import load_content
from learnaloud.core.select import select
from tests.helpers import BASE_TREE, write_tree

PAGE = """# A page

```learning-records
place: hillfoot
loop: tripple
since: 2025-13-01
colour: red
```

```python
learning-records: this is only code
```
"""


def test_blocks_are_found_with_their_lines_and_every_bad_option_named() -> None:
    found = find_blocks(PAGE, 1)
    assert found.blocks == ()
    problems = sorted((p.line, p.message, p.hint) for p in found.problems)
    assert problems == [
        (5, "'tripple' is not a valid loop", "did you mean 'triple'?"),
        (6, "'2025-13-01' is not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-12"),
        (
            7,
            "'colour' is not an option of learning-records",
            "use one of: evidence, limit, loop, place, since, theme, until",
        ),
    ]


def test_every_learning_records_option_narrows_the_list(tmp_path: Path) -> None:
    content, report = load_content(write_tree(tmp_path, BASE_TREE))
    records = sorted(select(content, "public", report).records.values(), key=lambda r: r.date, reverse=True)
    titles = lambda options: [r.title for r in select_records(options, records)]  # noqa: E731
    both = ["Kitchen table conversations", "Conversations at the Saturday market"]
    assert titles({}) == both
    assert titles({"place": "hillfoot"}) == ["Kitchen table conversations"]
    assert titles({"theme": "equalising-space"}) == ["Kitchen table conversations"]
    assert titles({"evidence": "story"}) == ["Conversations at the Saturday market"]
    assert titles({"loop": "double"}) == ["Kitchen table conversations"]
    assert titles({"since": dt.date(2025, 3, 20)}) == ["Kitchen table conversations"]
    assert titles({"until": dt.date(2025, 3, 20)}) == ["Conversations at the Saturday market"]
    assert titles({"limit": 1}) == ["Kitchen table conversations"]


def test_expanding_replaces_only_the_blocks_it_draws() -> None:
    text = "Intro\n\n```learning-records\nlimit: 2\n```\n\n```learning-chart\nmeasure: participants\n```\n"
    expanded = expand_blocks(
        text, lambda block: "<div>\n\n<p>drawn</p>\n</div>" if block.kind == "learning-records" else None
    )
    assert (
        expanded
        == "Intro\n\n\n<div>\n<p>drawn</p>\n</div>\n\n\n```learning-chart\nmeasure: participants\n```\n"
    )


def test_a_date_and_time_is_not_a_date() -> None:
    found = find_blocks("```learning-records\nsince: 2025-01-01 10:00:00\n```\n", 1)
    assert found.blocks == ()
    assert [(p.line, p.message) for p in found.problems] == [(2, "'2025-01-01 10:00:00' is not a date")]
