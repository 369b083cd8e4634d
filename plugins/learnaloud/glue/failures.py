"""A failure after validation — in a Markdown extension, a template, another plugin — said as
one line a contributor can act on, never a traceback."""

from __future__ import annotations

from jinja2 import TemplateNotFound, TemplateSyntaxError


def explain_failure(error: Exception) -> tuple[str, str]:
    """(what went wrong, how to fix it)."""
    if isinstance(error, RecursionError):
        return (
            "the page's Markdown is nested too deeply to read",
            "simplify its emphasis, lists or quotes",
        )
    if isinstance(error, TemplateNotFound):
        return (
            f"the theme has no template '{error.name}'",
            "check the templates in the site's custom_dir, or report it to the site's maintainers",
        )
    if isinstance(error, TemplateSyntaxError):
        return (
            f"a template has an error on line {error.lineno}: {error.message}",
            "fix that template in the site's custom_dir",
        )
    return (
        f"the build failed ({type(error).__name__}: {error})",
        "check this page's Markdown; if it looks right, report it to the site's maintainers",
    )
