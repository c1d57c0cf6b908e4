"""Benchmark runners: score factdiff and a simple baseline on labelled rewrite data.

Heavy parts (rich tables, the pipeline) load only when used, so importing this stays cheap.
"""

from factdiff.eval.baseline import BaselineResult, baseline_check
from factdiff.eval.datasets import (
    DATASET_NAMES,
    EvalRow,
    load_dataset,
    load_frank,
    load_nli,
    load_summac,
    load_summedits,
)
from factdiff.eval.metrics import (
    balanced_accuracy,
    choose_threshold,
    cross_validated_balanced_accuracy,
    roc_auc,
)
from factdiff.eval.runner import (
    EvalResult,
    format_result,
    product_score_fn,
    result_to_dict,
    run_eval,
)

__all__ = [
    "DATASET_NAMES",
    "BaselineResult",
    "EvalResult",
    "EvalRow",
    "balanced_accuracy",
    "baseline_check",
    "choose_threshold",
    "cross_validated_balanced_accuracy",
    "format_result",
    "load_dataset",
    "load_frank",
    "load_nli",
    "load_summac",
    "load_summedits",
    "product_score_fn",
    "result_to_dict",
    "roc_auc",
    "run_eval",
]
