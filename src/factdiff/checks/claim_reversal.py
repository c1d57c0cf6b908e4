"""claim_reversal: the copy says the opposite without a negation.

Four cues: direction mentions ("revised up" vs "revised down"), antonyms from a small table
("approved" vs "rejected", "rose" vs "fell"), WordNet direct antonyms of the claim's content
words found in the aligned evidence in place of the word ("a new plant" vs "an old plant"),
and what a demand pushes which way ("an end to evictions" vs "more evictions"). A word that
has its antonym on the SAME side ("exports fell while imports rose") is not a reversal, nor is
a word or direction that some evidence sentence of a merged claim uses too. Evidence beyond
the best is compared only when the claim carries most of it.
"""

from __future__ import annotations

from factdiff.checks._common import (
    base_form,
    clause_keys,
    confidence,
    coverage,
    doc_of,
    finding,
    fold,
    lexicon_words,
    near_keys,
    span_of,
    tokens,
    word_key,
)
from factdiff.checks._lexicon import STOPWORDS
from factdiff.checks._polarity import cue_directions, cue_reversals, word_swaps
from factdiff.lexicon import load_antonyms
from factdiff.types import Finding, Mention, Pair, SentenceFacts, Span


def _word_span(facts: SentenceFacts, words: tuple[str, ...]) -> Span:
    """The first occurrence in the sentence of a word whose base form is in ``words``."""
    s = facts.sentence
    low = fold(s.text)
    pos = 0
    for tok in tokens(s.text):
        at = low.find(tok, pos)
        pos = at + len(tok)
        if base_form(tok) in words or word_key(tok) in words:
            m = Mention(s.text[at : at + len(tok)], s.start + at, s.start + pos, "WORD", tok)
            return span_of(facts, m)
    return span_of(facts)


def _offset_span(facts: SentenceFacts, a: int, b: int) -> Span:
    s = facts.sentence
    return span_of(facts, Mention(s.text[a:b], s.start + a, s.start + b, "CUE", ""))


# A further evidence sentence of a partial alignment is compared when the claim carries this
# share of its content words.
CARRIED = 0.6


def compared_evidence(pair: Pair) -> list[SentenceFacts]:
    """The best evidence sentence, and the others whose content the claim carries (the parts
    of a merge, not a loosely related neighbour)."""
    if not pair.evidence:
        return []
    first, *rest = pair.evidence
    return [first, *(e for e in rest if coverage(clause_keys(e, None), (pair.claim,)) >= CARRIED)]


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    findings: list[Finding] = []
    evidence = compared_evidence(pair)
    ev_words = set().union(*(lexicon_words(e) for e in pair.evidence))
    ev_cues = [cue_directions(e.sentence.text) for e in pair.evidence]
    for ev in evidence:
        for c, e in _direction_flips(claim, ev, pair.evidence):
            why = f"'{c.text}' ({c.norm}) where {doc_of(ev)} says '{e.text}' ({e.norm})"
            findings.append(_finding(pair, span_of(claim, c), span_of(ev, e), why, 0.85))
        for new, old, cancelled in word_swaps(claim, ev):
            if cancelled or new in ev_words:
                continue  # "did not rise" ~ "fell"; or another part of the merge says "new"
            why = f"'{new}' where {doc_of(ev)} says '{old}'"
            span, e_span = _word_span(claim, (new,)), _word_span(ev, (old,))
            if not _same_topic(claim, _marked(span), ev, _marked(e_span)):
                continue  # "increase in the dividend" vs "reducing net debt"
            findings.append(_finding(pair, span, e_span, why, 0.85))
        claim_cues = cue_directions(claim.sentence.text)
        for (ca, cb), (ea, eb) in cue_reversals(claim, ev):
            if any(_same_push(claim_cues, other, (ca, cb)) for other in ev_cues):
                continue
            c_span, e_span = _offset_span(claim, ca, cb), _offset_span(ev, ea, eb)
            why = f"'{c_span.span}' where {doc_of(ev)} says '{e_span.span}'"
            findings.append(_finding(pair, c_span, e_span, why, 0.75))
    marked = [(f.claim.span_start, f.claim.span_end) for f in findings]
    for c, e, ev in wordnet_swaps(claim, evidence):
        if any(a is not None and b is not None and a < c.end and c.start < b for a, b in marked):
            continue  # the small table already read this word
        if not _same_topic(claim, c, ev, e):
            continue  # "decreasing net debt" vs "an increase in the dividend"
        why = f"'{c.text}' where {doc_of(ev)} says '{e.text}'"
        findings.append(_finding(pair, span_of(claim, c), span_of(ev, e), why, 0.75))
    return _distinct(findings)


# Antonym pairs too loose to read as a reversal: order words, particles, light verbs.
_LOOSE_ANTONYMS = frozenset(
    {
        "first", "second", "last", "all", "some", "no", "yes", "on", "off", "up", "down", "out",
        "in", "go", "come", "stay", "be", "have", "get", "give", "take", "make", "lose", "find",
        "keep", "leave", "put", "set", "let", "one", "many", "few", "much", "little", "more",
        "less", "same", "different", "other", "present", "absent", "early", "late",
    }
)  # fmt: skip
_NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "hardly"})


