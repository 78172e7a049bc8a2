"""The step contract: everything a client reproduces to run a model directory (torch-free).

A model directory holds two ONNX graphs, the window graph (``window.onnx``) and one TRM
supervision step (``model.onnx``), the tokenizer (``tokenizer.json``) and the settings
(``trm_intent.json``, see ``artifacts.ModelMeta``). From a transcript and a window to a decision:

1. **Window -> context kind.** Each field of the window is cut (``APP_FIELD_CHARS``,
   ``TITLE_CHARS`` code points) and whitespace-stripped (Python ``str.strip``); a missing field is
   ``"unknown"`` (``window_title``: ``""``). Then :meth:`ContextRules.kind`, with the tables saved
   in ``trm_intent.json``: the bundle id, else the app name, looked up lower-cased; else
   ``unknown`` or ``other``; a browser's title may name a web app's kind. The context token's id
   is the tokenizer's id of ``[ctx_<kind>]``.
2. **Window -> window ids** (:meth:`InputEncoder.window_ids`): the context id, then the tokens
   of the app name (its first ``WindowCut.app`` ids), of the bundle id (its last
   ``WindowCut.bundle`` ids: the end names the app, ``com.`` does not) and of the title (all of
   them when there are at most ``title_head + title_tail``, else the first ``title_head`` and the
   last ``title_tail``: a title's useful words sit at either end). A field that is empty or
   ``"unknown"`` gives no ids.
3. **Window ids -> context** (:func:`window_context`). ``window.onnx`` runs on the window alone:
   ``window_ids`` int64 (1, w), ``window_mask`` int64 (1, w) all ones; its ``context`` float32
   (1, max_tokens, hidden) is the position embeddings plus the window's pooled vector. It depends
   on the window only: a client runs it once per distinct window and keeps the result while the
   window does not change (the runtime keeps ``WINDOW_CACHE`` windows' ids and contexts).
4. **Transcript -> ids.** A transcript that ``str.strip()`` leaves empty is not run: it is
   :func:`empty_result`. Otherwise its first ``max_chars`` code points are tokenized by
   ``tokenizer.json`` (which holds no added tokens, so text such as ``[ctx_editor]`` or ``[pad]``
   is plain text, never a control token), cut to ``max_tokens - 1`` ids, after the context id.
5. **Steps.** The step graph's inputs are ``input_ids`` int64 (batch, seq), ``context`` float32
   (batch, seq, hidden) (each row's context of step 3, its first ``seq`` positions, as one
   C-contiguous array), ``attention_mask`` int64 (batch, seq) (1: a token, 0: padding), and ``y``
   and ``z``, zeros (batch, seq, hidden) at the first step. Each run returns ``probs``, ``halt``,
   ``token_probs``, ``y_out`` and ``z_out``; the last two are fed back as ``y`` and ``z``. A row
   stops at the first step whose ``halt`` reaches the halting threshold, or after ``n_sup`` steps,
   and answers with that step's ``probs`` (the softmax temperature is already folded into the
   graph). Batches are padded on the right (ids ``pad_id``, mask 0; a padded position's context is
   its row's context there, as for a real one).
6. **Decision.** The intent is ``command`` when ``probs[0]`` (command) reaches the model's
   ``command_threshold`` (chosen on held-out data for command precision), else ``dictation``.
7. **Segments** (:func:`segments`). ``token_probs`` gives each transcript token's P(command
   word); a token belongs to the ``str.split()`` word holding its last character (its offsets
   are the tokenizer's, in code points of the transcript as given). A word's P is the mean of
   its tokens'. Dictation, or no command word, is one span; else runs of words of one label.

:func:`run_steps` is that loop, used by the runtime (one utterance or a batch), export's parity
check, training's evaluation and the benchmarks' torch peer; :func:`batch_inputs` builds its
inputs from encoded rows and their windows' contexts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator
from tokenizers import Tokenizer

from . import app_kinds
from .schema import IntentResult, Segment, WindowContext, trusted

WINDOW_INPUTS: tuple[str, ...] = ("window_ids", "window_mask")
WINDOW_OUTPUTS: tuple[str, ...] = ("context",)
STEP_INPUTS: tuple[str, ...] = ("input_ids", "context", "attention_mask", "y", "z")
STEP_OUTPUTS: tuple[str, ...] = ("probs", "halt", "token_probs", "y_out", "z_out")

CONTEXT_KINDS: tuple[str, ...] = (
    "unknown",
    "other",
    "editor",
    "terminal",
    "browser",
    "chat",
    "mail",
    "document",
    "finder",
    "media",
)

# How much of a window field is read: a client cuts there (code points) before stripping.
APP_FIELD_CHARS = 256
WINDOW_CACHE = 256  # windows (ids and context) an InputEncoder keeps (cleared when full)
TITLE_CHARS = 512


class WindowCut(BaseModel):
    """How many tokens of each window field the model reads (saved in the model's JSON)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    app: int = Field(default=4, ge=0, le=64, description="First tokens of the app name.")
    bundle: int = Field(default=4, ge=0, le=64, description="Last tokens of the bundle id.")
    title_head: int = Field(default=8, ge=0, le=256, description="First tokens of the title.")
    title_tail: int = Field(default=8, ge=0, le=256, description="Last tokens of the title.")

    @property
    def max_ids(self) -> int:
        """Window ids per utterance at most, the context id included."""
        return 1 + self.app + self.bundle + self.title_head + self.title_tail


class ModelInput(NamedTuple):
    """What the model reads of one utterance: transcript ids and window ids, each led by the
    context id, and the word (index into ``transcript.split()``) each id belongs to (-1: the
    context id)."""

    ids: list[int]
    window_ids: list[int]
    words: list[int]


def context_token(kind: str) -> str:
    """The vocabulary entry that stands for a context kind."""
    return f"[ctx_{kind}]"


class ContextRules(BaseModel):
    """The lookup tables that name a window's kind (saved in the model's JSON)."""

    model_config = ConfigDict(frozen=True)

    enabled: bool = Field(default=True, description="False maps every window to unknown (ablation).")
    bundle_ids: dict[str, str] = Field(default_factory=dict)
    app_names: dict[str, str] = Field(default_factory=dict)
    browser_titles: list[tuple[str, str]] = Field(default_factory=list)

    @field_validator("bundle_ids", "app_names")
    @classmethod
    def _known_kinds(cls, table: dict[str, str]) -> dict[str, str]:
        for key, kind in table.items():
            if kind not in CONTEXT_KINDS:
                raise ValueError(f"{key!r} maps to {kind!r}, not one of {', '.join(CONTEXT_KINDS)}")
        return table

    @field_validator("browser_titles")
    @classmethod
    def _known_title_kinds(cls, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        cls._known_kinds(dict(pairs))
        return pairs

    @classmethod
    def default(cls, enabled: bool = True) -> ContextRules:
        """The tables of :mod:`trm_intent.app_kinds` (what a new training run saves)."""
        groups = app_kinds.APPS_BY_KIND
        bundle_ids = {b: kind for kind, table in groups.items() for b in table}
        app_names = {name.lower(): kind for kind, table in groups.items() for name in table.values()}
        app_names.update(app_kinds.EXTRA_APP_NAMES)
        return cls(
            enabled=enabled,
            bundle_ids=bundle_ids,
            app_names=app_names,
            browser_titles=list(app_kinds.BROWSER_TITLES),
        )

    def kind(self, context: WindowContext) -> str:
        """The kind of app the window belongs to (one of CONTEXT_KINDS)."""
        if not self.enabled:
            return "unknown"
        bundle = context.bundle_id[:APP_FIELD_CHARS].strip().lower()
        app = context.app_name[:APP_FIELD_CHARS].strip().lower()
        kind = self.bundle_ids.get(bundle) or self.app_names.get(app)
        if kind is None:
            kind = "unknown" if {bundle, app} <= {"", "unknown"} else "other"
        if kind == "browser" and context.window_title:
            title = context.window_title[:TITLE_CHARS].lower()
            for needle, title_kind in self.browser_titles:
                if needle in title:
                    return title_kind
        return kind


def is_empty(transcript: str) -> bool:
    """Nothing to execute: the transcript is empty once ``str.strip()`` has run."""
    return not transcript.strip()


def empty_result(labels: Sequence[str]) -> IntentResult:
    """The answer to an empty transcript: dictation, sure, without running the model."""
    probs = {label: float(label == "dictation") for label in labels}
    return trusted(
        IntentResult,
        {
            "intent": "dictation",
            "confidence": 1.0,
            "halting_confidence": 1.0,
            "probabilities": probs,
            "steps": 0,
            "segments": [],
        },
    )


def decide(probs: np.ndarray, command_threshold: float) -> int:
    """The label index of the decision: command (0) when its probability reaches the threshold."""
    return 0 if probs[0] >= command_threshold else 1


def to_result(
    labels: Sequence[str],
    probs: np.ndarray,
    halt: float,
    steps: int,
    command_threshold: float = 0.5,
    transcript: str | None = None,
    words: Sequence[int] = (),
    token_probs: np.ndarray | None = None,
    max_chars: int = 100_000,
    offsets: Sequence[tuple[int, int]] | None = None,
) -> IntentResult:
    """One row of :func:`run_steps` as the API's result (the decision of :func:`decide`, and the
    :func:`segments` of ``transcript`` when it is given: from ``words``, or from ``offsets``)."""
    best = decide(probs, command_threshold)
    p = probs.tolist()
    cut: list[Segment] = []
    if transcript is not None:
        tokens = token_probs if token_probs is not None else np.zeros(1, dtype=np.float32)
        cut = segments(transcript, words, tokens, labels[best], p[best], max_chars, offsets)
    return trusted(
        IntentResult,
        {
            "intent": labels[best],
            "confidence": p[best],
            "halting_confidence": float(halt),
            "probabilities": dict(zip(labels, p)),
            "steps": int(steps),
            "segments": cut,
        },
    )


def without_added_tokens(tokenizer_json: str) -> Tokenizer:
    """A tokenizer that reads every character of its input as text.

    Added tokens are matched in the raw input before anything else, so a transcript holding
    ``[ctx_terminal]`` would become that control token. The context and pad entries stay in the
    BPE vocabulary (same ids); byte-level pre-tokenization can never form them from text.
    """
    import json

    spec = json.loads(tokenizer_json)
    spec["added_tokens"] = []
    return Tokenizer.from_str(json.dumps(spec, ensure_ascii=False))


class InputEncoder:
    """Transcript + window -> :class:`ModelInput` (steps 1, 2 and 4 of the contract), and with
    ``window_fn`` (the window graph) each window's context (step 3), both kept per window."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        rules: ContextRules,
        max_chars: int,
        max_tokens: int,
        window: WindowCut,
        window_fn: WindowFn | None = None,
    ) -> None:
        self.rules, self.max_chars, self.window, self.window_fn = rules, max_chars, window, window_fn
        # Two copies: transcripts are cut by the tokenizer, window fields are cut here (at both ends).
        self.tokenizer = tokenizer
        self.window_tokenizer = Tokenizer.from_str(tokenizer.to_str())
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens - 1)
        self.window_tokenizer.no_padding()
        self.window_tokenizer.no_truncation()
        # Per window: [its ids, its context or None until asked for].
        self._windows: dict[tuple[str, str, str], list[Any]] = {}
        # Per app name or bundle id (few, and they outlive any one title): its cut tokens.
        self._apps: dict[str, list[int]] = {}
        self._bundles: dict[str, list[int]] = {}
        self.context_ids = {}
        for kind in CONTEXT_KINDS:
            token_id = tokenizer.token_to_id(context_token(kind))
            if token_id is None:
                raise ValueError(f"the tokenizer has no {context_token(kind)} entry")
            self.context_ids[kind] = token_id

    def _entry(self, context: WindowContext) -> list[Any]:
        key = (context.app_name, context.bundle_id, context.window_title)
        entry = self._windows.get(key)
        if entry is None:
            if len(self._windows) >= WINDOW_CACHE:
                self._windows.clear()
            entry = self._windows[key] = [self._encode_window(context), None]
        return entry

    def window_ids(self, context: WindowContext) -> list[int]:
        """The context id and the cut tokens of the app name, bundle id and title, encoded once
        while the window does not change (the list is shared: do not change it)."""
        ids: list[int] = self._entry(context)[0]
        return ids

    def window_encoding(self, context: WindowContext) -> tuple[list[int], np.ndarray]:
        """The window's ids and its context (max_tokens, hidden) from ``window_fn``, both computed
        once while the window does not change (shared: do not change them)."""
        entry = self._entry(context)
        if entry[1] is None:
            if self.window_fn is None:
                raise RuntimeError("this InputEncoder has no window_fn to compute a window's context")
            entry[1] = window_context(self.window_fn, entry[0])
        return entry[0], entry[1]

    def _encode_window(self, context: WindowContext) -> list[int]:
        cut = self.window
        app = self._field(self._apps, context.app_name, lambda ids: ids[: cut.app])
        # the end of a bundle id names the app, its start ("com.") does not
        bundle = self._field(
            self._bundles, context.bundle_id, lambda ids: ids[-cut.bundle :] if cut.bundle else []
        )
        title = self._tokens(context.window_title, TITLE_CHARS)
        if len(title) > cut.title_head + cut.title_tail:
            title = title[: cut.title_head] + (title[len(title) - cut.title_tail :] if cut.title_tail else [])
        return [self.context_ids[self.rules.kind(context)], *app, *bundle, *title]

    def _tokens(self, field: str, chars: int) -> list[int]:
        """A window field's ids: cut to ``chars`` code points, stripped, ``"unknown"`` is empty."""
        text = field[:chars].strip()
        if not text or text.lower() == "unknown":
            return []
        ids: list[int] = self.window_tokenizer.encode(text, add_special_tokens=False).ids
        return ids

    def _field(
        self, cache: dict[str, list[int]], field: str, cut: Callable[[list[int]], list[int]]
    ) -> list[int]:
        """``_tokens`` of an app name or bundle id, cut, kept per field (the title changes more)."""
        ids = cache.get(field)
        if ids is None:
            if len(cache) >= WINDOW_CACHE:
                cache.clear()
            ids = cache[field] = cut(self._tokens(field, APP_FIELD_CHARS))
        return ids

    def transcript_tokens(self, transcript: str) -> tuple[list[int], list[tuple[int, int]]]:
        """The transcript's ids (its first ``max_chars`` code points, cut to ``max_tokens - 1`` ids)
        and their offsets (code points)."""
        try:
            encoding = self.tokenizer.encode(transcript[: self.max_chars], add_special_tokens=False)
        except Exception:  # the tokenizer's own error for text it cannot take
            check_text(transcript)
            raise
        return encoding.ids, encoding.offsets

    def transcript_ids(self, transcript: str) -> tuple[list[int], list[int]]:
        """The transcript's ids and the word each belongs to (:func:`token_words`)."""
        ids, offsets = self.transcript_tokens(transcript)
        return ids, token_words(transcript[: self.max_chars], offsets)

    def encode(self, transcript: str, context: WindowContext) -> ModelInput:
        window = self.window_ids(context)
        ids, words = self.transcript_ids(transcript)
        return ModelInput([window[0], *ids], window, [-1, *words])

    def encode_batch(self, transcripts: list[str], contexts: list[WindowContext]) -> list[ModelInput]:
        try:
            encoded = self.tokenizer.encode_batch(
                [t[: self.max_chars] for t in transcripts], add_special_tokens=False
            )
        except Exception:
            for text in transcripts:
                check_text(text)
            raise
        windows = [self.window_ids(c) for c in contexts]
        return [
            ModelInput([w[0], *e.ids], w, [-1, *token_words(t[: self.max_chars], e.offsets)])
            for t, e, w in zip(transcripts, encoded, windows)
        ]


_START = itemgetter(0)


def word_spans(transcript: str) -> list[tuple[int, int]]:
    """(start, end) of each ``str.split()`` word of the transcript, in code points (the runs of
    what ``\\S+`` matches: ``str.isspace`` and the regex's ``\\s`` agree on every code point)."""
    # str.split and str.find, not a regex: after the step graph, with the caches cold, the regex
    # engine took 15 µs on a cut utterance and this 9 (tests/test_segments_cost.py checks both agree)
    spans: list[tuple[int, int]] = []
    find = transcript.find
    end = 0
    for word in transcript.split():
        start = find(word, end)  # the next word: the spaces before it hold no part of it
        end = start + len(word)
        spans.append((start, end))
    return spans


def token_words(
    text: str, offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]] | None = None
) -> list[int]:
    """The word of each token: the word holding the token's last character (a byte-level token's
    span starts at the space before its word); a token of whitespace only is the next word's
    leading space. ``text`` is the transcript as tokenized (its first ``max_chars`` code points);
    ``spans``, its :func:`word_spans` when they are at hand."""
    starts = list(map(_START, word_spans(text) if spans is None else spans))
    last = len(starts) - 1 if starts else 0
    left, right = bisect.bisect_left, bisect.bisect_right
    # min/max as conditional expressions: this runs per token on the hot path of cut utterances
    return [
        (w if (w := left(starts, end)) < last else last)
        if text[start:end].isspace()
        else (w if (w := right(starts, end - 1) - 1) > 0 else 0)
        for start, end in offsets
    ]


