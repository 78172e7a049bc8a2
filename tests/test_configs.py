"""The committed sweep and ablation configurations are valid training configurations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("torch")

CONFIGS = sorted((ROOT / "training" / "configs").glob("*.json"))


def test_there_are_configs() -> None:
    assert len(CONFIGS) >= 5


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_run_validates(path: Path) -> None:
    from trm_intent.training.train import TrainConfig

    runs = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(runs, dict) and runs
    for fields in runs.values():
        TrainConfig.model_validate(fields)  # raises on an unknown field or a bad value
