"""`score`'s whole-answer accuracy: the intent and every word's label right (what training keeps
the epoch by)."""

from __future__ import annotations

from trm_intent.evaluate import score
from trm_intent.schema import IntentResult, LabeledRecord, Segment

CODE = {"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": "app.py"}
MIXED = LabeledRecord.model_validate(
    {
        "context": CODE,
        "transcript": "undo that and type see you",
        "label": "command",
        "tags": ["mixed"],
        "segments": [
            {"text": "undo that and type", "label": "command"},
            {"text": "see you", "label": "dictation"},
        ],
    }
)
PLAIN = LabeledRecord.model_validate({"transcript": "save the file", "label": "command", "context": CODE})
AMBIGUOUS = LabeledRecord.model_validate(
    {"transcript": "next", "label": "command", "tags": ["ambiguous"], "context": CODE}
)


def result(intent: str, *spans: tuple[str, str, int]) -> IntentResult:
    return IntentResult(
        intent=intent,  # type: ignore[arg-type]
        confidence=0.9,
        halting_confidence=0.9,
        probabilities={"command": 0.9, "dictation": 0.1},
        steps=1,
        segments=[
            Segment(text=t, intent=i, confidence=0.9, start=s, end=s + len(t))  # type: ignore[arg-type]
            for t, i, s in spans
        ],
    )


def test_a_right_intent_with_a_wrong_cut_is_not_a_right_answer() -> None:
    cut = result("command", ("undo that and type", "command", 0), ("see you", "dictation", 19))
    whole = result("command", ("undo that and type see you", "command", 0))
    plain = result("command", ("save the file", "command", 0))
    wrong = result("dictation", ("next", "dictation", 0))  # ambiguous: left out
    report = score([MIXED, PLAIN, AMBIGUOUS], [cut, plain, wrong])
    assert report.accuracy == 1.0 and report.accuracy_words == 1.0
    report = score([MIXED, PLAIN, AMBIGUOUS], [whole, plain, wrong])
    assert report.accuracy == 1.0 and report.accuracy_words == 0.5
    split_plain = result("command", ("save", "command", 0), ("the file", "dictation", 5))
    assert score([PLAIN], [split_plain]).accuracy_words == 0.0
