"""trm-intent inside vozctl: trm-intent decides command vs dictation, vozctl's registry executes.

Two ways in, both importable without vozctl (it is imported only when they are called):

- :class:`TRMIntentProvider` fits vozctl's existing ``SLMProvider`` seam
  (``IntentParser(slm_provider=TRMIntentProvider())``): it answers the JSON action list that
  ``IntentParser._parse_slm_response`` reads. vozctl asks it only after its own regex fast path
  fails, and only for utterances with command-like words.
- :class:`TRMIntentParser` replaces ``IntentParser``: trm-intent is asked first on every
  utterance; dictation is typed, command phrases go through vozctl's own registry
  (``vozctl.commands``), and command phrases vozctl has no handler for come back as actions of
  kind :data:`UNRESOLVED` (no handler, a logged warning), never typed and never dropped.

How an utterance becomes actions, in spoken order: each segment of the :class:`IntentResult`
(one segment for the whole utterance when the model gives none) is either typed (dictation)
or resolved as a command. A command segment is first matched whole; if vozctl has no match it
is cut at sentence punctuation and at the connectives "and" / "then" and each phrase is matched
on its own; ``type``/``insert`` takes the rest of its segment as its text, as in vozctl.
A bare ``type`` right before a dictation segment is that dictation's verb. A dictation segment of
connectives only ("and") between two command segments joins them and types nothing.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import Any, Literal

from ..runtime import IntentClassifier, get_default
from ..schema import IntentResult, Segment, WindowContext

log = logging.getLogger(__name__)

UNRESOLVED = "unresolved"
"""``Action.kind`` of a command phrase vozctl has no handler for (its ``text`` is what was said)."""
SOURCE = "trm_intent"
"""``IntentResult.source`` of a :class:`TRMIntentParser` result."""

ContextProvider = Callable[[], Any]
"""Returns the frontmost window, e.g. ``vozctl.context.get_frontmost_app``."""

_TYPE_VERBS = frozenset({"type", "insert"})
_CONNECTIVES = frozenset({"and", "then"})
_SENTENCE_END = ".!?,;"  # vozctl splits multi-sentence utterances on these
_RAW_TYPE = re.compile(r"^\s*(?:type|insert)\s+(?P<text>.+?)\s*$", re.IGNORECASE | re.DOTALL)
_LEADING_FILLERS = frozenset({"please"})
_TRAILING_FILLERS = frozenset({"please", "that", "it"})
_ACTIVE_APP = re.compile(r"^Active app: (?P<app>.*) \((?P<bundle>[^()]*)\)\s*$", re.MULTILINE)


def _word(token: str) -> str:
    """A token lowercased, without its punctuation."""
    return re.sub(r"[^\w]", "", token.lower())


def _only_connectives(text: str) -> bool:
    words = [_word(t) for t in text.split()]
    return bool(words) and all(w in _CONNECTIVES for w in words)


def split_command_phrases(text: str) -> list[str]:
    """Cut a command span into phrases at sentence punctuation and at "and" / "then".

    ``type``/``insert`` at the start of a phrase takes the rest of the span as its text.
    Connectives are dropped (they join phrases); every other word lands in a phrase.
    """
    phrases: list[str] = []
    start: int | None = None
    end = 0

    def flush() -> None:
        nonlocal start
        if start is not None:
            phrases.append(text[start:end].strip())
        start = None

    for m in re.finditer(r"\S+", text):
        token, word = m.group(), _word(m.group())
        if start is None and word in _TYPE_VERBS and text[m.end() :].strip():
            phrases.append(text[m.start() :].strip())
            return phrases
        if word in _CONNECTIVES:
            flush()
            continue
        if start is None:
            start = m.start()
        end = m.end()
        if token[-1] in _SENTENCE_END:
            flush()
    flush()
    return [p for p in phrases if _word(p)]


def _candidates(normalized: str) -> list[str]:
    """The phrase as said, then without fillers ("undo that" -> "undo") and without "the"."""
    words = normalized.split()
    while words and words[0] in _LEADING_FILLERS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _TRAILING_FILLERS:
        words = words[:-1]
    out = [normalized, " ".join(words), " ".join(w for w in words if w != "the")]
    return [c for i, c in enumerate(out) if c and c not in out[:i]]


def segments_of(result: IntentResult, transcript: str) -> list[Segment]:
    """The result's segments, or one segment for the whole transcript when they are missing or do
    not cover its words in order."""
    segments = list(result.segments)
    words = [w for s in segments for w in s.text.split()]
    if segments and words == transcript.split():
        return segments
    if segments:
        log.warning("trm-intent segments do not cover %r; using one %s segment", transcript, result.intent)
    text = transcript.strip()
    if not text:
        return []
    start = transcript.index(text)
    return [
        Segment(
            text=text, intent=result.intent, confidence=result.confidence, start=start, end=start + len(text)
        )
    ]


# -- vozctl's registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandMatch:
    """A phrase vozctl's registry resolves: what ``IntentParser`` would build for it."""

    kind: str  # vozctl's Action.kind: "command" or "format"
    name: str  # vozctl's action name ("undo", "go_to_line", "format:snake", ...)
    phrase: str  # the registry phrase that matched, normalized ("go to line 50")
    handler: Callable[[], Any]
    args: dict[str, str] = field(default_factory=dict)
    text: str = ""  # what it types: formatter, NATO and type/insert phrases
    key: bool = False  # "insert space": a key press, named by ``phrase``

    def seam_item(self) -> dict[str, Any]:
        """This match as an item of the SLM seam's JSON, resolved by vozctl to the same handler.

        Text-producing matches (formatters, NATO, ``type X``) are dictation items, as in vozctl's
        own prompt ("... and type hello" -> ``{"kind": "dictation", "text": "hello"}``).
        """
        if self.text and not self.key:
            return {"kind": "dictation", "text": self.text}
        return {"kind": "command", "name": self.phrase}


