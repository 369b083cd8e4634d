"""`learnaloud`, the contributor's command. `learnaloud check` finds every problem a build would
find in a content tree, from the same code (core/check.py), without building the site: in well
under a second, so an editor, a pre-commit hook or a pull request can run it on every change."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import click
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError

from .core import scaffold
from .core.cache import Shelf, write_atomically
from .core.check import check_site
from .core.errors import Diagnostic, Report, Severity
from .core.load import ParseCache, load_content
from .core.model import Content
from .core.scaffold import NewFile, ScaffoldProblem
from .core.schema import reference_markdown, schema_files
from .core.select import BuildVisibility
from .core.views import plural
from .glue.plugin import SITE_URL_MISSING, LearnAloudPlugin, build_visibility, cache_folder

Format = Literal["text", "github", "json"]


@dataclass(frozen=True)
class Settings:
    content: Path
    visibility: BuildVisibility
    allow_files: tuple[str, ...] = ()
    strict: bool = False  # warnings fail the build, as `mkdocs build --strict` or `strict: true`
    cache: Path | None = None  # the build's cache: files read cleanly before are not read again
    site_url: str = ""  # mkdocs.yml's: a link to this site's own address is read as the build reads it


def read_settings(
    config_file: Path | None, content: Path | None, visibility: str | None, *, strict: bool = False
) -> Settings:
    """The content folder and the plugin's options, read by MkDocs itself from mkdocs.yml (with
    `INHERIT:`, `!ENV` and all), as `mkdocs build` takes them; the command line comes first."""
    if config_file is None and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    if config_file is None:
        if content is None:
            raise click.ClickException(
                "there is no mkdocs.yml here — run this where it is, pass -f path/to/mkdocs.yml, "
                "or name the content folder"
            )
        try:
            chosen = build_visibility(None, visibility)
        except PluginError as exc:
            raise click.ClickException(str(exc)) from None
        return Settings(content, chosen, strict=strict, cache=cache_folder(Path(), content, None))
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, OSError) as exc:
        raise click.ClickException(f"{config_file}: {exc}") from None
    plugin = config.plugins.get("learnaloud")
    if not isinstance(plugin, LearnAloudPlugin):
        raise click.ClickException(
            f"{config_file} does not use Learn Aloud — add `- learnaloud` under `plugins:`"
        )
    if not config.site_url:
        raise click.ClickException(SITE_URL_MISSING.replace("mkdocs.yml", str(config_file), 1))
    try:
        chosen = build_visibility(plugin.config.visibility, visibility)
    except PluginError as exc:
        raise click.ClickException(str(exc)) from None
    return Settings(
        content or Path(config.docs_dir),
        chosen,
        tuple(plugin.config.allow_files),
        strict or bool(config.strict),
        plugin.cache_dir(config),
        config.site_url,
    )


def shown(path: Path) -> str:
    """Where a file is from here: what an editor, a terminal or GitHub opens."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def shown_path(settings: Settings, diagnostic: Diagnostic) -> str:
    return shown(settings.content / diagnostic.path)


def github_escape(text: str, *, property_value: bool = False) -> str:
    """GitHub's workflow-command escaping (the `%`, newlines; in a property also `:` and `,`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_line(settings: Settings, diagnostic: Diagnostic) -> str:
    """`::error file=…,line=…,title=…::message`: GitHub shows it on the file's line in a pull request."""
    properties = [f"file={github_escape(shown_path(settings, diagnostic), property_value=True)}"]
    if diagnostic.line:
        properties.append(f"line={diagnostic.line}")
    properties.append("title=Learn Aloud")
    command = "error" if diagnostic.severity is Severity.ERROR else "warning"
    return f"::{command} {','.join(properties)}::{github_escape(f'{diagnostic.message} — {diagnostic.hint}')}"


