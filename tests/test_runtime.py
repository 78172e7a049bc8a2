"""The public API on the bundled model: what vozctl relies on."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass

import pytest

import trm_intent
from trm_intent import IntentClassifier, IntentResult, WindowContext, load_records
from trm_intent.dataset import data_hash, split_records
from trm_intent.evaluate import evaluate

from .conftest import DATA, dev_eval_or_skip

VSCODE = WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode", window_title="intent.py")
SLACK = {"app_name": "Slack", "bundle_id": "com.tinyspeck.slackmacgap", "window_title": "#general"}


@dataclass
class AppContext:
    """What vozctl passes: its own type with the three attributes."""

    app_name: str
    bundle_id: str
    window_title: str


@pytest.fixture(scope="module")
def clf() -> IntentClassifier:
    return IntentClassifier()


def _check(r: IntentResult, clf: IntentClassifier) -> None:
    assert r.intent in ("command", "dictation")
    assert set(r.probabilities) == {"command", "dictation"}
    assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert r.confidence == pytest.approx(r.probabilities[r.intent])
    # A command needs P(command) >= the model's threshold (chosen for command precision, so often
    # above 0.5): a dictation decided below it may be less than 0.5 sure.
    decided = "command" if r.probabilities["command"] >= clf.command_threshold else "dictation"
    assert r.intent == decided
    assert 0.0 <= r.halting_confidence <= 1.0
    assert 1 <= r.steps <= clf.meta.config.n_sup


def test_clear_cases(clf: IntentClassifier) -> None:
    assert clf.classify("Go to line 50.", VSCODE).intent == "command"
    assert clf.classify("Scratch that.", VSCODE).intent == "command"
    text = "I think the issue is in the parser, let's look at it tomorrow morning."
    assert clf.classify(text, SLACK).intent == "dictation"


@pytest.mark.parametrize(
    "context",
    [
        VSCODE,
        SLACK,
        None,
        {},
        {"app_name": "Code"},
        AppContext("Code", "com.microsoft.VSCode", "a.py"),
        {"app_name": None, "bundle_id": None, "window_title": None},
    ],
)
def test_every_context_form(clf: IntentClassifier, context: object) -> None:
    _check(clf.classify("delete the last two words", context), clf)


def test_context_forms_agree(clf: IntentClassifier) -> None:
    as_dict = clf.classify("Copy that.", SLACK)
    as_model = clf.classify("Copy that.", WindowContext(**SLACK))
    as_object = clf.classify("Copy that.", AppContext(**SLACK))
    assert as_dict == as_model == as_object


def test_bad_context_is_a_clear_error(clf: IntentClassifier) -> None:
    with pytest.raises(TypeError, match="context must be"):
        clf.classify("undo", 42)
    with pytest.raises(ValueError, match="app_name"):
        clf.classify("undo", {"app_name": 3.5})


def test_bad_transcript_is_a_type_error(clf: IntentClassifier) -> None:
    for bad in (None, 42, b"undo", ["undo"]):
        with pytest.raises(TypeError, match="transcript must be a str"):
            clf.classify(bad)  # type: ignore[arg-type]


def test_empty_transcript_is_dictation_without_running(clf: IntentClassifier) -> None:
    for text in ("", "   ", "\n\t"):
        r = clf.classify(text, VSCODE)
        assert (r.intent, r.confidence, r.steps) == ("dictation", 1.0, 0)


def test_batch_matches_single(clf: IntentClassifier) -> None:
    records, _ = load_records(DATA)
    sample = records[::40]
    texts = [r.transcript for r in sample] + [""]
    contexts = [r.context for r in sample] + [None]
    batch = clf.classify_batch(texts, contexts)
    for text, ctx, got in zip(texts, contexts, batch):
        single = clf.classify(text, ctx)
        assert got.intent == single.intent and got.steps == single.steps
        assert got.confidence == pytest.approx(single.confidence, abs=1e-4)
    with pytest.raises(ValueError, match="contexts"):
        clf.classify_batch(["a", "b"], [None])


def test_module_level_classify_uses_bundled_model() -> None:
    r = trm_intent.classify("new tab", {"app_name": "Google Chrome"})
    assert r == IntentClassifier().classify("new tab", {"app_name": "Google Chrome"})
    assert [x.intent for x in trm_intent.classify_batch(["new tab"], [{"app_name": "Google Chrome"}])] == [
        r.intent
    ]


def test_deterministic_and_thread_safe(clf: IntentClassifier) -> None:
    records, _ = load_records(DATA)
    sample = records[::25]
    expected = [clf.classify(r.transcript, r.context) for r in sample]
    errors: list[BaseException] = []
    mismatches: list[int] = []

    def worker() -> None:
        try:
            for _ in range(3):
                for i, r in enumerate(sample):
                    if clf.classify(r.transcript, r.context) != expected[i]:
                        mismatches.append(i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and not mismatches


def test_import_does_not_import_torch() -> None:
    code = (
        "import sys, trm_intent; trm_intent.classify('undo'); "
        "assert 'torch' not in sys.modules, 'torch imported'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_held_out_accuracy(clf: IntentClassifier) -> None:
    """The bundled model on the held-out split it was trained beside (same seed)."""
    records, _ = load_records(DATA)
    info = clf.meta.training
    assert info.data_sha256 == data_hash(records), "data changed since the bundled model was trained"
    split = split_records(records, info.val_fraction, info.seed)
    assert len(split.val) == info.val_records
    report = evaluate(clf, split.val)
    # 0.96 until the window families and mixed utterances joined the held-out split; this bundle
    # scores 0.965 on the whole split and 0.958 outside the window and mixed families, where the
    # bundle before the window families scored 0.969: a regression MODEL_CARD.md reports (issue 20).
    assert report.accuracy >= 0.955, report.errors[:20]
    previous = [
        r for r in split.val if not (r.source or "").startswith(("generator:win-", "generator:mixed-"))
    ]
    assert evaluate(clf, previous).accuracy >= 0.945


def test_held_out_segments(clf: IntentClassifier) -> None:
    """Mixed utterances are cut where their labels change, and plain ones are not cut: issue 21's
    targets on held-out (the bundle scores 0.995 of words, 0.963 of records exactly, 0.997 one
    segment; the first stage 0.986, 0.922 and 0.995: MODEL_CARD.md)."""
    records, _ = load_records(DATA)
    info = clf.meta.training
    seg = evaluate(clf, split_records(records, info.val_fraction, info.seed).val).segmentation
    assert seg.mixed >= 200
    assert seg.word_accuracy_mixed >= 0.98
    assert seg.exact_mixed >= 0.93
    assert seg.one_segment_plain >= 0.995


def test_prose_with_command_words_is_dictation(clf: IntentClassifier) -> None:
    """Held-out sentences with a command word inside ("He quit smoking last year.") are typed, not
    executed: the fifth data version's bundle got 7 of its 56 wrong, the one before it at most 2,
    the first stage 3, the previous release none, this one 1 (the bar was 5%, 2 of 56, before the
    window families)."""
    records, _ = load_records(DATA)
    info = clf.meta.training
    held_out = [
        r for r in split_records(records, info.val_fraction, info.seed).val if "command-word-inside" in r.tags
    ]
    assert len(held_out) >= 30
    results = clf.classify_batch([r.transcript for r in held_out], [r.context for r in held_out])
    wrong = [r.transcript for r, res in zip(held_out, results) if res.intent != "dictation"]
    assert len(wrong) <= 0.06 * len(held_out), wrong


def test_dev_eval_accuracy(clf: IntentClassifier) -> None:
    """Text nobody on the team wrote (only where ../shared is present)."""
    records, _ = load_records(dev_eval_or_skip())
    report = evaluate(clf, records)
    assert report.accuracy >= 0.97


def test_a_stricter_command_threshold_types_what_it_is_not_sure_of(clf: IntentClassifier) -> None:
    """command_threshold=0.999: a command said with P(command) below it is typed instead; the
    probabilities, the halting and the steps are the model's as before."""
    assert clf.command_threshold == clf.meta.command_threshold  # the model's own by default
    strict = IntentClassifier(command_threshold=0.999)
    assert strict.command_threshold == 0.999
    records, _ = load_records(DATA)
    commands = [r for r in records[::7] if r.label == "command"]
    texts, contexts = [r.transcript for r in commands], [r.context for r in commands]
    default = clf.classify_batch(texts, contexts)
    unsure = [
        i for i, r in enumerate(default) if r.intent == "command" and r.probabilities["command"] < 0.999
    ]
    assert unsure, "no command between the model's threshold and 0.999 to try"
    for i in unsure[:50]:
        before, after = default[i], strict.classify(texts[i], contexts[i])
        assert after.intent == "dictation"
        assert after.probabilities == before.probabilities
        assert after.confidence == pytest.approx(after.probabilities["dictation"])
        assert (after.halting_confidence, after.steps) == (before.halting_confidence, before.steps)
    # The batch decides alike, and what was sure enough stays a command.
    batch = strict.classify_batch(texts, contexts)
    assert [r.intent for r in batch] == [
        "command" if r.probabilities["command"] >= 0.999 else "dictation" for r in default
    ]
    # The model's own threshold, passed explicitly, is the default.
    same = IntentClassifier(command_threshold=clf.meta.command_threshold)
    assert same.classify_batch(texts[:40], contexts[:40]) == default[:40]