class VozctlRegistry:
    """vozctl's command registry (``vozctl.commands``), imported when this is built."""

    def __init__(self) -> None:
        self.commands: ModuleType = importlib.import_module("vozctl.commands")
        self.formatters: ModuleType = importlib.import_module("vozctl.formatters")

    def normalize(self, text: str) -> str:
        return str(self.commands._normalize(text))

    def _is_count(self, value: str | None) -> bool:
        if value is None or not value.strip():
            return True
        value = value.strip()
        return value.isdigit() or value.lower() in self.commands._NUMBER_WORDS

    def resolve(self, phrase: str) -> CommandMatch | None:
        """vozctl's match for the whole ``phrase`` (type/insert, exact, parameterized, formatter,
        NATO, as ``IntentParser``'s fast path), or None.

        Unlike vozctl's prefix matching, a parameterized command must match the whole phrase and
        its ``count`` must be a number ("delete the line" is not "delete 1"): a phrase is executed
        only as what was said.
        """
        c = self.commands
        raw = _RAW_TYPE.match(phrase)
        if raw:
            text = raw.group("text")
            key = self.normalize(text)
            if key in c._INSERT_AS_KEY:
                return CommandMatch("command", f"insert:{key}", key, c._INSERT_AS_KEY[key], key=True)
            return CommandMatch(
                "command",
                "type_text",
                self.normalize(phrase),
                partial(c.cmd_type_text, text=text),
                {"text": text},
                str(c._normalize_type_text(text)),
            )
        for cand in _candidates(self.normalize(phrase)):
            if cand in c._EXACT:
                return CommandMatch("command", cand, cand, c._EXACT[cand])
            for pattern, name, handler in c._PARAMETERIZED:
                m = pattern.fullmatch(cand)
                if m and self._is_count(m.groupdict().get("count")):
                    args = m.groupdict()
                    return CommandMatch("command", name, cand, partial(handler, **args), args)
            formatted = self.formatters.try_format(cand)
            if formatted:
                text, fmt_name = formatted
                return CommandMatch(
                    "format", f"format:{fmt_name}", cand, partial(c._type_formatted, text), text=text
                )
            nato = c._try_nato_sequence(cand)
            if nato:
                return CommandMatch(
                    "command", "nato_sequence", cand, partial(c._type_formatted, nato), text=nato
                )
        return None


