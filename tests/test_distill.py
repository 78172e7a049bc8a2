"""Distillation: a run learns from exported teachers trained on its own split, never another's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, load_records
from trm_intent.dataset import split_records
from trm_intent.schema import LABELS

from .conftest import TINY_CONFIG

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.slow


def test_teacher_probabilities_are_the_teachers_answers(tiny_model: Path, tiny_data: Path) -> None:
    from trm_intent.training.train import TrainConfig, teacher_probabilities

    records, _ = load_records(tiny_data)
    train = split_records(records, 0.15, 0).train[:40]
    probs = teacher_probabilities([str(tiny_model), str(tiny_model)], train, TrainConfig())
    clf = IntentClassifier(tiny_model)
    expected = [[clf.classify(r.transcript, r.context).probabilities[lab] for lab in LABELS]
                for r in train]
    assert probs.shape == (40, len(LABELS))
    assert torch.allclose(probs, torch.tensor(expected), atol=1e-5)


def test_teacher_from_another_split_is_refused_before_anything_is_written(
        tmp_path: Path, tiny_model: Path, tiny_data: Path) -> None:
    from trm_intent.training.train import TrainConfig, train

    cfg = TrainConfig.model_validate({**TINY_CONFIG, "seed": 1, "teachers": [str(tiny_model)]})
    with pytest.raises(ValueError, match=f"teacher {tiny_model}: trained on the split of seed 0"):
        train([tiny_data], tmp_path / "run", cfg, progress=False)
    assert not (tmp_path / "run").exists()


def test_distilled_run_trains_and_records_its_teachers(tmp_path: Path, tiny_model: Path,
                                                       tiny_data: Path) -> None:
    from trm_intent.training.train import load_checkpoint

    from trm_intent.cli import main

    config = tmp_path / "cfg.json"
    config.write_text(json.dumps({**TINY_CONFIG, "teachers": [str(tiny_model)],
                                  "teacher_weight": 0.8}), encoding="utf-8")
    out = tmp_path / "student"
    assert main(["train", "--data", str(tiny_data), "--out", str(out), "--config", str(config),
                 "--quiet"]) == 0
    saved = load_checkpoint(out.with_name("student.run") / "best.pt")["train_config"]
    assert saved["teachers"] == [str(tiny_model)] and saved["teacher_weight"] == 0.8
    # The student is a complete model that agrees with its teacher on most training records.
    records, _ = load_records(tiny_data)
    train = split_records(records, 0.15, 0).train[:200]
    student, teacher = IntentClassifier(out), IntentClassifier(tiny_model)
    same = sum(student.classify(r.transcript, r.context).intent
               == teacher.classify(r.transcript, r.context).intent for r in train)
    assert same >= 0.8 * len(train), same