def test_results_are_the_models_a_validation_gives(clf: IntentClassifier) -> None:
    """Results are built without validation on the hot path: they must be exactly what
    validating the same values gives, every field set, through JSON and pickle alike."""
    import pickle

    from trm_intent import Segment

    ctx = {"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": "app.py — api"}
    results = [
        clf.classify("undo that and type see you at noon", ctx),  # cut into spans
        clf.classify("save the file", ctx),
        clf.classify("I'll be there in ten minutes", ctx),
        clf.classify("   ", ctx),  # empty: not run
        *clf.classify_batch(["jump to line 7 then type max retries is five", "select all"], [ctx, ctx]),
    ]
    assert any(len(r.segments) > 1 for r in results)  # the cut path is covered
    for r in results:
        assert r.model_fields_set == set(IntentResult.model_fields)
        assert IntentResult.model_validate(r.model_dump()) == r
        assert IntentResult.model_validate_json(r.model_dump_json()) == r
        assert pickle.loads(pickle.dumps(r)) == r
        for seg in r.segments:
            assert hash(seg) == hash(Segment.model_validate(seg.model_dump()))
            assert seg.model_fields_set == set(Segment.model_fields)
            assert type(seg.confidence) is float and type(seg.start) is int
        assert type(r.confidence) is float and type(r.steps) is int
        assert all(type(p) is float for p in r.probabilities.values())