def _whole(transcript: str, end: int, intent: str, confidence: float) -> list[Segment]:
    """The transcript as one span, from its first to its last (``end``) non-space character."""
    start = len(transcript) - len(transcript.lstrip())
    values = {
        "text": transcript[start:end],
        "intent": intent,
        "confidence": confidence,
        "start": start,
        "end": end,
    }
    return [trusted(Segment, values)]  # Segments are built inline: one call less each


def segments(
    transcript: str,
    words: Sequence[int],
    token_probs: np.ndarray,
    intent: str,
    confidence: float,
    max_chars: int,
    offsets: Sequence[tuple[int, int]] | None = None,
) -> list[Segment]:
    """The transcript cut into command and dictation spans (step 7 of the contract).

    ``words`` and ``token_probs`` are aligned with the model's ids (context id first; the row cut
    to the utterance's ids); with ``offsets`` (the transcript tokens' offsets, from the tokenizer)
    instead, the words are :func:`token_words` of those, found only when the transcript is cut.
    A word's P(command) is the mean of its tokens' (a word without tokens takes the previous
    word's; words before the first word with tokens, that word's). When the
    whole utterance is dictation, or every word is on one side of 0.5, the transcript is one
    span with the whole decision, from its first to its last non-space character; otherwise
    consecutive words of one label form a span, sure as its least sure word. Words are read in
    the first ``max_chars`` code points (what the model read); the words after them belong to
    the last span, which ends where the transcript's last word ends.
    """
    # This runs right after the graph, with the CPU's caches cold: each step costs two to three
    # times what it does in a loop, so the steps here are few (benchmarks/SEGMENTS_COST.md).
    end = len(transcript.rstrip())
    if not end:
        return []
    if intent != "command":
        return _whole(transcript, end, intent, confidence)
    probs = token_probs.tolist()
    tokens = probs[1:]  # one per transcript token: the row cut to the utterance's ids
    if not tokens or min(tokens) >= 0.5 or max(tokens) < 0.5:
        return _whole(transcript, end, intent, confidence)  # every word's mean is on all tokens' side
    spans = word_spans(transcript[:max_chars])
    if not spans:  # tokens but no word: characters str.split() takes for spaces (U+001C..U+001F)
        return _whole(transcript, end, intent, confidence)
    if offsets is not None:  # the transcript tokens' words: the context id's P is left out
        words, probs = token_words(transcript[:max_chars], offsets, spans), tokens
    # Plain Python: for a dozen words it is several times faster than numpy's small-array calls.
    n = len(spans)
    total = [0.0] * n
    count = [0] * n
    for word, p in zip(words, probs):
        if word >= 0:
            total[word] += p
            count[word] += 1
    # A word without tokens takes the previous word's P (the first words, the next one's).
    p_word: list[float] = []
    lead = 0
    for t, c in zip(total, count):
        if c:
            p_word.append(t / c)
        elif p_word:
            p_word.append(p_word[-1])
        else:
            lead += 1
    if lead:
        p_word[:0] = [p_word[0]] * lead
    is_command = [p >= 0.5 for p in p_word]
    if all(is_command) or not any(is_command):
        return _whole(transcript, end, intent, confidence)
    out: list[Segment] = []
    start = 0
    command = is_command[0]
    for i in range(1, n + 1):
        if i == n or is_command[i] is not command:
            a, b = spans[start][0], spans[i - 1][1] if i < n else end
            # sure as the least sure word; for dictation min(1 - p) is 1 - max(p) (rounding is monotonic)
            values = {
                "text": transcript[a:b],
                "intent": "command" if command else "dictation",
                "confidence": min(p_word[start:i]) if command else 1.0 - max(p_word[start:i]),
                "start": a,
                "end": b,
            }
            out.append(trusted(Segment, values))
            if i < n:
                start, command = i, is_command[i]
    return out


