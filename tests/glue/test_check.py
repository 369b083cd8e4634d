"""`learnaloud check`: the build's problems without the build, for people, GitHub and tools.

That the check and the build find the same problems is asserted on every tree any test builds
(tests/helpers.py `assert_check_agrees`); here, its formats, exit status and settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from learnaloud.cli import github_escape
from tests.helpers import BASE_TREE, ROOT, write_tree

RECORD = "places/north-quay/records/2025-05-01-bad-evidence.md"
NEAR_MISS = "places/hillfoot/records/2025-05-02-near-miss.md"
TREE = {
    **BASE_TREE,
    RECORD: """
        ---
        title: A record with a typo
        date: 2025-05-01
        evidence: [stroy]
        ---
    """,
    NEAR_MISS: """
        ---
        title: A heading that almost names a question
        date: 2025-05-02
        evidence: [story]
        ---

        ## What are we learning through this work?

        Something.
    """,
}
ERROR = "'stroy' is not a valid evidence — did you mean 'story'?"
WARNING = (
    "the heading 'What are we learning through this work?' is close to the key question 'What are "
    "we learning through the work?' but does not match it — write '## What are we learning through "
    "the work?' (or '## learning') so the answer is gathered on the question's page"
)


def learnaloud(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script `make test` installed, as a contributor runs it."""
    script = Path(sys.executable).parent / "learnaloud"
    environment = {k: v for k, v in os.environ.items() if k != "LEARNALOUD_VISIBILITY"} | (env or {})
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, cwd=cwd, env=environment, check=False
    )


def project(tmp_path: Path, tree: dict[str, str], plugin: str = "  - learnaloud") -> Path:
    """A site folder as a network has one: mkdocs.yml beside content/."""
    write_tree(tmp_path / "content", tree)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://example.org/\ndocs_dir: content\n"
        "theme:\n  name: material\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        f"plugins:\n  - search\n{plugin}\n"
    )
    return tmp_path


def test_the_example_network_is_ready_to_build() -> None:
    result = learnaloud("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "content is ready to build (public): 4 places" in result.stderr


def test_text_names_file_line_problem_and_fix_and_fails(tmp_path: Path) -> None:
    result = learnaloud("check", cwd=project(tmp_path, TREE))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"content/{RECORD}:4: {ERROR}",
        f"content/{NEAR_MISS}:7: warning: {WARNING}",
    ]
    assert "content would not build: 1 problem to fix and 1 warning" in result.stderr


def test_github_annotations_are_exact(tmp_path: Path) -> None:
    result = learnaloud("check", "--format", "github", cwd=project(tmp_path, TREE))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=content/{RECORD},line=4,title=Learn Aloud::{ERROR}",
        f"::warning file=content/{NEAR_MISS},line=7,title=Learn Aloud::{WARNING}",
    ]


def test_json_is_exact(tmp_path: Path) -> None:
    result = learnaloud("check", "--format", "json", cwd=project(tmp_path, TREE))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document.pop("seconds") > 0
    message, hint = ERROR.split(" — ")
    warning_message, warning_hint = WARNING.split(" — ")
    assert document == {
        "content": "content",
        "visibility": "public",
        "errors": 1,
        "warnings": 1,
        "diagnostics": [
            {
                "severity": "error",
                "file": f"content/{RECORD}",
                "path": RECORD,
                "line": 4,
                "message": message,
                "hint": hint,
            },
            {
                "severity": "warning",
                "file": f"content/{NEAR_MISS}",
                "path": NEAR_MISS,
                "line": 7,
                "message": warning_message,
                "hint": warning_hint,
            },
        ],
    }


def test_warnings_alone_pass(tmp_path: Path) -> None:
    tree = {key: value for key, value in TREE.items() if key != RECORD}
    result = learnaloud("check", "--format", "github", cwd=project(tmp_path, tree))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::warning ")


