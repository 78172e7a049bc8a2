"""Shared fixtures: paths, the committed data, and one tiny model trained end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "labeled_intents.jsonl"
SHARED = ROOT.parent / "shared"
DEV_EVAL = SHARED / "eval" / "dev_eval.jsonl"

TINY_CONFIG = {
    "model": {"hidden": 32, "heads": 2, "T": 2, "n": 1, "n_sup": 2, "vocab_size": 400, "max_tokens": 24},
    "epochs": 4,
    "batch_size": 32,
    "warmup_steps": 10,
}


def dev_eval_or_skip() -> Path:
    if not DEV_EVAL.is_file():
        pytest.skip("../shared/eval/dev_eval.jsonl is not here (only on the team's machines)")
    return DEV_EVAL


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fourth record of the committed data: enough to learn something in seconds."""
    lines = DATA.read_text(encoding="utf-8").splitlines()[::4]
    path = tmp_path_factory.mktemp("data") / "tiny.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cfg") / "tiny.json"
    path.write_text(json.dumps(TINY_CONFIG), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, tiny_data: Path, tiny_config: Path) -> Path:
    """A model directory trained and exported by the real CLI (needs torch)."""
    pytest.importorskip("torch")
    from trm_intent.cli import main

    out = tmp_path_factory.mktemp("models") / "tiny"
    assert (
        main(["train", "--data", str(tiny_data), "--out", str(out), "--config", str(tiny_config), "--quiet"])
        == 0
    )
    return out
