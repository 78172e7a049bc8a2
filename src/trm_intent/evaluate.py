"""Scoring a classifier on labeled records: accuracy, F1, confusion, calibration, slices."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

from .runtime import IntentClassifier
from .schema import LABELS, IntentResult, LabeledRecord

AMBIGUOUS = "ambiguous"


class LabelScores(BaseModel):
    precision: float
    recall: float
    f1: float
    support: int


class Slice(BaseModel):
    records: int
    accuracy: float


class Miss(BaseModel):
    """A misclassified record."""

    id: str | None
    transcript: str
    app_name: str
    label: str
    predicted: str
    confidence: float


class ThresholdPoint(BaseModel):
    """The command decision at one threshold: a command when P(command) >= threshold."""

    threshold: float
    precision: float = Field(description="Share of the decided commands that are commands (1.0 when none).")
    recall: float = Field(description="Share of the commands decided as commands.")
    commands: int = Field(description="Records decided as commands.")


# The thresholds `eval` shows the command decision at (besides the model's own).
CURVE_THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999)


def command_point(p_command: np.ndarray, is_command: Sequence[bool], threshold: float) -> ThresholdPoint:
    """Precision and recall of deciding "command" when ``p_command >= threshold``."""
    decided = np.asarray(p_command) >= threshold
    gold = np.asarray(is_command, dtype=bool)
    tp = int((decided & gold).sum())
    return ThresholdPoint(
        threshold=float(threshold),
        precision=tp / int(decided.sum()) if decided.any() else 1.0,
        recall=tp / int(gold.sum()) if gold.any() else 1.0,
        commands=int(decided.sum()),
    )


def choose_command_threshold(
    p_command: np.ndarray, is_command: Sequence[bool], precision: float, recall: float = 0.0
) -> ThresholdPoint:
    """The lowest threshold whose command precision reaches ``precision`` (the most commands
    kept at that precision); when none does, the one with the highest precision (the lowest of
    equals). Only thresholds that keep command recall at ``recall`` or more are candidates (0.5,
    the likelier label's decision, always is): a threshold that types most commands is no
    decision a user can work with.

    The threshold returned lies halfway between the chosen record's probability and the next
    lower one (0.5 at the lowest), so the same records are decided the same way when a
    probability moves by float noise (another graph optimisation, another CPU): precision,
    recall and commands are those of the chosen record's probability.
    """
    p = np.asarray(p_command, dtype=np.float64)
    candidates = np.unique(np.concatenate([[0.5], p[p >= 0.5]]))
    points = [command_point(p, is_command, float(t)) for t in candidates]
    points = [pt for i, pt in enumerate(points) if i == 0 or pt.recall >= recall]
    meeting = [pt for pt in points if pt.precision >= precision and pt.commands]
    chosen = meeting[0] if meeting else max(points, key=lambda pt: (pt.precision, -pt.threshold))
    if chosen.threshold <= 0.5:
        return chosen
    below = candidates[candidates < chosen.threshold]  # 0.5 is always there
    return chosen.model_copy(update={"threshold": float((below[-1] + chosen.threshold) / 2)})


def apply_temperature(probs: np.ndarray, temperature: float) -> np.ndarray:
    """``probs`` with their logits divided by ``temperature`` (what the exported graph gives)."""
    logits = np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0)) / temperature
    logits -= logits.max(1, keepdims=True)
    out = np.exp(logits)
    return out / out.sum(1, keepdims=True)


class SegmentSlice(BaseModel):
    records: int
    word_accuracy: float
    exact: float


class SegmentationScores(BaseModel):
    """How the results cut the transcripts into command and dictation words.

    Mixed records are those whose words carry both labels (``segments`` in the data); plain
    records should stay one segment. Boundaries are the places between two words where the
    label changes, counted over all records.
    """

    mixed: int
    word_accuracy_mixed: float = Field(description="Words labelled right, over the mixed records' words.")
    exact_mixed: float = Field(description="Mixed records whose every word is labelled right.")
    plain: int
    one_segment_plain: float = Field(description="Plain records answered with one segment.")
    boundary_precision: float
    boundary_recall: float
    by_source: dict[str, SegmentSlice] = Field(description="Mixed records by source.")


def predicted_word_labels(result: IntentResult, words: int) -> list[str]:
    """The label of each word of the transcript as ``result.segments`` cut it."""
    labels: list[str] = [seg.intent for seg in result.segments for _ in seg.text.split()]
    return labels if len(labels) == words else [result.intent] * words


def segmentation_scores(
    records: Sequence[LabeledRecord], results: Sequence[IntentResult]
) -> SegmentationScores:
    """Word accuracy, exact segmentation and boundaries of ``results`` against the records."""
    mixed_words = mixed_right = mixed_exact = mixed = plain = plain_one = 0
    bound_tp = bound_pred = bound_gold = 0
    groups: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for record, result in zip(records, results):
        gold = record.word_labels()
        pred = predicted_word_labels(result, len(gold))
        gb = {i for i in range(1, len(gold)) if gold[i] != gold[i - 1]}
        pb = {i for i in range(1, len(pred)) if pred[i] != pred[i - 1]}
        bound_tp, bound_pred, bound_gold = bound_tp + len(gb & pb), bound_pred + len(pb), bound_gold + len(gb)
        if gb:
            right = sum(g == p for g, p in zip(gold, pred))
            mixed, mixed_words, mixed_right = mixed + 1, mixed_words + len(gold), mixed_right + right
            mixed_exact += right == len(gold)
            groups[record.source or "-"].append((len(gold), right, right == len(gold)))
        else:
            plain, plain_one = plain + 1, plain_one + (not pb)
    return SegmentationScores(
        mixed=mixed,
        word_accuracy_mixed=mixed_right / mixed_words if mixed_words else 0.0,
        exact_mixed=mixed_exact / mixed if mixed else 0.0,
        plain=plain,
        one_segment_plain=plain_one / plain if plain else 1.0,
        boundary_precision=bound_tp / bound_pred if bound_pred else 1.0,
        boundary_recall=bound_tp / bound_gold if bound_gold else 1.0,
        by_source={
            k: SegmentSlice(
                records=len(v),
                word_accuracy=sum(r for _, r, _ in v) / sum(n for n, _, _ in v),
                exact=sum(e for _, _, e in v) / len(v),
            )
            for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        },
    )


class EvalReport(BaseModel):
    """Scores on a labeled set. ``accuracy`` leaves out records tagged ``ambiguous``
    (LABELING.md judges those by confidence); ``accuracy_all`` counts them too."""

    records: int
    accuracy: float
    accuracy_all: float
    accuracy_words: float = Field(
        description="Records (ambiguous ones left out) whose intent and every word's label are right."
    )
    macro_f1: float
    per_label: dict[str, LabelScores]
    confusion: dict[str, dict[str, int]]
    ece: float
    mean_steps: float
    mean_confidence: float
    mean_confidence_ambiguous: float | None
    by_app: dict[str, Slice]
    by_tag: dict[str, Slice]
    by_source: dict[str, Slice]
    segmentation: SegmentationScores
    command_threshold: float = Field(description="The threshold the results were decided at.")
    command_curve: list[ThresholdPoint] = Field(
        description="The command decision at CURVE_THRESHOLDS and at command_threshold (records not "
        "tagged ambiguous)."
    )
    errors: list[Miss]


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE of the predicted label's probability, equal-width bins over [0.5, 1]."""
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0.5, 1.0, bins + 1)
    idx = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            ece += sel.mean() * abs(correct[sel].mean() - confidence[sel].mean())
    return float(ece)


