"""How much work a Markdown body would make MkDocs do, found before MkDocs renders it.

Python-Markdown, which renders every page MkDocs builds, is not linear in its input. Timed on
bodies from 1 KB to 1 MB (Python-Markdown 3.11 with the extensions `mkdocs.yml` turns on: toc,
tables, fenced_code, attr_list, admonition; CPU seconds on a small shared machine), these made it
super-linear, or made it crash:

* an unclosed '[' makes each link pattern read the rest of its paragraph: 1,000 '[' in a row took
  0.2 s, 8,000 took 13 s; an unclosed '(' after '](' (or a quote in a link), and a run of '`' with
  no run as long after it, do the same;
* each piece of inline markup (a link, '`code`', '*', '&amp;', '<b>', a line break) rebuilds the
  text of its paragraph: one 270 KB paragraph of '<b>x</b> ' took 12.6 s; and every element waits
  in one queue for the whole page, taken from its front: 250,000 of them took 7.5 s;
* every block (a paragraph, a list...) is taken from the front of the list of all of them: 400,000
  one-letter paragraphs took 104 s;
* bold and italic about 1,000 levels deep, or lists about 250 levels deep, overflow Python's stack
  (RecursionError in the toc extension);
* an unclosed HTML start tag ('<a ', '<http://') makes the HTML parser read the rest of the page,
  and an unclosed CDATA section more slowly still: 2,000 '<![CDATA[' in 18 KB took 14 s;
* a code fence ('```', '~~~') that never closes makes fenced_code read the rest of the page: 5,000
  of them in 32 KB took 2.3 s; and each code block rebuilds the page;
* headings, rules and '===', '---' or '!!!' lines cut their paragraph, and after each cut the rest
  is read again: 10,000 rules between lines of text (60 KB) took 20 s;
* in a heading or a table row, a run of spaces, of '\\' or of ' {' is read again from each of its
  positions (attr_list, tables): 64,000 spaces in a heading took 4 s;
* each '[TOC]' holds a copy of the table of contents; indented code blocks one after another are
  joined by copying the code so far, and the lines of a list item one at a time;
* and beyond Python-Markdown, Material's search plugin looks each heading up in the page's table of
  contents from the start: a page of 32,000 headings took 37 s to build.

`body_problems` estimates, in linear time, the seconds each of these would cost, and refuses a body
when one of them exceeds a budget that grows with the body's length, or when nesting comes near
Python's stack. The estimates are upper bounds (each cost was measured on the worst inputs found,
and given a margin), so whatever passes renders in time linear in its length: no body found that
passes takes more than about 2 s per 100 KB. Real records, posts and guides, and 700 README and
documentation files of other projects, use at most half of any budget.

The checks read the body as Python-Markdown does: tabs expanded, whitespace-only lines blank, and
fenced code set aside exactly where fenced_code pairs its fences. Each problem names the line where
the offending text starts. A body of ordinary writing is checked from counts of its markup
characters alone, in about 15 microseconds for 2 KB.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from .source import SourceProblem

# A learning record is a few thousand characters, a long post or guide some tens of thousands. Two
# million characters is a few hundred thousand words: more than anyone writes into one page, and
# about as much as a page can hold before plain prose alone takes seconds to render (a million
# characters of prose take about a second) and the page is too heavy to open on a phone.
MAX_BODY_CHARS = 2_000_000

# The work each mechanism may cost, in seconds of Python-Markdown's time on the machine the costs
# below were measured on: a little for any body, plus an amount for each character, so the limit
# grows with the body and whatever passes renders in linear time. For scale, plain prose renders at
# about 1 microsecond a character and the densest markup at about 12.
BUDGET_SECONDS = 0.02
BUDGET_SECONDS_PER_CHAR = 2e-6

# Lists, quotes and admonitions inside one another: Python-Markdown recurses for each level and its
# stack overflows at about 250 levels of lists; real text uses three or four.
MAX_NESTING = 16
# Bold and italic inside one another: the toc extension recurses for each level (RecursionError at
# about 1,000). What is compared is an upper bound on the nesting (see `emphasis_bound`): real
# paragraphs stay below 20.
MAX_EMPHASIS = 300

# Seconds of Python-Markdown's time per unit of work, measured (with margin) on adversarial bodies.
SECONDS_PER_BRACKET_CHAR = 1e-6  # the link patterns reading on from a '[' or '](': per character
SECONDS_PER_BACKTICK_CHAR = 0.15e-6  # the code pattern looking for its closing '`'s: per character
SECONDS_PER_MARKUP_CHAR = 2e-9  # a piece of inline markup rebuilding its text: per character
SECONDS_PER_TAG_CHAR = 0.2e-6  # the HTML parser reading an unclosed start tag: per character
SECONDS_PER_CDATA_CHAR = 1.5e-6  # ... and an unclosed CDATA section
SECONDS_PER_HTML_COPY = 0.2e-9  # the HTML parser copying the rest of the page at a tag: per character
SECONDS_PER_FENCE_CHAR = 60e-9  # fenced_code reading on from a fence that does not close
SECONDS_PER_FENCE_COPY = 1.5e-9  # fenced_code rebuilding the page for each code block: per character
SECONDS_PER_SPLIT_LINE = 0.6e-6  # a block processor splitting a block: per line left after the split
SECONDS_PER_SPLIT_CHAR = 40e-9  # ... and per character left after it
SECONDS_PER_LINE_STEP = 2.5e-9  # attr_list's and tables' patterns rereading a heading or a table row
SECONDS_PER_BRACE_STEP = 30e-9  # attr_list reading on from ' {' in a heading, looking for its '}'
SECONDS_PER_ATTR_CHAR = 0.05e-9  # attr_list joining one more class: per character of the line
SECONDS_PER_TABLE_STEP = 60e-9  # tables checking a row's '|' against its code spans
SECONDS_PER_TOC_COPY = 10e-6  # one '[TOC]' holding one heading
SECONDS_PER_HEADING_PAIR = 0.2e-6  # Material's search plugin looking a heading up in the page's toc
SECONDS_PER_CODE_COPY = 0.1e-9  # an indented code block appended to the one before it: per character
SECONDS_PER_ITEM_COPY = 0.04e-9  # the lines of a list item joined one at a time: per character
SECONDS_PER_BLOCK_PAIR = 1e-9  # the block parser taking each block from the front of the list of all
SECONDS_PER_ELEMENT_PAIR = 0.2e-9  # the inline processor taking each element from the front of its queue


def body_problems(body: str, first_line: int) -> list[SourceProblem]:
    """Why `body` would make rendering take too long or crash, each reason at the line where the
    offending text starts (`first_line` is the line number, in its file, of the body's first line)."""
    scan = Scan(body)
    problems: list[SourceProblem] = []
    if len(body) > MAX_BODY_CHARS:
        problems.append(
            SourceProblem(
                first_line,
                f"this text is {len(body):,} characters long, more than one page can hold "
                f"({MAX_BODY_CHARS:,} at most)",
                "split it into several pages, or link to the document instead of pasting it in",
            )
        )
    for check in CHECKS:
        finding = check(scan)
        if finding is not None:
            line = first_line + scan.line_index(finding.position)
            problems.append(SourceProblem(line, finding.message, finding.hint))
    return sorted(problems, key=lambda problem: problem.line)


def estimated_seconds(body: str) -> dict[str, float]:
    """Each mechanism's estimate of the seconds Python-Markdown would spend on `body` (on the machine
    the costs were measured on), with no shortcut taken: for benchmarks and calibration."""
    scan = Scan(body, thorough=True)
    for check in CHECKS:
        check(scan)
    return dict(scan.estimates)


@dataclass(frozen=True)
class Finding:
    position: int  # in the scanned text; only its line is reported
    message: str
    hint: str


CODE_HINT = "or put the text in a code block (a line with ``` before it and after it)"


# -- reading the body as Python-Markdown does -------------------------------------------------------

TAB_LENGTH = 4
SPACE_LINE = re.compile(r"(?<=\n) +\n")
BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def normalise(body: str) -> str:
    """The text Python-Markdown's first preprocessor hands on (line numbers unchanged)."""
    text = body
    if "\x02" in text or "\x03" in text:
        text = text.replace("\x02", "").replace("\x03", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text += "\n\n"
    if "\t" in text:
        text = text.expandtabs(TAB_LENGTH)
    if " \n" in text:
        text = SPACE_LINE.sub("\n", text)
    return text


# Every mechanism needs one of these characters: the rough bounds count them in a copy of the body
# that keeps nothing else, which is small and quick to count in. Tabs, carriage returns and the two
# characters Python-Markdown deletes are kept too: they change what the text means.
MARKUP_BYTES = b"`\\[]()<&*_{}|~#!=-\t\r\x02\x03"
NOT_MARKUP = bytes(byte for byte in range(256) if byte not in MARKUP_BYTES)
NOT_REWRITTEN = bytes(byte for byte in range(256) if byte not in b"\t\r\x02\x03")


class Scan:
    """A body read once. The rough bounds use counts of markup characters; the text as Python-
    Markdown reads it, its blocks and segments are computed only when a check needs them."""

    def __init__(self, body: str, *, thorough: bool = False) -> None:
        self.body = body
        self.data = body.encode("utf-8", "surrogatepass")
        self.marks = self.data.translate(None, NOT_MARKUP)
        self.size = len(body) + 2
        self.lines = self.data.count(b"\n") + 1
        self.budget = BUDGET_SECONDS + BUDGET_SECONDS_PER_CHAR * self.size
        # Tabs, '\r' and the deleted characters change the text: then every check reads it whole.
        self.thorough = thorough or bool(self.only(NOT_REWRITTEN))
        self.estimates: dict[str, float] = {}

    def only(self, others: bytes) -> bytes:
        """The markup characters left when `others` are deleted."""
        return self.marks.translate(None, others)

    def count(self, marks: bytes) -> int:
        """How often `marks` (markup characters only) occur, in the body without its other text:
        exact for one character, an upper bound for several."""
        return self.marks.count(marks)

    def cheap(self, seconds: float) -> bool:
        """Whether a rough upper bound is within the budget, so the check can stop there."""
        return not self.thorough and seconds <= self.budget

    def affordable(self, mechanism: str, seconds: float) -> bool:
        """Whether a check's estimate is within the budget; the estimate is kept."""
        self.estimates[mechanism] = seconds
        return seconds <= self.budget

    @cached_property
    def text(self) -> str:
        """The body as Python-Markdown's first preprocessor hands it on."""
        return normalise(self.body)

    @cached_property
    def fences(self) -> Fences:
        if not self.thorough and b"```" not in self.marks and b"~~~" not in self.marks:
            return NO_FENCES
        return find_fences(self.text)

    @cached_property
    def markdown(self) -> str:
        """The text the block parser reads: fenced code set aside."""
        return set_aside(self.text, self.fences.blocks)

    @cached_property
    def blocks(self) -> list[tuple[int, int]]:
        """Start and end of each run of non-blank lines: Python-Markdown's blocks."""
        return [match.span() for match in BLOCK.finditer(self.markdown)]

    @cached_property
    def segments(self) -> list[Segment]:
        """Stretches of text that each hold whole text nodes: no inline pattern reads past the end
        of its segment. A paragraph is one, a list item one, a table row one."""
        found: list[Segment] = []
        for start, end in self.blocks:
            found.extend(block_segments(self.markdown, start, end))
        return found

    def line_index(self, position: int) -> int:
        return self.markdown.count("\n", 0, position)


# -- fenced code ------------------------------------------------------------------------------------

FENCE_START = re.compile(r"^(?:`{3,}|~{3,})", re.MULTILINE)
# fenced_code's FENCED_BLOCK_RE, the opening line only
FENCE_OPENER = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*"
    r"(?:\{(?P<attrs>[^\n]*)\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<quote>[\"'])(?:.*?)(?P=quote)[ ]*)?)"
)
FENCE_CLOSER = re.compile(r"(?P<fence>`{3,}|~{3,})[ ]*")
# attr_list's scanner: a fence whose {attrs} leave a '}' unread is skipped by fenced_code
ATTR_TOKEN = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+| """)


@dataclass(frozen=True)
class Fences:
    blocks: tuple[tuple[int, int], ...]  # start and end of each fenced block, its closing fence included
    read: int  # characters fenced_code reads on from opening fences that lead nowhere
    unclosed: int
    first_unclosed: int


NO_FENCES = Fences((), 0, 0, -1)


def find_fences(text: str) -> Fences:
    """Pair the fences as fenced_code's regular expression does, in linear time: from where the last
    block ended, the first opening fence that has a closing fence after it (the same run of '`' or
    '~', alone on its line) opens the next block and the first such closing fence ends it."""
    starts = [match.start() for match in FENCE_START.finditer(text)]
    lines = [text[start : text.index("\n", start)] for start in starts]
    closers: dict[str, list[int]] = {}
    for start, line in zip(starts, lines, strict=True):
        if (closing := FENCE_CLOSER.fullmatch(line)) is not None:
            closers.setdefault(closing["fence"], []).append(start)
    blocks: list[tuple[int, int]] = []
    read, unclosed, first_unclosed = 0, 0, -1
    cursor = 0
    for start, line in zip(starts, lines, strict=True):
        if start < cursor:
            continue
        opening = FENCE_OPENER.fullmatch(line)
        if opening is None:
            if "hl_lines=" in line:
                # A quoted hl_lines may close on a later line, so where the blocks are is uncertain:
                # set nothing aside, and count every fence as read to the end.
                return Fences((), len(starts) * len(text), len(starts), starts[0])
            continue
        after = closers.get(opening["fence"], [])
        index = bisect_right(after, start)
        if index == len(after):
            read += len(text) - start
            unclosed += 1
            if first_unclosed < 0:
                first_unclosed = start
            continue
        close = after[index]
        if opening["attrs"] and attrs_left_over(opening["attrs"]):
            read += close - start  # read to the closing fence, then skipped
            continue
        cursor = text.index("\n", close)
        blocks.append((start, cursor))
    return Fences(tuple(blocks), read, unclosed, first_unclosed)


def attrs_left_over(attrs: str) -> bool:
    position = 0
    while (token := ATTR_TOKEN.match(attrs, position)) is not None and token.end() > position:
        position = token.end()
    return "}" in attrs[position:]


def set_aside(text: str, blocks: Sequence[tuple[int, int]]) -> str:
    """`text` with each fenced block's lines made empty: Python-Markdown stores the code away and
    leaves a placeholder between blank lines, so no other pattern reads it."""
    if not blocks:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in blocks:
        pieces.append(text[last:start])
        pieces.append("\n" * text.count("\n", start, end))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# -- segments: the most text one text node can hold -------------------------------------------------


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    list_item: bool = False


LIST_START = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")
LIST_ITEM = re.compile(r"^[ ]{0,7}(?:[*+-]|\d+\.)[ ]+", re.MULTILINE)
# Block processors that run before lists and tables and would cut the block elsewhere
HR_LINE = re.compile(
    r"^[ ]{0,3}(?>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})[ ]*$", re.MULTILINE
)
HEADING_OR_NOTE = re.compile(r"^(?:#|!!!)", re.MULTILINE)
SETEXT_SECOND = re.compile(r"[^\n]*\n(?:=+|-+)[ ]*(?:\n|$)")


def block_segments(text: str, start: int, end: int) -> list[Segment]:
    """A block Python-Markdown is sure to read as a list is cut at its items, and one it is sure to
    read as a table at its rows; any other block is one segment."""
    if text.find("\n", start, end) < 0:
        return [Segment(start, end)]  # one line
    block = text[start:end]
    if block.startswith("    ") or block.lstrip(" ").startswith(">"):
        return [Segment(start, end)]  # code, a block inside a list item, a quote: one, to be safe
    if HEADING_OR_NOTE.search(block) or HR_LINE.search(block) or SETEXT_SECOND.match(block):
        return [Segment(start, end)]
    if LIST_START.match(block):
        cuts = [start + match.start() for match in LIST_ITEM.finditer(block)]
        return [
            Segment(cut, after, list_item=True) for cut, after in zip(cuts, [*cuts[1:], end], strict=True)
        ]
    if "|" in block and "\n" in block and is_table(block):
        rows: list[Segment] = []
        position = start
        for line in block.split("\n"):
            rows.append(Segment(position, position + len(line)))
            position += len(line) + 1
        return rows
    return [Segment(start, end)]


MAX_HEADER_TICKS = 1000
RE_CODE_PIPES = re.compile(r"(?:(\\\\)|(\\`+)|(`+)|(\\\|)|(\|))")


def is_table(block: str) -> bool:
    """tables' TableProcessor.test: the first row has cells, the second is a separator row."""
    rows = [row.strip(" ") for row in block.split("\n")]
    header = rows[0]
    if header.count("`") > MAX_HEADER_TICKS:
        return False  # not worth pairing: read the block as one segment
    border = header.startswith("|") or ends_with_border(header)
    width = len(split_row(header, border))
    table = width > 1
    if not table and width == 1 and border:
        for row in rows[1:]:
            table = row.startswith("|") or ends_with_border(row)
            if not table:
                break
    if table:
        if "`" in rows[1] or "\\" in rows[1]:
            return False  # a separator row holds only '|', ':', '-' and spaces
        separator = split_row(rows[1], border)
        table = len(separator) == width and set("".join(separator)) <= set("|:- ")
    return table


def ends_with_border(row: str) -> bool:
    """tables' RE_END_BORDER (a last '|' after an even run of '\\'), without its quadratic search."""
    if not row.endswith("|"):
        return False
    before = row[:-1]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 0


def split_row(row: str, border: bool) -> list[str]:
    """tables' _split_row: the cells of a row; a '|' in a code span or escaped does not count."""
    if border:
        if row.startswith("|"):
            row = row[1:]
        if ends_with_border(row):
            row = row[:-1]
    pipes: list[int] = []
    tics: list[int] = []
    points: list[tuple[int, int, int]] = []
    for match in RE_CODE_PIPES.finditer(row):
        if match.group(2):
            tics.append(len(match.group(2)) - 1)
            points.append((match.start(2), match.end(2) - 1, 1))
        elif match.group(3):
            tics.append(len(match.group(3)))
            points.append((match.start(3), match.end(3) - 1, 0))
        elif match.group(5):
            pipes.append(match.start(5))
    regions: list[tuple[int, int]] = []
    position = 0
    while position < len(tics):
        size = tics[position] - points[position][2]
        later = tics[position + 1 :]
        if size == 0 or size not in later:
            position += 1
            continue
        index = later.index(size) + 1
        regions.append((points[position][0], points[position + index][1]))
        position += index + 1
    cells: list[str] = []
    last = 0
    for pipe in pipes:
        if any(low <= pipe <= high for low, high in regions):
            continue
        cells.append(row[last:pipe])
        last = pipe + 1
    cells.append(row[last:])
    return cells


def tokens_by_segment(
    segments: Sequence[Segment], positions: Sequence[int]
) -> Iterable[tuple[Segment, int, int]]:
    """Each segment with the range of `positions` (sorted) that fall inside it."""
    for segment in segments:
        low = bisect_left(positions, segment.start)
        high = bisect_left(positions, segment.end, low)
        if high > low:
            yield segment, low, high


# -- the checks ----------------------------------------------------------------------------------

Check = Callable[[Scan], Finding | None]


def check_nesting(scan: Scan) -> Finding | None:
    """Lists, quotes and admonitions inside one another deeper than Python-Markdown can recurse."""
    if not scan.thorough and DEEP_FIRST.match(scan.data) is None and DEEP_NEXT.search(scan.data) is None:
        return None  # no line starts with enough '>', list markers or spaces to be that deep
    position, depth = deepest_line(scan.markdown)
    if depth <= MAX_NESTING:
        return None
    return Finding(
        position,
        f"this line is nested {depth} levels deep in lists, quotes or notes, and Markdown cannot "
        f"read more than {MAX_NESTING} levels",
        "use fewer '>' and list markers at the start of the line, or less indentation",
    )


# Each level takes at least one of these characters at the start of a line.
DEEP_FIRST = re.compile(rb"[ \t>*+\-.\d!]{%d}" % (MAX_NESTING + 1))
DEEP_NEXT = re.compile(rb"\n[ \t>*+\-.\d!]{%d}" % (MAX_NESTING + 1))
NEST_MARKER = re.compile(r"( *)(>[ ]?|[*+-][ ]+|\d{1,9}\.[ ]+|!!![ ]?(?=[\w-]))")
# A rule read backwards: trailing spaces, then one of '-', '*' or '_' with at most two spaces between.
RULE_REVERSED = re.compile(r"[ ]*(?>(?:-+[ ]{0,2})+|(?:\*+[ ]{0,2})+)")


def rule_start(line: str) -> int:
    """Where the line's tail that a '-' or '*' list marker would make a rule (an hr) begins."""
    tail = RULE_REVERSED.match(line[::-1])
    return len(line) - tail.end() if tail is not None else len(line)


def deepest_line(text: str) -> tuple[int, int]:
    """The deepest line and its depth: the '>', list markers and '!!!' at its start, plus its
    indentation in steps of four, counted only as deep as earlier lines have nested (indentation
    inside no list is code or text, not another level)."""
    deepest_position, deepest = 0, 0
    reached = 0
    position = 0
    for line in text.split("\n"):
        if line[:1] in NEST_FIRST:
            markers, indent, index = 0, 0, 0
            rule = rule_start(line)
            while (marker := NEST_MARKER.match(line, index)) is not None:
                at = marker.start(2)
                if at >= rule and line.count(line[at], at) >= 3:
                    break  # a rule such as '- - -' is not a list
                markers += 1
                indent += len(marker.group(1))
                index = marker.end()
                if at < len(line) and line[at] == "!":
                    break  # the rest of a '!!!' line is the note's type and title
            indent += len(line) - index - len(line[index:].lstrip(" "))
            depth = markers + min(indent // TAB_LENGTH, reached)
            if markers:
                reached = max(reached, depth)
            if depth > deepest:
                deepest_position, deepest = position, depth
        position += len(line) + 1
    return deepest_position, deepest


NEST_FIRST = frozenset(" >*+-0123456789!")


def check_brackets(scan: Scan) -> Finding | None:
    """'[' or '](' whose closing bracket is far away or missing: the link patterns read on to it."""
    if scan.cheap((scan.count(b"[") + scan.count(b"](")) * scan.size * SECONDS_PER_BRACKET_CHAR):
        return None
    if not scan.thorough:
        # A '[' that a ']' closes on its line with no '[', '`' or '\\' between them, and a '(' after
        # it that a ')' closes with no '(', quote, '`' or '\\' between, are read only that far: all
        # of them together read the body at most once. Any other may be read to the end.
        rest = SIMPLE_LINK.sub(b"", scan.data)
        others = rest.count(b"[") + rest.count(b"](")
        if scan.cheap((1 + others) * scan.size * SECONDS_PER_BRACKET_CHAR):
            return None
    text = scan.markdown
    tokens = [(match.start(), match.group()) for match in BRACKET_TOKEN.finditer(text)]
    positions = [at for at, _ in tokens]
    spans = CodeSpans(text)  # a ']' or ')' inside a code span is hidden from the link patterns
    quotes: dict[str, list[int]] | None = None
    total, worst = 0, Brackets()
    for segment, low, high in tokens_by_segment(scan.segments, positions):
        found = Brackets()
        squares: list[list[int]] = []  # runs of '[' still open: where each starts, how many are open
        parens: list[int] = []
        links: list[int] = []
        closes: dict[int, int] = {}
        depth = 0
        for at, token in tokens[low:high]:
            char = token[0]
            if char == "[":
                squares.append([at, len(token)])
                depth += len(token)
                if len(token) > found.longest_run:
                    found.longest_run, found.run_start = len(token), at
                if depth > found.deepest:
                    found.deepest, found.deepest_start = depth, squares[0][0]
            elif char == "]":
                if squares:
                    depth -= 1
                    run = squares[-1]
                    run[1] -= 1
                    opened = run[0] + run[1]
                    if not run[1]:
                        squares.pop()
                    found.read += (segment.end if spans.may_hide(opened, at) else at) - opened
            elif char == "(":
                parens.append(at)
                if at > 0 and text[at - 1] == "]":
                    links.append(at)
            elif char == ")" and parens:
                closes[parens.pop()] = at
        for start, count in squares:
            found.read += count * (segment.end - start) - count * (count - 1) // 2
            found.unclosed += count
        if squares:
            found.first_unclosed = squares[0][0]
        if links:
            if quotes is None:
                quotes = {'"': [], "'": []}
                for match in QUOTE.finditer(text):
                    quotes[match.group()].append(match.start())
            for opened in links:
                close = closes.get(opened)
                if (
                    close is None
                    or spans.may_hide(opened, close)
                    or not title_closes(text, quotes, opened, close)
                ):
                    found.read += segment.end - opened
                    if close is None:
                        found.unclosed_links += 1
                        if found.first_unclosed_link < 0:
                            found.first_unclosed_link = opened
                else:
                    found.read += close - opened
        total += found.read
        if found.read > worst.read:
            worst = found
        if not scan.thorough and total * SECONDS_PER_BRACKET_CHAR > scan.budget:
            break  # refused: no need to read further
    if scan.affordable("brackets", total * SECONDS_PER_BRACKET_CHAR):
        return None
    if worst.longest_run >= LONG_RUN:
        return Finding(
            worst.run_start,
            f"this paragraph has {worst.longest_run:,} '[' in a row, and Markdown takes too long to read it",
            f"write fewer brackets, {CODE_HINT}",
        )
    if worst.unclosed_links > worst.unclosed:
        return Finding(
            worst.first_unclosed_link,
            f"this paragraph has {worst.unclosed_links:,} links whose '(' is never closed with ')', "
            "and Markdown takes too long to read it",
            f"close the '(' of each link with ')', {CODE_HINT}",
        )
    if worst.unclosed:
        return Finding(
            worst.first_unclosed,
            f"this paragraph has {worst.unclosed:,} '[' that are never closed with ']', and Markdown "
            "takes too long to read it",
            f"close each '[' with ']', write \\[ for a bracket that starts no link, {CODE_HINT}",
        )
    return Finding(
        worst.deepest_start,
        f"this paragraph has brackets nested {worst.deepest:,} deep inside one another (or closed very "
        "far away), and Markdown takes too long to read it",
        f"write fewer brackets inside brackets, {CODE_HINT}",
    )


LONG_RUN = 10
SIMPLE_LINK = re.compile(rb"\[[^\[\]\n`\\]*\](?:\([^()\n`\\\"']*\)|(?!\())")
# An escape pair ('\[') is one token, so an escaped bracket is never taken for a bracket.
BRACKET_TOKEN = re.compile(r"\\.|\[+|[\]()]")
MAX_SPAN_STEPS = 8


class CodeSpans:
    """Where code spans may be: the code pattern opens one at a run of '`' and closes it at the next
    run as long; a run after a '\\', or with no run as long after it, may end anywhere."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        lengths: list[int] = []
        for match in BACKTICK_RUN.finditer(text):
            self.starts.append(match.start())
            lengths.append(match.end() - match.start())
        self.partner: list[int] = [-1] * len(lengths)  # the next run as long, or -1
        following: dict[int, int] = {}
        for index in range(len(lengths) - 1, -1, -1):
            self.partner[index] = following.get(lengths[index], -1)
            following[lengths[index]] = index

    def may_hide(self, start: int, end: int) -> bool:
        """Whether a code span opened after `start` may still be open at `end`."""
        index = bisect_right(self.starts, start)
        for _ in range(MAX_SPAN_STEPS):
            if index >= len(self.starts) or self.starts[index] >= end:
                return False
            at = self.starts[index]
            partner = self.partner[index]
            if (at > 0 and self.text[at - 1] == "\\") or partner < 0 or self.starts[partner] >= end:
                return True
            index = partner + 1
        return True


def title_closes(text: str, quotes: dict[str, list[int]], start: int, end: int) -> bool:
    """Whether the link patterns stop reading at the ')' at `end`: once they meet a quote they stop
    only at a ')' right after the second of that quote (spaces between allowed), so a link with no
    quote, or with its title in one pair of quotes just before its ')', is read that far."""
    counts = {char: bisect_left(found, end) - bisect_right(found, start) for char, found in quotes.items()}
    if not any(counts.values()):
        return True
    last = end - 1
    while last > start and text[last] == " ":
        last -= 1
    char = text[last]
    return char in counts and counts[char] == 2 and sum(counts.values()) == 2


QUOTE = re.compile(r"[\"']")


class Brackets:
    """What one segment's brackets cost, and what to tell the writer about them."""

    def __init__(self) -> None:
        self.read = 0
        self.unclosed = 0
        self.first_unclosed = -1
        self.unclosed_links = 0
        self.first_unclosed_link = -1
        self.longest_run = 0
        self.run_start = 0
        self.deepest = 0
        self.deepest_start = 0


def check_backticks(scan: Scan) -> Finding | None:
    """Runs of '`' with no run of the same length after them: the code pattern reads to the end."""
    if scan.cheap(scan.count(b"`") * scan.size * SECONDS_PER_BACKTICK_CHAR):
        return None
    text = scan.markdown
    runs = [(match.start(), match.end() - match.start()) for match in BACKTICK_RUN.finditer(text)]
    positions = [at for at, _ in runs]
    total, worst_read, worst_unclosed, worst_first = 0, 0, 0, 0
    for segment, low, high in tokens_by_segment(scan.segments, positions):
        read, unclosed, first = 0, 0, -1
        following: dict[int, int] = {}  # run length -> where the next run of that length starts
        for at, length in reversed(runs[low:high]):
            close = following.get(length)
            # after a '\' the code pattern may start one '`' into the run: any length may follow
            if close is None or (at > 0 and text[at - 1] == "\\"):
                read += segment.end - at
                unclosed += 1
                first = at
            else:
                read += close - at
            following[length] = at
        total += read
        if read > worst_read:
            worst_read, worst_unclosed, worst_first = read, unclosed, first
        if not scan.thorough and total * SECONDS_PER_BACKTICK_CHAR > scan.budget:
            break  # refused: no need to read further
    if scan.affordable("backticks", total * SECONDS_PER_BACKTICK_CHAR):
        return None
    return Finding(
        worst_first,
        f"this paragraph has {worst_unclosed:,} groups of '`' that are never closed by as many '`', "
        "and Markdown takes too long to read it",
        f"close each piece of code with as many '`' as opened it, {CODE_HINT}",
    )


BACKTICK_RUN = re.compile(r"`+")


def check_emphasis(scan: Scan) -> Finding | None:
    """'*' and '_' that could nest bold and italic text deeper than Python-Markdown can recurse."""
    if not scan.thorough and (scan.count(b"*") + scan.count(b"_")) // 2 <= MAX_EMPHASIS:
        return None  # each level takes a '*' or '_' on either side
    text = scan.markdown
    runs = [(match.start(), match.end()) for match in EMPHASIS_RUN.finditer(text) if match.group()[0] != "\\"]
    for _, low, high in tokens_by_segment(scan.segments, [start for start, _ in runs]):
        bound, position = emphasis_bound(text, runs[low:high])
        if bound > MAX_EMPHASIS:
            return Finding(
                position,
                f"this paragraph has so many '*' or '_' that Markdown could nest bold and italic "
                f"text up to {bound:,} levels deep, and it cannot read more than {MAX_EMPHASIS}",
                f"use fewer '*' and '_', write \\* or \\_ for one that is not bold or italic, {CODE_HINT}",
            )
    return None


EMPHASIS_RUN = re.compile(r"\\.|[*_]+")


def emphasis_bound(text: str, runs: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """An upper bound on how deep bold and italic can nest in one text node, and where it starts.

    Each element around a point of the text takes at least one '*' or '_' that can open (followed by
    no space) before the point and one that can close (after no space) after it, so the depth at a
    point is at most the smaller of the two counts."""
    if not runs:
        return 0, 0
    size = len(text)
    opening = [end - start if end < size and not text[end].isspace() else 0 for start, end in runs]
    closing = [end - start if start > 0 and not text[start - 1].isspace() else 0 for start, end in runs]
    before = [0, *accumulate(opening)]  # opening characters before each run
    after = [*accumulate(reversed(closing))][::-1]  # closing characters from each run on
    bound = max(map(min, before, after))
    first = next((run[0] for run, chars in zip(runs, opening, strict=True) if chars), runs[0][0])
    return bound, first


def check_markup(scan: Scan) -> Finding | None:
    """Paragraphs with so much inline markup that rebuilding their text for each piece costs more
    than the budget: the cost grows with the pieces times the length of the paragraph. A piece is
    counted by what it cannot do without: a '[' for a link, two runs of '`' for code, an escape
    (which costs about twice as much), a '<' before a tag or an address, an entity, a line break,
    and a run of '*' or '_' after anything but a space, to close bold or italic."""
    specials = 2 * len(scan.only(NOT_INLINE)) + scan.lines  # a line break takes a line
    elements = specials + scan.count(b"|")
    if scan.cheap(
        specials * scan.size * SECONDS_PER_MARKUP_CHAR + elements * elements * SECONDS_PER_ELEMENT_PAIR
    ):
        return None
    text = scan.markdown
    pieces: list[int] = []
    ticks: list[int] = []
    for match in MARKUP.finditer(text):
        found = match.group()
        if found[0] == "`":
            ticks.append(match.start())
        else:
            pieces.append(match.start())
            if found[0] == "\\":
                pieces.append(match.start())
    pieces += [match.start() for match in LINE_BREAK.finditer(text)]
    pieces += [
        at for match in STAR_RUN.finditer(text) if (at := match.start()) > 0 and not text[at - 1].isspace()
    ]
    pieces.sort()
    # Each element the inline patterns make, and each block that holds others, waits in one queue
    # for the whole page and is taken from its front: the time grows with the square of their
    # number. Blocks are bounded by the lines that are not blank, and table cells by the '|'.
    lines = sum(text.count("\n", start, end) + 1 for start, end in scan.blocks)
    elements = len(pieces) + (len(ticks) + 1) // 2 + lines + scan.count(b"|")
    if not scan.affordable("elements", elements * elements * SECONDS_PER_ELEMENT_PAIR):
        return Finding(
            pieces[0] if pieces else 0,
            f"this text has about {elements:,} pieces of markup (links, code, bold or italic text, "
            "HTML, entities, escapes or line breaks) in all, and Markdown takes too long to read so "
            "many on one page",
            "split the text into several pages",
        )
    total, worst, worst_segment, worst_count = 0, 0, Segment(0, 0), 0
    for segment in scan.segments:
        count = bisect_left(pieces, segment.end) - bisect_left(pieces, segment.start)
        count += (bisect_left(ticks, segment.end) - bisect_left(ticks, segment.start) + 1) // 2
        work = count * (segment.end - segment.start)
        total += work
        if work > worst:
            worst, worst_segment, worst_count = work, segment, count
        if not scan.thorough and total * SECONDS_PER_MARKUP_CHAR > scan.budget:
            break  # refused: no need to read further
    if scan.affordable("markup", total * SECONDS_PER_MARKUP_CHAR):
        return None
    return Finding(
        worst_segment.start,
        f"this paragraph has about {worst_count:,} pieces of markup (links, code, bold or italic text, "
        f"HTML, '&' entities, '\\' escapes or line breaks) in {worst_segment.end - worst_segment.start:,} "
        "characters, and Markdown takes too long to read it",
        "break it into shorter paragraphs, with a blank line between them",
    )


NOT_INLINE = bytes(byte for byte in range(256) if byte not in b"`\\[<&*_")
MARKUP = re.compile(
    r"\\.|`+|\[|<(?:[A-Za-z!?]|/[A-Za-z]|[^\s<>!@]*@)|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);"
)
LINE_BREAK = re.compile("  \n")
STAR_RUN = re.compile(r"[*_]+")  # one that follows no space may close bold or italic text


def check_html(scan: Scan) -> Finding | None:
    """HTML start tags that are never closed: the HTML parser reads each on to the next '>' (across
    quoted values) or to the end of the page, then rereads from the next '<'. An unclosed CDATA
    section is read to the end too; any other unclosed '</', '<!' or '<?' is read once, as text.
    And the parser copies the rest of the page at each tag it handles."""
    count = scan.count(b"<")
    if not count or scan.cheap(count * scan.size * (SECONDS_PER_CDATA_CHAR + SECONDS_PER_HTML_COPY)):
        return None
    text = scan.markdown
    size = len(text)
    closes = [match.start() for match in TAG_END.finditer(text)]
    comment_ends = [match.start() for match in COMMENT_END.finditer(text)]
    cdata_ends = [match.start() for match in CDATA_END.finditer(text)]
    quotes: dict[str, list[int]] = {'"': [], "'": []}
    for match in QUOTE.finditer(text):
        quotes[match.group()].append(match.start())
    seconds, first_far = 0.0, -1
    for match in TAG_START.finditer(text):
        start = match.start()
        opening = match.group()
        if opening.startswith("<![CDATA["):
            end = following(cdata_ends, start, size)
            seconds += (end - start) * SECONDS_PER_CDATA_CHAR
        elif opening[1].isalpha():
            end = tag_end(closes, quotes, start, size)
            seconds += (end - start) * SECONDS_PER_TAG_CHAR
        else:
            end = following(comment_ends if opening == "<!--" else closes, start, size)
            if end == size:
                continue  # read once, as text
            seconds += (end - start) * SECONDS_PER_TAG_CHAR
        if end < size:
            seconds += size * SECONDS_PER_HTML_COPY
        if (end == size or end - start > FAR_TAG_END) and first_far < 0:
            first_far = start
        if seconds > scan.budget and not scan.thorough:
            break  # no need to read further: the text is refused
    if scan.affordable("html", seconds):
        return None
    if first_far >= 0:
        return Finding(
            first_far,
            "this text has HTML tags that are never closed with '>' (the first starts on this line), "
            "and Markdown takes too long to read it",
            "close each tag with '>', or write &lt; for a '<' that starts no tag",
        )
    return Finding(
        match_start(TAG_START, text),
        "this text has so many HTML tags that Markdown takes too long to read them",
        "write less HTML, or split the text into several pages",
    )


TAG_START = re.compile(r"<(?:!--|!\[CDATA\[|[A-Za-z/!?])")
TAG_END = re.compile(">")
COMMENT_END = re.compile("-->")
CDATA_END = re.compile(r"\]\]>")
FAR_TAG_END = 1000
MAX_QUOTE_HOPS = 8


def following(positions: Sequence[int], start: int, default: int) -> int:
    index = bisect_right(positions, start)
    return positions[index] if index < len(positions) else default


def tag_end(closes: Sequence[int], quotes: dict[str, list[int]], start: int, size: int) -> int:
    """Where the HTML parser stops reading a start tag: the first '>' outside quoted values."""
    position = start
    for _ in range(MAX_QUOTE_HOPS):
        close = following(closes, position, size)
        double, single = following(quotes['"'], position, size), following(quotes["'"], position, size)
        quote_at = min(double, single)
        if quote_at >= close:
            return close
        char = '"' if quote_at == double else "'"
        position = following(quotes[char], quote_at, size)
        if position >= size:
            return size
    return size


def match_start(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.search(text)
    return found.start() if found is not None else 0


def check_fences(scan: Scan) -> Finding | None:
    """Code fences that never close (fenced_code reads to the end for each), or so many code blocks
    that rebuilding the page for each one costs more than the budget."""
    if not scan.thorough and b"```" not in scan.marks and b"~~~" not in scan.marks:
        return None
    fences = scan.fences
    seconds = fences.read * SECONDS_PER_FENCE_CHAR + len(fences.blocks) * scan.size * SECONDS_PER_FENCE_COPY
    if scan.affordable("fences", seconds):
        return None
    if fences.unclosed:
        return Finding(
            fences.first_unclosed,
            f"this text has {fences.unclosed:,} code fences (``` or ~~~) that are never closed, and "
            "Markdown takes too long to read it",
            "close each code block with a line holding the same ``` (or ~~~) that opened it",
        )
    return Finding(
        fences.blocks[0][0],
        f"this text has {len(fences.blocks):,} code blocks, and Markdown takes too long to read them",
        "split the text into several pages",
    )


def check_splits(scan: Scan) -> Finding | None:
    """Headings, rules, '===' or '---' lines and '!!!' lines that cut a block: after each cut the
    block processors read the rest of the block again."""
    cuts = len(scan.only(NOT_CUT)) + 1  # each line that cuts holds one of these
    if scan.cheap(cuts * (scan.lines * SECONDS_PER_SPLIT_LINE + scan.size * SECONDS_PER_SPLIT_CHAR)):
        return None
    markdown = scan.markdown
    positions = [match.start() for match in CUT_LINE.finditer(markdown)]
    positions += [match.start() for match in HR_LINE.finditer(markdown)]
    positions.sort()
    total, worst, worst_block, worst_cuts = 0.0, 0.0, (0, 0), 0
    for start, end in scan.blocks:
        low = bisect_left(positions, start)
        count = bisect_left(positions, end, low) - low
        if count:
            seconds = count * (
                (markdown.count("\n", start, end) + 1) * SECONDS_PER_SPLIT_LINE
                + (end - start) * SECONDS_PER_SPLIT_CHAR
            )
            total += seconds
            if seconds > worst:
                worst, worst_block, worst_cuts = seconds, (start, end), count
            if not scan.thorough and total > scan.budget:
                break  # refused: no need to read further
    if scan.affordable("splits", total):
        return None
    return Finding(
        worst_block[0],
        f"this paragraph has {worst_cuts:,} headings (or lines of '---', '===' or '!!!') with no blank "
        "line between them, and Markdown takes too long to read it",
        "put a blank line before and after each heading",
    )


NOT_CUT = bytes(byte for byte in range(256) if byte not in b"#!=-*_")
CUT_LINE = re.compile(r"^[ >]*(?:#|!!!|(?:=+|-+)[ ]*$)", re.MULTILINE)


def check_lines(scan: Scan) -> Finding | None:
    """Runs that attr_list and tables read again from each of their positions: spaces inside a
    heading or a table cell (attr_list looks for ' {' at each), spaces before a '{', and '\\' in a
    table row (tables looks for an escaped '|' at each); and long {: ...} attribute lists, whose
    classes attr_list joins one at a time."""
    if b" " * LONG_SPACES not in scan.data and b"\\" * LONG_SPACES not in scan.marks:
        per_brace = LONG_SPACES * SECONDS_PER_BRACE_STEP + scan.size * SECONDS_PER_ATTR_CHAR
        if scan.cheap(scan.count(b"{") * scan.size * per_brace):
            return None  # no long run, and few '{' to read on from
    markdown = scan.markdown
    total, worst, worst_at, worst_kind, worst_count = 0.0, 0.0, 0, "", 0
    line_start, line_end, table_row, attrs_done = 0, -1, False, False
    for match in LINE_RUN.finditer(markdown):
        start, end = match.span()
        if start >= line_end:
            line_start = markdown.rfind("\n", 0, start) + 1
            line_end = markdown.index("\n", start)
            table_row = markdown.find("|", line_start, line_end) >= 0
            attrs_done = False
        found = match.group()
        length = end - start
        if found == "{":
            if attrs_done:
                continue
            attrs_done = True
            kind, count = "attrs", markdown.count(" ", start, line_end)
            seconds = count * (line_end - line_start) * SECONDS_PER_ATTR_CHAR
        elif found[0] == "\\":
            if not table_row:
                continue
            kind, count = "\\", length
            seconds = length * length * SECONDS_PER_LINE_STEP
        elif start == line_start or markdown[start - 1] == " ":
            continue  # indentation, which headings and cells strip
        elif markdown.startswith("{", end):
            kind, count = "{", 0
            seconds = length * (length + line_end - end) * SECONDS_PER_BRACE_STEP
        elif end == line_end:
            continue  # spaces at the end, stripped
        else:
            kind, count = " ", length
            seconds = length * length * SECONDS_PER_LINE_STEP
        total += seconds
        if seconds > worst:
            worst, worst_at, worst_kind, worst_count = seconds, start, kind, count
        if not scan.thorough and total > scan.budget:
            break  # refused: no need to read further
    if scan.affordable("lines", total):
        return None
    if worst_kind == "\\":
        message, hint = (
            f"this table row has {worst_count:,} '\\' in a row",
            f"write fewer backslashes, {CODE_HINT}",
        )
    elif worst_kind == "{":
        braces = markdown.count(" {", worst_at, markdown.index("\n", worst_at))
        message, hint = f"this line has {braces:,} '{{' after a space", f"write fewer '{{', {CODE_HINT}"
    elif worst_kind == "attrs":
        message, hint = "this line's {: ...} list of attributes is very long", "give it a few classes at most"
    else:
        message, hint = f"this line has {worst_count:,} spaces in a row", "remove the extra spaces"
    return Finding(worst_at, f"{message}, and Markdown takes too long to read it", hint)


LONG_SPACES = 64
# Runs of spaces (between two words they are reread; at either end of a heading or a cell they are
# stripped), '\\' runs, and '{'.
LINE_RUN = re.compile(r" {2,}| (?=\{)|\\{2,}|\{")


def check_table_rows(scan: Scan) -> Finding | None:
    """Table rows with many '|' and many '`': tables checks each '|' against each code span."""
    if scan.cheap(scan.count(b"|") * scan.count(b"`") * SECONDS_PER_TABLE_STEP):
        return None
    total, worst, worst_at = 0, 0, 0
    position = 0
    for line in scan.markdown.split("\n"):
        if "|" in line and "`" in line:
            work = line.count("|") * line.count("`")
            total += work
            if work > worst:
                worst, worst_at = work, position
        position += len(line) + 1
    if scan.affordable("table rows", total * SECONDS_PER_TABLE_STEP):
        return None
    return Finding(
        worst_at,
        "this table row has too many '|' and '`' together, and Markdown takes too long to read it",
        f"split the table, {CODE_HINT}",
    )


def check_headings(scan: Scan) -> Finding | None:
    """Many headings on one page: for each, Material's search plugin looks its id up in the page's
    table of contents from the start, so the build time grows with the square of their number."""
    rough = scan.count(b"#") + scan.count(b"=") + scan.count(b"-") + scan.count(b"<")
    if scan.cheap(rough * rough * SECONDS_PER_HEADING_PAIR / 2):
        return None
    markdown = scan.markdown
    headings = [match.start() for match in HEADING_LINE.finditer(markdown)]
    count = len(headings) + len(HTML_HEADING.findall(markdown))
    if scan.affordable("headings", count * count * SECONDS_PER_HEADING_PAIR / 2):
        return None
    return Finding(
        headings[0] if headings else 0,
        f"this page has {count:,} headings, and the site's search index takes too long to build "
        "with so many on one page",
        "split it into several pages, or use fewer headings",
    )


# A '#' heading (inside quotes or list items too) or the '===' or '---' under a heading
HEADING_LINE = re.compile(r"^[ >*+\-\d.]*#|^[ >]*(?:=+|-+)[ ]*$", re.MULTILINE)
HTML_HEADING = re.compile(r"<[hH][1-6]")


def check_toc(scan: Scan) -> Finding | None:
    """'[TOC]' markers: each holds a copy of the whole table of contents."""
    if not scan.thorough and b"[TOC]" not in scan.data:
        return None
    markers = scan.markdown.count("[TOC]")
    headings = scan.text.count("#") + scan.text.count("\n=") + scan.text.count("\n-")
    if not markers or scan.affordable("toc", markers * headings * SECONDS_PER_TOC_COPY):
        return None
    return Finding(
        scan.markdown.find("[TOC]"),
        f"this text has {markers:,} [TOC] markers, and each holds the whole table of contents",
        "write [TOC] once (the page already shows its contents beside the text)",
    )


def check_blocks(scan: Scan) -> Finding | None:
    """Very many blocks (paragraphs, lists, headings... between blank lines): the block parser takes
    each from the front of the list of all of them, so the time grows with the square of their
    number."""
    if scan.cheap(((scan.lines + 1) // 2) ** 2 * SECONDS_PER_BLOCK_PAIR):
        return None  # each block takes a line and a blank line
    count = len(scan.blocks)
    if scan.affordable("blocks", count * count * SECONDS_PER_BLOCK_PAIR):
        return None
    return Finding(
        scan.blocks[0][0],
        f"this text has {count:,} paragraphs (or other blocks between blank lines), and Markdown takes "
        "too long to read so many on one page",
        "split it into several pages, or join short paragraphs",
    )


def check_code_blocks(scan: Scan) -> Finding | None:
    """Indented code blocks one after another: each is appended to the code before it."""
    if scan.cheap(scan.lines * scan.size * SECONDS_PER_CODE_COPY):
        return None
    markdown = scan.markdown
    total, worst, worst_at, worst_count = 0, 0, 0, 0
    run_start, run_count = -1, 0
    for start, _ in [*scan.blocks, (len(markdown), len(markdown))]:
        if start < len(markdown) and markdown.startswith("    ", start):
            if run_count == 0:
                run_start = start
            run_count += 1
            continue
        if run_count > 1:
            work = run_count * (start - run_start)
            total += work
            if work > worst:
                worst, worst_at, worst_count = work, run_start, run_count
        run_count = 0
    if scan.affordable("code blocks", total * SECONDS_PER_CODE_COPY):
        return None
    return Finding(
        worst_at,
        f"this text has {worst_count:,} indented code blocks one after another, and Markdown takes too "
        "long to join them",
        "put the code in one block, with a line holding ``` before it and after it",
    )


def check_list_items(scan: Scan) -> Finding | None:
    """Long list items: the lists processor joins an item's lines one at a time."""
    if scan.cheap(scan.lines * scan.size * SECONDS_PER_ITEM_COPY):
        return None
    markdown = scan.markdown
    total, worst, worst_segment = 0, 0, Segment(0, 0)
    for segment in scan.segments:
        if segment.list_item:
            work = (markdown.count("\n", segment.start, segment.end) + 1) * (segment.end - segment.start)
            total += work
            if work > worst:
                worst, worst_segment = work, segment
    if scan.affordable("list items", total * SECONDS_PER_ITEM_COPY):
        return None
    lines = markdown.count("\n", worst_segment.start, worst_segment.end) + 1
    return Finding(
        worst_segment.start,
        f"this list item is {worst_segment.end - worst_segment.start:,} characters long on {lines:,} "
        "lines, and Markdown takes too long to read it",
        "split it into several items, or into paragraphs with a blank line between them",
    )


CHECKS: tuple[Check, ...] = (
    check_nesting,
    check_emphasis,
    check_brackets,
    check_backticks,
    check_markup,
    check_html,
    check_fences,
    check_splits,
    check_lines,
    check_table_rows,
    check_headings,
    check_toc,
    check_blocks,
    check_code_blocks,
    check_list_items,
)