# -- segments -> planned steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing to do, in spoken order."""

    kind: Literal["command", "dictation", "unresolved"]
    text: str  # the words as said
    confidence: float
    match: CommandMatch | None = None


def plan(result: IntentResult, transcript: str, registry: VozctlRegistry) -> list[Step]:
    """The steps for ``transcript`` as trm-intent cut it: dictation to type, commands resolved by
    vozctl's registry, unresolved command phrases (see the module docstring)."""
    segments = segments_of(result, transcript)
    steps: list[Step] = []
    for i, seg in enumerate(segments):
        text = seg.text.strip()
        if seg.intent == "dictation":
            between_commands = 0 < i < len(segments) - 1 and (
                segments[i - 1].intent == segments[i + 1].intent == "command"
            )
            if between_commands and _only_connectives(text):
                log.debug("trm-intent: %r joins two commands", text)
                continue
            if steps and steps[-1].kind == UNRESOLVED and _word(steps[-1].text) in _TYPE_VERBS:
                steps.pop()  # "... and type" + "see you at noon": the verb of this dictation
            steps.append(Step("dictation", text, seg.confidence))
            continue
        phrases = [text] if registry.resolve(text) else split_command_phrases(text)
        for phrase in phrases:
            match = registry.resolve(phrase)
            kind: Literal["command", "unresolved"] = "command" if match else "unresolved"
            steps.append(Step(kind, phrase, seg.confidence, match))
    return steps


def _warn_unresolved(step: Step) -> None:
    log.warning(
        "trm-intent: %r is a command (%.2f) vozctl has no handler for: reported, not executed",
        step.text,
        step.confidence,
    )


def unresolved_actions(result: Any) -> list[Any]:
    """The actions of a vozctl ``IntentResult`` that are command phrases vozctl could not resolve."""
    return [a for a in result.actions if a.kind == UNRESOLVED]


# -- the SLM seam ---------------------------------------------------------------------------------------


def _context_from_prompt(system_prompt: str) -> WindowContext | None:
    """The window vozctl names in its SLM prompt ("Active app: Code (com.microsoft.VSCode)")."""
    m = _ACTIVE_APP.search(system_prompt)
    return WindowContext(app_name=m.group("app"), bundle_id=m.group("bundle")) if m else None


class _Classifying:
    def __init__(self, classifier: IntentClassifier | None, context_provider: ContextProvider | None) -> None:
        self._classifier = classifier
        self._context_provider = context_provider

    @property
    def classifier(self) -> IntentClassifier:
        """The classifier given, or the bundled model (loaded on first use)."""
        if self._classifier is None:
            self._classifier = get_default()
        return self._classifier


class TRMIntentProvider(_Classifying):
    """A vozctl ``SLMProvider`` answered locally by trm-intent.

    ``IntentParser(slm_provider=TRMIntentProvider(context_provider=get_frontmost_app))``.
    The seam passes no window: ``context_provider`` (when given) is asked for it at call time,
    else the "Active app" line of vozctl's prompt is used. Command phrases vozctl cannot resolve
    are logged and sent as ``{"kind": "unresolved", "text": ...}``, which vozctl skips; when
    nothing in an utterance resolves, vozctl's own fallback then types it (use
    :class:`TRMIntentParser` to avoid that).
    """

    name = "trm_intent"

    def __init__(
        self, classifier: IntentClassifier | None = None, *, context_provider: ContextProvider | None = None
    ) -> None:
        super().__init__(classifier, context_provider)

    def is_available(self) -> bool:
        """Whether the model loads."""
        try:
            _ = self.classifier  # loads the model
        except Exception as exc:  # ModelError, or onnxruntime's own errors
            log.warning("trm-intent unavailable: %s", exc)
            return False
        return True

    def complete(self, *, system_prompt: str, transcript: str) -> str | None:
        """The JSON action list vozctl's ``_parse_slm_response`` reads."""
        if self._context_provider is not None:
            context: Any = self._context_provider()
        else:
            context = _context_from_prompt(system_prompt)
        decision = self.classifier.classify(transcript, context)
        items: list[dict[str, Any]] = []
        for step in plan(decision, transcript, VozctlRegistry()):
            if step.match is not None:
                items.append(step.match.seam_item())
            elif step.kind == "dictation":
                items.append({"kind": "dictation", "text": step.text})
            else:
                _warn_unresolved(step)
                items.append({"kind": UNRESOLVED, "text": step.text})
        return json.dumps(items)


