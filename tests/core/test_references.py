"""core/references.py's hint for a record that is not there: a renamed record keeps its place and
date, so that one is meant before another place's or another day's of a like name."""

from __future__ import annotations

from learnaloud.core.references import record_hint

RENAMED = "east-brook/2025-08-27-starting-again-with-a-residents-grants-panel-restart"
KNOWN = {
    "east-brook/2025-07-04-starting-again-with-a-residents-grants",  # nearer by its letters
    "west-field/2025-08-27-starting-again-with-a-residents-grants",  # of another place
    RENAMED,
}


def test_a_renamed_record_is_found_by_its_place_and_day() -> None:
    old_name = "east-brook/2025-08-27-starting-again-with-a-residents-grants"
    assert record_hint(old_name, KNOWN) == f"did you mean '{RENAMED}'?"


def test_a_typo_is_found_by_its_letters_when_no_record_shares_its_day() -> None:
    typo = "east-brook/2025-07-04-starting-again-with-a-residents-grnats"
    assert (
        record_hint(typo, KNOWN)
        == "did you mean 'east-brook/2025-07-04-starting-again-with-a-residents-grants'?"
    )
    assert record_hint("nowhere/x", set()) == "no record is defined yet"
