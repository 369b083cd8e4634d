"""Pydantic's validation errors, said as a contributor needs to hear them."""

from __future__ import annotations

import calendar
import re
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .errors import a, did_you_mean
from .model import DERIVED_FIELDS, FIRST_YEAR, LAST_YEAR, slug

DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
EXAMPLES = {
    "date": "2025-03-12",
    "started": "2023-09-01",
    "title": "Conversations at the Saturday market",
    "name": "North Quay",
    "network.name": "LocalMotion North",
    "evidence": "[story, feedback]",
    "duration": "90",
    "summary": "One sentence for cards and search.",
    "stage": "embodied",
    "scope": "across-places",
    "unit": "people",
    "text": "What happened, in a sentence or two.",
    "group_size": "[4, 10]",
    "boost": "2",
}


def list_hint(name: str, value: Any) -> str | None:
    """A list written without brackets ('story, feedback') reads as one odd value."""
    if isinstance(value, str) and "," in value:
        items = ", ".join(part.strip() for part in value.split(",") if part.strip())
        return f"write a list in square brackets: '{name}: [{items}]'"
    return None


def field_name(loc: tuple[int | str, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def inner_types(annotation: Any) -> list[Any]:
    """Every type inside an annotation: list items, union members, the base of Annotated."""
    origin = get_origin(annotation)
    if origin is None or origin is Literal:
        return [annotation]
    found: list[Any] = []
    for arg in get_args(annotation):
        if arg is not type(None) and (isinstance(arg, type) or get_origin(arg) is not None):
            found += inner_types(arg)
    return found


def field_type(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[Any]:
    """The types a value at `loc` may have, walking through nested models and lists."""
    types: list[Any] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        holder = next((t for t in types if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if holder is None or part not in holder.model_fields:
            return []
        types = inner_types(holder.model_fields[part].annotation)
    return types


def choices_for(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The allowed words of a field with a fixed vocabulary, found from the model itself."""
    for annotation in field_type(model, loc):
        if get_origin(annotation) is Literal:
            return [str(a) for a in get_args(annotation)]
    return []


def entry_model(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model of the value at `loc` (or of its entries, for a list), where it has one."""
    return next((t for t in field_type(model, loc) if isinstance(t, type) and issubclass(t, BaseModel)), None)


def parent_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> dict[str, Any]:
    """The fields of the model that holds the value at `loc` (for nested entries)."""
    holder = entry_model(model, loc[:-1])
    return dict(holder.model_fields) if holder is not None else {}


YEAR_MONTH_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_MONTH_NAME_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})")
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


def day_hint(year: int, month: int, day: int) -> str:
    """The date written the right way, or what is wrong with it."""
    usual = f"write dates as YYYY-MM-DD, e.g. {EXAMPLES['date']}"
    if not 1 <= month <= 12:
        return f"there is no month {month} (months run 01 to 12); {usual}"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days; {usual}"
    return f"write dates as YYYY-MM-DD: for {day} {calendar.month_name[month]} {year}, write {year:04}-{month:02}-{day:02}"


def date_hint(value: str) -> str:
    """How to write a date, with the contributor's own date rewritten where it can be read."""
    text = value.strip()
    if (written := YEAR_MONTH_DAY.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in written.groups())
        return day_hint(year, month, day)
    if (written := DAY_MONTH_YEAR.fullmatch(text)) is not None:
        day, month, year = (int(part) for part in written.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return day_hint(year, month, day)
    if (written := DAY_MONTH_NAME_YEAR.fullmatch(text)) is not None and written[2].lower() in MONTHS:
        return day_hint(int(written[3]), MONTHS[written[2].lower()], int(written[1]))
    return f"write dates as YYYY-MM-DD, e.g. {EXAMPLES['date']}"


# Fields contributors reach for that the format names otherwise, with what to write instead.
FIELD_HINTS = {
    "draft": "there is no draft field: keep the file out of content/ until it is ready, or set "
    "'visibility: network' so that only the network's own site shows it",
    "tags": "did you mean 'themes'? name theme ids from themes.yml, e.g. 'themes: [equalising-space]'",
    "tag": "did you mean 'themes'? name theme ids from themes.yml, e.g. 'themes: [equalising-space]'",
    "categories": "did you mean 'themes'? name theme ids from themes.yml, e.g. 'themes: [equalising-space]'",
}


def year_hint(year: int) -> str:
    """Where a date's year is out of range, the year it was likely meant to be: two digits
    swapped (2205 for 2025), else the one year a single wrong digit gives."""
    usual = f"write a date between {FIRST_YEAR} and {LAST_YEAR}"
    written = f"{year:04}"
    swapped = [written[:i] + written[i + 1] + written[i] + written[i + 2 :] for i in range(len(written) - 1)]
    retyped = {written[:i] + digit + written[i + 1 :] for i in range(len(written)) for digit in "0123456789"}
    for candidates in (swapped, sorted(retyped)):
        fitting = list(dict.fromkeys(c for c in candidates if FIRST_YEAR <= int(c) <= LAST_YEAR))
        if len(fitting) == 1 or (fitting and candidates is swapped):
            return f"{usual}: is {written} a typo for {fitting[0]}?"
    return usual


PERIOD_LIKE = re.compile(r"(\d{4})-([qQ]?)(\d{1,2})")


def period_hint(value: object) -> str:
    """How to write a period, with the contributor's own rewritten where it can be read."""
    usual = "write a period as YYYY, YYYY-Qn or YYYY-MM, e.g. 2025-03"
    written = PERIOD_LIKE.fullmatch(str(value).strip())
    if written is None:
        return usual
    year, quarter, number = written[1], written[2], int(written[3])
    if quarter:
        return (
            f"did you mean {year}-Q{number}?"
            if 1 <= number <= 4
            else f"a year has quarters Q1 to Q4; {usual}"
        )
    if 1 <= number <= 12:
        return f"did you mean {year}-{number:02d}?"
    return f"there is no month {number} (months run 01 to 12); {usual}"


NUMBER_IN_TEXT = re.compile(r"-?[\d,]*\.?\d+")


def value_hint(value: object) -> str:
    """How to write a measure's value, with the number in the contributor's text where there is one."""
    if value is None:
        return "no value is given: remove the line where there is no figure (the chart shows a gap)"
    found = NUMBER_IN_TEXT.search(str(value))
    if isinstance(value, str) and found is not None:
        number = found[0].replace(",", "")
        if found[0] == value.strip():  # a number with thousands separators
            return f"write it without separators: {number}"
        return f"write just the number, {number}: the unit is given once, in measures.yml"
    return "write a plain number, e.g. 34 or 4.5"


def explain(error: ErrorDetails, model: type[BaseModel], kind: str) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one validation error."""
    loc = tuple(error["loc"])
    name = field_name(loc)
    value = error.get("input")
    kind_of = error["type"]
    example = EXAMPLES.get(f"{kind}.{name}", EXAMPLES.get(name, "…"))
    if kind_of == "missing":
        return f"'{name}' is missing", f"add a line '{name}: {example}'"
    if kind_of == "extra_forbidden":
        fields = parent_fields(model, loc)
        known = [n for n, f in fields.items() if not f.exclude and n not in DERIVED_FIELDS]
        known += ["private"] if len(loc) == 1 else []
        hint = FIELD_HINTS.get(name) if name not in known else None
        return f"'{name}' is not a field of {a(kind)}", hint or did_you_mean(name, known, "field")
    if kind_of == "literal_error":
        choices = choices_for(model, loc)
        hint = list_hint(name, value) or did_you_mean(str(value), choices, name)
        if name in ("visibility", "default_visibility") and str(value).strip().lower() == "private":
            hint += "; nothing is published as private: keep private notes under a 'private:' block"
        return f"'{value}' is not a valid {name}", hint
    if kind_of == "date_out_of_range":
        year = int(error.get("ctx", {}).get("year", 0))
        return f"'{value}' is outside the years the site shows", year_hint(year)
    if kind_of.startswith("date") or kind_of.startswith("datetime"):
        return f"'{value}' is not a date", date_hint(str(value))
    if kind_of == "string_pattern_mismatch":
        if name == "website":
            return f"'{value}' is not a web address", "write it in full, starting with https://"
        return (
            f"'{value}' is not a valid id",
            f"write it as '{slug(str(value))}': ids use lowercase letters, digits and hyphens",
        )
    if kind_of in ("string_too_short", "too_short") and isinstance(value, str | type(None)):
        return f"'{name}' is empty", f"write a value, e.g. '{name}: {example}'"
    if kind_of == "too_short" and name == "questions":
        return (
            "'questions' is empty",
            "list each question as '- id: …' with 'text: …' beneath, or remove 'questions:' for the four usual ones",
        )
    if kind_of == "too_short":
        return f"'{name}' needs at least one entry", f"write e.g. '{name}: {example}'"
    if kind_of == "too_long" or (kind_of == "too_short" and name == "group_size"):
        return f"'{name}' has the wrong number of entries", "write it as [min, max], e.g. [4, 12]"
    if kind_of == "string_type" and value is None:
        return (
            f"'{name}' is empty",
            f"write a value after '{name}:'; a value starting with # must be in quotes, "
            f'e.g. {name}: "#1 …"',
        )
    if kind_of == "string_type":
        return (
            f"'{name}' should be text",
            f"write it as text, e.g. '{name}: {example}' (quote it if needed)",
        )
    if kind_of in ("list_type",):
        if (entries := entry_model(model, loc)) is not None:
            first = next((n for n, f in entries.model_fields.items() if f.is_required()), "text")
            return (
                f"'{name}' should be a list",
                f"write each entry on a line of its own under it: '- {first}: …'",
            )
        listed = example if example.startswith("[") else "[a, b]"
        return f"'{name}' should be a list", f"write it as a list, e.g. '{name}: {listed}'"
    if kind_of in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}' should be a whole number", f"write e.g. '{name}: {example}'"
    if kind_of in ("bool_parsing", "bool_type"):
        return f"'{name}' should be true or false", f"write '{name}: true' or '{name}: false'"
    if kind_of in ("float_parsing", "float_type", "finite_number"):
        return f"'{name}' should be a number", f"write e.g. '{name}: {example}'"
    if kind_of in ("greater_than", "less_than_equal"):
        limits = error.get("ctx", {})
        bound = f"more than {limits['gt']:g}" if "gt" in limits else f"at most {limits.get('le'):g}"
        return f"'{name}' should be {bound}", f"write e.g. '{name}: {example}'"
    if kind_of in ("model_type", "model_attributes_type", "dict_type") and isinstance(loc[-1], int):
        entry = entry_model(model, loc)
        required = [n for n, f in entry.model_fields.items() if f.is_required()] if entry else []
        lines = " with ".join(f"'{n}: …'" for n in required[:2]) or "'field: value' lines"
        return (
            f"entry {loc[-1] + 1} of '{name}' should be a set of 'field: value' lines",
            f"write each entry as '- ' then {lines} beneath it, indented",
        )
    if kind_of in ("model_type", "model_attributes_type", "dict_type"):
        return (
            f"'{name}' should be a set of 'field: value' lines",
            f"see the {kind} example in the docs",
        )
    return f"'{name}': {error['msg']}", "see the content format docs for this field"