def check_text(text: str) -> None:
    """Raise ValueError when ``text`` is no Unicode text (a lone surrogate cannot be encoded)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"transcript is not valid Unicode text: lone surrogate "
            f"U+{ord(text[exc.start]):04X} at position {exc.start}"
        ) from None


def pad_batch(encoded: Sequence[Sequence[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Right-padded ids and their mask, int64 (batch, longest row)."""
    seq = max(len(row) for row in encoded)
    ids = np.full((len(encoded), seq), pad_id, dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, row in enumerate(encoded):
        ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return ids, mask


def pad_rows(rows: Sequence[ModelInput], pad_id: int) -> tuple[np.ndarray, ...]:
    """The rows' ids, mask, window ids and window mask, each right-padded (what training's torch
    model reads; the graphs read :func:`batch_inputs`)."""
    ids, mask = pad_batch([r.ids for r in rows], pad_id)
    window, window_mask = pad_batch([r.window_ids for r in rows], pad_id)
    return ids, mask, window, window_mask


# (window_ids, window_mask) -> context (batch, max_tokens, hidden): the window graph.
WindowFn = Callable[[np.ndarray, np.ndarray], np.ndarray]
# (input_ids, context, attention_mask, y, z)
#   -> (probs, halt, token_probs, y_out, z_out): one supervision step.
StepFn = Callable[..., Sequence[np.ndarray]]


def window_context(window: WindowFn, window_ids: Sequence[int]) -> np.ndarray:
    """One window's context (max_tokens, hidden): the window graph on that window alone (step 3)."""
    ids = np.array([window_ids], dtype=np.int64)
    return np.ascontiguousarray(window(ids, np.ones_like(ids))[0])


def window_contexts(window: WindowFn, rows: Sequence[ModelInput]) -> list[np.ndarray]:
    """Each row's window context, the window graph run once per distinct window."""
    done: dict[tuple[int, ...], np.ndarray] = {}
    out = []
    for row in rows:
        key = tuple(row.window_ids)
        if key not in done:
            done[key] = window_context(window, row.window_ids)
        out.append(done[key])
    return out


def batch_inputs(
    rows: Sequence[ModelInput], pad_id: int, contexts: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The step graph's inputs before ``y`` and ``z``: ids, context and mask, right-padded.
    ``contexts`` holds each row's window context (max_tokens, hidden)."""
    ids, mask = pad_batch([r.ids for r in rows], pad_id)
    seq = ids.shape[1]
    return ids, np.stack([c[:seq] for c in contexts]), mask


class Steps(NamedTuple):
    """Per row, the answer of the step it stopped at: probs (batch, labels), halt (batch,),
    token_probs (batch, seq) and the steps run (batch,)."""

    probs: np.ndarray
    halt: np.ndarray
    token_probs: np.ndarray
    steps: np.ndarray


def run_steps(
    step: StepFn, inputs: Sequence[np.ndarray], hidden: int, n_sup: int, halt_threshold: float
) -> Steps:
    """Supervision steps until every row halts (inputs: :func:`batch_inputs`, before y and z:
    (batch, seq) ids first, every input's first axis the batch)."""
    batch, seq = inputs[0].shape
    y = z = np.zeros((batch, seq, hidden), dtype=np.float32)
    if batch == 1:  # one utterance, the hot path: no row bookkeeping
        for n in range(1, n_sup + 1):  # noqa: B007 - the step count is returned
            probs, halt, tokens, y, z = step(*inputs, y, z)
            if halt[0] >= halt_threshold:
                break
        return Steps(np.asarray(probs), np.asarray(halt), np.asarray(tokens), np.array([n]))
    out_probs: np.ndarray | None = None
    out_halt = np.empty(batch, dtype=np.float32)
    out_tokens = np.empty((batch, seq), dtype=np.float32)
    steps = np.zeros(batch, dtype=np.int64)
    live = np.arange(batch)
    rows = list(inputs)
    for n in range(1, n_sup + 1):
        probs, halt, tokens, y, z = step(*rows, y, z)
        if out_probs is None:
            out_probs = np.empty((batch, probs.shape[1]), dtype=np.float32)
        out_probs[live], out_halt[live], out_tokens[live], steps[live] = probs, halt, tokens, n
        keep = halt < halt_threshold
        if not keep.any():
            break
        if not keep.all():
            live, y, z = live[keep], y[keep], z[keep]
            rows = [a[keep] for a in rows]
    assert out_probs is not None  # n_sup >= 1
    return Steps(out_probs, out_halt, out_tokens, steps)
