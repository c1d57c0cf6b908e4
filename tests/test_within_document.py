"""A copy is judged against the reference, not against itself: repeating two similar source
sentences faithfully (in any order) is no change, while a page that holds an original sentence
and, later, a rewrite of it with no counterpart in the reference is still checked."""

from __future__ import annotations

import pytest

import factdiff
from factdiff.types import Document

# Made-up figures: two sentences alike in shape, different in facts, as results reports are.
SOURCE = (
    "Revenue at the port rose 12% to $41.2 million in the third quarter. "
    "The board did not change its outlook for the year. "
    "Revenue at the port rose 8% to $118.5 million in the first nine months. "
    "Chief executive Mara Voss said demand for cold storage remained strong."
)
# The same four sentences in another order: the old pipeline compared the two revenue
# sentences of the copy with each other and reported "12% where the copy says 8%".
REORDERED = (
    "Chief executive Mara Voss said demand for cold storage remained strong. "
    "Revenue at the port rose 8% to $118.5 million in the first nine months. "
    "The board did not change its outlook for the year. "
    "Revenue at the port rose 12% to $41.2 million in the third quarter."
)


@pytest.mark.slow
def test_reordered_faithful_copy_is_not_flagged(resources):
    report = factdiff.check(SOURCE, REORDERED, resources=resources)
    assert report.changed_facts("low") == (), [f.explanation for f in report.findings]


@pytest.mark.slow
def test_a_changed_figure_in_such_a_copy_is_still_found(resources):
    changed = REORDERED.replace("$118.5 million", "$181.5 million")
    report = factdiff.check(SOURCE, changed, resources=resources)
    found = [f for f in report.changed_facts("medium") if f.type == "number_change"]
    assert found and all("118.5" in f.evidence[0].text for f in found)


@pytest.mark.slow
def test_an_original_and_its_unanchored_rewrite_on_one_page_are_compared(resources):
    """The caption case: the copy quotes a sentence the reference does not hold, then restates
    it with another number; only the page itself can show the change."""
    page = (
        "Chief executive Mara Voss said demand for cold storage remained strong. "
        "Inspectors counted 14 damaged containers at the north pier on Friday. "
        "On Friday, inspectors counted 41 damaged containers at the north pier."
    )
    report = factdiff.check(SOURCE, page, resources=resources)
    found = [f for f in report.changed_facts("low") if f.type == "number_change"]
    assert found, [f.explanation for f in report.findings]


@pytest.mark.slow
def test_a_page_alone_counts_its_own_rewritten_caption(resources):
    """`factdiff compare page.txt` / `check --fail-on`: with nothing else to compare, the
    page's own rewrite of a caption is a changed fact (issue 9, part 3)."""
    page = (
        "Pictured: the lifeboat crew from Selwick pulled eleven fishermen from the sea after "
        "their trawler sank in a storm on Sunday.\n\n"
        "The lifeboat crew from Selwick pulled fifteen fishermen from the sea after their "
        "trawler went down in a storm on Sunday.\n\n"
        "Local people gathered on the quay to welcome the rescued men home."
    )
    report = factdiff.compare([Document("page", page)], resources=resources)
    counted = report.changed_facts("low")
    assert [f.type for f in counted] == ["number_change"], [f.explanation for f in report.findings]
    # Beside another version the page is the trusted reference: its own sentences are no
    # copy's change (a source document restating itself does not fail its summary).
    other = Document("copy", "Local people gathered on the quay to welcome the rescued men home.")
    two = factdiff.compare([Document("page", page), other], resources=resources)
    assert [f.type for f in two.findings if f.claim.doc == "page" and f.severity != "info"]
    assert two.changed_facts("low") == ()
    faithful = page.replace("fifteen", "eleven")
    assert factdiff.compare([Document("page", faithful)], resources=resources).changed_facts() == ()
