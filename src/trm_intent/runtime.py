"""The runtime: load a model directory once, classify utterances in well under a millisecond.

Needs only onnxruntime, tokenizers, numpy and pydantic. One supervision step of the TRM is
one ONNX run; the runtime feeds (y, z) back and stops as soon as the halting head is
confident (or after ``n_sup`` steps).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from .artifacts import MODEL_FILE, TOKENIZER_FILE, ModelError, ModelMeta, read_meta
from .contract import InputEncoder
from .schema import IntentResult, WindowContext

log = logging.getLogger(__name__)


def default_model_dir() -> Path:
    """The model shipped inside the package."""
    return Path(str(resources.files("trm_intent") / "models" / "default"))


class IntentClassifier:
    """Command-or-dictation decisions from one exported TRM model directory.

    Thread-safe: one instance may serve many threads (onnxruntime sessions and
    tokenizers are safe for concurrent use; the instance holds no per-call state).
    """

    def __init__(self, model_dir: str | Path | None = None, *, threads: int = 1,
                 halt_threshold: float | None = None) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        self.meta: ModelMeta = read_meta(self.model_dir)
        self.labels = list(self.meta.labels)
        self.halt_threshold = (self.meta.halt_threshold if halt_threshold is None
                               else float(halt_threshold))
        if not 0.0 < self.halt_threshold <= 1.0:
            raise ValueError("halt_threshold must be in (0, 1]")
        cfg = self.meta.config
        try:
            self._encoder = InputEncoder(self._load_tokenizer(), self.meta.context,
                                         self.meta.max_chars, cfg.max_tokens)
        except ValueError as exc:
            raise ModelError(f"{self.model_dir / TOKENIZER_FILE}: {exc}") from None
        self._session = self._load_session(threads)
        self._hidden, self._n_sup, self._pad = cfg.hidden, cfg.n_sup, self.meta.pad_id
        self._members = self.meta.members

    @classmethod
    def load(cls, model_dir: str | Path, **kwargs: Any) -> IntentClassifier:
        """Load any exported model directory."""
        return cls(model_dir, **kwargs)

    def _load_tokenizer(self) -> Tokenizer:
        path = self.model_dir / TOKENIZER_FILE
        try:
            return Tokenizer.from_file(str(path))
        except Exception as exc:  # tokenizers raises a bare Exception on bad files
            raise ModelError(f"{path}: cannot load tokenizer ({exc})") from None

    def _load_session(self, threads: int) -> ort.InferenceSession:
        path = self.model_dir / MODEL_FILE
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        try:
            session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"{path}: onnxruntime cannot load it ({exc})") from None
        names = ([i.name for i in session.get_inputs()], [o.name for o in session.get_outputs()])
        expected = (["input_ids", "attention_mask", "y", "z"], ["probs", "halt", "y_out", "z_out"])
        if names != expected:
            raise ModelError(f"{path}: inputs/outputs {names} are not the TRM step's {expected}")
        return session

    # -- the hot path -------------------------------------------------------------------

    def _encode(self, transcript: object, context: object) -> list[int]:
        if not isinstance(transcript, str):
            raise TypeError(f"transcript must be a str, got {type(transcript).__name__}")
        return self._encoder.encode(transcript, WindowContext.coerce(context))

    def _zeros(self, batch: int, seq: int) -> np.ndarray:
        """The first step's y (and z): (batch, seq, hidden), with a member axis for ensembles."""
        if self._members == 1:
            return np.zeros((batch, seq, self._hidden), dtype=np.float32)
        return np.zeros((batch, self._members, seq, self._hidden), dtype=np.float32)

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Run supervision steps until every row halts; per-row probs, halt and steps."""
        batch, seq = ids.shape
        y = self._zeros(batch, seq)
        z = np.zeros_like(y)
        probs = np.empty((batch, len(self.labels)), dtype=np.float32)
        halt = np.empty(batch, dtype=np.float32)
        steps = np.zeros(batch, dtype=np.int64)
        live = np.arange(batch)
        for step in range(1, self._n_sup + 1):
            p, h, y, z = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "y": y, "z": z})
            probs[live], halt[live], steps[live] = p, h, step
            keep = h < self.halt_threshold
            if not keep.any():
                break
            if not keep.all():
                live, ids, mask, y, z = live[keep], ids[keep], mask[keep], y[keep], z[keep]
        return probs, halt, steps

    def _result(self, probs: np.ndarray, halt: float, steps: int) -> IntentResult:
        best = int(probs.argmax())
        return IntentResult.model_construct(
            intent=self.labels[best],
            confidence=float(probs[best]),
            halting_confidence=float(halt),
            probabilities={label: float(p) for label, p in zip(self.labels, probs)},
            steps=int(steps),
        )

    def classify(self, transcript: str, context: Any = None) -> IntentResult:
        """Decide whether ``transcript``, said in ``context``, is a command or dictation.

        ``context`` is a WindowContext, a dict, ``None`` (unknown), or any object with
        ``app_name``, ``bundle_id`` and ``window_title`` attributes. An empty or
        whitespace-only transcript has nothing to execute: it is returned as dictation
        with confidence 1.0 and ``steps == 0`` without running the model.
        """
        ids = self._encode(transcript, context)
        if not transcript.strip():
            return self._empty()
        # One row: the batch bookkeeping of _run() is a tenth of the call, so skip it.
        arr = np.array([ids], dtype=np.int64)
        state = self._zeros(1, arr.shape[1])
        feed = {"input_ids": arr, "attention_mask": np.ones_like(arr), "y": state, "z": state}
        for step in range(1, self._n_sup + 1):  # noqa: B007 - the step count is returned
            probs, halt, feed["y"], feed["z"] = self._session.run(None, feed)
            if halt[0] >= self.halt_threshold:
                break
        return self._result(probs[0], halt[0], step)

    def classify_batch(self, transcripts: Sequence[str],
                       contexts: Sequence[Any] | None = None) -> list[IntentResult]:
        """Classify many utterances in one padded batch (same results as classify())."""
        if isinstance(transcripts, str):
            raise TypeError("classify_batch takes a sequence of transcripts, not one str")
        transcripts = list(transcripts)
        contexts = [None] * len(transcripts) if contexts is None else list(contexts)
        if len(contexts) != len(transcripts):
            raise ValueError(f"{len(transcripts)} transcripts but {len(contexts)} contexts")
        encoded = [self._encode(t, c) for t, c in zip(transcripts, contexts)]
        rows = [i for i, t in enumerate(transcripts) if t.strip()]
        results: list[IntentResult] = [self._empty()] * len(transcripts)
        if not rows:
            return results
        seq = max(len(encoded[i]) for i in rows)
        ids = np.full((len(rows), seq), self._pad, dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, i in enumerate(rows):
            ids[r, : len(encoded[i])] = encoded[i]
            mask[r, : len(encoded[i])] = 1
        probs, halt, steps = self._run(ids, mask)
        for r, i in enumerate(rows):
            results[i] = self._result(probs[r], halt[r], steps[r])
        return results

    def _empty(self) -> IntentResult:
        probs = {label: float(label == "dictation") for label in self.labels}
        return IntentResult.model_construct(intent="dictation", confidence=1.0,
                                            halting_confidence=1.0, probabilities=probs, steps=0)


_default: IntentClassifier | None = None
_default_lock = threading.Lock()


def get_default() -> IntentClassifier:
    """The bundled model, loaded on first use (thread-safe)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = IntentClassifier()
    return _default


def classify(transcript: str, context: Any = None) -> IntentResult:
    """Classify with the bundled model (loaded lazily on the first call)."""
    return get_default().classify(transcript, context)


def classify_batch(transcripts: Sequence[str], contexts: Sequence[Any] | None = None) -> list[IntentResult]:
    """Batch classification with the bundled model."""
    return get_default().classify_batch(transcripts, contexts)
