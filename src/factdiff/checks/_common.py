"""What every check needs: spans, confidence, and tolerant matching of names and words.

Checks compare facts written by different people (or rewriters), so "the same" must be loose
enough for "Ross" vs "Anne Ross" or "U.S." vs "United States", and strict enough that
"Anne Ross" vs "Peter Lind" differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from factdiff.checks._lexicon import ALIASES, DEMONYM_SUFFIXES, FORM_TO_BASE, SKIP_BIGRAMS
from factdiff.lexicon import load_synonyms
from factdiff.types import Finding, Mention, Pair, SentenceFacts, Severity, Span

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# Labels that may be confused for one another by a small NER model.
LABEL_GROUP = {"GPE": "place", "LOC": "place", "FAC": "place", "NORP": "place"}
NUMBER_SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})

# A word swap in an otherwise identical sentence is almost certainly a real change; in a loose
# paraphrase the same difference is more often a wording choice or an alignment error.
_RELATION_FACTOR = {"verbatim": 1.0, "near_verbatim": 0.95, "paraphrase": 0.8, "partial": 0.7}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})
_INITIAL_STOP = frozenset({"of", "the", "and", "for", "de", "&"})


# --------------------------------------------------------------------------- spans


def doc_of(facts: SentenceFacts) -> str:
    return facts.sentence.doc


def span_of(facts: SentenceFacts, *mentions: Mention | None) -> Span:
    """The sentence of ``facts`` with the words of ``mentions`` (those inside it) as the
    changed words; the whole sentence alone when no mention lies inside it."""
    s = facts.sentence
    inside = [m for m in mentions if m is not None and s.start <= m.start < m.end <= s.end]
    if not inside:
        return Span(s.doc, s.start, s.end, s.text)
    a = min(m.start for m in inside)
    b = max(m.end for m in inside)
    return Span(s.doc, s.start, s.end, s.text, s.text[a - s.start : b - s.start], a, b)


def confidence(pair: Pair, base: float) -> float:
    factor = _RELATION_FACTOR.get(pair.relation, 0.7)
    sim = min(max(pair.similarity, 0.0), 1.0)
    return round(min(0.99, max(0.05, base * factor * (0.8 + 0.2 * sim))), 2)


def strict(pair: Pair) -> bool:
    """Near-identical sentences: compare against the evidence alone, not the whole source."""
    return pair.relation in ("verbatim", "near_verbatim")


def finding(
    type_: str,
    severity: Severity,
    conf: float,
    claim: Span,
    evidence: Iterable[Span],
    explanation: str,
) -> Finding:
    return Finding(type_, severity, conf, claim, tuple(evidence), explanation)


def reference_sentences(pair: Pair) -> tuple[SentenceFacts, ...]:
    """Evidence first, then the rest of the context, each sentence once."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in (*pair.evidence, *pair.context):
        key = (f.sentence.doc, f.sentence.index, f.sentence.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return tuple(out)


def support_sentences(pair: Pair) -> tuple[SentenceFacts, ...]:
    """Where a claim's fact may be found: the evidence when near-verbatim, else everything."""
    return pair.evidence if strict(pair) else reference_sentences(pair)


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- words


def fold(text: str) -> str:
    return text.translate(_APOSTROPHES).lower()


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=1 << 16)
def base_form(word: str) -> str:
    """Base form of a word from the lexicon tables ("rose" → "rise"), else the word."""
    w = fold(word)
    return FORM_TO_BASE.get(w, w)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A crude singular for matching nouns across versions ("addresses" → "address")."""
    w = base_form(word)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def lexicon_words(facts: SentenceFacts) -> set[str]:
    """Base forms of the sentence's words, minus fixed phrases that only look like cues
    ("more than 12" is a hedge, not "more")."""
    toks = tokens(facts.sentence.text)
    out = set()
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if (t, nxt) not in SKIP_BIGRAMS:
            out.add("not" if t.endswith("n't") else base_form(t))
    out.update(base_form(m.norm) for m in facts.content if m.norm and " " not in m.norm)
    return out


def word_keys(sentences: Iterable[SentenceFacts]) -> set[str]:
    out: set[str] = set()
    for f in sentences:
        out |= _text_word_keys(f.sentence.text)
        out.update(word_key(m.norm) for m in f.content if m.norm)
    return out


@lru_cache(maxsize=1 << 14)
def _text_word_keys(text: str) -> frozenset[str]:
    return frozenset(word_key(t) for t in tokens(text))


def text_has(phrase: str, sentences: Iterable[SentenceFacts]) -> bool:
    """True when ``phrase`` occurs as whole words in one of the sentences' text."""
    toks = tokens(phrase)
    if not toks:
        return False
    pattern = re.compile(r"(?<![a-z0-9])" + r"\W+".join(map(re.escape, toks)) + r"(?![a-z0-9])")
    return any(pattern.search(fold(f.sentence.text)) for f in sentences)


