"""A summary's plain text, whether it is read without parsing (prose) or parsed: always the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from learnaloud.core.views import _markdown, plain_html, plain_text

# Prose, and every character that could make a line Markdown.
TEXT = st.text(alphabet="ab 1.)-+=*_#>`[]<>&!~|\\\n\t:é", max_size=40)


@settings(max_examples=3000)
@given(TEXT)
def test_the_prose_shortcut_reads_as_markdown_it_does(text: str) -> None:
    assert plain_text(text) == plain_html(_markdown.render(text), raw="<" in text)


def test_prose_is_itself() -> None:
    assert plain_text("  We set up a stall:  and listened. 100% of it (twice)  ") == (
        "We set up a stall: and listened. 100% of it (twice)"
    )
