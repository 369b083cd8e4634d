"""The Learn Aloud MkDocs plugin: each event a few lines that call the core."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import gc
import hashlib
import html
import json
import logging
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast
from urllib.parse import urlsplit

from jinja2 import ChainableUndefined, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..core.analysis.questions import Answer, answer_markdown, cut_answers
from ..core.blocks import expand_blocks, select_records
from ..core.cache import (
    ContentDigests,
    Outputs,
    OutputsOfCopy,
    Shelf,
    code_key,
    default_folder,
    file_digests,
    fingerprint,
    outside_project,
    text_digest,
    unsafe_cache_message,
)
from ..core.charts import Charts
from ..core.check import check_site
from ..core.credit import css_string, footer_links, page_share, signposts, site_credit
from ..core.errors import Diagnostic, Report, Severity, format_report
from ..core.links import normal, unsaid_withheld_links
from ..core.load import ParseCache
from ..core.model import LiveBlock
from ..core.publish import StagedSite, exit_when_terminated
from ..core.sanitize import Withheld, markdown_html, sanitize_html
from ..core.search import FOLDER as SEARCH_FOLDER
from ..core.search import SearchError, SearchIndex, search_document
from ..core.select import BuildVisibility, Published, within
from ..core.sharing import description
from ..core.site import PlannedPage, SitePlan
from ..core.source import SourceProblem, decode_text, page_body, page_source, read_text, split_front_matter
from ..core.urls import move_html
from ..core.views import RecordsBlockView, long_date, plain_title, record_url
from .failures import explain_failure
from .forked import ForkedPages, can_fork
from .markup import SafeNamesExtension
from .navigation import SharedNavigation, with_material
from .preview import FirstShown, LastBuild

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.learnaloud")
THEME_DIR = str(Path(__file__).resolve().parent.parent / "theme")
STYLESHEET = "assets/learnaloud/learnaloud.css"
SCRIPT = "assets/learnaloud/learnaloud.js"
SEARCH_SCRIPT = "assets/learnaloud/search.js"
PRINT_STYLESHEET = "assets/learnaloud/print.css"  # every page on paper; after the screen styles
VISIBILITY_VARIABLE = "LEARNALOUD_VISIBILITY"
PROBLEMS_STATUS = "learnaloud-problems.txt"  # a preview of content with problems: which ones
SITE_URL_MISSING = (
    "mkdocs.yml: site_url is not set — feeds need absolute links; set site_url: "
    "https://your-network.example.org/ (nothing was built and the last site is unchanged)"
)


class LearnAloudConfig(Config):
    visibility = c.Choice(("public", "network"), default="public")
    allow_files = c.ListOfItems(c.Type(str), default=[])
    # What the next build can reuse (core/cache.py); by default the user's cache folder. Safe to delete.
    cache_dir = c.Optional(c.Type(str))


def content_epoch(published: Published) -> int:
    """The latest content date as a timestamp: the only date a build may stamp on its output."""
    dates = [r.date for r in published.records.values()] or [dt.date(2000, 1, 1)]
    # MkDocs writes it into sitemap.xml.gz's gzip header, an unsigned 32-bit number of seconds.
    return min(max(calendar.timegm(max(dates).timetuple()), 0), 2**32 - 1)


# What MkDocs renders for a page made already (by the forked copy): nothing, quickly.
STUB_TEMPLATE = "learnaloud/unchanged.html"
# Plugins whose part in a page the page cache knows: with any other, every page is rendered.
KNOWN_PLUGINS = frozenset({"learnaloud", "material/search", "search"})
# The libraries a page's HTML depends on, beyond those its content is read with (core/cache.py):
# a new version of any is a new key for every page (contributor HTML is cleaned by nh3).
RENDERERS = ("mkdocs", "mkdocs-material", "Jinja2", "Markdown", "pymdown-extensions", "nh3")
# Markdown extensions whose output is a function of a page's text and their settings alone: with
# any other (pymdownx.snippets and b64 read files, a site's own extension runs code no key sees),
# every page's Markdown is converted afresh. Functions in their settings must come from these.
PURE_MARKDOWN = frozenset(
    {
        *("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code"),
        *("footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists"),
        *("smarty", "tables", "toc", "wikilinks"),
        *(
            f"pymdownx.{name}"
            for name in (
                *("arithmatex", "betterem", "caret", "critic", "details", "emoji", "escapeall"),
                *("fancylists", "highlight", "inlinehilite", "keys", "magiclink", "mark"),
                *("progressbar", "saneheaders", "smartsymbols", "superfences", "tabbed"),
                *("tasklist", "tilde", "blocks.admonition", "blocks.definition", "blocks.details"),
                *("blocks.html", "blocks.tab"),
            )
        ),
    }
)
PURE_MODULES = ("markdown.", "pymdownx.", "material.", "pygments.")


def described(value: Any) -> Any:
    """A setting as plain data: keys as text, functions and classes by name (not by address)."""
    if isinstance(value, dict):
        return {str(key): described(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [described(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if callable(value):
        return (
            f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
        )
    return repr(value)


def config_summary(config: MkDocsConfig) -> str:
    """mkdocs.yml's settings as text, for the page cache: a change to any changes every page's key."""
    plain: dict[str, Any] = {}
    for key, value in config.items():
        # Where it is built from and to, and whether a warning fails it: not in a page.
        if key in ("site_dir", "config_file_path", "strict"):
            continue
        if key == "plugins":
            value = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
        elif key == "theme":
            dirs = [str(Path(folder).resolve()) for folder in value.dirs]
            value = {"name": value.name, "dirs": dirs, **dict(value.items())}
        elif key == "markdown_extensions":
            value = [item if isinstance(item, str) else type(item).__qualname__ for item in value]
        plain[key] = value
    return json.dumps(described(plain), sort_keys=True)


def folder_digest(folders: list[str]) -> tuple[str, bool]:
    """The files of the site's own template folders (custom_dir, Learn Aloud's), by content, links
    followed; and whether a template there shows the build's date."""
    digest = hashlib.sha256()
    dated = False
    for number, folder in enumerate(folders):
        for parent, dirs, names in os.walk(folder, followlinks=True):
            dirs.sort()
            for name in sorted(names):
                data = Path(parent, name).read_bytes()
                dated = dated or b"build_date_utc" in data
                # Named within its folder: the folder itself may be written relative or not.
                where = f"{number}/{Path(parent, name).relative_to(folder).as_posix()}"
                digest.update(where.encode() + b"\0" + data + b"\0")
    return digest.hexdigest(), dated