def test_github_escapes_what_would_end_a_property_or_a_line() -> None:
    assert github_escape("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github_escape("a:b,c%", property_value=True) == "a%3Ab%2Cc%25"


def test_visibility_as_the_build_takes_it(tmp_path: Path) -> None:
    """The flag, then LEARNALOUD_VISIBILITY, then mkdocs.yml, then public."""
    tree = {**BASE_TREE, "places/lowtown/place.yml": "name: Lowtown\nvisibility: network\n"}
    folder = project(tmp_path, tree, plugin="  - learnaloud:\n      visibility: network")
    assert "(network): 3 places" in learnaloud("check", cwd=folder).stderr
    public = learnaloud("check", cwd=folder, env={"LEARNALOUD_VISIBILITY": "public"})
    assert "(public): 2 places" in public.stderr
    assert "(public): 2 places" in learnaloud("check", "--visibility", "public", cwd=folder).stderr
    wrong = learnaloud("check", cwd=folder, env={"LEARNALOUD_VISIBILITY": "everyone"})
    assert wrong.returncode == 1 and "'everyone' is not a visibility" in wrong.stderr


def test_a_named_content_folder_and_a_missing_one(tmp_path: Path) -> None:
    write_tree(tmp_path / "elsewhere", BASE_TREE)
    assert learnaloud("check", "elsewhere", cwd=tmp_path).returncode == 0
    missing = learnaloud("check", "nowhere", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere: no such folder" in missing.stderr


def test_settings_are_read_as_mkdocs_reads_them(tmp_path: Path) -> None:
    """Plugins written as a mapping, `INHERIT:`, `!ENV`: the check takes what the build takes."""
    tree = {
        **BASE_TREE,
        "places/lowtown/place.yml": "name: Lowtown\nvisibility: network\n",
        "embeds/map.html": "<p>a map</p>\n",
    }
    write_tree(tmp_path / "content", tree)
    (tmp_path / "base.yml").write_text(
        "site_name: Test\nsite_url: !ENV [SITE_URL, 'https://example.org/']\ndocs_dir: content\n"
        "theme:\n  name: material\n"
        "plugins:\n  search: {}\n  learnaloud:\n    visibility: network\n    allow_files: ['embeds/*.html']\n"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n")
    result = learnaloud("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(network): 3 places" in result.stderr


def test_strict_makes_a_warning_fail_as_the_build_does(tmp_path: Path) -> None:
    tree = {key: value for key, value in TREE.items() if key != RECORD}
    folder = project(tmp_path, tree)
    relaxed = learnaloud("check", "--format", "github", cwd=folder)
    assert relaxed.returncode == 0 and relaxed.stdout.startswith("::warning ")
    strict = learnaloud("check", "--strict", "--format", "github", cwd=folder)
    assert strict.returncode == 1 and strict.stdout.startswith("::error ")
    assert "would not build in strict mode: 1 problem to fix" in strict.stderr
    (folder / "mkdocs.yml").write_text((folder / "mkdocs.yml").read_text() + "strict: true\n")
    assert learnaloud("check", cwd=folder).returncode == 1


def test_a_site_without_site_url_fails_as_the_build_does(tmp_path: Path) -> None:
    folder = project(tmp_path, BASE_TREE)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://example.org/\n", ""))
    result = learnaloud("check", cwd=folder)
    assert result.returncode == 1 and "site_url is not set" in result.stderr


def test_learnaloud_schema_replaces_a_link_and_never_writes_through_it(tmp_path: Path) -> None:
    """A pull request could make schema/README.md a link to any file the maintainer can write."""
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "README.md").symlink_to(victim)
    result = learnaloud("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "untouched"
    assert not (tmp_path / "schema" / "README.md").is_symlink()
    assert (tmp_path / "schema" / "record.json").is_file()
    result = learnaloud("schema", str(tmp_path / "victim.txt" / "x"), cwd=tmp_path)
    assert (
        result.returncode == 1 and "cannot write there" in result.stderr and "Traceback" not in result.stderr
    )


LINKING = "places/north-quay/records/2025-05-03-linking.md"
LINKS = {
    **BASE_TREE,
    "places/north-quay/records/stall.jpg": "not really a picture",
    LINKING: """
        ---
        title: A record that links
        date: 2025-05-03
        evidence: [story]
        ---

        Hillfoot's [kitchen tables](../../hillfoot/records/2025-04-01-kitchen-table.md) started it.

        These lead somewhere: [the stall](2025-03-12-market-stall.md#what-are-we-learning-through-the-work),
        ![a photo](stall.jpg), [themes](../../../themes/), [elsewhere](https://example.org/a.md),
        [here](#top), and `[code](nowhere.md)` is not a link.

        [notes]: ../../hillfoot/records/notes.md

        See the [notes].
    """,
}


def test_a_link_to_no_file_is_named_where_it_is_written_by_the_check_and_the_build(tmp_path: Path) -> None:
    folder = project(tmp_path, LINKS)
    result = learnaloud("check", cwd=folder)
    assert result.returncode == 0, result.stderr  # a warning, as MkDocs' own is
    assert result.stdout.splitlines() == [
        f"content/{LINKING}:7: warning: links to ../../hillfoot/records/2025-04-01-kitchen-table.md, which is "
        "not in the site — did you mean ../../hillfoot/records/2025-04-01-kitchen-tables.md?",
        f"content/{LINKING}:13: warning: links to ../../hillfoot/records/notes.md, which is not in the site — "
        "check the file's name and folder: a link names a file relative to this one, inside content/ (../ "
        "is the folder above; from here a record is written e.g. ../../hillfoot/records/2025-04-01-kitchen-tables.md)",
    ]
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert build.returncode != 0
    assert f"{LINKING}:7: links to ../../hillfoot/records/2025-04-01-kitchen-table.md" in build.stderr


HIDDEN = "places/hillfoot/records/2025-04-02-hidden.md"
HIDDEN_RECORD = """
    ---
    title: Hidden
    date: 2025-04-02
    evidence: [story]
    visibility: network
    ---
"""


def test_a_link_into_network_only_content_is_said_by_the_check_and_once_by_the_build(tmp_path: Path) -> None:
    """The build removes a link into what it withholds; the check says so as it does, at the line."""
    tree = {
        **LINKS,
        LINKING: LINKS[LINKING].replace(
            "[notes]: ../../hillfoot/records/notes.md", "[notes]: ../../hillfoot/records/2025-04-02-hidden.md"
        ),
        HIDDEN: HIDDEN_RECORD,
    }
    folder = project(tmp_path, tree)
    warned = (
        f"{LINKING}:13: links to ../../hillfoot/records/2025-04-02-hidden.md, which this build does not "
        "publish: it is network-only, or its place is — the site shows the link's words without the link; "
        "remove the link (keep the words) until that page is public, and check that the words name nothing private"
    )
    result = learnaloud("check", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert f"content/{warned.replace(': links', ': warning: links', 1)}" in result.stdout.splitlines()
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert build.stderr.count(warned) == 1, build.stderr
    page = (tmp_path / "site" / LINKING.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert "<p>See the <a>notes</a>.</p>" in page and "2025-04-02-hidden" not in page  # words kept, link gone


def test_a_link_to_the_sites_own_address_is_said_by_the_check_as_by_the_build(tmp_path: Path) -> None:
    """The check read a link to the site's own address (not the placeholder's) as another site's."""
    tree = {
        **BASE_TREE,
        LINKING: """
            ---
            title: A record that links
            date: 2025-05-03
            evidence: [story]
            ---

            See [it](https://learning.example.net/network/places/hillfoot/records/2025-04-02-hidden/).
        """,
        HIDDEN: HIDDEN_RECORD,
    }
    folder = project(tmp_path, tree)
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("https://example.org/", "https://learning.example.net/network/")
    )
    result = learnaloud("check", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (
        f"content/{LINKING}:7: warning: links to "
        "https://learning.example.net/network/places/hillfoot/records/2025-04-02-hidden/, which this build "
        "does not publish: it is network-only, or its place is — the site shows the link's words without "
        "the link; remove the link (keep the words) until that page is public, and check that the words "
        "name nothing private"
    ) in result.stdout.splitlines(), result.stdout
