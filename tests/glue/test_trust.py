"""A hostile or careless pull request: each way it could publish what the network kept back, run
script, read the build machine's files or take the last good site down — refused with a clear
`path:line` error, or made inert."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import BASE_TREE, MKDOCS_YML, Build, article, build_site, write_tree

HIDDEN_PLACE = {
    "places/brackenbury/place.yml": """
        name: Brackenbury
        visibility: network
        private:
          contact: canary-contact@brackenbury.example
    """,
    "places/brackenbury/records/2025-02-01-secret-garden.md": """
        ---
        title: The secret garden
        date: 2025-02-01
        evidence: [story]
        ---

        CANARY-SECRET-GARDEN-BODY
    """,
}
TREE = {**BASE_TREE, **HIDDEN_PLACE}
ATTR_LIST = """
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - admonition
"""


def failed(build: Build, *snippets: str) -> None:
    """The build stopped, with these in its output and no traceback."""
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    for snippet in snippets:
        assert snippet in build.output, build.output


def build_tree(root: Path, files: dict[str, str], **options: str) -> Build:
    docs = write_tree(root / "content", {**TREE, **files})
    return build_site(docs, root / "site", **options)  # type: ignore[arg-type]


# -- one door ---------------------------------------------------------------------------------


def test_symbolic_links_are_refused_and_never_followed(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", TREE)
    (docs / "mirror").symlink_to(docs / "places" / "brackenbury", target_is_directory=True)
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "env.txt").symlink_to("/proc/self/environ")
    (docs / "places" / "north-quay" / "records" / "2025-05-01-copy.md").symlink_to(
        docs / "places" / "brackenbury" / "records" / "2025-02-01-secret-garden.md"
    )
    build = build_site(docs, tmp_path / "site")
    failed(
        build,
        "mirror: this is a symbolic link",
        "passwd.txt: this is a symbolic link",
        "env.txt: this is a symbolic link",
        "places/north-quay/records/2025-05-01-copy.md: this is a symbolic link",
        "replace the link with the file or folder itself",
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("team.MD", "---\nprivate:\n  notes: x\n---\nHi\n", "rename it to 'team.md'"),
        ("notes/Guide.Markdown", "Hi\n", "rename it to 'Guide.markdown'"),
        ("widget.HTML", "<script>alert(1)</script>", "a .HTML file cannot be published"),
        ("feed.xml", "<feed/>", "a .xml file cannot be published"),
        ("map.xsl", "<xsl:stylesheet/>", "a .xsl file cannot be published"),
        ("page.xhtml", "<html/>", "a .xhtml file cannot be published"),
        ("style.CSS", "body{}", "a .CSS file cannot be published"),
        ("data.json", "{}", "a .json file cannot be published"),
        ("LICENSE", "MIT", "a file without an ending cannot be published"),
        ("assets/learnaloud/learnaloud.css", "body{}", "a .css file cannot be published"),
    ],
)
def test_only_allowed_kinds_are_published(tmp_path: Path, path: str, text: str, expected: str) -> None:
    failed(build_tree(tmp_path, {path: text}), f"{path}: ", expected)


def test_a_kind_allowed_by_path_is_published(tmp_path: Path) -> None:
    build = build_tree(
        tmp_path, {"embeds/map.html": "<p>map</p>"}, options="      allow_files: [embeds/*.html]"
    )
    assert build.returncode == 0, build.output
    assert (build.site / "embeds" / "map.html").read_text() == "<p>map</p>"


def test_an_svg_that_links_a_style_sheet_is_refused(tmp_path: Path) -> None:
    svg = '<?xml-stylesheet type="text/xsl" href="map.xsl"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    failed(build_tree(tmp_path, {"map.svg": svg}), "map.svg: this SVG contains a processing instruction")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"toolkit/index.md": "---\ntitle: x\n---\n"}, "toolkit/index.md: 'index' cannot be the id"),
        (
            {"places/north-quay/records/index.md": "---\ntitle: x\n---\n"},
            "places/north-quay/records/index.md: 'index' cannot be the id",
        ),
        ({"tables/index.yml": "title: x\n"}, "tables/index.yml: 'index' cannot be the id"),
        ({"places/readme/place.yml": "name: x\n"}, "places/readme: 'readme' cannot be the id"),
        (
            {"themes.yml": "- id: index\n  title: Index\n"},
            "themes.yml:1: 'index' cannot be the id of a theme",
        ),
        ({"explore.md": "# Mine\n"}, "explore.md: this would take the place of the site's own pages"),
        ({"assets/learnaloud/logo.png": "png"}, "assets/learnaloud/logo.png: this would take the place"),
        ({"assets/learnaloud/learnaloud.css.md": "x"}, "learnaloud.css.md: this would take the place"),
        ({"explore/records.json.md": "x"}, "explore/records.json.md: this would take the place"),
        ({"404.html.md": "x"}, "404.html.md: this would take the place"),
        ({"sitemap.xml.md": "x"}, "sitemap.xml.md: this would take the place"),
        ({"search/search_index.json.md": "x"}, "search_index.json.md: this would take the place"),
        ({"pagefind/logo.png": "png"}, "pagefind/logo.png: this would take the place"),
        ({"pagefind/index.md": "# Mine\n"}, "pagefind/index.md: this would take the place"),
        ({"explore/page/40.md": "# Mine\n"}, "explore/page/40.md: this would take the place"),
        ({"blog/page/40.md": "# Mine\n"}, "blog/page/40.md: this would take the place"),
        ({"blog/2025/page/40.md": "# Mine\n"}, "blog/2025/page/40.md: this would take the place"),
        ({"evidence/story/page/2/index.md": "# Mine\n"}, "e.g. to 'evidence/story/our-page/2/index.md'"),
        ({"assets/images/favicon.png": "png"}, "favicon.png: this would take the place"),
        ({"robots.txt": "Disallow: /"}, "robots.txt: this would take the place"),
        ({"themes/relational-approaches/index.md": "# Mine\n"}, "would take the place"),
        (
            {"patterns.md": "# Mine\n"},
            "site's own pages or files at patterns/ — rename it, e.g. to 'our-patterns.md'",
        ),
        ({"explore/index.md": "# Mine\n"}, "explore/index.md: this would take the place"),
        (
            {"themes/relational-approaches.md": "# Mine\n"},
            "own pages or files at themes/relational-approaches/",
        ),
    ],
)
def test_nothing_takes_the_address_of_a_generated_page(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    failed(build_tree(tmp_path, files), expected)


def test_files_named_as_a_withheld_item_are_withheld_with_it(tmp_path: Path) -> None:
    hidden_record = "places/north-quay/records/2025-05-01-hidden.md"
    files = {
        hidden_record: "---\ntitle: x\ndate: 2025-05-01\nevidence: [story]\nvisibility: network\n---\n",
        "places/north-quay/records/2025-05-01-hidden.txt": "CANARY-BESIDE-A-HIDDEN-RECORD",
        "tables/2025-06-hidden.yml": "title: x\ndate: 2025-06-01\nscope: national\nvisibility: network\n",
        "tables/2025-06-hidden.md": "CANARY-INTRO-OF-A-HIDDEN-TABLE",
    }
    build = build_tree(tmp_path, files)
    assert build.returncode == 0, build.output
    for path, data in build.files().items():
        assert b"CANARY" not in data, path


# -- contributor markup stays content -----------------------------------------------------------


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("markup")
    record = """
        ---
        title: Ids that try to escape
        date: 2025-05-01
        evidence: [story]
        ---

        Update: the group met again.

        ## A note { id='n" autofocus onfocus="document.documentElement.dataset.pwned=1' }

        A paragraph that claims Material's config.
        {: #__config .md-typeset .bad"class }

        <div id="__search" class="ok __x">raw</div>

        ## Heading with a label { data-toc-label='<img src=x onerror=alert(1)>' }

        [the secret garden](../../brackenbury/records/2025-02-01-secret-garden.md)
        and [by reference][garden], <a href="/places/brackenbury/">the place</a>,
        ![a photo](../../brackenbury/photo.png), and [a public one](2025-03-12-market-stall.md).
        <a href="..\\..\\brackenbury\\">back</a>, [no host](https:/places/brackenbury/),
        [upper](../../brackenbury/records/2025-02-01-secret-garden.MD), [shouted](../../BRACKENBURY/).

        <div class="la-explorer md-header md-button ok">overlay</div>

        [garden]: ../../brackenbury/records/2025-02-01-secret-garden/
    """
    files = {
        "places/north-quay/records/2025-05-01-ids.md": record,
        "places/brackenbury/photo.png": "png",
        "notes.md": "Update: a page whose first line looks like a key\n\nMore.\n",
    }
    docs = write_tree(root / "content", {**TREE, **files})
    return build_site(docs, root / "site", extra=ATTR_LIST)


RECORD = "places/north-quay/records/2025-05-01-ids"


def test_heading_ids_cannot_leave_their_attribute(markup: Build) -> None:
    assert markup.returncode == 0, markup.output
    page = BeautifulSoup(markup.page(RECORD), "html.parser")
    for element in page.select("[onfocus], [autofocus]"):
        raise AssertionError(f"an event handler reached the page: {element}")
    ids = [a["href"] for a in page.select("nav.md-nav--secondary a")]
    assert "#a-note" in ids and all('"' not in i for i in ids)
    assert page.select_one("h2#a-note") is not None


def test_materials_own_ids_stay_materials(markup: Build) -> None:
    page = BeautifulSoup(markup.page(RECORD), "html.parser")
    config = page.select("#__config")
    assert len(config) == 1 and config[0].name == "script"
    assert len(page.select("#__search")) == 1 and page.select_one("#__search").name == "input"  # type: ignore[union-attr]
    body = article(markup, RECORD)
    claimed = next(p for p in body.find_all("p") if "claims Material" in p.get_text())
    assert claimed.get("id") is None and claimed.get("class") is None  # md-typeset is Material's
    raw = next(d for d in body.find_all("div") if d.get_text() == "raw")
    assert raw.get("id") is None and raw.get("class") == ["ok"]


def test_the_sites_own_classes_stay_its_own(markup: Build) -> None:
    overlay = next(d for d in article(markup, RECORD).find_all("div") if d.get_text() == "overlay")
    assert overlay.get("class") == ["md-button", "ok"]


def test_a_toc_label_cannot_carry_markup(markup: Build) -> None:
    page = BeautifulSoup(markup.page(RECORD), "html.parser")
    assert page.select("nav.md-nav--secondary img") == []


def test_a_body_line_that_looks_like_a_key_stays_text(markup: Build) -> None:
    assert "Update: the group met again." in article(markup, RECORD).get_text()
    assert "Update: a page whose first line looks like a key" in article(markup, "notes").get_text()


def test_hand_written_links_to_withheld_pages_lose_their_address(markup: Build) -> None:
    body = article(markup, RECORD)
    for text in ("the secret garden", "by reference", "the place", "back", "no host", "upper", "shouted"):
        anchor = body.find("a", string=text)
        assert anchor is not None and anchor.get("href") is None, anchor
    assert body.select_one("img").get("src") is None  # type: ignore[union-attr]
    kept = body.find("a", string="a public one")
    assert kept is not None and kept["href"] == "../2025-03-12-market-stall/"
    for path, data in markup.files().items():
        assert b"brackenbury" not in data and b"secret-garden" not in data, path
    warned = (
        f"{RECORD}.md:18: links to ../../brackenbury/records/2025-02-01-secret-garden.md, which this build"
    )
    assert warned in markup.output  # as the contributor wrote it
    assert f"{RECORD}.md:19: links to /places/brackenbury/, which" in markup.output
    assert "not found among documentation files" not in markup.output  # said once, by Learn Aloud


def test_hand_written_links_stay_in_a_network_build(tmp_path: Path) -> None:
    record = """
        ---
        title: A link
        date: 2025-05-01
        evidence: [story]
        ---

        [the secret garden](../../brackenbury/records/2025-02-01-secret-garden.md)
    """
    docs = write_tree(tmp_path / "content", {**TREE, "places/north-quay/records/2025-05-01-a.md": record})
    build = build_site(docs, tmp_path / "site", visibility="network")
    assert build.returncode == 0, build.output
    link = article(build, "places/north-quay/records/2025-05-01-a").find("a", string="the secret garden")
    assert link is not None and link["href"] == "../../../brackenbury/records/2025-02-01-secret-garden/"


# -- front matter and YAML ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("description: {'\"><script>alert(1)</script>': x}", "about.md:2: 'description' should be text"),
        ("template: nosuch.html", "about.md:2: 'template' is not a field of a page's front matter"),
        ("icon: nosuchicon", "about.md:2: 'icon' is not a field"),
        ("titel: About", "did you mean 'title'?"),
        ("hide: [navigaton]", "about.md:2: 'navigaton' is not a valid hide"),
        ("summary: *n", "about.md:2: YAML anchors and aliases"),
    ],
)
def test_ordinary_pages_front_matter_is_checked(tmp_path: Path, front: str, expected: str) -> None:
    failed(build_tree(tmp_path, {"about.md": f"---\n{front}\n---\n\nHi\n"}), expected)


def test_front_matter_mkdocs_cannot_read_never_becomes_body_text(tmp_path: Path) -> None:
    # MkDocs' own YAML reading fails on an impossible date and keeps the whole front matter as text.
    page = "---\ntitle: About\nprivate:\n  contact: CANARY-PRIVATE-CONTACT\n  review_by: 2025-02-29\n---\nAbout us.\n"
    build = build_tree(tmp_path, {"about.md": page})
    assert build.returncode == 0, build.output
    assert article(build, "about").get_text().strip().endswith("About us.")
    for path, data in build.files().items():
        assert b"CANARY" not in data, path


def test_a_scalar_alias_cannot_copy_a_private_value(tmp_path: Path) -> None:
    record = (
        "---\ntitle: x\ndate: 2025-05-01\nevidence: [story]\nprivate:\n  notes: &n CANARY\nsummary: *n\n---\n"
    )
    failed(
        build_tree(tmp_path, {"places/north-quay/records/2025-05-01-a.md": record}),
        "places/north-quay/records/2025-05-01-a.md:6: YAML anchors and aliases",
    )


def test_an_alias_bomb_in_a_page_is_refused_at_once(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
        for p, c in zip("abcdefghij", "bcdefghijk", strict=True)
    ]
    started = time.monotonic()
    build = build_tree(tmp_path, {"bomb.md": "---\n" + "\n".join(lines) + "\n---\n"})
    failed(build, "bomb.md:2: YAML anchors and aliases")
    assert time.monotonic() - started < 60  # ten levels: 10^11 leaves if anything expanded it


def test_deep_nesting_in_front_matter_is_a_message_not_a_crash(tmp_path: Path) -> None:
    failed(
        build_tree(tmp_path, {"deep.md": "---\na: " + "[" * 40_000 + "\n---\n"}),
        "deep.md:2: the values are nested too deeply",
    )


def test_a_code_fence_in_front_matter_does_not_hide_a_live_block(tmp_path: Path) -> None:
    page = "---\ndescription: |\n  ```\n---\n\n```learning-records\nplace: nowhere\n```\n"
    failed(build_tree(tmp_path, {"page.md": page}), "page.md:7: ")


# -- bounded work ----------------------------------------------------------------------------

ADVERSARIAL = {
    "brackets": "[" * 20_000,  # took 53 s: Python-Markdown's link patterns are quadratic on it
    "emphasis": "*" * 2000 + "a" + "*" * 2000,  # RecursionError in the toc extension
    "nested html": "<div>" * 40_000 + "</div>" * 40_000,  # minutes in Material's search parser
}


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_a_body_that_would_take_minutes_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    record = "---\ntitle: x\ndate: 2025-05-01\nevidence: [story]\n---\n\nFine words.\n\n" + ADVERSARIAL[kind]
    started = time.monotonic()
    build = build_tree(tmp_path, {"places/north-quay/records/2025-05-01-slow.md": record})
    failed(build, "places/north-quay/records/2025-05-01-slow.md:9: ")
    assert time.monotonic() - started < 60, "refused, but only after rendering"


# -- the build is atomic ----------------------------------------------------------------------

RAISING_HOOK = """
import xml.etree.ElementTree as etree

import markdown

class Boom(markdown.treeprocessors.Treeprocessor):
    def run(self, root):
        if "BOOM-MARKDOWN" in etree.tostring(root, encoding="unicode"):
            raise ValueError("an extension failed")

class BoomExtension(markdown.extensions.Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Boom(md), "boom", 1)

def on_config(config):
    config.markdown_extensions.append(BoomExtension())
    return config

def on_post_build(config):
    if os.environ.get("BOOM_POST_BUILD"):
        raise RuntimeError("another plugin failed")
"""

FAILURES = {
    "content": ({"places/north-quay/records/2025-05-01-bad.md": "---\ntitle: x\n---\n"}, "", {}),
    "markdown extension": (
        {
            "places/north-quay/records/2025-05-01-boom.md": "---\ntitle: x\ndate: 2025-05-01\nevidence: [story]\n---\n\nBOOM-MARKDOWN\n"
        },
        "",
        {},
    ),
    "template": ({}, "record", {}),
    "another plugin": ({}, "", {"BOOM_POST_BUILD": "1"}),
    "strict warnings": (
        {
            "places/north-quay/records/2025-05-01-warn.md": "---\ntitle: x\ndate: 2025-05-01\nevidence: [story]\n---\n\n[gone](nowhere.md)\n"
        },
        "",
        {"STRICT": "1"},
    ),
}


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_a_failed_build_leaves_the_last_site_byte_identical(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = write_tree(tmp_path / "hooks", {"boom.py": "import os\n" + RAISING_HOOK})
    overrides = write_tree(tmp_path / "overrides", {"learnaloud/ok.html": ""})
    extra = f"hooks:\n  - {hooks / 'boom.py'}\n"
    docs = write_tree(tmp_path / "content", TREE)
    site = tmp_path / "site"
    good = build_site(docs, site, extra=extra, custom_dir=overrides)
    assert good.returncode == 0, good.output
    before = good.bytes_on_disk()

    files, template, env = FAILURES[kind]
    write_tree(docs, files)
    if template:
        write_tree(overrides, {"learnaloud/record.html": '{% include "learnaloud/nosuch.html" %}'})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    bad = build_site(docs, site, extra=extra, custom_dir=overrides, strict="STRICT" in env)
    assert bad.returncode != 0, bad.output
    assert "Traceback" not in bad.output, bad.output
    assert good.bytes_on_disk() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["content", "hooks", "overrides", "site", "mkdocs-site.yml"]
    ), "a staging folder was left behind"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "markdown extension",
            "places/north-quay/records/2025-05-01-boom.md: the build failed (ValueError: an extension failed)",
        ),
        ("template", "the theme has no template 'learnaloud/nosuch.html'"),
        ("another plugin", "the build: the build failed (RuntimeError: another plugin failed)"),
    ],
)
def test_a_failure_after_validation_is_one_line_naming_the_page(
    tmp_path: Path, kind: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = write_tree(tmp_path / "hooks", {"boom.py": "import os\n" + RAISING_HOOK})
    overrides = write_tree(tmp_path / "overrides", {"learnaloud/ok.html": ""})
    files, template, env = FAILURES[kind]
    if template:
        write_tree(overrides, {"learnaloud/record.html": '{% include "learnaloud/nosuch.html" %}'})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    build = build_site(
        write_tree(tmp_path / "content", {**TREE, **files}),
        tmp_path / "site",
        extra=f"hooks:\n  - {hooks / 'boom.py'}\n",
        custom_dir=overrides,
    )
    failed(build, expected, "the last site is unchanged")
    assert not (tmp_path / "site").exists()


def test_a_successful_build_replaces_the_site_whole(tmp_path: Path) -> None:
    docs = write_tree(tmp_path / "content", TREE)
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    build = build_site(docs, site)
    assert build.returncode == 0, build.output
    assert not (site / "stale.html").exists() and (site / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "mkdocs-site.yml", "site"]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_build_stopped_leaves_no_folder_and_the_last_site(tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl-C, or SIGTERM (a CI job cancelled), stops a build without MkDocs' error event: the
    staging folder and the pages handed to Pagefind (a network build's are the network's text) go
    as the process exits."""
    docs = write_tree(tmp_path / "content", BASE_TREE)
    good = build_site(docs, tmp_path / "site")
    assert good.returncode == 0, good.output
    before = good.bytes_on_disk()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # A hook that waits at the first page, so the build is stopped with both folders there.
    hook = tmp_path / "wait.py"
    hook.write_text("import time\n\ndef on_post_page(output, page, config):\n    time.sleep(60)\n")
    config = tmp_path / "mkdocs-stopped.yml"
    config.write_text(MKDOCS_YML.format(docs=docs, options="", custom_dir="") + f"hooks:\n  - {hook}\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging = tmp_path / "site.learnaloud-staging"
    deadline = time.monotonic() + 60
    while not (staging.is_dir() and list(temporary.glob("learnaloud-search-*"))):
        assert time.monotonic() < deadline and build.poll() is None, "the build never reached its pages"
        time.sleep(0.1)
    build.send_signal(stop)
    status = build.wait(timeout=60)
    assert status != 0 and (stop == signal.SIGINT or status == 128 + stop)  # as a shell reports it
    assert not staging.exists()
    assert list(temporary.glob("learnaloud-search-*")) == []
    assert good.bytes_on_disk() == before


def test_the_site_folder_keeps_who_may_read_it(tmp_path: Path) -> None:
    """`mkdocs serve` serves from a folder only its user may read: the site that replaces it is too."""
    docs = write_tree(tmp_path / "content", BASE_TREE)
    site = tmp_path / "site"
    site.mkdir(mode=0o700)
    site.chmod(0o700)
    built = build_site(docs, site)
    assert built.returncode == 0, built.output
    assert stat.S_IMODE(site.stat().st_mode) == 0o700
