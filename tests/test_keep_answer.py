"""``keep_answer``: fine-tuning that trains the segments and keeps the starting model's decision."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from trm_intent import IntentClassifier
from trm_intent.dataset import load_records, split_records
from trm_intent.errors import TrmIntentError

pytest.importorskip("torch")

from trm_intent.export import weights_from_model_dir
from trm_intent.training import train

from trm_intent.config import TrainConfig

from .conftest import TINY_CONFIG

FLIP = {"command": "dictation", "dictation": "command"}


def _flipped(src: Path, dst: Path) -> Path:
    """Every label and every segment's label the other way round (a mixed record stays a
    command: it still holds one)."""
    out = []
    for line in src.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        r["label"] = FLIP[r["label"]]
        if r.get("segments"):
            for seg in r["segments"]:
                seg["label"] = FLIP[seg["label"]]
            r["label"] = "command" if any(s["label"] == "command" for s in r["segments"]) else "dictation"
        out.append(json.dumps(r))
    dst.write_text("\n".join(out) + "\n", encoding="utf-8")
    return dst


def _p_command(model_dir: Path, records: list) -> np.ndarray:
    clf = IntentClassifier(model_dir)
    return np.array(
        [
            r.probabilities["command"]
            for r in clf.classify_batch([x.transcript for x in records], [x.context for x in records])
        ]
    )


@pytest.mark.slow
def test_keep_answer_keeps_the_decision_while_the_rest_trains(
    tmp_path: Path, tiny_model: Path, tiny_data: Path
) -> None:
    from trm_intent.export import export_model
    from trm_intent.training.checkpoint import load_checkpoint

    flipped = _flipped(tiny_data, tmp_path / "flipped.jsonl")
    records, _ = load_records(tiny_data)
    held = split_records(records, 0.15, 0).val[:300]
    before = _p_command(tiny_model, held)
    moved = {}
    # First the answer loss alone (no token or halting loss): what moves the answers is then the
    # answer's target and nothing else. Then keep_answer with every loss on, as a real run has it.
    for keep, others in ((False, 0.0), (True, 0.0), (True, 1.0)):
        settings = {"epochs": 2, "lr": 1e-3, "keep_answer": keep}
        cfg = TrainConfig.model_validate(
            {**TINY_CONFIG, **settings, "segment_weight": others, "halt_weight": others}
        )
        run = tmp_path / f"run-{keep}-{others}"
        train([flipped], run, cfg, init=weights_from_model_dir(tiny_model), progress=False)
        out = tmp_path / f"model-{keep}-{others}"
        export_model(load_checkpoint(run / "best.pt"), out, [(r.transcript, r.context) for r in held[:20]])
        after = _p_command(out, held)
        moved[keep, others] = float(np.mean((after >= 0.5) != (before >= 0.5)))
        if keep:  # the run can be resumed with the answers it keeps
            assert "teacher" in (load_checkpoint(run / "last.pt").state or {})
    # Labels all turned round: trained on them, the decisions turn round; keep_answer keeps them.
    assert moved[False, 0.0] >= 0.3, moved
    assert moved[True, 0.0] <= 0.05, moved
    # With word labels that contradict every answer (nothing real is like this) and a halting head
    # trained on the flipped labels, the body pulls some answers along; keep_answer holds most.
    assert moved[True, 1.0] <= moved[False, 0.0] / 2, moved


def test_keep_answer_needs_weights_to_start_from(tmp_path: Path, tiny_data: Path) -> None:
    cfg = TrainConfig.model_validate({**TINY_CONFIG, "keep_answer": True})
    with pytest.raises(TrmIntentError, match="--init-from"):
        train([tiny_data], tmp_path / "run", cfg, progress=False)
    assert not (tmp_path / "run").exists()
