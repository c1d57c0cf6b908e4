"""The spaCy model loader refuses a missing or tampered pipeline."""

from __future__ import annotations

import pytest

from factdiff.errors import ModelError
from factdiff.models.spacy_model import SPACY_SHA256, spacy_model_dir, verify_spacy_model


def test_installed_model_matches_pins():
    folder = verify_spacy_model()
    assert folder == spacy_model_dir()
    assert {"ner/model", "parser/model", "tok2vec/model", "tagger/model"} <= set(SPACY_SHA256)


def test_tampered_weights_are_refused(tmp_path):
    for rel in SPACY_SHA256:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"not the pinned weights")
    with pytest.raises(ModelError) as err:
        verify_spacy_model(tmp_path)
    assert err.value.code == "model_corrupt"
    assert "pip install" in err.value.message


def test_missing_weights_are_refused(tmp_path):
    with pytest.raises(ModelError) as err:
        verify_spacy_model(tmp_path)
    assert err.value.code == "model_missing"


def test_loaded_pipeline_has_every_component(nlp):
    for name in ("tagger", "parser", "lemmatizer", "ner"):
        assert name in nlp.pipe_names
