"""The precision contract, end to end: equivalent wording is judged equal before anything is
reported, and each class of change is still found. Every pair is made up for this test.

Each faithful pair below must give no counted finding (severity above info); each changed
pair must give one of the expected type on the changed sentence.
"""

from __future__ import annotations

import pytest

import factdiff

pytestmark = pytest.mark.slow

FAITHFUL = {
    "spelling variant of a name": (
        "The delegation flew to the Philippines on Monday to sign the fishing accord.",
        "The delegation flew to the Phillipines on Monday to sign the fishing accord.",
    ),
    "typo in a role": (
        "Fleet captain Orla Brandt said the ferry would sail at dawn.",
        "Fleet captian Orla Brandt said the ferry would sail at dawn.",
    ),
    "acronym with two letters swapped": (
        "The BPCA warned that rents in the harbour district had doubled.",
        "The BCPA warned that rents in the harbour district had doubled.",
    ),
    "city alias": (
        "The gallery opened a second branch in New York last spring.",
        "The gallery opened a second branch in NYC last spring.",
    ),
    "month abbreviation": (
        "The bridge was closed in October 2019 after the storm.",
        "The bridge was closed in Oct. 2019 after the storm.",
    ),
    "synonym role": (
        "Her dad said the rescue team arrived within an hour.",
        "Her father said the rescue team arrived within an hour.",
    ),
    "same role, other modifier": (
        "Tomas Rye, the sole rider from the valley club, finished the climb.",
        "Tomas Rye, the only rider from the valley club, finished the climb.",
    ),
    "not only is no negation": (
        "The storm damaged not only the pier but also the lighthouse.",
        "The storm damaged both the pier and the lighthouse.",
    ),
    "No 1 is a number sign": (
        "The band reached number one in the charts in 1998.",
        "The band reached No 1 in the charts in 1998.",
    ),
    "negative word for negation": (
        "It is almost impossible not to hum the chorus once you hear it.",
        "It is almost impossible to resist humming the chorus once you hear it.",
    ),
    "ability is not a hedge": (
        "Visitors can see the comet from the northern hills this week.",
        "Visitors see the comet from the northern hills this week.",
    ),
    "said and insisted": (
        "The coach said the team had trained hard all winter.",
        "The coach insisted the team had trained hard all winter.",
    ),
    "a speaker described by the role the story gives him": (
        "Defence lawyer Bruce Okafor said his client would appeal. "
        "Okafor said the verdict ignored the video evidence.",
        "Defence lawyer Bruce Okafor said his client would appeal. "
        "The lawyer said the verdict ignored the video evidence.",
    ),
    "a clause moved with its number": (
        "Revenue at the port rose 12% to $41 million in the quarter.",
        "Revenue at the port reached $41 million in the quarter, up 12%.",
    ),
    "glued sentences": (
        "The ferry left at noon.It reached the island two hours later.",
        "The ferry left at noon. It reached the island two hours later.",
    ),
    "an added sentence with no counterpart is only shown": (
        "The museum reopened on Saturday after a two-year renovation.",
        "The museum reopened on Saturday after a two-year renovation. "
        "Curator Ines Vold led the first tour through the east wing.",
    ),
}

CHANGED = {
    "entity substitution": (
        "The footage was uploaded to Vidora by a neighbour the same evening.",
        "The footage was uploaded to Clipster by a neighbour the same evening.",
        {"entity_substitution"},
    ),
    "number change": (
        "At least 12 people were hurt when the stand collapsed.",
        "At least 21 people were hurt when the stand collapsed.",
        {"number_change"},
    ),
    "rank change": (
        "The rower qualified in 16th place but missed the final.",
        "The rower qualified in sixth place but missed the final.",
        {"number_change"},
    ),
    "two numbers swapped in place": (
        "Captain Ivo Marsh, 47, sailed his 38-foot yacht into the harbour.",
        "Captain Ivo Marsh, 38, sailed his 47-foot yacht into the harbour.",
        {"quantity_swap"},
    ),
    "date change": (
        "The council voted on the plan on Tuesday evening.",
        "The council voted on the plan on Thursday evening.",
        {"date_change"},
    ),
    "negation dropped": (
        "The mayor did not sign the order before the deadline.",
        "The mayor signed the order before the deadline.",
        {"negation", "claim_reversal"},
    ),
    "hedge dropped": (
        "The new levy might raise two million pounds a year.",
        "The new levy will raise two million pounds a year.",
        {"modality_change"},
    ),
    "role change": (
        "Assistant coach Mara Lind said the squad was ready.",
        "Head coach Mara Lind said the squad was ready.",
        {"role_change"},
    ),
    "speaker change": (
        "Police said 50 people were rescued from the flooded estate.",
        "Residents said 50 people were rescued from the flooded estate.",
        {"attribution_change"},
    ),
}