def text_line(settings: Settings, diagnostic: Diagnostic) -> str:
    where = shown_path(settings, diagnostic) + (f":{diagnostic.line}" if diagnostic.line else "")
    kind = "" if diagnostic.severity is Severity.ERROR else "warning: "
    return f"{where}: {kind}{diagnostic.message} — {diagnostic.hint}"


def json_document(settings: Settings, diagnostics: list[Diagnostic], seconds: float) -> str:
    return json.dumps(
        {
            "content": shown(settings.content),
            "visibility": settings.visibility,
            "errors": sum(d.severity is Severity.ERROR for d in diagnostics),
            "warnings": sum(d.severity is Severity.WARNING for d in diagnostics),
            "seconds": round(seconds, 3),
            "diagnostics": [
                {
                    "severity": str(d.severity),
                    "file": shown_path(settings, d),
                    "path": d.path,  # within the content folder, as the build names it
                    "line": d.line,
                    "message": d.message,
                    "hint": d.hint,
                }
                for d in diagnostics
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="learnaloud", message="%(prog)s %(version)s")
def main() -> None:
    """Learn Aloud: publish what a learning network learns."""


@main.command()
@click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The site's mkdocs.yml (default: mkdocs.yml here, if there is one).",
)
@click.option(
    "--visibility",
    type=click.Choice(["public", "network"]),
    help="Check a public or a network build (default: as the build would: LEARNALOUD_VISIBILITY, "
    "then mkdocs.yml, then public).",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people; github for GitHub Actions annotations; json for tools.",
)
@click.option(
    "--strict", is_flag=True, help="Warnings fail too, as in `mkdocs build --strict` (or `strict: true`)."
)
def check(
    content: Path | None, config_file: Path | None, visibility: str | None, output: Format, strict: bool
) -> None:
    """Find every problem a build of CONTENT (default: mkdocs.yml's docs_dir) would find, without
    building the site. Exit status 0 when it would build (warnings allowed unless strict), 1 when
    it would not."""
    start = time.perf_counter()
    settings = read_settings(config_file, content, visibility, strict=strict)
    if not settings.content.is_dir():
        raise click.ClickException(f"{shown(settings.content)}: no such folder — name the content folder")
    shelf = Shelf(settings.cache / "parsed") if settings.cache else None
    checked = check_site(
        settings.content,
        settings.visibility,
        allow_files=settings.allow_files,
        site_url=settings.site_url,
        cache=ParseCache(shelf=shelf),
    )
    report = checked.report
    if settings.strict:  # a warning stops a strict build: it is an error here too
        report = Report([replace(d, severity=Severity.ERROR) for d in report.diagnostics])
    diagnostics = [*report.errors, *report.warnings]
    seconds = time.perf_counter() - start
    if output == "json":
        click.echo(json_document(settings, diagnostics, seconds))
    else:
        line = github_line if output == "github" else text_line
        for diagnostic in diagnostics:
            click.echo(line(settings, diagnostic))
    errors, warnings = len(report.errors), len(report.warnings)
    folder = shown(settings.content)
    if not errors and checked.published is not None:
        published = checked.published
        summary = (
            f"Learn Aloud: {folder} is ready to build ({settings.visibility}): "
            f"{plural(len(published.places), 'place')}, {plural(len(published.records), 'record')}, "
            f"{plural(len(published.posts), 'post')} published; {plural(warnings, 'warning')} ({seconds:.2f} s)"
        )
    else:
        also = f" and {plural(warnings, 'warning')}" if warnings else ""
        summary = (
            f"Learn Aloud: {folder} would not build{' in strict mode' if settings.strict else ''}: {plural(errors, 'problem')} to fix"
            f"{also} ({seconds:.2f} s)"
        )
    click.echo(summary, err=True)
    raise SystemExit(1 if errors else 0)


@main.command()
@click.argument("folder", default="schema", type=click.Path(file_okay=False, path_type=Path))
def schema(folder: Path) -> None:
    """Write the JSON Schema of every kind of content file, and README.md, the field reference,
    into FOLDER (default: schema): commit them, and editors complete and check what is typed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in {**schema_files(), "README.md": reference_markdown()}.items():
            # A new file each time, put in place: never written through a link a pull request made.
            write_atomically(folder / name, text)
    except OSError as exc:
        raise click.ClickException(f"{shown(folder)}: cannot write there ({exc.strerror})") from None
    click.echo(f"wrote {len(schema_files())} schemas and README.md in {shown(folder)}", err=True)


# -- new files ----------------------------------------------------------------------------------

content_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The site's mkdocs.yml, for the content folder (default: mkdocs.yml here).",
)


def write_new(config_file: Path | None, make: Callable[[Content], NewFile]) -> None:
    """Writes the file `make` plans in the content folder, never over an existing one."""
    settings = read_settings(config_file, None, None)
    if not settings.content.is_dir():
        raise click.ClickException(
            f"{settings.content}: no such folder — run this where mkdocs.yml is, or pass -f"
        )
    content, _ = load_content(settings.content)  # its ids, for the comments; problems are the check's
    try:
        new = make(content)
    except ScaffoldProblem as problem:
        raise click.ClickException(str(problem)) from None
    path = settings.content / new.path
    if path.exists() or path.is_symlink():
        raise click.ClickException(
            f"{os.path.relpath(path)} already exists — give it another title, or edit that file"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never over a file made meanwhile
        out.write(new.text)
    click.echo(f"wrote {os.path.relpath(path)}")
    click.echo(
        "Fill it in, then run `learnaloud check`. It is network-only until you set `visibility: public`: "
        "to see it in the preview, run `LEARNALOUD_VISIBILITY=network mkdocs serve`.",
        err=True,
    )


@main.group()
def new() -> None:
    """Start a new record, post, table, activity or place from a commented template."""


@new.command("record")
@click.option("--place", required=True, help="The place's id: its folder under content/places/.")
@click.option(
    "--date",
    "when",
    callback=lambda context, option, value: iso_date(value),
    help="When it happened, as YYYY-MM-DD (default: today), for a write-up of an earlier meeting.",
)
@click.argument("title")
@content_option
def new_record_command(place: str, when: dt.date | None, title: str, config_file: Path | None) -> None:
    """A learning record of PLACE: content/places/<place>/records/<date>-<title>.md"""
    write_new(
        config_file, lambda content: scaffold.new_record(content, place, title, when or dt.date.today())
    )


def iso_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date — write it as YYYY-MM-DD, e.g. 2025-11-03"
        ) from None


@new.command("post")
@click.option("--place", help="The place's id; without it, a post of the whole network.")
@click.option("--report", is_flag=True, help="A report: a cover, contents and a print layout.")
@click.argument("title")
@content_option
def new_post_command(place: str | None, report: bool, title: str, config_file: Path | None) -> None:
    """A blog post (or a report) dated today, in the place's posts/ or the network's."""
    write_new(
        config_file, lambda content: scaffold.new_post(content, place, title, dt.date.today(), report=report)
    )


@new.command("table")
@click.option(
    "--place", "places", multiple=True, help="A place at the table (repeat for several; none: national)."
)
@click.argument("title")
@content_option
def new_table_command(places: tuple[str, ...], title: str, config_file: Path | None) -> None:
    """An Emergent Learning table dated today: content/tables/<year-month>-<title>.yml"""
    write_new(config_file, lambda content: scaffold.new_table(content, list(places), title, dt.date.today()))


@new.command("activity")
@click.argument("title")
@content_option
def new_activity_command(title: str, config_file: Path | None) -> None:
    """An activity guide for the toolkit: content/toolkit/<title>.md"""
    write_new(config_file, lambda content: scaffold.new_activity(content, title))


@new.command("place")
@click.argument("name")
@content_option
def new_place_command(name: str, config_file: Path | None) -> None:
    """A place: content/places/<name>/place.yml (its records go in records/ beside it)."""
    write_new(config_file, lambda content: scaffold.new_place(content, name, dt.date.today()))


if __name__ == "__main__":
    main()