def fit_temperature(probs: np.ndarray, labels: np.ndarray) -> float:
    """The softmax temperature that minimises the negative log-likelihood of ``labels``.

    ``probs`` (records, labels) are answers at the step the runtime stops at; their logs are the
    logits up to a per-row constant, which a softmax ignores. Label smoothing (and the soft target
    of ambiguous records) trains the model to stop short of certainty, so raw probabilities run
    below accuracy; dividing the logits by this temperature fixes that and changes no decision.
    """
    logits = np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0))
    rows = np.arange(len(labels))
    grid = np.exp(np.linspace(np.log(0.2), np.log(5.0), 401))
    nll = []
    for t in grid:
        scaled = logits / t
        scaled -= scaled.max(1, keepdims=True)
        log_softmax = scaled - np.log(np.exp(scaled).sum(1, keepdims=True))
        nll.append(-log_softmax[rows, labels].mean())
    return float(grid[int(np.argmin(nll))])


def mcnemar(a: Sequence[bool], b: Sequence[bool]) -> dict[str, float]:
    """Paired comparison on the same records: ``only_a`` right only for A, ``only_b`` only for B;
    the exact two-sided p-value."""
    only_a = sum(x and not y for x, y in zip(a, b))
    only_b = sum(y and not x for x, y in zip(a, b))
    n = only_a + only_b
    if n == 0:
        return {"only_a": 0, "only_b": 0, "p": 1.0}
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1)) / 2**n
    return {"only_a": only_a, "only_b": only_b, "p": min(1.0, 2 * tail)}


