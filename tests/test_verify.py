"""The verifier: loading with sha256 checks, ONNX export/quantisation round trip, training
resume, validation figures and the leak-free data split."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from factdiff.errors import ModelError
from factdiff.models.hashes import sha256_file
from factdiff.verify.onnx_verifier import load_verifier

REPO = Path(__file__).resolve().parents[1]
TOKENIZER = REPO / "src" / "factdiff" / "models" / "minilm" / "tokenizer.json"

PAIRS = [
    ("Mayor Anne Ross signed the order on Tuesday.", "Mayor Anne Ross signed the order."),
    ("Mayor Anne Ross signed the order on Tuesday.", "Mayor Peter Lind signed the order."),
    ("At least 12 people were hurt in the fire.", "21 people were hurt in the fire."),
    ("The council may approve the plan.", "The council will approve the plan."),
    ("Police said 50 people were rescued.", "Residents claim that fifty people were rescued."),
]


def write_folder(folder: Path, model_bytes: bytes | None = None, model_file: Path | None = None):
    folder.mkdir(parents=True, exist_ok=True)
    if model_file is not None:
        shutil.copyfile(model_file, folder / "model.onnx")
    else:
        (folder / "model.onnx").write_bytes(model_bytes or b"not an onnx model")
    shutil.copyfile(TOKENIZER, folder / "tokenizer.json")
    files = {
        n: {"sha256": sha256_file(folder / n), "size": (folder / n).stat().st_size}
        for n in ("model.onnx", "tokenizer.json")
    }
    (folder / "manifest.json").write_text(json.dumps({"files": files, "max_length": 64}))
    return folder


# --------------------------------------------------------------------------- loading


def test_not_shipped_gives_none(tmp_path):
    assert load_verifier(tmp_path / "nothing-here") is None


def test_corrupt_file_fails_its_hash(tmp_path):
    folder = write_folder(tmp_path / "v")
    (folder / "model.onnx").write_bytes(b"tampered")
    with pytest.raises(ModelError) as err:
        load_verifier(folder)
    assert err.value.code == "model_corrupt"
    assert "sha256" in err.value.message and "reinstall" in err.value.message


def test_missing_file_is_named(tmp_path):
    folder = write_folder(tmp_path / "v")
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ModelError) as err:
        load_verifier(folder)
    assert err.value.code == "model_missing"
    assert "tokenizer.json" in err.value.message


def test_unreadable_manifest(tmp_path):
    folder = write_folder(tmp_path / "v")
    (folder / "manifest.json").write_text("{not json")
    with pytest.raises(ModelError) as err:
        load_verifier(folder)
    assert err.value.code == "model_corrupt"


def test_valid_hash_but_not_a_model(tmp_path):
    folder = write_folder(tmp_path / "v", model_bytes=b"\x00garbage bytes")
    with pytest.raises(ModelError) as err:
        load_verifier(folder)
    assert err.value.code == "model_unloadable"


def test_shipped_verifier_loads_if_present():
    """The model in the repository passes its own hash check and scores sensibly."""
    verifier = load_verifier()
    if verifier is None:
        pytest.skip("no verifier shipped in this checkout")
    probs = verifier.score([p for p, _ in PAIRS], [h for _, h in PAIRS])
    assert probs.shape == (len(PAIRS),) and ((probs >= 0) & (probs <= 1)).all()
    assert probs[0] > probs[1]  # the faithful copy beats the swapped name


# --------------------------------------------------------------------------- export (torch)


def tiny_model(seed: int = 0):
    torch = pytest.importorskip("torch")
    from factdiff.training.modeling import BertConfig, CrossEncoder

    torch.manual_seed(seed)
    cfg = BertConfig(
        hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32
    )
    model = CrossEncoder(cfg)
    torch.nn.init.normal_(model.classifier.weight, std=1.0)  # spread the scores out
    return model.eval()


def torch_probs(model, max_length=64):
    from factdiff.training.data import PairExample
    from factdiff.training.train import load_tokenizer, predict

    rows = [PairExample(p, h, 1, "test") for p, h in PAIRS]
    return predict(model, load_tokenizer(TOKENIZER, max_length), rows)


def test_export_round_trip_matches_torch(tmp_path):
    from factdiff.training.export import export_onnx

    model = tiny_model()
    export_onnx(model, tmp_path / "fp32.onnx")
    verifier = load_verifier(write_folder(tmp_path / "v", model_file=tmp_path / "fp32.onnx"))
    got = verifier.score([p for p, _ in PAIRS], [h for _, h in PAIRS], batch_size=2)
    np.testing.assert_allclose(got, torch_probs(model), atol=1e-4)
    # Batch size and order must not change a pair's score (padding is masked).
    single = verifier.score([PAIRS[3][0]], [PAIRS[3][1]])
    np.testing.assert_allclose(single[0], got[3], atol=1e-5)


def test_int8_quantisation_is_smaller_and_close(tmp_path):
    from factdiff.training.export import export_onnx, quantize

    model = tiny_model(1)
    export_onnx(model, tmp_path / "fp32.onnx")
    quantize(tmp_path / "fp32.onnx", tmp_path / "int8.onnx")
    assert (tmp_path / "int8.onnx").stat().st_size < 0.5 * (tmp_path / "fp32.onnx").stat().st_size
    verifier = load_verifier(write_folder(tmp_path / "v", model_file=tmp_path / "int8.onnx"))
    got = verifier.score([p for p, _ in PAIRS], [h for _, h in PAIRS])
    assert np.abs(got - torch_probs(model)).max() < 0.1


def test_score_checks_its_arguments(tmp_path):
    from factdiff.training.export import export_onnx

    export_onnx(tiny_model(), tmp_path / "fp32.onnx")
    verifier = load_verifier(write_folder(tmp_path / "v", model_file=tmp_path / "fp32.onnx"))
    assert verifier.score([], []).shape == (0,)
    with pytest.raises(ValueError, match="same length"):
        verifier.score(["a"], [])
    with pytest.raises(ValueError, match="batch_size"):
        verifier.score(["a"], ["b"], batch_size=0)


# --------------------------------------------------------------------------- training


def tiny_base(folder: Path) -> Path:
    from dataclasses import asdict

    from safetensors.torch import save_file

    model = tiny_model(2)
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(asdict(model.config)))
    save_file(
        {k: v.contiguous() for k, v in model.bert.state_dict().items()},
        folder / "model.safetensors",
    )
    shutil.copyfile(TOKENIZER, folder / "tokenizer.json")
    return folder


def run_folder(path: Path) -> Path:
    from factdiff.training.data import PairExample, write_pairs

    path.mkdir(parents=True)
    rows = [PairExample(p, h, i % 2, "snli") for i, (p, h) in enumerate(PAIRS * 4)]
    write_pairs(rows, path / "train_pairs.jsonl")
    write_pairs(rows[:6], path / "val_pairs.jsonl")
    return path


def test_training_resumes_to_the_same_weights(tmp_path):
    torch = pytest.importorskip("torch")
    from factdiff.training.train import TrainConfig, train

    base = tiny_base(tmp_path / "base")

    def cfg(out: Path, max_steps=None) -> TrainConfig:
        return TrainConfig(
            out=out,
            base_model=base,
            batch_size=4,
            epochs=2,
            freeze_layers=0,
            checkpoint_every=1,
            log_every=1,
            threads=1,
            max_steps=max_steps,
            max_length=64,
        )

    straight = run_folder(tmp_path / "straight")
    train(cfg(straight))
    interrupted = run_folder(tmp_path / "interrupted")
    train(cfg(interrupted, max_steps=3))  # "interrupted" after 3 of 10 steps
    train(cfg(interrupted))
    events = [json.loads(x)["event"] for x in (interrupted / "log.jsonl").read_text().splitlines()]
    assert "resume" in events and events.count("epoch") == 2
    a = torch.load(straight / "model_final.pt")
    b = torch.load(interrupted / "model_final.pt")
    for key in a:
        torch.testing.assert_close(a[key], b[key], atol=1e-6, rtol=1e-5)


def test_figures_and_auc():
    from factdiff.training.data import PairExample
    from factdiff.training.train import figures, roc_auc

    labels = np.array([1, 1, 0, 0])
    assert roc_auc(labels, np.array([0.9, 0.8, 0.2, 0.1])) == 1.0
    assert roc_auc(labels, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
    rows = [PairExample("p", "h", int(y), "mnli") for y in labels]
    fig = figures(rows, np.array([0.9, 0.4, 0.6, 0.1]))
    assert fig["all"]["accuracy"] == 0.5 and fig["mnli"]["balanced_accuracy"] == 0.5


def test_validation_premises_never_in_training(shared_data):
    from factdiff.training.data import DEFAULT_TRAIN, DEFAULT_VAL, MixConfig, split_sources

    train, val = split_sources(shared_data / "nli", MixConfig(train=DEFAULT_TRAIN, val=DEFAULT_VAL))
    for name in DEFAULT_VAL:
        assert len(val[name]) == DEFAULT_VAL[name]
        assert not {r.premise for r in val[name]} & {r.premise for r in train[name]}
    assert {r.label for r in train["mnli"]} == {0, 1}


def summaries_folder(path: Path) -> Path:
    """A miniature ../shared/data with the three summary sets, written here."""
    doc_a = "The mill opened in 1901. It employed forty people. It closed after a flood."
    doc_b = "The choir sang on Friday. The hall was full. Tickets cost five pounds."
    se = path / "summedits"
    se.mkdir(parents=True)
    seed = "The mill opened in 1901. It closed after a flood."
    records = [
        {"doc": doc_a, "summary": seed, "original_summary": seed, "label": 1, "domain": "news"},
        {
            "doc": doc_a,
            "summary": "The mill opened in 1910. It closed after a flood.",
            "original_summary": seed,
            "label": 0,
            "domain": "news",
        },
    ]
    (se / "summedits_dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (path / "frank").mkdir()
    frank = {"article": doc_b, "summary": "Tickets cost ten pounds.", "Factuality": 0.0}
    (path / "frank" / "frank_valid.jsonl").write_text(json.dumps(frank) + "\n")
    (path / "summac").mkdir()
    claim = {"document": doc_b, "claim": "The choir sang on Friday.", "label": 1}
    (path / "summac" / "factcc.json").write_text(json.dumps([claim]))
    return path


def test_stage2_fine_tunes_on_summaries_and_export_records_both_stages(tmp_path):
    torch = pytest.importorskip("torch")
    from factdiff.eval.folds import fold_of
    from factdiff.training.export import run_record
    from factdiff.training.train import TrainConfig, read_pairs, train

    base = tiny_base(tmp_path / "base")
    common = dict(base_model=base, batch_size=4, freeze_layers=0, threads=1, max_length=64)
    stage1 = run_folder(tmp_path / "stage1")
    train(TrainConfig(out=stage1, **common))
    data = summaries_folder(tmp_path / "data")
    held = fold_of("The mill opened in 1901. It employed forty people. It closed after a flood.")
    stage2 = tmp_path / "stage2"
    train(
        TrainConfig(
            out=stage2,
            init_from=stage1 / "model_final.pt",
            summaries_dir=data,
            exclude_fold=held,
            replay=4,
            **common,
        )
    )
    trained = read_pairs(stage2 / "train_pairs.jsonl")
    val = read_pairs(stage2 / "val_pairs.jsonl")
    mill = [r for r in trained + val if "mill" in r.premise]
    # The mill document's fold is held out: its pairs are validation only, edit labelled 0.
    assert mill and all(r in val for r in mill)
    assert {(r.hypothesis, r.label) for r in mill} == {
        ("The mill opened in 1901.", 1),
        ("It closed after a flood.", 1),
        ("The mill opened in 1910.", 0),
    }
    assert sum(r.source == "snli" for r in trained) == 4  # the replayed stage-1 pairs
    record = run_record(stage2)
    assert record["train_config"]["init_from"].endswith("model_final.pt")
    assert record["checkpoint_fingerprints"]
    a = torch.load(stage1 / "model_final.pt")
    b = torch.load(stage2 / "model_final.pt")
    assert any(not torch.equal(a[k], b[k]) for k in a)  # stage 2 moved the weights
