"""Train -> export -> load, end to end on a tiny config (needs the train extra)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from trm_intent import DataError, IntentClassifier, ModelError, TRMConfig, load_records
from trm_intent.artifacts import META_FILE, MODEL_FILE, TOKENIZER_FILE, WINDOW_FILE
from trm_intent.cli import main
from trm_intent.config import TrainConfig
from trm_intent.contract import batch_inputs, window_contexts

from .conftest import TINY_CONFIG

onnx = pytest.importorskip("onnx")
pytestmark = pytest.mark.slow


def test_model_directory_is_complete_and_unrolled(tiny_model: Path) -> None:
    assert sorted(p.name for p in tiny_model.iterdir()) == sorted(
        [META_FILE, MODEL_FILE, TOKENIZER_FILE, WINDOW_FILE]
    )
    protos = [onnx.load(str(tiny_model / name)) for name in (MODEL_FILE, WINDOW_FILE)]
    step, window = (
        {
            v.name: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
            for v in (*proto.graph.input, *proto.graph.output)
        }
        for proto in protos
    )
    for proto in protos:
        onnx.checker.check_model(proto, full_check=True)
        assert not {n.op_type for n in proto.graph.node} & {"Loop", "Scan", "If"}
    assert step["input_ids"] == step["attention_mask"] == ["batch", "seq"]
    assert step["y"] == step["context"] == ["batch", "seq", 32]
    assert window["window_ids"] == window["window_mask"] == ["batch", "window"]
    assert window["context"] == ["batch", TINY_CONFIG["model"]["max_tokens"], 32]
    meta = json.loads((tiny_model / META_FILE).read_text())
    assert meta["format_version"] == 4
    assert meta["labels"] == ["command", "dictation"]
    # The window cut the model was trained with, and the command threshold chosen on held-out.
    assert meta["window"] == TrainConfig().window.model_dump()
    assert 0.5 <= meta["command_threshold"] <= 1
    assert meta["config"]["hidden"] == 32 and meta["metrics"]["val_acc"] > 0
    # How long the run was set to train and which epoch it kept are both on record.
    training = meta["training"]
    assert training["planned_epochs"] == TINY_CONFIG["epochs"]
    assert 1 <= training["epochs"] <= training["planned_epochs"]


def test_bpe_dropout_stays_in_training(tiny_model: Path) -> None:
    # The tiny model trained with the default BPE-dropout; what it serves must be deterministic.
    tok = json.loads((tiny_model / TOKENIZER_FILE).read_text(encoding="utf-8"))
    assert tok["model"]["dropout"] is None
    clf = IntentClassifier(tiny_model)
    runs = {
        tuple(clf.classify("please select the previous paragraph and delete it").probabilities.values())
        for _ in range(30)
    }
    assert len(runs) == 1


def test_dropout_is_training_only() -> None:
    # TrainConfig.dropout regularises training; the network that is evaluated, calibrated and
    # exported (eval mode) must be the same function as without it.
    torch = pytest.importorskip("torch")
    from trm_intent.training.model import TRM

    cfg = TRMConfig(vocab_size=64, max_tokens=16, hidden=32)
    torch.manual_seed(0)
    plain = TRM(cfg).eval()
    dropped = TRM(cfg, dropout=0.5)
    dropped.load_state_dict(plain.state_dict())
    ids = torch.randint(1, 64, (4, 12))
    window = torch.randint(1, 64, (4, 6))
    inputs = (ids, torch.ones_like(ids), window, torch.ones_like(window))
    with torch.no_grad():
        want = plain(*inputs)[0]
        assert torch.equal(dropped.eval()(*inputs)[0], want)
        assert not torch.allclose(dropped.train()(*inputs)[0], want)


def test_parity_with_torch(tiny_model: Path, tiny_data: Path) -> None:
    from trm_intent.export import model_from_checkpoint, parity
    from trm_intent.training.checkpoint import load_checkpoint

    records, _ = load_records(tiny_data)
    model = model_from_checkpoint(load_checkpoint(tiny_model.with_name("tiny.run") / "best.pt"))
    samples = [(r.transcript, r.context) for r in records[:250]]
    assert len(samples) >= 200
    diff = parity(model, IntentClassifier(tiny_model), samples)
    assert diff["probs"] <= 1e-4 and diff["halt"] <= 1e-4
    assert diff["decisions_differ"] == 0


def test_runs_any_batch_and_length(tiny_model: Path) -> None:
    clf = IntentClassifier(tiny_model)
    texts = ["undo", "go to line 12", "this is a much longer sentence " * 20]
    results = clf.classify_batch(texts * 3)
    assert len(results) == 9
    assert all(abs(sum(r.probabilities.values()) - 1) < 1e-5 for r in results)


def test_bad_data_stops_before_any_work(tmp_path: Path, tiny_data: Path, tiny_config: Path) -> None:
    bad = tmp_path / "corrections.jsonl"
    bad.write_text(
        '{"transcript": "undo", "context": {"app_name": "Code", "bundle_id": "x", '
        '"window_title": ""}, "label": "command"}\n{"transcript": "x", "label": "maybe"}\n'
    )
    out = tmp_path / "model"
    with pytest.raises(DataError, match=r"corrections\.jsonl:2"):
        from trm_intent.training import train

        train([tiny_data, bad], tmp_path / "run")
    assert (
        main(
            [
                "train",
                "--data",
                str(tiny_data),
                "--data",
                str(bad),
                "--out",
                str(out),
                "--config",
                str(tiny_config),
                "--quiet",
            ]
        )
        == 2
    )
    assert not out.exists() and not (tmp_path / "model.run").exists()


def test_init_from_and_export_replace_atomically(
    tmp_path: Path, tiny_model: Path, tiny_data: Path, tiny_config: Path
) -> None:
    target = tmp_path / "model"
    shutil.copytree(tiny_model, target)
    before = IntentClassifier(target).meta.onnx_sha256
    assert (
        main(
            [
                "train",
                "--data",
                str(tiny_data),
                "--out",
                str(target),
                "--config",
                str(tiny_config),
                "--epochs",
                "1",
                "--init-from",
                str(tiny_model),
                "--quiet",
            ]
        )
        == 0
    )
    clf = IntentClassifier(target)
    assert clf.meta.training.init_from == tiny_model.name  # by name, never a path
    assert clf.meta.onnx_sha256 != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "model.run"]
    again = tmp_path / "again"
    assert (
        main(
            [
                "export",
                "--checkpoint",
                str(tmp_path / "model.run" / "best.pt"),
                "--out",
                str(again),
                "--data",
                str(tiny_data),
            ]
        )
        == 0
    )
    assert IntentClassifier(again).meta.onnx_sha256 == clf.meta.onnx_sha256


def test_bad_model_directories(tmp_path: Path, tiny_model: Path) -> None:
    for name in (MODEL_FILE, WINDOW_FILE, TOKENIZER_FILE, META_FILE):
        d = tmp_path / f"missing-{name}"
        shutil.copytree(tiny_model, d)
        (d / name).unlink()
        with pytest.raises(ModelError, match=name.replace(".", r"\.") + ": missing"):
            IntentClassifier(d)
    truncated = tmp_path / "truncated"
    shutil.copytree(tiny_model, truncated)
    data = (truncated / MODEL_FILE).read_bytes()
    (truncated / MODEL_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="model.onnx: SHA-256"):
        IntentClassifier(truncated)
    foreign = tmp_path / "foreign"
    shutil.copytree(tiny_model, foreign)
    tok = json.loads((foreign / TOKENIZER_FILE).read_text())
    tok["model"]["vocab"]["zzz-foreign"] = 10**6
    (foreign / TOKENIZER_FILE).write_text(json.dumps(tok))
    with pytest.raises(ModelError, match="tokenizer.json: SHA-256"):
        IntentClassifier(foreign)
    broken_meta = tmp_path / "meta"
    shutil.copytree(tiny_model, broken_meta)
    meta = json.loads((broken_meta / META_FILE).read_text())
    del meta["labels"]
    (broken_meta / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"trm_intent\.json: invalid metadata \(labels: Field required"):
        IntentClassifier(broken_meta)
    with pytest.raises(ModelError, match="not a model directory"):
        IntentClassifier(tmp_path / "nowhere")


def test_y_z_feedback_changes_the_answer_state(tiny_model: Path) -> None:
    """The step graph really recurses: feeding (y, z) back changes y."""
    clf = IntentClassifier(tiny_model)
    row = clf.encode("go to line 5", None)
    inputs = batch_inputs([row], clf.meta.pad_id, window_contexts(clf.window, [row]))
    state = np.zeros((1, inputs[0].shape[1], 32), np.float32)
    ids, context, mask = inputs
    *_, y1, z1 = clf.step(ids, context, mask, state, state)
    *_, y2, _ = clf.step(ids, context, mask, y1, z1)
    assert not np.allclose(y1, y2)
