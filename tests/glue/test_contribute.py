"""The Contribute section: every example in its guides builds, as a contributor would add it, with
the repository's own mkdocs.yml; the ids it lists are the published ones; the schemas are there."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from learnaloud.core.contribute import GUIDES, GUIDES_FOLDER, error_examples, error_sections
from learnaloud.core.schema import schema_files
from tests.helpers import EXAMPLE, ROOT, Build

# A guide's example: a paragraph naming the file in bold, then the whole file in a fenced block.
EXAMPLE_FILE = re.compile(
    r"^\*\*`content/(?P<path>[^`]+)`\*\*\n\n(?P<fence>`{3,})\w*\n(?P<text>.*?)\n(?P=fence)\n", re.S | re.M
)


def guide_examples() -> dict[str, str]:
    examples: dict[str, str] = {}
    for guide in GUIDES:
        text = (GUIDES_FOLDER / f"{guide.name}.md").read_text(encoding="utf-8")
        for found in EXAMPLE_FILE.finditer(text):
            examples[found["path"]] = found["text"] + "\n"
    return examples


def shipped_build(root: Path, *, visibility: str = "public") -> Build:
    """The repository's mkdocs.yml and theme overrides over `root/content`, built strict."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", root / "theme_overrides")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LEARNALOUD_VISIBILITY": visibility}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env, check=False)
    return Build(result.returncode, result.stdout + result.stderr, root / "site")


@pytest.fixture(scope="module")
def with_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """The example network with every guide's example added, built public and network."""
    builds = {}
    for visibility in ("public", "network"):
        root = tmp_path_factory.mktemp(f"contribute-{visibility}")
        shutil.copytree(EXAMPLE, root / "content")
        for rel, text in guide_examples().items():
            path = root / "content" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        builds[visibility] = shipped_build(root, visibility=visibility)
    return builds


def test_the_guides_hold_an_example_of_every_kind_of_file_a_contributor_adds() -> None:
    kinds = {re.sub(r"[^/]+\.(md|yml)$", "", rel) for rel in guide_examples()}
    assert kinds == {
        "places/north-quay/records/",
        "places/low-town/",  # a new place's place.yml and measures.yml
        "tables/",
        "toolkit/",
        "places/north-quay/posts/",
    }


def test_every_example_builds_strict_with_the_shipped_config(with_examples: dict[str, Build]) -> None:
    for visibility, build in with_examples.items():
        assert build.returncode == 0, f"{visibility}: {build.output}"
        assert "WARNING" not in build.output, build.output


@pytest.mark.parametrize(
    ("address", "shows"),
    [
        ("places/north-quay/records/2026-01-14-a-morning-at-the-food-bank/", "People answer a question"),
        ("questions/learning/", "People answer a question when it comes with a cup of tea"),
        ("tables/2026-02-who-comes-back/", "People come back to"),
        ("toolkit/question-walk/", "To hear from people who would never come to a meeting."),
        ("places/north-quay/posts/2026-02-01-what-the-queue-taught-us/", "A morning at the food bank queue"),
        ("measures/confidence-score/", "6.8"),
        ("places/low-town/", "Low Town"),
    ],
)
def test_each_example_shows_where_the_guide_says(
    with_examples: dict[str, Build], address: str, shows: str
) -> None:
    page = with_examples["public"].site / address / "index.html"
    assert shows in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def test_the_network_only_example_and_private_notes_stay_out_of_the_public_site(
    with_examples: dict[str, Build],
) -> None:
    public, network = with_examples["public"].site, with_examples["network"].site
    record = "places/north-quay/records/2026-01-20-a-difficult-meeting/index.html"
    assert not (public / record).exists()
    assert (network / record).exists()
    secrets = ("coordinator's notebook", "Funding review due", "walked out when the budget")
    for path in public.rglob("*"):  # the guides show the examples whole; nothing else may
        rel = path.relative_to(public).as_posix()
        if not path.is_file() or rel.startswith(("contribute/", "pagefind/")):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not [secret for secret in secrets if secret in text], rel
    for entry in with_examples["public"].search_index():
        if not entry["location"].startswith("contribute/"):
            assert not [secret for secret in secrets if secret in entry["text"]], entry["location"]


def test_the_contribute_pages_list_only_published_ids(example_site: Build) -> None:
    page = BeautifulSoup((example_site.site / "contribute/records/index.html").read_text(), "html.parser")
    ids = {code.get_text() for code in page.select("table code")}
    assert {
        "north-quay",
        "relational-approaches",
        "learning",
        "story",
        "double",
        "after-action-review",
    } <= ids
    assert "brackenbury" not in ids  # a network-only place of the example
    assert "brackenbury" not in page.get_text()


def test_the_schemas_are_published_as_committed(example_site: Build) -> None:
    for name, text in schema_files().items():
        assert (example_site.site / "schema" / name).read_text(encoding="utf-8") == text
        json.loads(text)


def test_every_field_and_every_error_are_on_their_pages(example_site: Build) -> None:
    fields = BeautifulSoup((example_site.site / "contribute/fields/index.html").read_text(), "html.parser")
    names = {dt.code.get_text() for dt in fields.select("dl.la-fields dt")}
    assert {"evidence", "learned_from", "hypotheses[].status", "group_size", "search.boost"} <= names
    errors = [example for section in error_sections() for example in section.examples]
    assert sorted(map(str, errors)) == sorted(map(str, error_examples()))  # each shown, once
    shown = BeautifulSoup((example_site.site / "contribute/errors/index.html").read_text(), "html.parser")
    said = [pre.get_text() for pre in shown.select("pre.la-error__said")]
    assert said == ["\n".join(error.said) for error in errors]