# --------------------------------------------------------------------------- names


def name_key(text: str) -> str:
    t = re.sub(r"'s\b|'$", "", fold(text).strip())
    t = re.sub(r"[^\w\s]", "", t)
    t = re.sub(r"^(the|a|an)\s+", "", " ".join(t.split()))
    return ALIASES.get(t, t)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _INITIAL_STOP)


def _demonym_match(a: str, b: str) -> bool:
    """ "norway" ~ "norwegian", "sweden" ~ "swedish": a shared stem, one side a demonym."""
    if " " in a or " " in b or min(len(a), len(b)) < 4:
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 and (a.endswith(DEMONYM_SUFFIXES) != b.endswith(DEMONYM_SUFFIXES))


def spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one word: a typo or a variant ("Lindsay" / "Lindsey", "captian" /
    "captain", "Phillipines"), or one acronym with two letters swapped ("BPCA" / "BCPA"). One
    edit (a swap counts as one) in words of five letters or more, two from nine."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    shortest = min(len(a), len(b))
    same_letters = len(a) == len(b) and sorted(a) == sorted(b) and a[0] == b[0]
    if shortest >= 3 and same_letters and DamerauLevenshtein.distance(a, b) <= 1:
        return True
    if shortest < 5:
        return False
    return DamerauLevenshtein.distance(a, b) <= (2 if shortest >= 9 else 1)


def same_sense(a: str, b: str) -> bool:
    """Two words that a rewrite may swap without changing the fact: the same base form, a
    spelling variant, or WordNet near-synonyms ("dad" / "father", "sole" / "only")."""
    forms_a = {base_form(a), word_key(a)}
    forms_b = {base_form(b), word_key(b)}
    if forms_a & forms_b or spelling_variant(a, b):
        return True
    table = load_synonyms()
    return any(y in table.get(x, ()) or x in table.get(y, ()) for x in forms_a for y in forms_b)