def built_pages(files: Files) -> Sequence[File]:
    """The pages a build makes (not those `exclude_docs` or a draft leaves out)."""
    return files.documentation_pages(inclusion=InclusionLevel.is_included)


def nav_outline(items: list[Any]) -> list[Any]:
    """The navigation as titles and addresses: every page renders it."""
    return [
        (str(item.title), getattr(item, "url", None), nav_outline(getattr(item, "children", None) or []))
        for item in items
    ]


def toc_outline(items: list[Any]) -> list[Any]:
    """A page's table of contents as Material renders it (made before the page is sanitised)."""
    return [(item.title, item.id, item.level, toc_outline(item.children)) for item in items]


def pure_markdown(config: MkDocsConfig) -> bool:
    """Whether every Markdown extension configured is one of PURE_MARKDOWN (Learn Aloud's own too),
    and every function in their settings comes from PURE_MODULES."""
    for extension in config.markdown_extensions:
        if isinstance(extension, SafeNamesExtension):
            continue
        if (
            not isinstance(extension, str)
            or extension.removeprefix("markdown.extensions.") not in PURE_MARKDOWN
        ):
            return False

    def functions(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [name for item in value.values() for name in functions(item)]
        if isinstance(value, list | tuple):
            return [name for item in value for name in functions(item)]
        return [str(described(value))] if callable(value) else []

    return all(name.startswith(PURE_MODULES) for name in functions(dict(config.mdx_configs or {})))


def search_failed(error: SearchError) -> PluginError:
    return PluginError(f"{error} (nothing was published; the last site is unchanged)")


def search_language(language: object) -> str:
    """Material's language setting (`en`, `pt-BR`) as the two letters Pagefind stems words by."""
    code = str(language or "en").split("-")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"


def clean_meta(value: Any) -> Any:
    """Front-matter values as escaped plain text, however a theme places them."""
    if isinstance(value, str):
        return html.escape(plain_title(value))
    if isinstance(value, list):
        return [clean_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_meta(item) for key, item in value.items()}
    return value


class WithheldLinkFilter(logging.Filter):
    """Drops MkDocs' 'target not found' warning for links into what this build withholds (the
    render log still hears it: such a page is rendered again by every build)."""

    NOT_FOUND = re.compile(r"contains a link '[^']*', but the target '([^']*)' is not found")

    def __init__(self, withheld: frozenset[str], render_log: RenderLog) -> None:
        super().__init__()
        self.withheld = withheld
        self.render_log = render_log

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.NOT_FOUND.search(record.getMessage())
        if found is None or not within(normal(found[1]), self.withheld):
            return True
        self.render_log.said = True
        return False


# A held block's placeholder, as Python-Markdown wraps it in a paragraph.
BLOCK_TOKEN = re.compile(r"<p>(LEARNALOUD[0-9a-f]{16}-\d+)</p>")


def content_error(
    report: Report, outcome: str = "nothing was built and the last site is unchanged"
) -> PluginError:
    errors = report.errors
    return PluginError(
        f"Learn Aloud found {len(errors)} problem{'s' * (len(errors) != 1)} in the content; "
        f"{outcome}:\n{format_report(errors)}"
    )


def build_visibility(configured: str | None, chosen: str | None = None) -> BuildVisibility:
    """The visibility `chosen` (on a command line), else LEARNALOUD_VISIBILITY's, else the one
    mkdocs.yml configures, else public."""
    value = chosen or os.environ.get(VISIBILITY_VARIABLE, "").strip() or configured or "public"
    if value not in ("public", "network"):
        raise PluginError(
            f"{VISIBILITY_VARIABLE}={value!r} is not a visibility — set it to public or network"
        )
    return cast(BuildVisibility, value)


def cache_folder(site: Path, docs: Path, configured: str | None) -> Path | None:
    """The cache folder (`cache_dir`, relative to the site's folder, else the user's), unless it
    is where a pull request could put files: then none, and a warning."""
    folder = default_folder() if configured is None else site / configured
    if outside_project(folder, site, docs):
        return folder
    log.warning(unsafe_cache_message(folder))
    return None


@dataclass(frozen=True)
class Rendered:
    """What MkDocs made of a page's Markdown (before Learn Aloud sanitises it): a build whose page
    has the same Markdown, address, front matter and site takes it instead of converting again."""

    content: str
    toc: Any
    title: str
    anchors: set[str] | None
    anchor_links: dict[str, dict[str, str]] | None  # by the linked page's src_uri

    @classmethod
    def of(cls, page: Page, content: str) -> Rendered:
        links = page.links_to_anchors
        return cls(
            content,
            page.toc,
            str(page.title),
            page.present_anchor_ids,
            None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
        )

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Puts the rendered page back as MkDocs' `Page.render` would have left it."""
        page.content = self.content
        page.toc = self.toc
        page.title = self.title  # MkDocs computes it until it is set
        page.present_anchor_ids = self.anchors
        if self.anchor_links is not None:
            page.links_to_anchors = {
                file: found
                for uri, found in self.anchor_links.items()
                if (file := files.get_file_from_path(uri)) is not None
            }
        vars(page).pop("render", None)  # MkDocs' own again, and this render let go


@dataclass(frozen=True)
class PageMade:
    """A page made by the build's forked copy (glue/forked.py), and what it leaves the build to do."""

    output: str
    key: str | None  # the page cache's key of the output
    kept: list[tuple[str, Any]]  # what the page cache is to keep
    charts: list[tuple[str, str, bool]]  # the charts it shows: key, SVG, whether drawn


@dataclass(frozen=True)
class RenderedInCopy:
    """A page's Markdown converted by the build's forked copy (glue/forked.py)."""

    rendered: Rendered
    said: bool  # whether MkDocs said anything while it converted it (see RenderLog)


@dataclass(frozen=True)
class Alias:
    """In the page cache, under a page's key by the content files it is made from (`reuse_as_before`):
    the key of its output (which fingerprints its view), so a rebuild finds every page whose files
    are unchanged without making its view."""

    key: str


class RenderLog(logging.Handler):
    """Whether MkDocs said anything while it rendered a page (a link it cannot resolve): such a page
    is rendered by every build, so that every build says it (and a strict build fails). A build
    that would not hear it (`mkdocs build -q`) stores no render."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said = False

    @staticmethod
    def hears() -> bool:
        return logging.getLogger("mkdocs.structure.pages").isEnabledFor(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


class BuildCollector:
    """Python's garbage collector during a build. What the build keeps to its end (the content,
    the plan) is frozen out of its collections, and young objects are collected less often (a
    build makes millions that live for one page); as they were when the build ends."""

    YOUNG_THRESHOLD = 5000  # allocations between collections of young objects (Python's: 700)
    builds: ClassVar[int] = 0  # in this process: `mkdocs serve` rebuilds with a new plugin each time

    def __init__(self) -> None:
        self.threshold: tuple[int, int, int] | None = None

    def start(self) -> None:
        if BuildCollector.builds:  # the last build's garbage, or it would be frozen with the rest
            gc.collect()
        BuildCollector.builds += 1
        gc.freeze()
        self.threshold = gc.get_threshold()
        young, *older = self.threshold
        gc.set_threshold(max(young, self.YOUNG_THRESHOLD), *older)

    def end(self) -> None:
        gc.unfreeze()
        if self.threshold is not None:
            gc.set_threshold(*self.threshold)
            self.threshold = None


class TemplatesRead(FileSystemBytecodeCache):
    """The compiled templates' cache as the forked copy uses it: read, never written (the build
    writes the same; a copy stopped half-way would leave a file half-written)."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        pass