# -- the parser ------------------------------------------------------------------------------------------


class TRMIntentParser(_Classifying):
    """Drop-in for vozctl's ``IntentParser``: ``parse(transcript, context)`` returns vozctl's own
    ``IntentResult`` (``source`` :data:`SOURCE`), run by ``vozctl.intent.execute_actions``.

    trm-intent decides every utterance; vozctl's registry executes the commands. Command phrases
    vozctl has no handler for become actions of kind :data:`UNRESOLVED` with ``handler=None``
    (``execute_actions`` skips them with a warning): see :func:`unresolved_actions`. With
    ``use_slm`` and an available ``slm_provider`` (vozctl's default: Anthropic when
    ``ANTHROPIC_API_KEY`` is set), such phrases are first offered to it; off by default, so
    nothing leaves the machine. If trm-intent fails, vozctl's rules parse the utterance.
    Other ``IntentParser`` attributes are those of the vozctl parser it wraps.
    """

    def __init__(
        self,
        use_slm: bool = False,
        slm_provider: Any = None,
        *,
        classifier: IntentClassifier | None = None,
        context_provider: ContextProvider | None = None,
    ) -> None:
        super().__init__(classifier, context_provider)
        self._vozctl = importlib.import_module("vozctl.intent")
        if slm_provider is None and not use_slm:
            slm_provider = self._vozctl.NullSLMProvider()
        self._rules = self._vozctl.IntentParser(use_slm=use_slm, slm_provider=slm_provider)
        self._registry = VozctlRegistry()

    def __getattr__(self, name: str) -> Any:
        if name == "_rules":
            raise AttributeError(name)
        return getattr(self._rules, name)

    def parse(self, transcript: str, context: Any = None) -> Any:
        """The actions for ``transcript``, in spoken order (vozctl's ``IntentResult``)."""
        t0 = time.monotonic()
        if context is None and self._context_provider is not None:
            context = self._context_provider()
        try:
            decision = self.classifier.classify(transcript, context)
        except Exception:  # the model must never take voice control down: vozctl's rules go on
            log.exception("trm-intent failed on %r; parsing with vozctl's rules", transcript)
            return self._rules.parse(transcript, context)
        actions: list[Any] = []
        for step in plan(decision, transcript, self._registry):
            actions.extend(self._actions(step, context))
        result = self._vozctl.IntentResult(actions=actions, source=SOURCE)
        result.latency_ms = (time.monotonic() - t0) * 1000
        log.info("Intent [trm]: %s", "+".join(a.name for a in actions))
        return result

    def _actions(self, step: Step, context: Any) -> Sequence[Any]:
        action = self._vozctl.Action
        if step.kind == "dictation":
            handler = partial(self._registry.commands._type_dictation, step.text)
            return [action(kind="dictation", name="dictation", text=step.text, handler=handler)]
        m = step.match
        if m is not None:
            return [action(kind=m.kind, name=m.name, args=dict(m.args), text=m.text, handler=m.handler)]
        if self._rules._use_slm:
            offered = self._rules._slm_path(step.text, context)
            if offered is not None:
                return list(offered.actions)
        _warn_unresolved(step)
        name = f"{UNRESOLVED}:{self._registry.normalize(step.text)}"
        return [action(kind=UNRESOLVED, name=name, text=step.text, handler=None)]


__all__ = [
    "SOURCE",
    "UNRESOLVED",
    "CommandMatch",
    "ContextProvider",
    "Step",
    "TRMIntentParser",
    "TRMIntentProvider",
    "VozctlRegistry",
    "plan",
    "segments_of",
    "split_command_phrases",
    "unresolved_actions",
]