def names_match(a: str, b: str, demonym: bool = False) -> bool:
    """Whether two names plausibly refer to the same thing (subset, acronym, alias, spelling)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    ta, tb = set(ka.split()), set(kb.split())
    if ta <= tb or tb <= ta:
        return True
    aa, ab = ALIASES.get(ka, ka), ALIASES.get(kb, kb)
    if aa in (ab, kb) or ab == ka:
        return True  # "NYC" / "New York", "UK" / "Britain"
    if len(ta) == len(tb) and all(any(spelling_variant(x, y) for y in tb) for x in ta):
        return True
    ca, cb = ka.replace(" ", ""), kb.replace(" ", "")
    if (len(ca) >= 2 and ca == _initials(kb)) or (len(cb) >= 2 and cb == _initials(ka)):
        return True
    if min(len(ka), len(kb)) >= 6 and fuzz.ratio(ka, kb) >= 90:
        return True
    return demonym and _demonym_match(ka, kb)


def name_of(m: Mention) -> str:
    return m.norm or m.text


def name_supported(m: Mention, sentences: Sequence[SentenceFacts]) -> bool:
    """Does the name of ``m`` occur among the entities or in the text of ``sentences``?"""
    demonym = m.label == "NORP"
    for f in sentences:
        for e in f.entities:
            if names_match(name_of(m), name_of(e.mention), demonym or e.mention.label == "NORP"):
                return True
    key = name_key(name_of(m))
    if text_has(m.text, sentences) or text_has(key, sentences):
        return True
    if key in ALIASES and text_has(ALIASES[key], sentences):
        return True  # "NYC" where the source writes "New York", "No" for "number"
    words = key.split()
    return len(words) == 1 and any(
        spelling_variant(words[0], w) for f in sentences for w in tokens(f.sentence.text)
    )


def same_label_group(a: str, b: str) -> bool:
    return LABEL_GROUP.get(a, a) == LABEL_GROUP.get(b, b)


def relative_position(facts: SentenceFacts, m: Mention) -> float:
    s = facts.sentence
    return (m.start - s.start) / max(1, s.end - s.start)


def values_equal(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def phrase(*parts: str) -> str:
    return " ".join(p for p in parts if p).strip()


def without_determiners(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in _DETERMINERS]


# --------------------------------------------------------------------------- clauses

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
# Words a clause keeps whether or not it is negated: no help in telling what it is about.
_POLARITY_WORDS = frozenset(
    {"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "one"}
)


def clause_bounds(facts: SentenceFacts, m: Mention | None) -> tuple[int, int]:
    """(start, end), relative to the sentence, of the clause holding ``m``: the stretch
    between clause punctuation; the whole sentence when ``m`` is None or outside it."""
    s = facts.sentence
    text, at = s.text, (m.start - s.start) if m is not None else -1
    start, end = 0, len(text)
    if 0 <= at < len(text):
        for br in _CLAUSE_BREAK.finditer(text):
            if br.end() <= at:
                start = br.end()
            elif br.start() >= at:
                end = br.start()
                break
    return start, end


def content_keys(text: str) -> set[str]:
    """Word keys of the content words of ``text`` (no function or polarity words)."""
    from factdiff.checks._lexicon import STOPWORDS

    return {
        word_key(w)
        for w in tokens(text)
        if w not in STOPWORDS and w not in _POLARITY_WORDS and len(w) > 2 and "n't" not in w
    }


def clause_keys(facts: SentenceFacts, m: Mention | None) -> set[str]:
    """The content words (as word keys) of the clause of ``facts`` holding ``m``, so
    "... by ladder, and no one was seriously injured" gives {"seriously", "injured"} for
    "no one". The whole sentence when ``m`` is None or outside."""
    start, end = clause_bounds(facts, m)
    return content_keys(facts.sentence.text[start:end])


_COORDINATORS = frozenset({"and", "but", "or", "while", "whereas"})


def near_keys(facts: SentenceFacts, m: Mention, width: int = 2) -> set[str]:
    """The ``width`` nearest content words either side of ``m`` inside its clause, not past
    "and"/"but": what a change word such as "reducing" acts on ("reducing net debt", "net
    debt to fall"), not the neighbouring "raising its fee and"."""
    s = facts.sentence
    start, end = clause_bounds(facts, m)
    a, b = m.start - s.start, m.end - s.start
    before = tokens(s.text[start:a])
    after = tokens(s.text[b:end])
    cut = [i for i, w in enumerate(before) if w in _COORDINATORS]
    before = before[cut[-1] + 1 :] if cut else before
    after = after[: next((i for i, w in enumerate(after) if w in _COORDINATORS), len(after))]
    near_before = [k for w in before for k in content_keys(w)][-width:]
    near_after = [k for w in after for k in content_keys(w)][:width]
    return {*near_before, *near_after}


def coverage(keys: set[str], sentences: Iterable[SentenceFacts]) -> float:
    """Share of ``keys`` found among the words of ``sentences`` (1.0 for no keys)."""
    if not keys:
        return 1.0
    return len(keys & word_keys(sentences)) / len(keys)
