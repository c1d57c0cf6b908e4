"""Small word tables the perturbation operators draw from.

They are constants on purpose: the engine must be deterministic given a seed, and a user
reading a synthetic example should be able to tell where a replacement word came from.
"""

from __future__ import annotations

# Change types that alter a fact (label 0) and faithful controls (label 1).
CHANGE_TYPES: tuple[str, ...] = (
    "entity_substitution",
    "role_change",
    "number_change",
    "hedge_change",
    "quantity_swap",
    "date_change",
    "negation",
    "antonym_swap",
    "attribution_change",
    "subject_object_swap",
    "modality_change",
    "unsupported_addition",
)
FAITHFUL_TYPES: tuple[str, ...] = (
    "sentence_reorder",
    "clause_reorder",
    "synonym_rewording",
    "detail_dropped",
)
ALL_TYPES: tuple[str, ...] = CHANGE_TYPES + FAITHFUL_TYPES

# Which report finding type (types.FINDING_TYPES) should catch each change type.
FINDING_TYPE_OF: dict[str, str] = {
    "entity_substitution": "entity_substitution",
    "role_change": "role_change",
    "number_change": "number_change",
    "hedge_change": "number_change",
    "quantity_swap": "quantity_swap",
    "date_change": "date_change",
    "negation": "negation",
    "antonym_swap": "claim_reversal",
    "attribution_change": "attribution_change",
    "subject_object_swap": "claim_reversal",
    "modality_change": "modality_change",
    "unsupported_addition": "unsupported_addition",
}

# Fallback entities by spaCy label, used when the text has no other entity of that kind.
# Made-up names only.
FALLBACK_ENTITIES: dict[str, tuple[str, ...]] = {
    "PERSON": ("Maria Lind", "Tomas Berg", "Aisha Okafor", "Daniel Reyes", "Helen Park"),
    "ORG": ("the Harbor Trust", "Norvale Bank", "the Civic Alliance", "Eastline Rail"),
    "GPE": ("Sweden", "Portugal", "Kenya", "Chile", "Ohio", "Lyon", "Denver"),
    "LOC": ("the Alps", "the Baltic Sea", "the Nile valley", "the Gobi desert"),
    "NORP": ("Swedish", "Kenyan", "Chilean", "Portuguese", "Canadian"),
    "FAC": ("the Central Station", "the North Bridge", "Lakeside Stadium"),
    "EVENT": ("the Spring Summit", "the Harvest Festival", "the Winter Games"),
}
SWAPPABLE_LABELS: tuple[str, ...] = tuple(FALLBACK_ENTITIES) + ("PRODUCT", "WORK_OF_ART")

ROLES: tuple[str, ...] = (
    "mayor",
    "president",
    "prime minister",
    "foreign minister",
    "finance minister",
    "governor",
    "senator",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chief executive",
    "director",
    "chairman",
    "police chief",
    "judge",
    "coach",
    "captain",
    "manager",
    "editor",
    "professor",
    "ambassador",
    "secretary",
    "minister",
    "lawyer",
    "general",
    "founder",
)

HEDGES: tuple[str, ...] = (
    "at least",
    "more than",
    "fewer than",
    "less than",
    "up to",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
)
ADDED_HEDGES: tuple[str, ...] = ("at least", "more than", "about", "nearly", "up to")

NUMBER_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
RELATIVE_DAYS: dict[str, str] = {
    "yesterday": "last week",
    "today": "yesterday",
    "tomorrow": "next week",
    "last week": "last month",
    "last month": "last year",
    "last year": "two years ago",
    "next week": "next month",
    "this week": "last week",
    "this year": "last year",
    "earlier": "later",
    "later": "earlier",
}
TIME_RELATIONS: dict[str, str] = {
    "since": "in",
    "before": "after",
    "after": "before",
    "until": "since",
    "by": "after",
}

