"""Segment: exact offsets, paragraphs, bullets, abbreviations, quotes, odd input, speed."""

from __future__ import annotations

import random
import time

import pytest

from factdiff.segment import make_sentence_splitter, segment_document, segment_documents
from factdiff.types import Document


@pytest.fixture(scope="module")
def splitter():
    return make_sentence_splitter()


def sentences(text: str, splitter) -> list[str]:
    result = segment_document(Document("d0", text), splitter)
    for s in result:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert [s.index for s in result] == list(range(len(result)))
    return [s.text for s in result]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'He said: "We will win." Then he left.',
            ['He said: "We will win."', "Then he left."],
        ),
        (
            "She said \u201cWe won.\u201d Then \u201cwe lost.\u201d",
            ["She said \u201cWe won.\u201d", "Then \u201cwe lost.\u201d"],
        ),
        (
            'He left. "We will win," he said.',
            ["He left.", '"We will win," he said.'],
        ),
        (
            "Prices rose 3.5%. (The mayor agreed.) Next came the vote.",
            ["Prices rose 3.5%.", "(The mayor agreed.)", "Next came the vote."],
        ),
        (
            "Mr. Smith of the U.K. met Dr. Jones on Jan. 5 at No. 5 Main St. in the rain.",
            ["Mr. Smith of the U.K. met Dr. Jones on Jan. 5 at No. 5 Main St. in the rain."],
        ),
        (
            "About 3.5 million people live in the U.S. state. Col. Dahl met Supt. Lind.",
            ["About 3.5 million people live in the U.S. state.", "Col. Dahl met Supt. Lind."],
        ),
        (
            '"Run!" he shouted. He paused... Then he spoke.',
            ['"Run!" he shouted.', "He paused...", "Then he spoke."],
        ),
        (
            "Some 40 people... went home. It rained.",
            ["Some 40 people... went home.", "It rained."],
        ),
        (
            "Is it true? Yes! The firm, Acme Inc., said so.",
            ["Is it true?", "Yes!", "The firm, Acme Inc., said so."],
        ),
    ],
)
def test_sentence_boundaries(text, expected, splitter):
    assert sentences(text, splitter) == expected


def test_offsets_inside_a_document(splitter):
    text = "  Intro line\n\nThe mayor, Anne Ross, said so.  Police agreed.\n"
    result = segment_document(Document("x", text), splitter)
    assert [(s.doc, s.start, s.end, s.paragraph) for s in result] == [
        ("x", 2, 12, 0),
        ("x", 14, 44, 1),
        ("x", 46, 60, 1),
    ]


def test_captions_are_their_own_sentences(splitter):
    text = (
        "Mayor Anne Ross at City Hall in Oslo\n"
        "Mayor Peter Lind at City Hall in Bergen\n"
        "Police said 50 people were rescued. The ferry sank."
    )
    result = segment_document(Document("d0", text), splitter)
    assert [s.text for s in result] == [
        "Mayor Anne Ross at City Hall in Oslo",
        "Mayor Peter Lind at City Hall in Bergen",
        "Police said 50 people were rescued.",
        "The ferry sank.",
    ]
    assert [s.paragraph for s in result] == [0, 1, 2, 2]


def test_bullets_start_sentences_without_marker(splitter):
    text = (
        "Key facts:\n- The bridge costs 40 million\n* Work starts in 2026. It ends in 2028.\n"
        "\u2022 Two lanes\n1. First vote\n2) Second vote\nPolitics \u2022 World \u2022 Sport"
    )
    assert sentences(text, splitter) == [
        "Key facts:",
        "The bridge costs 40 million",
        "Work starts in 2026.",
        "It ends in 2028.",
        "Two lanes",
        "First vote",
        "Second vote",
        "Politics",
        "World",
        "Sport",
    ]


def test_soft_line_breaks_are_joined(splitter):
    text = (
        "This is a hard wrapped paragraph of plain text that goes on\n"
        "and on across several lines, as e-mail and wire copy often do,\n"
        "so that Mayor Anne Ross appears at the start of a line and the\n"
        "Council still belongs to the same sentence. The next sentence is here."
    )
    result = sentences(text, splitter)
    assert len(result) == 2
    assert result[0].endswith("the same sentence.")
    assert "\nCouncil" in result[0]


def test_paragraph_index_counts_blocks(splitter):
    text = "One. Two.\n\nThree.\nFour.\n\n\n\nFive."
    result = segment_document(Document("d0", text), splitter)
    assert [(s.text, s.paragraph) for s in result] == [
        ("One.", 0),
        ("Two.", 0),
        ("Three.", 1),
        ("Four.", 2),
        ("Five.", 3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n \t ",
        ".",
        "...",
        '"',
        "- ",
        "\u2022",
        "\x00\x01\x02 odd \x7f",
        "a\rb\r\nc",
        "\u200b\ufeff",
        "!!! ??? ...",
        "x" * 250_000 + ". Next one.",
        "A. B. C. d. e.",
        "\u0645\u0631\u062d\u0628\u0627. \u4f60\u597d\u3002\u518d\u89c1\u3002",
        "\U0001f600. \U0001f601!",
    ],
)
def test_odd_input_never_crashes(text, splitter):
    sentences(text, splitter)


def test_random_text_keeps_the_invariant(splitter):
    rng = random.Random(11)
    pieces = ["Mr.", "U.S.", "3.5", '"', "\u201c", "\u201d", "(", ")", "-", "\u2022", "...", "\n"]
    pieces += ["\n\n", ".", "?", "!", " ", "  ", "word", "Word", "No.", "5", "\u2026", "\t"]
    for _ in range(40):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 120)))
        sentences(text, splitter)


def test_long_paragraph_is_linear(splitter):
    sentence = "Mr. Lind of the U.K. said 3.5 million people came on Jan. 5. "
    text = sentence * 4000  # ~250 KB in ONE paragraph: quadratic splitters take minutes
    start = time.monotonic()
    result = segment_document(Document("d0", text), splitter)
    assert len(result) == 4000
    assert time.monotonic() - start < 30


def test_segment_documents_by_id(splitter):
    docs = [Document("a", "One. Two."), Document("b", "Three.")]
    result = segment_documents(docs, splitter)
    assert {k: [s.text for s in v] for k, v in result.items()} == {
        "a": ["One.", "Two."],
        "b": ["Three."],
    }
    assert result["b"][0].doc == "b"


def test_lower_cased_or_tokenised_text_is_still_split_into_sentences():
    """Model summaries often come lower-cased and tokenised ("friday . the ..."): a lower-case
    start there is a new sentence, not a continuation."""
    text = "the mayor opened the bridge on friday . the 39-year-old took office in may ."
    assert [s.text for s in segment_document(Document("x", text))] == [
        "the mayor opened the bridge on friday .",
        "the 39-year-old took office in may .",
    ]
    mixed = "The mayor opened the bridge on Friday . the crowd cheered."
    assert len(segment_document(Document("x", mixed))) == 2
