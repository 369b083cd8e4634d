"""Files beside the Markdown are published as they are, unless they could carry code."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import BASE_TREE, build_site, write_tree

SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def test_images_and_safe_svgs_are_published_as_they_are(tmp_path: Path) -> None:
    docs = write_tree(
        tmp_path / "content", {**BASE_TREE, "images/dot.svg": SAFE_SVG, "files/plan.txt": "plan"}
    )
    build = build_site(docs, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (build.site / "images" / "dot.svg").read_text() == SAFE_SVG
    assert (build.site / "files" / "plan.txt").read_text() == "plan"


def test_unsafe_svgs_and_code_files_are_errors_naming_the_file(tmp_path: Path) -> None:
    docs = write_tree(
        tmp_path / "content",
        {
            **BASE_TREE,
            "a.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>',
            "b.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>',
            "c.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
            "d.js": "alert(1)",
            "e.htm": "<p>hi</p>",
        },
    )
    build = build_site(docs, tmp_path / "site")
    assert build.returncode != 0
    assert "a.svg: this SVG contains an event handler" in build.output
    assert "b.svg: this SVG refers to an external address" in build.output
    assert "c.svg: this SVG refers to an external address or a script URL" in build.output
    assert "d.js: a .js file cannot be published" in build.output
    assert "e.htm: a .htm file cannot be published" in build.output


def test_maintainers_can_allow_files_by_path(tmp_path: Path) -> None:
    docs = write_tree(
        tmp_path / "content", {**BASE_TREE, "widgets/map.html": "<p>map</p>", "other.html": "<p>x</p>"}
    )
    build = build_site(docs, tmp_path / "site", options="      allow_files: ['widgets/*.html']")
    assert build.returncode != 0
    assert "other.html: a .html file cannot be published" in build.output
    assert "widgets/map.html" not in build.output
    (docs / "other.html").unlink()
    build = build_site(docs, tmp_path / "site", options="      allow_files: ['widgets/*.html']")
    assert build.returncode == 0, build.output
    assert (build.site / "widgets" / "map.html").read_text() == "<p>map</p>"


def test_markdown_in_an_items_folder_is_never_an_ordinary_page(tmp_path: Path) -> None:
    secret = "---\ntitle: CANARY\ndate: 2025-05-01\nevidence: [story]\nvisibility: network\n---\nCANARY\n"
    docs = write_tree(
        tmp_path / "content",
        {
            **BASE_TREE,
            "places/north-quay/records/2025-05-01-secret.markdown": secret,
            "places/north-quay/records/older/2025-05-02-nested.md": secret,
            "toolkit/drafts/idea.md": secret,
        },
    )
    build = build_site(docs, tmp_path / "site")
    assert build.returncode != 0
    for path, fix in (
        ("places/north-quay/records/2025-05-01-secret.markdown", "rename it to '2025-05-01-secret.md'"),
        (
            "places/north-quay/records/older/2025-05-02-nested.md",
            "move it into places/north-quay/records/ and name it '2025-05-02-nested.md'",
        ),
        ("toolkit/drafts/idea.md", "move it into toolkit/ and name it 'idea.md'"),
    ):
        nested = "older" in path or "drafts" in path
        folder = path.rsplit("/", 2)[0] if nested else path.rsplit("/", 1)[0]
        said = (
            f"in a folder inside {folder}/, where nothing is read"
            if nested
            else f"in {folder}/ but is not read from there"
        )
        assert f"{path}: this file is {said} — {fix}" in build.output
    assert not (tmp_path / "site").exists()