def counted(report) -> list:
    return [f for f in report.findings if f.severity != "info"]


@pytest.mark.parametrize("name", sorted(FAITHFUL))
def test_equivalent_wording_is_not_flagged(name, resources):
    source, rewrite = FAITHFUL[name]
    report = factdiff.check(source, rewrite, resources=resources)
    assert counted(report) == [], [f.explanation for f in counted(report)]


# Found with the right type, but shown at info as unconfirmed: the calibration counts only
# findings at its 0.85-precision threshold, and role changes were right too rarely on the
# development stories (7 of 10 at the time) to reach it alone.
UNCONFIRMED = {"role change"}


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_each_change_class_is_found(name, resources):
    source, rewrite, types = CHANGED[name]
    report = factdiff.check(source, rewrite, resources=resources)
    if name in UNCONFIRMED:
        found = [f for f in report.findings if f.type in types]
        assert found and all("unconfirmed" in f.explanation for f in found), found
        return
    assert {f.type for f in counted(report)} & types, [f.explanation for f in report.findings]


def test_a_lone_page_with_an_original_caption_and_its_spun_rewrite(resources, tmp_path):
    """`factdiff compare page.txt` alone reports the spun caption, on the page itself."""
    page = tmp_path / "page.txt"
    page.write_text(
        "Firefighters from four stations fought the blaze for six hours.\n\n"
        "Firefighters from four stations battled the blaze for nine hours.\n\n"
        "The cause of the fire is not yet known.\n"
    )
    report = factdiff.compare([str(page)], resources=resources)
    found = counted(report)
    assert [f.type for f in found] == ["number_change"], [f.explanation for f in found]
    assert found[0].claim.span == "nine" and found[0].evidence[0].span == "six"


def test_a_copy_repeating_the_pages_spun_caption_is_reported_too(resources, tmp_path):
    """The page (first, the reference) quotes a caption and spins it; a copy repeats the spun
    caption word for word: both carry the change, and the copy is not judged faithful."""
    page = tmp_path / "page.txt"
    page.write_text(
        "Firefighters from four stations fought the blaze for six hours.\n\n"
        "Firefighters from four stations battled the blaze for nine hours.\n\n"
        "The cause of the fire is not yet known.\n"
    )
    copy = tmp_path / "copy.txt"
    copy.write_text(
        "Firefighters from four stations battled the blaze for nine hours.\n\n"
        "Investigators have not yet said what caused the fire.\n"
    )
    report = factdiff.compare([str(page), str(copy)], resources=resources)
    found = {(f.claim.doc, f.type, f.claim.span) for f in counted(report)}
    assert ("d0", "number_change", "nine") in found, found
    assert ("d1", "number_change", "nine") in found, found


def test_a_page_that_opens_with_its_spun_bullet_is_read_the_right_way_round(resources, tmp_path):
    """Direction from evidence, not order on the page: the bullet comes first, the quoted
    original after it; the original article carries the later sentence word for word."""
    original = tmp_path / "original.txt"
    original.write_text(
        "The photo was shared with her 25,000 followers on Sunday.\n\n"
        "She has not commented since.\n"
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "  • The photo was shared with her 250,000 followers on Sunday\n\n"
        "The photo was shared with her 25,000 followers on Sunday.\n\n"
        "She has not commented since.\n"
    )
    report = factdiff.compare([str(original), str(page)], resources=resources)
    found = [f for f in counted(report) if f.type == "number_change"]
    assert found and all(f.claim.span == "250,000" for f in found), [
        f.explanation for f in counted(report)
    ]
    assert all(f.claim.doc == "d1" for f in counted(report))
