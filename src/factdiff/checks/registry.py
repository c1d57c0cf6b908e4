"""The pair checks, in precedence order.

An explicit tuple (no registration at import time). The order matters: when two findings
point at overlapping words of the claim, the pair runner keeps the one from the check listed
first, so "three men and two women" → "two men and three women" is one quantity_swap, not two
number_changes, a changed affiliation ("of Sweden" for "Norway's") is a role_change rather
than a substituted place, and a substituted name is not also reported as an added one.
"""

from __future__ import annotations

from collections.abc import Callable

from factdiff.checks import (
    attribution_change,
    claim_reversal,
    date_change,
    entity_substitution,
    modality_change,
    negation,
    number_change,
    quantity_swap,
    role_change,
    subject_swap,
    unsupported_addition,
)
from factdiff.types import Finding, Pair

PairCheck = Callable[[Pair], list[Finding]]

PAIR_CHECKS: tuple[PairCheck, ...] = (
    quantity_swap.check,
    subject_swap.check,
    role_change.check,
    entity_substitution.check,
    number_change.check,
    date_change.check,
    negation.check,
    claim_reversal.check,
    attribution_change.check,
    modality_change.check,
    unsupported_addition.check,
)
