"""SVG files are published as they are: any way one could run code or call home is refused."""

from __future__ import annotations

import pytest

from learnaloud.core.svg import svg_problem

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def test_a_plain_drawing_with_local_links_is_fine() -> None:
    assert (
        svg_problem(SVG.format('<a href="#part"><circle r="1"/></a><image href="photo.png"/>').encode())
        is None
    )


@pytest.mark.parametrize(
    ("inside", "problem"),
    [
        ("<script>alert(1)</script>", "contains a script"),
        ('<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>', "contains a script"),
        ('<rect onload="alert(1)"/>', "contains an event handler"),
        ('<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>', "script URL"),
        ('<a href="java&#9;script:alert(1)"><text>x</text></a>', "script URL"),
        ('<image href="https://tracker.example/pixel.png"/>', "external address"),
        ('<a><set attributeName="href" to="javascript:alert(1)"/></a>', "animates a link"),
        ("<style>@import url(https://example.org/x.css);</style>", "loads external styles"),
        ('<rect style="fill: url(https://example.org/x.svg#p)"/>', "loads external styles"),
        ("<foreignObject><div>html</div></foreignObject>", "embedded HTML"),
        # CSS escapes and comments hide an import from a plain search; image-set() fetches too.
        ("<style>@\\69mport 'https://example.org/x.css';</style>", "loads external styles"),
        ("<style>@im/**/port 'https://example.org/x.css';</style>", "loads external styles"),
        ("<style><![CDATA[@import 'x.css';]]></style>", "loads external styles"),
        ("<rect style=\"background: image-set('https://example.org/a.png' 1x)\"/>", "loads external styles"),
        ('<rect style="fill: \\75rl(https://example.org/x.svg#p)"/>', "loads external styles"),
        ('<rect fill="url(https://example.org/x.svg#p)"/>', "loads external styles"),
        ('<rect filter="url(other.svg#blur)"/>', "loads external styles"),
        ('<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>', "animates a link"),
        ('<a><animate attributeName="href" to="javascript:alert(1)"/></a>', "animates a link"),
    ],
)
def test_unsafe_svgs_are_refused(inside: str, problem: str) -> None:
    found = svg_problem(SVG.format(inside).encode())
    assert found is not None and problem in found


def test_local_paint_references_are_fine() -> None:
    inside = '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke: url( #g )"/>'
    assert svg_problem(SVG.format(inside).encode()) is None
    assert svg_problem(b'<?xml version="1.0" encoding="UTF-8"?>' + SVG.format("").encode()) is None


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml-stylesheet type="text/xsl" href="map.xsl"?>' + SVG.format("").encode(),
        b'<?xml version="1.0"?><?xml-stylesheet type="text/css" href="https://example.org/x.css"?>'
        + SVG.format("").encode(),
        SVG.format("<g><?php echo 1; ?></g>").encode(),
    ],
)
def test_processing_instructions_are_refused(data: bytes) -> None:
    found = svg_problem(data)
    assert found is not None and "processing instruction" in found


XSLT = '<?xml version="1.0" encoding="UTF-16"?>\n<?xml-stylesheet type="text/xsl" href="x.svg"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        # In UTF-16 '<?' is '<\0?\0': a search of the bytes would miss the style sheet.
        (b"\xff\xfe" + XSLT.encode("utf-16-le"), "is not saved as UTF-8 text"),
        (XSLT.encode("utf-16"), "is not saved as UTF-8 text"),
        (XSLT.encode("utf-8"), "declares the encoding UTF-16, not UTF-8"),
    ],
)
def test_only_utf_8_svgs_are_read(data: bytes, problem: str) -> None:
    assert svg_problem(data) == problem


@pytest.mark.parametrize(
    "inside",
    [
        '<h:meta xmlns:h="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://evil.example/"/>',
        '<h:img xmlns:h="http://www.w3.org/1999/xhtml" srcset="https://evil.example/a.png 1x"/>',
        '<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:mi>x</m:mi></m:math>',
    ],
)
def test_html_and_mathml_inside_an_svg_are_refused(inside: str) -> None:
    found = svg_problem(SVG.format(inside).encode())
    assert found is not None and "HTML or MathML element" in found


def test_a_backslash_address_is_another_host() -> None:
    found = svg_problem(SVG.format('<image href="\\\\evil.example/track.png"/>').encode())
    assert found is not None and "external address" in found


def test_declarations_and_broken_xml_are_refused() -> None:
    assert svg_problem(b'<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg"/>') == (
        "declares a DOCTYPE or entities"
    )
    assert svg_problem(b"<svg><g></svg>") == "is not well-formed XML"