# Antonyms: word -> opposite. Symmetric pairs are added both ways below.
_ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increases", "decreases"),
    ("rise", "fall"),
    ("rose", "fell"),
    ("rises", "falls"),
    ("risen", "fallen"),
    ("raised", "lowered"),
    ("won", "lost"),
    ("win", "lose"),
    ("wins", "loses"),
    ("approve", "reject"),
    ("approved", "rejected"),
    ("accepted", "refused"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("supports", "opposes"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("larger", "smaller"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("highest", "lowest"),
    ("open", "closed"),
    ("opened", "closed"),
    ("allowed", "banned"),
    ("first", "last"),
    ("early", "late"),
    ("guilty", "innocent"),
    ("legal", "illegal"),
    ("gained", "lost"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("agreed", "refused"),
    ("success", "failure"),
    ("successful", "unsuccessful"),
    ("positive", "negative"),
    ("good", "bad"),
    ("best", "worst"),
    ("better", "worse"),
    ("old", "young"),
    ("older", "younger"),
    ("many", "few"),
    ("began", "ended"),
    ("start", "end"),
    ("started", "ended"),
    ("north", "south"),
    ("east", "west"),
    ("entered", "left"),
    ("arrived", "departed"),
    ("hired", "fired"),
    ("boosted", "cut"),
    ("expanded", "reduced"),
    ("cheap", "expensive"),
    ("safe", "dangerous"),
    ("true", "false"),
    ("always", "never"),
    ("above", "below"),
    ("inside", "outside"),
    ("happy", "sad"),
    ("dead", "alive"),
    ("public", "private"),
    ("male", "female"),
    ("same", "different"),
    ("easy", "difficult"),
    ("up", "down"),
)
ANTONYMS: dict[str, str] = {}
for _a, _b in _ANTONYM_PAIRS:
    ANTONYMS.setdefault(_a, _b)
    ANTONYMS.setdefault(_b, _a)

# Modal verb -> a modal of another class (possible <-> certain <-> necessary).
MODAL_SWAPS: dict[str, str] = {
    "may": "will",
    "might": "will",
    "could": "will",
    "can": "might",
    "will": "may",
    "would": "might",
    "must": "may",
    "should": "will",
    "shall": "may",
}

SPEECH_LEMMAS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "announce",
        "claim",
        "state",
        "report",
        "confirm",
        "deny",
        "add",
        "insist",
        "warn",
        "explain",
        "write",
        "argue",
        "allege",
        "testify",
    }
)
FALLBACK_SPEAKERS: tuple[str, ...] = (
    "residents",
    "witnesses",
    "opposition lawyers",
    "a hospital spokesperson",
    "local activists",
    "union leaders",
)

# Unsupported details: adjectives inserted before a noun after "the", and tails appended to
# a clause. Consonant-initial adjectives so "a" never needs to become "an".
ADDED_ADJECTIVES: tuple[str, ...] = (
    "secret",
    "controversial",
    "unpublished",
    "private",
    "second",
    "new",
    "disputed",
    "confidential",
    "foreign",
)
ADDED_TAILS: tuple[str, ...] = (
    " on Monday",
    " late at night",
    " for the second time this year",
    " in front of about 200 people",
    " after a two-hour meeting",
    " despite strong objections",
    " without consulting the board",
    " at a cost of 3 million dollars",
)

# Synonyms that keep every fact (the hedge class of a number is kept too).
SYNONYMS: dict[str, str] = {
    "said": "stated",
    "says": "states",
    "bought": "purchased",
    "buy": "purchase",
    "help": "assist",
    "helped": "assisted",
    "start": "begin",
    "big": "large",
    "large": "big",
    "shows": "demonstrates",
    "showed": "demonstrated",
    "children": "kids",
    "hurt": "injured",
    "injured": "hurt",
    "about": "approximately",
    "approximately": "about",
    "around": "about",
    "nearly": "almost",
    "almost": "nearly",
    "more than": "over",
    "over": "more than",
    "at least": "no fewer than",
    "car": "vehicle",
    "cars": "vehicles",
    "house": "home",
    "houses": "homes",
    "quickly": "rapidly",
    "begin": "start",
    "began": "started",
    "started": "began",
    "told": "informed",
    "also": "additionally",
    "small": "little",
    "enough": "sufficient",
    "show": "demonstrate",
    "use": "employ",
    "used": "employed",
    "get": "obtain",
    "got": "obtained",
    "need": "require",
    "needed": "required",
    "try": "attempt",
    "tried": "attempted",
    "asked": "requested",
    "answer": "reply",
    "answered": "replied",
    "town": "municipality",
    "job": "position",
    "jobs": "positions",
    "area": "region",
    "film": "movie",
    "movie": "film",
    "people": "persons",
    "however": "nevertheless",
    "whole": "entire",
    "near": "close to",
    "because": "since",
}

# Sentences starting with these lean on the previous one; never move them.
DEPENDENT_STARTS: frozenset[str] = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "but",
        "however",
        "also",
        "and",
        "so",
        "then",
        "meanwhile",
        "still",
        "yet",
        "instead",
        "there",
        "such",
    }
)
