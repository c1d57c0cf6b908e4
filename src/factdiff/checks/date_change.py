"""date_change: another day, month, year or time, or another relation to it.

"on Tuesday" → "on Thursday", "in 2015" → "in 2016" (a field both dates give differs);
"since 2015" → "in 2015", "the day after the fire" → "the same day as the fire" (the relation
changes). A date that only gets less precise ("4 March 2015" → "2015") is not a change.
"""

from __future__ import annotations

import re

from factdiff.checks._common import (
    clause_keys,
    confidence,
    coverage,
    doc_of,
    finding,
    fold,
    relative_position,
    span_of,
    support_sentences,
)
from factdiff.checks._lexicon import MONTHS, PERIODS, RELATIVE_DAYS, TIME_RELATION_GROUP, WEEKDAYS
from factdiff.types import Finding, Pair, SentenceFacts, TimeExpr

_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A span of years: "2012-13", "2012–2013", "2012/13".
_YEARS = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*(\d{2}|(?:19|20)\d{2})\b")


def time_fields(norm: str) -> dict[str, str]:
    """The comparable parts of a date: weekday, day, month, year, clock, relative day."""
    text = fold(norm)
    out: dict[str, str] = {}
    iso = _ISO.search(text)
    if iso:
        out.update(year=iso[1], month=str(int(iso[2])), day=str(int(iso[3])))
        text = _ISO.sub(" ", text)
    years = _YEARS.search(text)
    if years:
        end = years[2] if len(years[2]) == 4 else years[1][:2] + years[2]
        out.update(year=years[1], year_to=end)
        text = _YEARS.sub(" ", text)
    clock = _CLOCK.search(text)
    if clock:
        hour = int(clock[1]) % 12 + (12 if clock[3] == "p" else 0)
        out["clock"] = f"{hour}:{clock[2] or '00'}"
        text = _CLOCK.sub(" ", text)
    short = re.search(r"['’](\d{2})\b", text)  # "since '57"
    if short:
        out["yy"] = short[1]
        text = text[: short.start()] + " " + text[short.end() :]
    words = re.findall(r"[a-z]+|\d+", text)
    for i, w in enumerate(words):
        if w in WEEKDAYS:
            out["weekday"] = WEEKDAYS[w]
        elif w in MONTHS:
            out["month"] = str(MONTHS[w])
        elif w.isdigit() and len(w) == 4:
            out["year"] = w
            out["yy"] = w[2:]
        elif w.isdigit() and int(w) <= 31:
            out["day"] = str(int(w))
        elif w in RELATIVE_DAYS:
            out["relday"] = w
        elif w in PERIODS and i > 0 and words[i - 1] in ("last", "this", "next", "past"):
            out[w] = words[i - 1]
    if "day" in out and "month" not in out:
        del out["day"]  # "3" alone is not a day of the month
    return out


def _conflict(a: dict[str, str], b: dict[str, str]) -> bool:
    return any(a[k] != b[k] for k in a.keys() & b.keys())


def dates_agree(a: dict[str, str], b: dict[str, str]) -> bool:
    return bool(a.keys() & b.keys()) and not _conflict(a, b)


_ANCHOR_WORDS = frozenset({"after", "before", "same", "later", "earlier", "ago", "as"})


def _core(t: TimeExpr) -> frozenset[str]:
    """An undated time without its relation words: "day after" and "same day" → {"day"};
    "prior quarter" and "end of third quarter" differ."""
    words = re.findall(r"[a-z]+|\d+", fold(t.norm or t.mention.text))
    return frozenset(w for w in words if w not in _ANCHOR_WORDS and w != t.relation)


def _relation_changed(a: TimeExpr, b: TimeExpr) -> bool:
    ra, rb = (
        TIME_RELATION_GROUP.get(a.relation, a.relation),
        TIME_RELATION_GROUP.get(b.relation, b.relation),
    )
    return bool(ra and rb) and ra != rb


def _say(t: TimeExpr) -> str:
    """The date as written, with its relation word when the mention leaves it out."""
    text = t.mention.text
    if t.relation and t.relation not in re.findall(r"[a-z]+", fold(text)):
        return f"{t.relation} {text}"
    return text


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    ref = [(ev, t) for ev in pair.evidence for t in ev.times]
    findings: list[Finding] = []
    for ct in claim.times:
        cf = time_fields(ct.norm or ct.mention.text)
        fields = [(ev, t, time_fields(t.norm or t.mention.text)) for ev, t in ref]
        if cf:
            same = [(ev, t) for ev, t, f in fields if dates_agree(cf, f)]
            other = [(ev, t) for ev, t, f in fields if _conflict(cf, f)]
        else:  # "the day after": compare with the evidence's undated times of the same core
            same = [(ev, t) for ev, t, f in fields if not f and _core(t) == _core(ct)]
            other = []
        if same:
            pos = relative_position(claim, ct.mention)
            ev, t = min(same, key=lambda s: abs(relative_position(s[0], s[1].mention) - pos))
            if _relation_changed(ct, t):
                findings.append(_finding(pair, ct, ev, t, 0.85))
            continue
        if not other:
            continue
        pos = relative_position(claim, ct.mention)
        ev, t = min(other, key=lambda s: abs(relative_position(s[0], s[1].mention) - pos))
        if _said_elsewhere(pair, ct, cf, ev):
            continue
        findings.append(_finding(pair, ct, ev, t, 0.9))
    return findings


# The counterpart must hold the claim's clause this much better than a source sentence that
# gives the claim's date, for the date to count as changed rather than taken from there.
CLEARER = 0.2


def _said_elsewhere(pair: Pair, ct: TimeExpr, cf: dict[str, str], ev: SentenceFacts) -> bool:
    """The source gives the claim's date in some sentence that is about what the claim's
    clause is about (a summary moves a date from one sentence to another), at least as well
    as the counterpart is: then the date is no change. "pronounced dead on Friday" is still a
    change when the source's only "Friday" is when someone "was granted bail"."""
    agreeing = [
        f
        for f in support_sentences(pair)
        if any(dates_agree(cf, time_fields(t.norm or t.mention.text)) for t in f.times)
    ]
    if not agreeing:
        return False
    keys = clause_keys(pair.claim, ct.mention)
    elsewhere = max(coverage(keys, (f,)) for f in agreeing)
    return coverage(keys, (ev,)) < elsewhere + CLEARER


def _finding(pair: Pair, ct: TimeExpr, ev: SentenceFacts, t: TimeExpr, base: float) -> Finding:
    claim = pair.claim
    return finding(
        "date_change",
        "medium",
        confidence(pair, base),
        span_of(claim, ct.mention),
        [span_of(ev, t.mention)],
        f"{doc_of(claim)} says '{_say(ct)}' where {doc_of(ev)} says '{_say(t)}'.",
    )
