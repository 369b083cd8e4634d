"""The ids Learn Aloud's templates give their own elements start with `la-`; no contributor id does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, build_site, write_tree

REPORT = """
    ---
    title: A report
    date: 2025-01-03
    type: report
    ---

    ## La Paz visit

    Words.

    ## __config

    More.

    ## Given {: #la-more }

    <span id="la-report-contents">raw</span> <span id="kept">kept</span>
"""


def test_contributor_ids_never_take_the_site_s_own_form(tmp_path: Path) -> None:
    tree = {**BASE_TREE, "posts/2025-01-03-report.md": REPORT, "posts/2025-01-02-other.md": REPORT}
    build = build_site(write_tree(tmp_path / "content", tree), tmp_path / "site")
    assert build.returncode == 0, build.output
    page = BeautifulSoup(build.page("posts/2025-01-03-report/"), "html.parser")
    ids = Counter(str(tag["id"]) for tag in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    body = page.select_one(".la-report__body")
    assert body is not None
    body_ids = [str(tag["id"]) for tag in body.select("[id]")]
    assert not [i for i in body_ids if i.startswith(("la-", "__"))], body_ids
    assert {"_la-paz-visit", "config", "kept"} <= set(body_ids)
    # The report's contents (made from the table of contents) link the ids the headings have.
    contents = [str(a["href"]) for a in page.select(".la-report__toc a")]
    assert contents[:2] == ["#_la-paz-visit", "#config"]
    assert all(body.select_one(href) is not None for href in contents), contents
    assert page.select_one("#la-report-contents") is not None and page.select_one("#la-more") is not None
