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
    return [
        sys.executable,
        "-m",
        "trm_intent.cli",
        "train",
        "--data",
        str(data),
        "--out",
        str(out),
        "--config",
        str(config),
        "--quiet",
        *extra,
    ]


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, f"training ended early: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.2)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_training_keeps_model_and_resumes(
    sig: signal.Signals, tmp_path: Path, tiny_model: Path, tiny_data: Path
) -> None:
    out = tmp_path / "model"
    shutil.copytree(tiny_model, out)
    before = {p.name: sha256_file(p) for p in out.iterdir()}
    config = tmp_path / "cfg.json"
    config.write_text(
        json.dumps(
            {
                "model": {
                    "hidden": 32,
                    "heads": 2,
                    "T": 1,
                    "n": 1,
                    "n_sup": 2,
                    "vocab_size": 400,
                    "max_tokens": 24,
                },
                "epochs": 40,
                "batch_size": 32,
            }
        )
    )
    proc = subprocess.Popen(
        _train_cmd(tiny_data, out, config),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a user's terminal sends it: a test run started in the background of a
        # non-interactive shell hands its children SIGINT ignored, and they would never see it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
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
    from trm_intent.training.checkpoint import load_checkpoint

    done = load_checkpoint(last).state["epoch"]
    assert done >= 1
    result = subprocess.run(
        _train_cmd(tiny_data, out, config, "--resume", "--epochs", str(done + 1)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "model.run" / "metrics.json").read_text())
    assert [h["epoch"] for h in metrics["history"]] == list(range(1, done + 2))
    assert IntentClassifier(out).meta.onnx_sha256 != before["model.onnx"]


def test_resuming_keeps_the_runs_recipe(tmp_path: Path, tiny_model: Path, tiny_data: Path) -> None:
    """--resume continues the run as it was configured: only its length comes from the caller."""
    from trm_intent.training.checkpoint import load_checkpoint
    from trm_intent.training.train import TrainConfig, train

    run = tmp_path / "tiny.run"
    shutil.copytree(tiny_model.with_name("tiny.run"), run)
    saved = load_checkpoint(run / "last.pt")
    epochs = saved.state["epoch"] + 1
    train([tiny_data], run, TrainConfig(epochs=epochs, lr=0.5, dropout=0.0), resume=True, progress=False)
    resumed = load_checkpoint(run / "last.pt")
    assert resumed.state["epoch"] == epochs
    assert resumed.meta.train == saved.meta.train.model_copy(update={"epochs": epochs})


def test_a_fresh_run_never_overwrites_checkpoints(tmp_path: Path, tiny_model: Path, tiny_data: Path) -> None:
    from trm_intent.training.train import TrainConfig, train

    run = tmp_path / "tiny.run"
    shutil.copytree(tiny_model.with_name("tiny.run"), run)
    before = {p.name: sha256_file(p) for p in run.iterdir()}
    with pytest.raises(FileExistsError, match="--resume"):
        train([tiny_data], run, TrainConfig(epochs=1), progress=False)
    assert {p.name: sha256_file(p) for p in run.iterdir()} == before


def test_a_checkpoint_of_another_format_is_refused_clearly(tmp_path: Path, tiny_model: Path) -> None:
    import torch
    from trm_intent.training.checkpoint import CheckpointError, load_checkpoint

    old = tmp_path / "old.pt"
    torch.save({"train_config": {}, "ema": {}, "metrics": {}}, old)
    with pytest.raises(CheckpointError, match="old.pt: not a checkpoint of this trm-intent"):
        load_checkpoint(old)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(CheckpointError, match="notes.txt: not a training checkpoint"):
        load_checkpoint(text)
    with pytest.raises(CheckpointError, match="is a directory"):
        load_checkpoint(tiny_model)
