"""The runtime: load a model directory once, classify utterances in well under a millisecond.

Needs only onnxruntime, tokenizers, numpy and pydantic. A window's context is one run of the
window graph, kept while the window does not change; one supervision step of the TRM is one run
of the step graph: :func:`trm_intent.contract.run_steps` feeds (y, z) back and stops as soon as
the halting head is confident (or after ``n_sup`` steps).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from ._onnxruntime import ort
from .artifacts import (
    MODEL_FILE,
    TOKENIZER_FILE,
    WINDOW_FILE,
    ModelError,
    ModelMeta,
    check_graph_ops,
    read_meta,
)
from .contract import (
    STEP_INPUTS,
    STEP_OUTPUTS,
    WINDOW_INPUTS,
    WINDOW_OUTPUTS,
    InputEncoder,
    ModelInput,
    batch_inputs,
    empty_result,
    is_empty,
    run_steps,
    to_result,
)
from .schema import IntentResult, WindowContext

log = logging.getLogger(__name__)

MAX_THREADS = 256
BATCH_ROWS = 64  # classify_batch runs rows of similar length together, this many at a time


def default_model_dir() -> Path:
    """The model shipped inside the package."""
    return Path(str(resources.files("trm_intent") / "models" / "default"))


def check_threads(threads: object) -> int:
    """``threads`` as an int from 1 to MAX_THREADS, or TypeError / ValueError naming it."""
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads must be an int, got {type(threads).__name__} {threads!r}")
    if not 1 <= threads <= MAX_THREADS:
        raise ValueError(f"threads must be between 1 and {MAX_THREADS}, got {threads}")
    return threads


def _check_threshold(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not (math.isfinite(value) and 0.0 < value <= 1.0):
        raise ValueError(f"{name} must be in (0, 1], got {value}")
    return float(value)


class IntentClassifier:
    """Command-or-dictation decisions from one exported TRM model directory.

    ``command_threshold`` (default: the model's, chosen on held-out data for command precision)
    is the probability a command needs; below it the words are typed. ``halt_threshold``
    (default: the model's) is the halting confidence that stops the recursion early.

    Thread-safe: one instance may serve many threads (onnxruntime sessions and
    tokenizers are safe for concurrent use; the only shared state is a cache of window
    encodings and contexts, whose updates are atomic).
    It cannot be pickled (it holds onnxruntime sessions): in another process, load
    the model directory again.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        threads: int = 1,
        halt_threshold: float | None = None,
        command_threshold: float | None = None,
    ) -> None:
        threads = check_threads(threads)
        self.model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        self.meta: ModelMeta = read_meta(self.model_dir)
        self.labels = list(self.meta.labels)
        self.halt_threshold = _check_threshold(
            self.meta.halt_threshold if halt_threshold is None else halt_threshold, "halt_threshold"
        )
        self.command_threshold = _check_threshold(
            self.meta.command_threshold if command_threshold is None else command_threshold,
            "command_threshold",
        )
        cfg = self.meta.config
        self._hidden, self._n_sup, self._pad = cfg.hidden, cfg.n_sup, self.meta.pad_id
        self._encoder = self._load_encoder()
        self._window_session = self._load_session(WINDOW_FILE, WINDOW_INPUTS, WINDOW_OUTPUTS, threads)
        self._session = self._load_session(MODEL_FILE, STEP_INPUTS, STEP_OUTPUTS, threads)
        self._outputs = list(STEP_OUTPUTS)
        self._window_outputs = list(WINDOW_OUTPUTS)
        self._check_step()
        # The probe's batch of the longest inputs leaves onnxruntime's memory planning slower for
        # the short utterances of the hot path (one step on one 8-token utterance: 182 against
        # 158 µs): calls go to sessions that have not run it.
        self._window_session = self._open_session(WINDOW_FILE, threads)
        self._session = self._open_session(MODEL_FILE, threads)
        self._encoder.window_fn = self.window
        self._masks = [np.ones((1, n), dtype=np.int64) for n in range(cfg.max_tokens + 1)]

    @classmethod
    def load(cls, model_dir: str | Path, **kwargs: Any) -> IntentClassifier:
        """Load any exported model directory."""
        return cls(model_dir, **kwargs)

    def __reduce__(self) -> Any:
        raise TypeError(
            "an IntentClassifier cannot be pickled (it holds onnxruntime sessions); "
            "load the model directory again in the other process"
        )

    # -- loading and checking what is loaded ----------------------------------------------------

    def _load_encoder(self) -> InputEncoder:
        path = self.model_dir / TOKENIZER_FILE
        try:
            tokenizer = Tokenizer.from_file(str(path))
        except Exception as exc:  # tokenizers raises a bare Exception on bad files
            raise ModelError(f"{path}: cannot load tokenizer ({exc})") from None
        added = [t.content for t in tokenizer.get_added_tokens_decoder().values()]
        if added:
            raise ModelError(
                f"{path}: declares added tokens ({', '.join(added[:4])}...): text such as "
                f"{added[0]!r} in a transcript would be read as a control token; "
                "the contract's tokenizer has none"
            )
        vocab = tokenizer.get_vocab_size()
        if vocab > self.meta.config.vocab_size:
            raise ModelError(
                f"{path}: {vocab} entries, but the model's embedding has "
                f"{self.meta.config.vocab_size} (config.vocab_size)"
            )
        if tokenizer.id_to_token(self._pad) != "[pad]":
            raise ModelError(
                f"{self.model_dir / 'trm_intent.json'}: pad_id {self._pad} is "
                f"{tokenizer.id_to_token(self._pad)!r} in the tokenizer, not '[pad]'"
            )
        try:
            meta = self.meta
            return InputEncoder(tokenizer, meta.context, meta.max_chars, meta.config.max_tokens, meta.window)
        except ValueError as exc:
            raise ModelError(f"{path}: {exc}") from None

    def _load_session(
        self, name: str, inputs: tuple[str, ...], outputs: tuple[str, ...], threads: int
    ) -> ort.InferenceSession:
        path = self.model_dir / name
        check_graph_ops(path)
        session = self._open_session(name, threads)
        names = (tuple(i.name for i in session.get_inputs()), tuple(o.name for o in session.get_outputs()))
        if names != (inputs, outputs):
            what = "TRM step's" if name == MODEL_FILE else "window graph's"
            raise ModelError(f"{path}: inputs/outputs {names} are not the {what} {(inputs, outputs)}")
        # the step's state y, the window graph's context: both (..., hidden)
        state = session.get_inputs()[inputs.index("y")] if "y" in inputs else session.get_outputs()[0]
        hidden = state.shape[-1]
        if hidden != self._hidden:
            raise ModelError(
                f"{path}: the graph's state is {hidden} wide, trm_intent.json says "
                f"config.hidden {self._hidden}"
            )
        return session

    def _open_session(self, name: str, threads: int) -> ort.InferenceSession:
        """An onnxruntime session of one of the directory's graphs, one that has run nothing yet."""
        path = self.model_dir / name
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
        return session

    def _check_step(self) -> None:
        """The window graph and one step on the longest inputs with the highest token id:
        shapes, finite outputs."""
        cfg = self.meta.config
        top = self._encoder.tokenizer.get_vocab_size() - 1
        window = np.full((2, self.meta.window.max_ids), top, dtype=np.int64)
        window_mask = np.ones_like(window)
        window_mask[1, 1:] = 0
        path = self.model_dir / WINDOW_FILE
        try:
            context = self.window(window, window_mask)
        except Exception as exc:  # onnxruntime's own error types
            raise ModelError(
                f"{path}: the window graph fails on {window.shape[1]} window tokens with ids up to "
                f"{top} (window, the tokenizer's vocabulary): {exc}"
            ) from None
        expected_context = (2, cfg.max_tokens, cfg.hidden)
        if np.shape(context) != expected_context:
            raise ModelError(
                f"{path}: the window graph's context is shaped {np.shape(context)}, not "
                f"{expected_context} (config.max_tokens, config.hidden)"
            )
        if not np.isfinite(context).all():
            raise ModelError(f"{path}: the window graph returns NaN or infinite values")
        path = self.model_dir / MODEL_FILE
        ids = np.full((2, cfg.max_tokens), top, dtype=np.int64)
        ids[:, 0] = self._encoder.context_ids["unknown"]
        mask = np.ones_like(ids)
        mask[1, cfg.max_tokens // 2 :] = 0
        state = np.zeros((2, cfg.max_tokens, cfg.hidden), dtype=np.float32)
        try:
            probs, halt, tokens, y, z = self.step(ids, context, mask, state, state)
        except Exception as exc:  # onnxruntime's own error types
            raise ModelError(
                f"{path}: the step graph fails on {cfg.max_tokens} tokens with ids up to {top} "
                f"(config.max_tokens, the tokenizer's vocabulary): {exc}"
            ) from None
        expected = ((2, len(self.labels)), (2,), ids.shape, state.shape, state.shape)
        got = tuple(np.shape(a) for a in (probs, halt, tokens, y, z))
        if got != expected:
            raise ModelError(
                f"{path}: the step's outputs are shaped {got}, not {expected} (labels, config.hidden)"
            )
        if not all(np.isfinite(a).all() for a in (probs, halt, tokens, y, z)):
            raise ModelError(f"{path}: the step graph returns NaN or infinite values")
        if not (np.allclose(probs.sum(-1), 1.0, atol=1e-4) and ((halt >= 0) & (halt <= 1)).all()):
            raise ModelError(f"{path}: `probs` are not probabilities or `halt` is outside [0, 1]")

    # -- the hot path -----------------------------------------------------------------------------

    def encode(self, transcript: str, context: Any = None) -> ModelInput:
        """The model's input for ``transcript`` said in ``context``: transcript ids and window ids,
        each led by the context token."""
        if not isinstance(transcript, str):
            raise TypeError(f"transcript must be a str, got {type(transcript).__name__}")
        return self._encoder.encode(transcript, WindowContext.coerce(context))

    def window(self, window_ids: np.ndarray, window_mask: np.ndarray) -> np.ndarray:
        """The window graph: each window's context (batch, max_tokens, hidden)."""
        context: np.ndarray = self._window_session.run(
            self._window_outputs, {"window_ids": window_ids, "window_mask": window_mask}
        )[0]
        return context

    def step(
        self, ids: np.ndarray, context: np.ndarray, mask: np.ndarray, y: np.ndarray, z: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """One supervision step of the graph: (probs, halt, token_probs, y_out, z_out)."""
        probs, halt, tokens, y, z = self._session.run(
            self._outputs,  # named: onnxruntime skips its lookup of every output (3-5% faster)
            {"input_ids": ids, "context": context, "attention_mask": mask, "y": y, "z": z},
        )
        return probs, halt, tokens, y, z

    def classify(self, transcript: str, context: Any = None) -> IntentResult:
        """Decide whether ``transcript``, said in ``context``, is a command or dictation.

        ``context`` is a WindowContext, a dict, ``None`` (unknown), or any object with
        ``app_name``, ``bundle_id`` and ``window_title`` attributes. An empty or
        whitespace-only transcript has nothing to execute: it is returned as dictation
        with confidence 1.0 and ``steps == 0`` without running the model.
        """
        if not isinstance(transcript, str):
            raise TypeError(f"transcript must be a str, got {type(transcript).__name__}")
        # The window first: a window that cannot be read is refused even with no words.
        window, window_context = self._encoder.window_encoding(WindowContext.coerce(context))
        ids, offsets = self._encoder.transcript_tokens(transcript)
        if is_empty(transcript):
            return empty_result(self.labels)
        arr = np.array([[window[0], *ids]], dtype=np.int64)
        seq = arr.shape[1]
        inputs = (arr, window_context[None, :seq], self._masks[seq])  # views: C-contiguous
        out = run_steps(self.step, inputs, self._hidden, self._n_sup, self.halt_threshold)
        return to_result(
            self.labels,
            out.probs[0],
            out.halt[0],
            out.steps[0],
            self.command_threshold,
            transcript,
            (),
            out.token_probs[0],
            self.meta.max_chars,
            offsets,  # the tokens' words are found only when the transcript is cut
        )

    def classify_batch(
        self, transcripts: Sequence[str], contexts: Sequence[Any] | None = None
    ) -> list[IntentResult]:
        """Classify many utterances (same results as classify(), faster per utterance).

        Rows of similar length run together, ``BATCH_ROWS`` at a time, so a long batch costs
        no padding and no more memory than a short one.
        """
        if isinstance(transcripts, str):
            raise TypeError("classify_batch takes a sequence of transcripts, not one str")
        transcripts = list(transcripts)
        contexts = [None] * len(transcripts) if contexts is None else list(contexts)
        if len(contexts) != len(transcripts):
            raise ValueError(f"{len(transcripts)} transcripts but {len(contexts)} contexts")
        windows = [WindowContext.coerce(c) for c in contexts]  # validated once per row
        encoded = [self.encode(t, w) for t, w in zip(transcripts, windows)]
        window_contexts = [self._encoder.window_encoding(w)[1] for w in windows]
        results: list[IntentResult] = [empty_result(self.labels)] * len(transcripts)
        rows = sorted(
            (i for i, t in enumerate(transcripts) if not is_empty(t)), key=lambda i: len(encoded[i].ids)
        )
        for start in range(0, len(rows), BATCH_ROWS):
            chunk = rows[start : start + BATCH_ROWS]
            inputs = batch_inputs([encoded[i] for i in chunk], self._pad, [window_contexts[i] for i in chunk])
            out = run_steps(self.step, inputs, self._hidden, self._n_sup, self.halt_threshold)
            for r, i in enumerate(chunk):
                row = encoded[i]
                results[i] = to_result(
                    self.labels,
                    out.probs[r],
                    out.halt[r],
                    out.steps[r],
                    self.command_threshold,
                    transcripts[i],
                    row.words,
                    out.token_probs[r, : len(row.ids)],
                    self.meta.max_chars,
                )
        return results


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