def _lemmas(facts: SentenceFacts) -> dict[str, Mention]:
    """Content-word lemma → its first mention; raw words too when the facts carry no lemmas."""
    s = facts.sentence
    out: dict[str, Mention] = {}
    for m in facts.content:
        if m.norm and " " not in m.norm:
            out.setdefault(fold(m.norm), m)
    low = fold(s.text)
    pos = 0
    for tok in tokens(s.text):
        at = low.find(tok, pos)
        pos = at + len(tok)
        m = Mention(s.text[at:pos], s.start + at, s.start + pos, "WORD", tok)
        for key in (tok, word_key(tok), base_form(tok)):
            out.setdefault(key, m)
    return out


def _negated(facts: SentenceFacts, m: Mention) -> bool:
    s = facts.sentence
    before = tokens(s.text[: max(0, m.start - s.start)])[-3:]
    return any(t in _NEGATORS or t.endswith("n't") for t in before)


def wordnet_swaps(
    claim: SentenceFacts, evidence: list[SentenceFacts]
) -> list[tuple[Mention, Mention, SentenceFacts]]:
    """(claim word, evidence antonym, evidence sentence): a content word of the claim that no
    compared evidence sentence uses while one uses a direct antonym of it and the claim does
    not ("an old podcast" for "a new podcast"). Negating one side cancels it ("not new" ~
    "old"); negating both keeps it."""
    antonyms = load_antonyms()
    mine = _lemmas(claim)
    theirs = [(ev, _lemmas(ev)) for ev in evidence]
    known = set().union(*(set(t) for _, t in theirs)) if theirs else set()
    out = []
    for word, m in mine.items():
        if word in STOPWORDS or word in _LOOSE_ANTONYMS or len(word) < 3 or word in known:
            continue
        for ant in sorted(antonyms.get(word, ())):
            if ant in mine or ant in _LOOSE_ANTONYMS:
                continue
            hit = next(((ev, t[ant]) for ev, t in theirs if ant in t), None)
            if hit is None:
                continue
            ev, e = hit
            if "WORD" not in (m.label, e.label) and m.label != e.label:
                continue  # "raising" (verb) vs "level" (noun): WordNet meant another sense
            if _negated(claim, m) == _negated(ev, e):
                out.append((m, e, ev))
                break
    return out


def _direction_flips(
    claim: SentenceFacts, ev: SentenceFacts, evidence: tuple[SentenceFacts, ...]
) -> list[tuple[Mention, Mention]]:
    """(claim direction, evidence direction) pushing the same thing opposite ways: every
    direction word of the evidence that speaks of the claim word's topic goes the other way
    ("reducing net debt" / "net debt to fall" agree even beside "an increase in the
    dividend"; "increasing net debt" / "net debt to fall" do not)."""
    out = []
    for c in claim.directions:
        if c.norm not in ("up", "down"):
            continue
        related = [
            (f, e)
            for f in evidence
            for e in f.directions
            if e.norm in ("up", "down") and _same_topic(claim, c, f, e)
        ]
        mine = [e for f, e in related if f is ev]
        if mine and all(e.norm != c.norm for _, e in related):
            out.append((c, mine[0]))
    return out


def _marked(span: Span) -> Mention | None:
    if span.span_start is None or span.span_end is None:
        return None
    return Mention(span.span, span.span_start, span.span_end, "WORD", "")


def _same_topic(
    claim: SentenceFacts, c: Mention | None, ev: SentenceFacts, e: Mention | None
) -> bool:
    """Opposite words only reverse a claim when they speak of the same thing: the words
    around them share a content word ("prices rose" / "prices fell"), or one side has
    nothing else to tell by."""
    if c is None or e is None:
        return True
    ck = near_keys(claim, c) - {word_key(c.text)}
    ek = near_keys(ev, e) - {word_key(e.text)}
    return not ck or not ek or bool(ck & ek)


def _same_push(
    claim_cues: dict[str, dict[str, tuple[int, int]]],
    other: dict[str, dict[str, tuple[int, int]]],
    where: tuple[int, int],
) -> bool:
    """Another evidence sentence pushes the claim's target (at ``where``) the claim's way."""
    for target, dirs in claim_cues.items():
        for direction, at in dirs.items():
            if at == where and direction in other.get(target, {}):
                return True
    return False


def _distinct(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[int | None, int | None, str]] = set()
    out = []
    for f in findings:
        key = (f.claim.span_start, f.claim.span_end, f.explanation)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _finding(pair: Pair, claim: Span, evidence: Span, why: str, base: float) -> Finding:
    return finding(
        "claim_reversal",
        "high",
        confidence(pair, base),
        claim,
        [evidence],
        f"{doc_of(pair.claim)} says {why}: the claim is reversed.",
    )
