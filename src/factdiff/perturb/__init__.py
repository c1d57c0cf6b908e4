"""The perturbation engine: copies of a text with one labelled fact change each (or a faithful
control), for testing rewriting pipelines and for training the verifier."""

from factdiff.perturb.cli import cli_perturb
from factdiff.perturb.edits import Edit, Perturbation
from factdiff.perturb.engine import perturb_doc, perturb_text
from factdiff.perturb.tables import ALL_TYPES, CHANGE_TYPES, FAITHFUL_TYPES, FINDING_TYPE_OF

__all__ = [
    "ALL_TYPES",
    "CHANGE_TYPES",
    "FAITHFUL_TYPES",
    "FINDING_TYPE_OF",
    "Edit",
    "Perturbation",
    "cli_perturb",
    "perturb_doc",
    "perturb_text",
]
