"""Retraining never loses a working model: kill it, resume it, compare before switching."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trm_intent import IntentClassifier
from trm_intent.artifacts import sha256_file

pytest.importorskip("torch")
pytestmark = pytest.mark.slow


def _train_cmd(data: Path, out: Path, config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "trm_intent.cli", "train", "--data", str(data), "--out", str(out),
            "--config", str(config), "--quiet", *extra]


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, f"training ended early: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.2)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_training_keeps_model_and_resumes(sig: signal.Signals, tmp_path: Path, tiny_model: Path,
                                                 tiny_data: Path) -> None:
    out = tmp_path / "model"
    shutil.copytree(tiny_model, out)
    before = {p.name: sha256_file(p) for p in out.iterdir()}
    config = tmp_path / "cfg.json"
    config.write_text(json.dumps({"model": {"hidden": 32, "heads": 2, "T": 1, "n": 1, "n_sup": 2,
                                            "vocab_size": 400, "max_tokens": 24},
                                  "epochs": 40, "batch_size": 32}))
    proc = subprocess.Popen(_train_cmd(tiny_data, out, config), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    last = tmp_path / "model.run" / "last.pt"
    _wait_for(last, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    if sig == signal.SIGINT:
        assert "resume training with --resume" in err
    # The old model directory is untouched and still loads.
    assert {p.name: sha256_file(p) for p in out.iterdir()} == before
    IntentClassifier(out)
    # Resume with fewer epochs to finish quickly: the saved config is kept, so shorten it in place.
    from trm_intent.training.train import load_checkpoint

    done = load_checkpoint(last)["epoch"]
    assert done >= 1
    result = subprocess.run(_train_cmd(tiny_data, out, config, "--resume", "--epochs", str(done + 1)),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "model.run" / "metrics.json").read_text())
    assert [h["epoch"] for h in metrics["history"]] == list(range(1, done + 2))
    assert IntentClassifier(out).meta.onnx_sha256 != before["model.onnx"]


def test_resuming_an_older_run_keeps_its_recipe(tmp_path: Path, tiny_model: Path, tiny_data: Path) -> None:
    """A run checkpointed before BPE-dropout and dropout existed resumes without them, not with
    the new defaults."""
    import torch
    from trm_intent.training.train import TrainConfig, load_checkpoint, train

    run = tmp_path / "old.run"
    shutil.copytree(tiny_model.with_name("tiny.run"), run)
    state = load_checkpoint(run / "last.pt")
    assert state["train_config"]["bpe_dropout"] == TrainConfig().bpe_dropout > 0
    assert TrainConfig().dropout > 0
    for added in ("bpe_dropout", "letter_slips", "dropout"):
        del state["train_config"][added]
    torch.save(state, run / "last.pt")
    train([tiny_data], run, TrainConfig(epochs=state["epoch"] + 1), resume=True, progress=False)
    resumed = load_checkpoint(run / "last.pt")
    assert resumed["epoch"] == state["epoch"] + 1
    assert resumed["train_config"]["bpe_dropout"] == 0.0
    assert resumed["train_config"]["letter_slips"] is False
    assert resumed["train_config"]["dropout"] == 0.0
