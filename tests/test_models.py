"""Model files: sha256 pinning and the ONNX sentence embedder."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest

from factdiff.errors import ModelError
from factdiff.models import load_manifest, model_file, sha256_file, verify_file
from factdiff.models.embedder import DIM, load_embedder


def test_sha256_file_matches_hashlib(tmp_path):
    path = tmp_path / "f.bin"
    data = b"factdiff" * 100_000
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_verify_file_accepts_the_right_hash(tmp_path):
    path = tmp_path / "ok.bin"
    path.write_bytes(b"model")
    assert verify_file(path, hashlib.sha256(b"model").hexdigest(), "tiny") == path


def test_verify_file_missing_says_how_to_reinstall(tmp_path):
    with pytest.raises(ModelError) as err:
        verify_file(tmp_path / "nope.onnx", "0" * 64, "minilm-onnx", install_hint="pip install x")
    assert err.value.code == "model_missing"
    assert "minilm-onnx is missing" in err.value.message
    assert "pip install x" in err.value.message
    assert "\n" not in err.value.message


def test_verify_file_corrupt(tmp_path):
    path = tmp_path / "bad.onnx"
    path.write_bytes(b"truncated")
    with pytest.raises(ModelError) as err:
        verify_file(path, "a" * 64, "minilm-onnx")
    assert err.value.code == "model_corrupt"
    assert "is corrupt: sha256" in err.value.message
    assert hashlib.sha256(b"truncated").hexdigest() in err.value.message


def test_model_file_missing_package_and_corrupt_repo_file(tmp_path):
    manifest = {
        "ghost": {"package": "factdiff_no_such_model_pkg", "file": "m.onnx", "sha256": "0" * 64},
        "tok": {"path": "minilm/tokenizer.json", "sha256": "b" * 64},
    }
    with pytest.raises(ModelError, match="ghost is missing"):
        model_file("ghost", manifest)
    with pytest.raises(ModelError, match="tok is corrupt"):
        model_file("tok", manifest)
    with pytest.raises(ModelError, match="not in"):
        model_file("unknown", manifest)


def test_manifest_entries_are_complete_and_pinned():
    manifest = load_manifest()
    assert {"minilm-onnx", "minilm-tokenizer"} <= set(manifest)
    for name, entry in manifest.items():
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), name
        assert ("path" in entry) != ("package" in entry), name
        assert entry["source"] and entry["licence"], name
    for name in ("minilm-onnx", "minilm-tokenizer"):
        assert model_file(name, manifest).is_file()


def test_embedder_rows_are_unit_float32_in_input_order(embedder):
    texts = [
        "The ferry sank near the harbour.",
        "Mayor Anne Ross signed the emergency order on Tuesday after a long meeting.",
        "Stock prices rose.",
    ]
    vecs = embedder.encode(texts)
    assert vecs.shape == (3, DIM) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    rev = embedder.encode(texts[::-1], batch_size=1)
    # int8 activations are quantised per batch, so batch make-up moves values a little
    assert np.all(np.sum(vecs * rev[::-1], axis=1) > 0.99)
    assert embedder.encode([]).shape == (0, DIM)


def test_embedder_knows_a_paraphrase_from_an_unrelated_sentence(embedder):
    a, para, other = embedder.encode(
        [
            "Hundreds of residents protested outside the town hall.",
            "Many protesters gathered in front of the town hall.",
            "The bakery sells bread made from local wheat.",
        ]
    )
    assert a @ para > 0.7
    assert a @ other < 0.3


def test_load_embedder_rejects_bad_threads():
    with pytest.raises(ValueError, match="threads"):
        load_embedder(threads=0)
