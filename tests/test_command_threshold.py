"""The command threshold: chosen on held-out for command precision (the lowest threshold that
reaches it, else the most precise), applied as P(command) >= threshold, and reported as a
precision-recall curve by `score` (calibration does not move with the threshold)."""

from __future__ import annotations

import numpy as np
import pytest

from trm_intent.contract import decide, to_result
from trm_intent.evaluate import (
    CURVE_THRESHOLDS,
    apply_temperature,
    choose_command_threshold,
    command_point,
    score,
)
from trm_intent.schema import LabeledRecord

LABELS = ["command", "dictation"]
# P(command) of eight records and whether each is a command: precision climbs with the threshold.
P = np.array([0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99])
GOLD = [False, True, False, True, True, True, True, True]


def test_command_point_counts_the_decided_commands() -> None:
    pt = command_point(P, GOLD, 0.7)  # decided: 0.7 (no), 0.8, 0.9, 0.95, 0.97, 0.99
    assert (pt.threshold, pt.commands) == (0.7, 6)
    assert pt.precision == pytest.approx(5 / 6) and pt.recall == pytest.approx(5 / 6)
    assert command_point(P, GOLD, 0.995).precision == 1.0  # none decided: nothing wrongly executed
    assert command_point(P, GOLD, 0.995).recall == 0.0


def test_the_lowest_threshold_that_reaches_the_precision() -> None:
    pt = choose_command_threshold(P, GOLD, precision=1.0)
    # 0.7 lets one dictation through, 0.8 lets none: halfway between them
    assert pt.threshold == pytest.approx(0.75)
    assert (pt.precision, pt.recall, pt.commands) == (1.0, pytest.approx(5 / 6), 5)
    assert command_point(P, GOLD, pt.threshold) == pt.model_copy(update={"threshold": pt.threshold})
    lower = choose_command_threshold(P, GOLD, precision=0.8)
    assert lower.threshold == pytest.approx(0.575) and lower.precision >= 0.8  # 6 of 7 decided
    # Reaching it already at 0.5 keeps 0.5: never below what the likelier label would decide.
    assert choose_command_threshold(P, [True] * len(P), 0.99).threshold == 0.5


def test_when_no_threshold_reaches_the_precision_the_most_precise_is_kept() -> None:
    p = np.array([0.6, 0.7, 0.8, 0.9, 0.95])
    gold = [True, False, True, True, False]  # the surest record is a dictation: 1.0 is out of reach
    pt = choose_command_threshold(p, gold, precision=1.0)
    best = max(command_point(p, gold, t).precision for t in (0.5, *p))
    assert pt.precision == best == pytest.approx(2 / 3)
    assert pt.threshold == pytest.approx(0.75) and pt.commands == 3
    # Equally precise thresholds: the lowest, which keeps the most commands.
    tie = choose_command_threshold(np.array([0.6, 0.7, 0.8, 0.9]), [True, False, True, False], 0.9)
    assert (tie.threshold, tie.precision, tie.commands) == (0.5, 0.5, 4)


def test_the_precision_is_sought_only_where_recall_stays() -> None:
    # 1.0 is reached at 0.8 with recall 5/6; asking recall 0.9 of the threshold rules that out.
    floor = choose_command_threshold(P, GOLD, precision=1.0, recall=0.9)
    assert floor.recall >= 0.9 and floor.threshold < 0.8
    # Of the thresholds that keep recall 0.9, the most precise (the lowest of equals).
    keeping = [command_point(P, GOLD, t) for t in (0.5, *P) if command_point(P, GOLD, t).recall >= 0.9]
    assert floor.precision == max(pt.precision for pt in keeping)
    # A floor nothing keeps leaves the likelier label's decision.
    assert choose_command_threshold(P, GOLD, precision=1.0, recall=1.01).threshold == 0.5


def test_the_threshold_does_not_sit_on_a_probability() -> None:
    """Float noise in the chosen record's probability (another CPU, another graph optimisation)
    decides every record the same way."""
    pt = choose_command_threshold(P, GOLD, precision=1.0)
    assert pt.threshold not in set(P.tolist())
    for eps in (-1e-6, 1e-6):
        assert command_point(P + eps, GOLD, pt.threshold).commands == pt.commands
    # Records under 0.5 play no part: the likelier label's decision is the floor.
    three = choose_command_threshold(np.array([0.3, 0.6, 0.7]), [False, False, True], 1.0)
    assert three.threshold == pytest.approx(0.65) and three.commands == 1


def test_a_command_needs_its_probability_to_reach_the_threshold() -> None:
    probs = np.array([0.93, 0.07], dtype=np.float32)
    assert decide(probs, 0.5) == 0 and decide(probs, float(probs[0])) == 0  # reaching it is enough
    assert decide(probs, 0.95) == 1
    strict = to_result(LABELS, probs, 0.9, 1, command_threshold=0.95)
    plain = to_result(LABELS, probs, 0.9, 1)
    assert (plain.intent, strict.intent) == ("command", "dictation")
    assert strict.probabilities == plain.probabilities
    assert strict.confidence == pytest.approx(0.07)  # the probability of what was decided


def _records(labels: list[str]) -> list[LabeledRecord]:
    return [
        LabeledRecord.model_validate(
            {"id": f"r{i}", "transcript": f"words {i}", "context": {}, "label": label}
        )
        for i, label in enumerate(labels)
    ]


def test_score_reports_the_curve_and_the_threshold_it_decided_at() -> None:
    records = _records(["command" if g else "dictation" for g in GOLD])
    results = [to_result(LABELS, np.array([p, 1 - p]), 0.9, 1, command_threshold=0.8) for p in P]
    report = score(records, results, 0.8)
    assert report.command_threshold == 0.8
    thresholds = [pt.threshold for pt in report.command_curve]
    assert thresholds == sorted({*CURVE_THRESHOLDS, 0.8})
    at = next(pt for pt in report.command_curve if pt.threshold == 0.8)
    assert (at.precision, at.recall, at.commands) == (1.0, pytest.approx(5 / 6), 5)
    assert report.accuracy == pytest.approx(7 / 8)  # decided at 0.8: only the command at 0.6 is typed
    # The probabilities are the same whatever the threshold: so is the calibration.
    at_half = score(records, [to_result(LABELS, np.array([p, 1 - p]), 0.9, 1) for p in P], 0.5)
    assert at_half.accuracy == pytest.approx(6 / 8)
    assert at_half.ece == pytest.approx(report.ece)
    assert at_half.mean_confidence == pytest.approx(report.mean_confidence)


def test_apply_temperature_is_the_graphs_softmax() -> None:
    logits = np.array([[2.0, -1.0], [0.3, 0.1]])
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    tempered = apply_temperature(probs, 2.0)
    expected = np.exp(logits / 2) / np.exp(logits / 2).sum(1, keepdims=True)
    np.testing.assert_allclose(tempered, expected, atol=1e-9)
    np.testing.assert_allclose(apply_temperature(probs, 1.0), probs, atol=1e-9)