def _slices(keys: Sequence[list[str]], correct: np.ndarray) -> dict[str, Slice]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for ks, ok in zip(keys, correct):
        for k in ks:
            groups[k].append(bool(ok))
    return {
        k: Slice(records=len(v), accuracy=float(np.mean(v)))
        for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }


def score(
    records: Sequence[LabeledRecord], results: Sequence[IntentResult], command_threshold: float = 0.5
) -> EvalReport:
    """Score predictions (decided at ``command_threshold``) against their records.

    Calibration (``ece``, ``mean_confidence``) is that of the probabilities: the likelier label's
    probability against whether that label is right, whatever the threshold decided.
    """
    if not records:
        raise ValueError("no records to score")
    gold = [r.label for r in records]
    pred = [r.intent for r in results]
    p_command = np.array([r.probabilities.get("command", 0.0) for r in results])
    conf = np.maximum(p_command, 1.0 - p_command)
    likelier = np.where(p_command >= 0.5, "command", "dictation")
    calibrated = np.array([g == p for g, p in zip(gold, likelier)])
    correct = np.array([g == p for g, p in zip(gold, pred)])
    gold_words = [r.word_labels() for r in records]
    words_right = np.array([predicted_word_labels(res, len(w)) == w for res, w in zip(results, gold_words)])
    ambiguous = np.array([AMBIGUOUS in r.tags for r in records])
    scored = ~ambiguous
    is_command = [g == "command" for g, s in zip(gold, scored) if s]
    curve = sorted({*CURVE_THRESHOLDS, command_threshold})
    command_curve = [command_point(p_command[scored], is_command, t) for t in curve]
    per_label: dict[str, LabelScores] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(label), gold.count(label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_label[label] = LabelScores(precision=prec, recall=rec, f1=f1, support=n_gold)
    confusion: dict[str, dict[str, int]] = {
        g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in LABELS} for g in LABELS
    }
    errors = [
        Miss(
            id=r.id,
            transcript=r.transcript,
            app_name=r.context.app_name,
            label=r.label,
            predicted=res.intent,
            confidence=res.confidence,
        )
        for r, res, ok in zip(records, results, correct)
        if not ok
    ]
    return EvalReport(
        records=len(records),
        accuracy=float(correct[scored].mean()) if scored.any() else 0.0,
        accuracy_all=float(correct.mean()),
        accuracy_words=float((correct & words_right)[scored].mean()) if scored.any() else 0.0,
        macro_f1=float(np.mean([s.f1 for s in per_label.values()])),
        per_label=per_label,
        confusion=confusion,
        ece=expected_calibration_error(conf[scored], calibrated[scored]),
        mean_steps=float(np.mean([r.steps for r in results])),
        mean_confidence=float(conf[scored].mean()) if scored.any() else 0.0,
        mean_confidence_ambiguous=float(conf[ambiguous].mean()) if ambiguous.any() else None,
        by_app=_slices([[r.context.app_name] for r in records], correct),
        by_tag=_slices([r.tags for r in records], correct),
        by_source=_slices([[r.source or "-"] for r in records], correct),
        segmentation=segmentation_scores(records, results),
        command_threshold=command_threshold,
        command_curve=command_curve,
        errors=errors,
    )


def predict(clf: IntentClassifier, records: Sequence[LabeledRecord], batch: int = 64) -> list[IntentResult]:
    """Classify every record, in batches."""
    results: list[IntentResult] = []
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        results.extend(clf.classify_batch([r.transcript for r in chunk], [r.context for r in chunk]))
    return results


def evaluate(clf: IntentClassifier, records: Sequence[LabeledRecord], batch: int = 64) -> EvalReport:
    """Classify every record and score the results."""
    return score(records, predict(clf, records, batch), clf.command_threshold)
