"""Accuracy floor on the spun development stories (skipped when ../shared/data is absent).

Not a demo: real articles copied and spun, scored exactly as ``factdiff eval spun`` scores
them. Six stories of the tuning half (dev-01..dev-06), both modes pooled, so the test runs in
about two minutes. Measured at the end of the session that added it: precision 0.81, recall 0.53,
faithful units falsely flagged 3.3%; after the calibration counted only findings at the
0.85-precision threshold (a session later, on purpose, figures in the README): precision
0.846, recall 0.41, 1.9% flagged. It fails when precision or the false-alarm rate gets
clearly worse, not on noise: a change that trades precision for recall must show its figures
(README) and move this floor on purpose.
"""

from __future__ import annotations

import pytest

STORIES = ["dev-01..dev-06"]
PRECISION_FLOOR = 0.78
FALSE_ALARM_CEILING = 0.045
RECALL_FLOOR = 0.34


@pytest.mark.slow
def test_spun_dev_precision_does_not_drop(shared_data, resources):
    from factdiff.api import compare
    from factdiff.eval.spun import Tally, run_spun

    def run(paths: list[str]) -> dict:
        return compare(paths, resources=resources).to_dict()

    result = run_spun(shared_data / "spun" / "dev", run, only=STORIES)
    assert result.errors == []
    pooled = Tally()
    for tally in result.totals.values():
        pooled.add(tally)
    figures = (pooled.precision, pooled.recall, pooled.false_alarm_rate)
    assert pooled.precision >= PRECISION_FLOOR, figures
    assert pooled.false_alarm_rate <= FALSE_ALARM_CEILING, figures
    assert pooled.recall >= RECALL_FLOOR, figures
