"""factdiff: diff the facts, not the words.

Compare versions of a story and report, with evidence, which facts changed.
"""

from factdiff.api import check, cluster, compare, compare_texts, scan
from factdiff.errors import FactdiffError, InputError, ModelError
from factdiff.options import Options
from factdiff.resources import Resources
from factdiff.types import Document, Finding, Report

__version__ = "0.1.0"

__all__ = [
    "Document",
    "FactdiffError",
    "Finding",
    "InputError",
    "ModelError",
    "Options",
    "Report",
    "Resources",
    "__version__",
    "check",
    "cluster",
    "scan",
    "compare",
    "compare_texts",
]