def made_elsewhere(context: TemplateContext) -> None:
    """A page whose HTML is made already (the cache's, the forked copy's): main.html renders
    nothing for it (`la_unchanged`), and what a site's template reads outside its blocks (Jinja
    runs a `{% set %}` there) of the view it is not given is harmlessly undefined."""
    context["la_unchanged"] = True  # type: ignore[typeddict-unknown-key]
    for name in ("la", "la_share", "la_feeds"):
        context.setdefault(name, ChainableUndefined(name=name))  # type: ignore[misc]


class LearnAloudPlugin(BasePlugin[LearnAloudConfig]):
    def __init__(self) -> None:
        super().__init__()
        # Kept across `mkdocs serve` rebuilds: files are re-read only when they change.
        self.cache = ParseCache()
        self.charts = Charts(None)
        self.own_epoch = False
        self.serving = False
        self.dirty = False
        self.collector = BuildCollector()
        self.search = SearchIndex()
        self.outputs: Outputs | None = None
        self.first_shown = FirstShown(self)  # `mkdocs serve`: a record's page before the whole site
        self.navigation = SharedNavigation(Navigation([], []))  # each build's, from on_nav
        self.material_templates: str | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty  # MkDocs makes only the pages whose files changed: no copy to help
        exit_when_terminated()

    @event_priority(100)  # first, so every plugin writes into the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The plugin object survives `mkdocs serve` rebuilds: all per-build state starts here.
        self.current_page: str | None = None
        self.first_shown.remember(None)  # until this build has published its site
        self.held: frozenset[str] | None = None  # the page cache's keys, when pages are made by two processes
        self.forked_renders: ForkedPages[RenderedInCopy] | None = None  # Markdown converted by a copy
        self.forked: ForkedPages[PageMade] | None = None  # pages made from templates by a copy
        self.env: Environment | None = None
        self.files: Files | None = None
        self.staged = StagedSite(Path(config.site_dir))
        config.site_dir = str(self.staged.start())
        self.warnings = CountHandler()
        if config.strict:  # MkDocs fails a strict build with warnings only after post_build
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        self.render_log = RenderLog()
        logging.getLogger("mkdocs").addHandler(self.render_log)
        if not config.site_url:  # like a content error: before anything is written
            raise PluginError(SITE_URL_MISSING)
        visibility = self.build_visibility()
        self.quiet_material_search(config)
        self.cache_folder = self.cache_dir(config)
        kept = self.site_cache(config, visibility, "search")
        self.search = SearchIndex(search_language(config.theme.get("language")), kept)
        charts = self.cache_folder / "charts" if self.cache_folder else None
        if self.charts.folder != charts:
            self.charts = Charts(charts)
        self.charts.reset_counts()
        self.cache.shelf = Shelf(self.cache_folder / "parsed") if self.cache_folder else None
        self.outputs = self.page_outputs(config, visibility)
        self.settings_key: str | None = None
        self.site_key: str | None = None
        self.content: ContentDigests | None = None
        self.before: dict[str, str] = {}  # src_uri → its key by the content (Alias of its page)
        self.render_key: str | None = None
        self.rendering: dict[str, str] = {}  # src_uri → the key of Markdown rendered afresh
        self.reused = {"pages": 0, "unmade views": 0, "renders": 0}
        self.unchanged: dict[str, str] = {}  # src_uri → the page as the last build wrote it
        self.made: dict[str, str] = {}  # src_uri → the key of a page rendered afresh
        self.ready: dict[str, str] = {}  # src_uri → the page as the forked copy made it
        self.stubbed: dict[str, str | None] = {}  # src_uri → its own template, where the stub is set
        self.answers: dict[tuple[str, str], list[str]] = {}  # (record, question) → sanitised HTML
        self.fronts: dict[str, str | None] = {}
        self.digests = self.snapshot(config)
        checked = check_site(
            Path(config.docs_dir),
            visibility,
            allow_files=tuple(self.config.allow_files),
            site_url=config.site_url,
            cache=self.cache,
            answer_html=self.answer_html,
            charts=self.charts,
        )
        for warning in checked.report.warnings:
            log.warning(warning.format())
        self.problems: Report | None = None
        if checked.published is None or checked.links is None or checked.plan is None:
            if not self.serving:
                raise content_error(checked.report)
            # A preview shows the problems at every address (on_files, on_post_build) instead of
            # hanging on a failed build: a contributor sees them where they look, in the browser.
            log.error(str(content_error(checked.report, "the preview shows them until they are fixed")))
            self.problems = checked.report
            config.theme.static_templates.discard("404.html")  # ours is written instead
            self.use_theme(config)
            return config
        content, published = checked.content, checked.published
        self.published = published
        self.links = checked.links
        # MkDocs warns that a withheld page is "not found"; Learn Aloud says why, once.
        pages_log = logging.getLogger("mkdocs.structure.pages")
        for old in [f for f in pages_log.filters if isinstance(f, WithheldLinkFilter)]:
            pages_log.removeFilter(old)
        pages_log.addFilter(WithheldLinkFilter(published.withheld, self.render_log))
        self.blocks = content.blocks
        self.page_meta = content.page_meta
        self.block_env: Environment | None = None
        self.block_token = f"LEARNALOUD{secrets.token_hex(8)}"  # never in any output
        self.held_blocks: dict[str, str] = {}
        self.plan: SitePlan = checked.plan
        self.pages: dict[str, PlannedPage] = {page.src_uri: page for page in self.plan.pages}
        # The network's name and licence in every footer and on every printed page; the 404's links.
        network = published.network
        self.credit = site_credit(
            network.name, network.license, visibility, config.site_url or "", footer_links(set(self.pages))
        )
        self.signposts = signposts(set(self.pages))
        if not config.site_description and network.description:  # Material places it unescaped
            config.site_description = html.escape(description(network.description))
        self.own_nav = config.nav is None
        if self.own_nav:
            # Records stay out of the nav on purpose (its size is quadratic); no need to list them.
            config.validation.nav.omitted_files = logging.DEBUG
        # Deterministic output: MkDocs dates the sitemap and its gzip header by this, else by "now".
        # Set by us once, it follows the content on every `mkdocs serve` rebuild.
        if "SOURCE_DATE_EPOCH" not in os.environ or self.own_epoch:
            os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(published))
            self.own_epoch = True
        left_out = len(content.records) - len(published.records)
        log.info(
            f"Learn Aloud: {visibility} build of {published.network.name}: {len(published.places)} places, "
            f"{len(published.records)} records, {len(published.themes)} themes"
            + (f" ({left_out} network-only records left out)" if left_out else "")
        )
        self.use_theme(config)
        config.markdown_extensions.append(SafeNamesExtension())  # type: ignore[arg-type]
        self.collector.start()
        return config

    def use_theme(self, config: MkDocsConfig) -> None:
        """Learn Aloud's templates before Material's, and its stylesheets and script."""
        if THEME_DIR not in config.theme.dirs:
            material = next((i for i, d in enumerate(config.theme.dirs) if Path(d).name == "templates"), 0)
            config.theme.dirs.insert(material, THEME_DIR)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if PRINT_STYLESHEET not in config.extra_css:
            config.extra_css.append(PRINT_STYLESHEET)
        scripts = [str(script) for script in config.extra_javascript]
        for script in (SCRIPT, SEARCH_SCRIPT):
            if script not in scripts:
                config.extra_javascript.append(script)

    @staticmethod
    def quiet_material_search(config: MkDocsConfig) -> None:
        """Learn Aloud's search replaces Material's, whose index a reader would download whole: a
        mkdocs.yml that still lists `search` builds as before, without that index."""
        material_search = config.plugins.get("material/search")
        if material_search is not None and material_search.config.enabled:
            material_search.config.enabled = False
            log.info("Learn Aloud: the site's search is Learn Aloud's; `- search` in mkdocs.yml can go")

    def build_visibility(self) -> BuildVisibility:
        return build_visibility(self.config.visibility)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.problems is not None:  # a preview of content with problems: nothing of it
            return Files([file for file in files if file.src_dir != config.docs_dir])
        # One door: of the content tree, only what the loader checked and the build publishes.
        door = set(self.published.files)
        for file in list(files):
            if file.src_dir == config.docs_dir and file.src_uri not in door:
                files.remove(file)
        hand_written = [f.src_uri for f in files.documentation_pages()]
        for page in self.plan.pages:
            if page.src_uri not in door:  # else the hand-written page is its introduction
                files.append(File.generated(config, page.src_uri, content=page_body(page.markdown)))
        for path, text in self.plan.files.items():
            files.append(File.generated(config, path, content=text()))
        if self.own_nav:
            config.nav = [*self.plan.nav(), *sorted(p for p in hand_written if p != "index.md")]
        return files

    def site_cache(self, config: MkDocsConfig, visibility: str, kind: str) -> Path | None:
        """This site's own folder of the cache for what its last build made (its pages, its search
        index): this mkdocs.yml, this visibility; a preview (`mkdocs serve`, its own site_url) apart."""
        if self.cache_folder is None:
            return None
        site = hashlib.sha256(
            f"{Path(config.config_file_path or '.').resolve()}\0{visibility}\0{self.serving}".encode()
        )
        return self.cache_folder / kind / site.hexdigest()[:16]

    def page_outputs(self, config: MkDocsConfig, visibility: str) -> Outputs | None:
        """The last build's pages of this site, unless a plugin whose part in a page Learn Aloud
        cannot see is configured."""
        folder = self.site_cache(config, visibility, "pages")
        return Outputs(folder) if folder is not None and not set(config.plugins) - KNOWN_PLUGINS else None

    def cache_dir(self, config: MkDocsConfig) -> Path | None:
        return cache_folder(
            Path(config.config_file_path or ".").parent, Path(config.docs_dir), self.config.cache_dir
        )

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # What the shared parts link besides the nav: the logo, a home page, other languages, search,
        # Material's script.
        alternate = [alt.get("link") for alt in config.extra.get("alternate") or [] if isinstance(alt, dict)]
        linked = (
            config.extra.get("homepage"),
            config.theme.get("logo"),
            *alternate,
            f"{SEARCH_FOLDER}/",
            "assets/",
        )
        self.navigation = SharedNavigation(nav, linked)
        self.material_templates = next(
            (d for d in config.theme.dirs if Path(d).parts[-2:] == ("material", "templates")), None
        )
        self.nav = nav  # its pages' titles are known only once they are read (on_env)
        if self.outputs is not None and self.problems is None:
            self.settings_key = self.settings_fingerprint(config)
            self.render_key = self.render_fingerprint(config, files)
        if self.problems is None:
            self.held = self.forking(config, files)
            self.forked_renders = self.fork_renders(config, files)  # MkDocs reads the pages next
        return nav

    def forking(self, config: MkDocsConfig, files: Files) -> frozenset[str] | None:
        """What the page cache holds (its keys), when most pages are to be made afresh, which a
        forked copy of the build then helps with (glue/forked.py): when the cache holds fewer
        entries than the site has pages (a first build; each page leaves three). None, one process:
        a rebuild that reuses most pages is quicker alone (a copy would only find them, and the
        build take each from the cache after it); so is a build with a plugin whose part in a page
        Learn Aloud cannot see, a preview, and `mkdocs build --dirty`."""
        pages = built_pages(files)
        if self.serving or self.dirty or set(config.plugins) - KNOWN_PLUGINS or not can_fork(len(pages)):
            return None
        held = self.outputs.keys() if self.outputs is not None else frozenset()
        return held if len(held) < len(pages) else None

    def fork_renders(self, config: MkDocsConfig, files: Files) -> ForkedPages[RenderedInCopy] | None:
        """Most pages' Markdown converted by a forked copy, when the Markdown extensions are known
        to read nothing but the page (`render_key`), and the page holds no live block (whose HTML
        the build keeps aside while the page is converted)."""
        if self.held is None or self.render_key is None:
            return None
        held = self.held
        pages = built_pages(files)
        by_uri = {file.src_uri: file for file in pages if file.src_uri not in self.blocks}

        def begin() -> None:
            self.become_copy(held)

        def make(src_uri: str) -> RenderedInCopy | None:
            return self.render_in_copy(by_uri[src_uri], config, files)

        return ForkedPages.start(by_uri, begin, make)

    def become_copy(self, held: frozenset[str]) -> None:
        """In a forked copy: the page cache's keys, not the cache. The build's SQLite connections
        stay referenced, never closed here (SQLite's connections do not cross a fork: closing one
        may wait for a lock the build's writing thread held as the copy was made)."""
        self.inherited = (self.outputs, self.cache.shelf)
        self.outputs = OutputsOfCopy(held)

    def render_in_copy(self, file: File, config: MkDocsConfig, files: Files) -> RenderedInCopy | None:
        """In the forked copy: a page's Markdown as MkDocs' `_populate_page` converts it (None: the
        cache holds it, for the build to take)."""
        page = file.page if file.page is not None else Page(None, file, config)  # as MkDocs makes it
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(
                page.markdown or "", page=page, config=config, files=files
            )
            outputs = cast(OutputsOfCopy, self.outputs)
            if outputs.found:
                outputs.take()
                return None
            page.render(config, files)
        finally:
            config._current_page = None
        return RenderedInCopy(Rendered.of(page, page.content or ""), self.render_log.said)

    def take_render(self, page: Page) -> None:
        """A page of the forked copy's share: its Markdown as the copy converted it, put back as
        MkDocs' `Page.render` would leave it (said now: a strict build counts what it said)."""
        if self.forked_renders is None or page.file.src_uri not in self.forked_renders.share:
            return
        made, said = self.forked_renders.take(page.file.src_uri)
        if made is not None:  # else the build converts it, and says what there is to say
            self.say(said)
            page.render = partial(made.rendered.render, page)  # type: ignore[method-assign]
            self.render_log.said = self.render_log.said or made.said

    @staticmethod
    def say(records: list[logging.LogRecord]) -> None:
        """What a forked copy said about a page, said by the build where one process says it."""
        for record in records:
            logging.getLogger(record.name).handle(record)

    def settings_fingerprint(self, config: MkDocsConfig) -> str | None:
        """What every page is made with: Learn Aloud's code, the renderers' versions, mkdocs.yml.
        None (nothing reused) when a setting cannot be read as plain data."""
        try:
            settings = config_summary(config)
        except (TypeError, ValueError):
            return None
        return fingerprint(code_key(), [version(name) for name in RENDERERS], settings)

    def render_fingerprint(self, config: MkDocsConfig, files: Files) -> str | None:
        """What any page's Markdown is rendered with besides its own: the settings, and every
        file's address (links are resolved against them). None (every page converted) when an
        extension may read more than the page."""
        if self.settings_key is None or not pure_markdown(config):
            return None
        addresses = sorted(
            (f.src_uri, f.dest_uri, f.url, str(f.inclusion), f.is_documentation_page()) for f in files
        )
        return fingerprint(self.settings_key, addresses)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page's content is known now (MkDocs renders all Markdown before any template).
        self.current_page = None
        self.files = files
        if self.forked_renders is not None:
            self.forked_renders.stop()
        self.env = self.setup_env(env)
        if self.problems is None:
            if self.outputs is not None:
                self.site_key = self.site_fingerprint(config)
                named = (record.source.path for record in self.published.records.values())
                self.content = ContentDigests(self.digests, named) if self.digests is not None else None
            self.forked = self.fork_pages(config, files)  # before the search hand-over thread starts
            self.index_pages(config, files)
        return self.env

    def fork_pages(self, config: MkDocsConfig, files: Files) -> ForkedPages[PageMade] | None:
        """Most pages made from their templates by a forked copy of the build (see `forking`)."""
        if self.held is None:
            return None
        held = self.held
        pages = built_pages(files)
        by_uri = {file.src_uri: file for file in pages}

        def begin() -> None:
            self.become_copy(held)
            self.charts.requested = []
            env = cast(Environment, self.env)
            if isinstance(env.bytecode_cache, FileSystemBytecodeCache):  # read, not written
                env.bytecode_cache = TemplatesRead(env.bytecode_cache.directory)

        def make(src_uri: str) -> PageMade | None:
            page = by_uri[src_uri].page
            return None if page is None else self.make_page(page, config, pages)

        forked = ForkedPages.start(by_uri, begin, make)
        # MkDocs fetches a page's template before on_page_context: for a page the copy makes, the
        # stub (rendering the page's own for nothing cost a millisecond a page), put back there.
        for src_uri in forked.share:
            if (page := by_uri[src_uri].page) is not None:
                self.stubbed[src_uri] = page.meta.get("template")
                page.meta["template"] = STUB_TEMPLATE
        return forked

    def own_template(self, page: Page) -> str | None:
        """The template of a page fork_pages gave the stub, put back (None: it has its own)."""
        if page.file.src_uri not in self.stubbed:
            return None
        template = self.stubbed.pop(page.file.src_uri)
        if template is None:
            del page.meta["template"]
        else:
            page.meta["template"] = template
        return template or "main.html"

    def make_page(self, page: Page, config: MkDocsConfig, pages: Sequence[File]) -> PageMade | None:
        """In the forked copy: a page as MkDocs' `_build_page` makes it, up to its output (None:
        the cache holds it, for the build to take)."""
        config._current_page = page
        page.active = True  # the navigation shows the page being made
        try:
            context = get_context(self.nav, pages, config, page)
            template = cast(Environment, self.env).get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            outputs = cast(OutputsOfCopy, self.outputs)
            if outputs.found:
                outputs.take()
                self.made.pop(page.file.src_uri, None)
                self.before.pop(page.file.src_uri, None)
                return None
            output = template.render(context)
        finally:
            page.active = False
            config._current_page = None
        return PageMade(
            output, self.made.pop(page.file.src_uri, None), outputs.take(), self.charts.take_requested()
        )

    def take_made(self, page: Page, context: TemplateContext) -> bool:
        """A page of the forked copy's share, as it made it (False: for this build to make)."""
        if self.forked is None or page.file.src_uri not in self.forked.share:
            return False
        made, said = self.forked.take(page.file.src_uri)
        if made is None:  # the build makes it, and says what there is to say
            return False
        self.say(said)
        for key, value in made.kept:
            cast(Outputs, self.outputs).put(key, value)
        for key, svg, drawn in made.charts:
            self.charts.shown(key, svg, drawn=drawn)
        if made.key is not None:
            self.made[page.file.src_uri] = made.key
        self.ready[page.file.src_uri] = made.output
        made_elsewhere(context)
        return True

    def snapshot(self, config: MkDocsConfig) -> dict[str, str] | None:
        """The content files as this build is about to read them, for the keys of its pages (taken
        before the files are read: one saved while the build runs is made again by the next) and,
        under `mkdocs serve`, each Markdown file's front matter, for what may be shown first."""
        if self.outputs is None and not self.serving:
            return None
        try:
            return file_digests(Path(config.docs_dir), self.keep_front if self.serving else None)
        except OSError:
            return None

    def keep_front(self, path: str, data: bytes) -> None:
        if path.endswith(".md"):
            try:
                self.fronts[path] = split_front_matter(decode_text(data))[0]
            except SourceProblem:  # not text, or a front matter never closed: never shown first
                self.fronts.pop(path, None)

    def site_fingerprint(self, config: MkDocsConfig) -> str | None:
        """What every page of the site is made from, beyond its own content and view. None (no page
        reused) when a setting or a template cannot be read as plain data."""
        if self.settings_key is None:
            return None
        own = [d for d in config.theme.dirs if d in (THEME_DIR, config.theme.custom_dir)]
        try:
            templates, dated = folder_digest(own)
        except OSError:
            return None
        # The build's date is in a page only if a theme shows it (Material's pages do not).
        dated = dated or config.theme.name != "material"
        return fingerprint(
            self.settings_key,
            templates,
            nav_outline(self.nav.items),
            self.credit,
            self.signposts,
            os.environ.get("SOURCE_DATE_EPOCH") if dated else None,
        )

    def setup_env(self, env: Environment) -> Environment:
        # Templates compiled once, for every later build; Jinja checks each against its source.
        templates = self.cache_folder / "templates" if self.cache_folder else None
        with contextlib.suppress(OSError):  # no folder, no cache: the build only takes longer
            if templates is not None:
                templates.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        if self.material_templates is not None:
            env.loader = with_material(env.loader, self.material_templates)
        env.globals["la_shared"] = self.navigation.shared
        env.filters["la_date"] = long_date
        env.filters["la_css_string"] = lambda text: Markup(css_string(str(text)))
        env.globals["la_search"] = self.problems is None  # a preview with problems has no index
        # The 404 of a public preview says why a record just begun (network-only) is not there.
        env.globals["la_public_preview"] = self.serving and self.build_visibility() == "public"
        if self.problems is None:
            env.globals["la_credit"] = self.credit  # the footer, the printed page, the 404
            env.globals["la_signposts"] = self.signposts
        return env

    @event_priority(100)
    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        self.current_page = page.file.src_uri  # named if the page fails to render
        return page

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.generated_by is not None or page.file.abs_src_path is None:
            return None
        return page_source(read_text(Path(page.file.abs_src_path)))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if page.file.generated_by is not None and planned is not None:
            page.meta = {"title": planned.title}
        else:
            # A hand-written page's front matter, as the loader checked it (private notes already
            # gone), is contributor text: Material places some values unescaped. The title is
            # escaped once, in on_page_content.
            checked = self.page_meta.get(page.file.src_uri)
            meta = checked.model_dump(exclude_defaults=True) if checked is not None else {}
            page.meta = {k: plain_title(v) if k == "title" else clean_meta(v) for k, v in meta.items()}
        if planned is not None:
            page.meta["template"] = planned.template
            if planned.hide:
                page.meta["hide"] = list(planned.hide)
            page.meta.setdefault("title", planned.title)
            if planned.description:  # Material writes it into <meta name="description"> as it is
                page.meta.setdefault("description", html.escape(plain_title(planned.description)))
        if page.file.src_uri in self.blocks:  # held blocks' placeholders differ every build
            return expand_blocks(markdown, partial(self.hold_block, page, config))
        markdown = self.reuse_render(page, markdown)
        self.take_render(page)
        return markdown

    def reuse_render(self, page: Page, markdown: str) -> str:
        """The page's Markdown. When the last build rendered exactly this for this page, the page
        renders by putting that back: MkDocs' `Page.render` would make a Markdown converter (its
        extensions looked up anew, half of a page's cost in an unchanged rebuild) to convert it."""
        if self.outputs is None or self.render_key is None:
            return markdown
        key = fingerprint(self.render_key, page.file.src_uri, page.file.url, page.meta, markdown)
        if key is None:
            return markdown
        stored = self.outputs.get(key)
        if isinstance(stored, Rendered):
            page.render = partial(stored.render, page)  # type: ignore[method-assign]
            self.reused["renders"] += 1
            return markdown
        self.rendering[page.file.src_uri] = key
        self.render_log.said = False
        return markdown

    def hold_block(self, page: Page, config: MkDocsConfig, block: LiveBlock) -> str | None:
        """A placeholder for a live block's HTML: the block is the site's own markup, put in after
        the page's contributor HTML is sanitised (which keeps the site's own classes out of it)."""
        rendered = self.render_block(page, config, block)
        if not rendered:
            return rendered
        token = f"{self.block_token}-{len(self.held_blocks)}"
        self.held_blocks[token] = rendered
        return token

    def render_block(self, page: Page, config: MkDocsConfig, block: LiveBlock) -> str | None:
        """A live block's HTML, from its overridable template."""
        view: Any
        if block.kind == "learning-records":
            records = select_records(block.options, self.plan.records)
            view = RecordsBlockView([self.plan.card(r) for r in records])
        elif block.kind == "learning-chart":
            view = self.plan.measures.block_figure(block.options)
            if view is None:  # no published figure in its places and periods: it says so
                log.warning(
                    f"{page.file.src_uri}:{block.line}: a learning-chart block has no figures this build "
                    "publishes, in the places and periods it names — the page says 'no published figures'"
                )
        elif block.kind == "learning-table":
            table = self.published.tables.get(block.options["table"])
            if table is None:  # not published in this build: the block is left out, its id unsaid
                log.warning(
                    f"{page.file.src_uri}: a learning-table block names a table this build does not "
                    "publish — the block is left out"
                )
                return ""
            view = self.plan.tables.table_view(table, page.url)
        else:
            return None
        if self.block_env is None:  # MkDocs hands plugins its environment only after pages are read
            self.block_env = self.setup_env(config.theme.get_env())
        template = self.block_env.get_template(
            f"learnaloud/blocks/{block.kind.removeprefix('learning-')}.html"
        )
        base_url = get_relative_url(".", page.url)
        return template.render(page=page, config=config, base_url=base_url, la=view)

    def answer_html(self, answer: Answer, page_url: str) -> str:
        """A record's answer as rendered on its own page, made to work on `page_url`."""
        rendered = self.answers.get((answer.record.ref, answer.question.id), [])
        return "\n".join(move_html(part, record_url(answer.record), page_url) for part in rendered)

    def on_page_content(self, html_: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if (
            (key := self.rendering.pop(page.file.src_uri, None))
            and not self.render_log.said
            and self.render_log.hears()
        ):
            cast(Outputs, self.outputs).put(key, Rendered.of(page, html_))
        # Material places titles un-escaped (and un-escapes them in <title>): give it clean text.
        title = html.escape(plain_title(str(page.title or "")), quote=False)
        page.title = title  # the nav, search and footer links use this
        if page.is_homepage:
            page.meta.pop("title", None)  # Material then titles the home page with the site name
        else:
            page.meta["title"] = title
        planned = self.pages.get(page.file.src_uri)
        withheld = self.links.for_page(page.file.src_uri, page.url)
        clean = BLOCK_TOKEN.sub(self.put_block, sanitize_html(html_, withheld))
        if planned is not None and planned.record is not None:
            self.keep_answers(planned.record, clean, withheld)
        return clean

    def put_block(self, match: re.Match[str]) -> str:
        return self.held_blocks.pop(match[1], match[0])

    def keep_answers(self, ref: str, html_: str, withheld: Withheld) -> None:
        """A record's answers, cut from its page for the questions' pages: rendered only once."""
        answers = self.plan.answers_of(ref)
        parts = cut_answers(html_, answers)
        if parts is None:  # the page's headings and markdown-it's disagree: render each answer alone
            parts = {}
            for answer in answers:
                # Live blocks need their page: left out of an answer rendered on its own.
                alone = expand_blocks(answer_markdown(answer), lambda block: "")
                parts.setdefault(answer.question.id, []).append(markdown_html(alone, withheld))
        for question, pieces in parts.items():
            self.answers[(ref, question)] = pieces

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.current_page = page.file.src_uri
        own = self.own_template(page)
        if self.take_made(page, context):
            return context
        self.make_view(page, context, config)
        if own is not None and page.file.src_uri not in self.unchanged:  # the copy could not make it
            self.ready[page.file.src_uri] = cast(Environment, self.env).get_template(own).render(context)
        return context

    def make_view(self, page: Page, context: TemplateContext, config: MkDocsConfig) -> None:
        """What a page's template is given: the page's view, its link preview and feeds (or, for a
        page the cache holds, the stored page)."""
        planned = self.pages.get(page.file.src_uri)
        context["la_share"] = page_share(  # type: ignore[typeddict-unknown-key]
            self.credit,
            config.site_name,
            html.unescape(str(page.title or "")) if not page.is_homepage else config.site_name,
            html.unescape(str(page.meta.get("description") or config.site_description or "")),
            page.url,
            page.is_homepage or (planned is not None and planned.in_nav),
        )
        context["la_feeds"] = self.plan.feed_links(page.file.src_uri)  # type: ignore[typeddict-unknown-key]
        if self.reuse_as_before(page, context, planned) or self.left_to_build():
            return
        if planned is not None:
            context["la"] = planned.view()  # type: ignore[typeddict-unknown-key]
        self.reuse(page, context)

    def left_to_build(self) -> bool:
        """In the forked copy: whether the cache holds the page (the build takes it from there)."""
        return isinstance(self.outputs, OutputsOfCopy) and self.outputs.found

    @staticmethod
    def page_key(page: Page, *made_from: object) -> str | None:
        """A page's fingerprint: what it is made from (the site's, its view's) and its own parts."""
        neighbours = [(p.url, str(p.title)) for p in (page.previous_page, page.next_page) if p is not None]
        return fingerprint(
            *made_from,
            page.file.src_uri,
            page.url,
            str(page.title),
            page.meta,
            page.content,
            toc_outline(list(page.toc)),
            page.edit_url,
            neighbours,
        )

    def reuse_as_before(self, page: Page, context: TemplateContext, planned: PlannedPage | None) -> bool:
        """A page whose content files (those it names, and those any page may show) are as the
        last build found them is that build's page, found without making its view."""
        if self.outputs is None or self.site_key is None or self.content is None:
            return False
        key = self.page_key(
            page,
            self.site_key,
            self.content.of(planned.inputs if planned is not None else None),
            context.get("la_share"),
            context.get("la_feeds"),
        )
        if key is None:
            return False
        alias = self.outputs.get(key)
        if isinstance(alias, Alias) and self.use(page, context, alias.key):
            self.reused["unmade views"] += 1
            return True
        self.before[page.file.src_uri] = key
        return False

    def use(self, page: Page, context: TemplateContext, key: str) -> bool:
        """The stored page under `key`, if there is one, in this page's place: main.html then
        renders almost nothing (`la_unchanged`) and on_post_page puts the stored page back."""
        stored = cast(Outputs, self.outputs).get(key)
        if not isinstance(stored, str):
            return False
        self.reused["pages"] += 1
        self.unchanged[page.file.src_uri] = stored
        made_elsewhere(context)
        return True

    def reuse(self, page: Page, context: TemplateContext) -> None:
        """A page made from exactly what the last build made it from (its view included) is that
        build's page."""
        if self.outputs is None or self.site_key is None:
            return
        key = self.page_key(
            page, self.site_key, context.get("la"), context.get("la_share"), context.get("la_feeds")
        )
        if key is None:
            return
        if (before := self.before.pop(page.file.src_uri, None)) is not None:
            self.outputs.put(before, Alias(key))  # the next build finds it by the content as it is now
        if not self.use(page, context, key):
            self.made[page.file.src_uri] = key

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.current_page = None
        if (stored := self.unchanged.pop(page.file.src_uri, None)) is not None:
            return stored
        output = self.ready.pop(page.file.src_uri, output)
        key = self.made.pop(page.file.src_uri, None)
        if self.outputs is not None and key is not None:
            self.outputs.put(key, output)
        return output

    def index_pages(self, config: MkDocsConfig, files: Files) -> None:
        """Every searched page to Pagefind, which indexes them while the pages are written."""
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            options = page.meta.get("search") or {}
            planned = self.pages.get(file.src_uri)
            if (planned is not None and not planned.searched) or options.get("exclude"):
                continue
            own = f"<p>{html.escape(planned.search_text)}</p>" if planned and planned.search_text else ""
            document = search_document(
                html.unescape(str(page.title or config.site_name)),
                own + (page.content or ""),
                language=self.search.language,
                description=html.unescape(str(page.meta.get("description") or "")),
                label=planned.search_label if planned else "",
                terms=planned.search_terms if planned else (),
                boost=float(options.get("boost") or (planned.search_weight if planned else 0)),
            )
            self.search.add(page.url, document)
        try:
            self.search.start(Path(config.site_dir))
        except SearchError as error:
            raise search_failed(error) from None

    @event_priority(-100)  # last: after search and every other plugin have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.problems is not None:
            self.show_problems(config, self.problems)
            return
        if self.forked is not None:
            self.forked.stop()
            log.info(
                f"Learn Aloud: {self.forked.taken} of the {self.forked.pages} pages "
                "made by a second process, beside the build"
            )
        for page, line, what, fix in unsaid_withheld_links(self.links, Path(config.docs_dir)):
            log.warning(Diagnostic(page, line, what, fix, Severity.WARNING).format())  # the check's said
        if self.outputs is not None:
            self.outputs.save()
        if self.reused["pages"] or self.reused["renders"]:
            log.info(
                f"Learn Aloud: {self.reused['pages']} pages unchanged since the last build, taken from "
                f"the cache ({self.reused['unmade views']} found by the content alone; the Markdown of "
                f"{self.reused['renders']} pages as the last build rendered it)"
            )
        if self.search.reused:
            log.info("Learn Aloud: the search index is the last build's: no searched page changed")
        charts = self.charts
        if charts.drawn or charts.cached:
            log.info(
                f"Learn Aloud: {charts.drawn + charts.cached} charts, {charts.drawn} drawn and "
                f"{charts.cached} from the cache"
            )
        try:
            self.search.finish()
        except SearchError as error:
            raise search_failed(error) from None
        self.stop_listening()
        self.collector.end()
        if self.warnings.get_counts():  # a strict build is about to fail: publish nothing
            self.staged.abandon()
        else:
            self.staged.publish()
            self.first_shown.remember(self.last_build(config))
        config.site_dir = str(self.staged.site)

    def last_build(self, config: MkDocsConfig) -> LastBuild | None:
        """What the preview's next change may show first with (`mkdocs serve` only, and only when
        no other plugin has a part in a page)."""
        if (
            not self.serving
            or set(config.plugins) - KNOWN_PLUGINS
            or self.env is None
            or self.files is None
            or self.digests is None
        ):
            return None
        records = {r.source.path: r for r in self.published.records.values()}
        return LastBuild(config, self.files, self.nav, self.env, self.digests, records, dict(self.fronts))

    def stop_listening(self) -> None:
        for handler in (self.warnings, self.render_log):
            logging.getLogger("mkdocs").removeHandler(handler)

    def show_problems(self, config: MkDocsConfig, problems: Report) -> None:
        """The preview of content with problems: one page, at the home address and as the answer to
        every other address (MkDocs' server answers a missing page with 404.html)."""
        # What the page asks for each second, to reload when it changes: a file, so that asking
        # fills no terminal with "404" lines (every other address of this preview is one).
        status = text_digest((problems.errors, problems.warnings))
        page = (
            config.theme.get_env()
            .get_template("learnaloud/problems.html")
            .render(
                errors=problems.errors,
                warnings=problems.warnings,
                site_name=config.site_name,
                status=status,
                status_url=urlsplit(config.site_url or "/").path.rstrip("/") + "/" + PROBLEMS_STATUS,
            )
        )
        for name in ("index.html", "404.html"):
            Path(config.site_dir, name).write_text(page, encoding="utf-8")
        Path(config.site_dir, PROBLEMS_STATUS).write_text(status, encoding="utf-8")
        self.stop_listening()
        self.staged.publish()
        config.site_dir = str(self.staged.site)

    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        for forked in (self.forked, self.forked_renders):
            if forked is not None:
                forked.stop()
        for shelf in (self.outputs, self.cache.shelf):
            if shelf is not None:
                shelf.abandon()
        self.search.abandon()
        self.collector.end()
        self.staged.abandon()
        self.stop_listening()
        if isinstance(error, BuildError | Abort):
            return  # MkDocs reports these itself, in one line
        what, fix = explain_failure(error)
        log.error(f"{self.current_page or 'the build'}: {what} — {fix}")
        raise Abort("Aborted: nothing was published; the last site is unchanged") from None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(config.docs_dir)
        server.builder = partial(self.first_shown.build, server.builder)
        self.first_shown.server = server
        return server

    def on_shutdown(self) -> None:
        self.first_shown.wait()  # a rebuild behind a record shown first
