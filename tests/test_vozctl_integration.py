"""trm-intent inside vozctl: the real vozctl source (../shared/vozctl), its OS layer recorded.

``vozctl.actions`` (macOS key injection) is replaced by a recorder of the three functions vozctl's
handlers call (``hotkey``, ``press_key``, ``type_text``); anything else they reach for fails.
The end-to-end tests run the bundled model; the tests with hand-built segments pin the
segment -> action mapping whatever the model says.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trm_intent import IntentClassifier, IntentResult
from trm_intent.integrations.vozctl import (
    SOURCE,
    UNRESOLVED,
    TRMIntentParser,
    TRMIntentProvider,
    split_command_phrases,
    unresolved_actions,
)
from trm_intent.schema import Segment

VOZCTL_SRC = Path(__file__).resolve().parents[1].parent / "shared" / "vozctl" / "src"
if not (VOZCTL_SRC / "vozctl" / "intent.py").is_file():
    pytest.skip(f"vozctl source not found at {VOZCTL_SRC}", allow_module_level=True)


class ActionRecorder(types.ModuleType):
    """Stands in for ``vozctl.actions``: records each call, posts no key event."""

    def __init__(self) -> None:
        super().__init__("vozctl.actions")
        self.calls: list[tuple[Any, ...]] = []

    def hotkey(self, key: str, *modifiers: str) -> None:
        self.calls.append(("hotkey", key, *modifiers))

    def press_key(self, key: str, modifiers: list[str] | None = None) -> None:
        self.calls.append(("press_key", key, *(modifiers or [])))

    def type_text(self, text: str, interval: float = 0.002) -> None:
        self.calls.append(("type_text", text))

    def check_accessibility(self) -> bool:
        return True

    @property
    def typed(self) -> str:
        return "".join(c[1] for c in self.calls if c[0] == "type_text")

    @property
    def keys(self) -> list[tuple[Any, ...]]:
        return [c for c in self.calls if c[0] != "type_text"]


@pytest.fixture(scope="module")
def vozctl() -> Iterator[types.SimpleNamespace]:
    """vozctl's modules, imported from ../shared with the recorder as their OS layer."""
    recorder = ActionRecorder()
    saved = {k: v for k, v in sys.modules.items() if k == "vozctl" or k.startswith("vozctl.")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(VOZCTL_SRC))
    sys.modules["vozctl.actions"] = recorder
    try:
        yield types.SimpleNamespace(
            actions=recorder,
            commands=importlib.import_module("vozctl.commands"),
            intent=importlib.import_module("vozctl.intent"),
            context=importlib.import_module("vozctl.context"),
        )
    finally:
        sys.path.remove(str(VOZCTL_SRC))
        for name in [k for k in sys.modules if k == "vozctl" or k.startswith("vozctl.")]:
            del sys.modules[name]
        sys.modules.update(saved)


@pytest.fixture
def rec(vozctl: types.SimpleNamespace) -> ActionRecorder:
    """The recorder, emptied, with vozctl's "scratch that" memory cleared."""
    vozctl.actions.calls.clear()
    vozctl.commands._last_typed_len = 0
    return vozctl.actions


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    return IntentClassifier()


@pytest.fixture
def editor(vozctl: types.SimpleNamespace) -> Any:
    return vozctl.context.AppContext(
        bundle_id="com.microsoft.VSCode", app_name="Code", window_title="intent.py — vozctl"
    )


@pytest.fixture
def slack(vozctl: types.SimpleNamespace) -> Any:
    return vozctl.context.AppContext(
        bundle_id="com.tinyspeck.slackmacgap", app_name="Slack", window_title="#dev — Acme"
    )


@pytest.fixture
def parser(vozctl: types.SimpleNamespace, classifier: IntentClassifier) -> TRMIntentParser:
    return TRMIntentParser(classifier=classifier)


def run(vozctl: types.SimpleNamespace, parser: Any, transcript: str, context: Any = None) -> Any:
    result = parser.parse(transcript, context)
    vozctl.intent.execute_actions(result)
    return result


def kinds(result: Any) -> list[str]:
    return [a.kind for a in result.actions]


# -- end to end, the bundled model --------------------------------------------------------------------


def test_parser_returns_vozctls_own_result(vozctl, parser, editor, rec):
    result = parser.parse("save", editor)
    assert isinstance(result, vozctl.intent.IntentResult)
    assert all(isinstance(a, vozctl.intent.Action) for a in result.actions)
    assert result.source == SOURCE and result.latency_ms >= 0
    assert not parser._use_slm  # IntentParser's attributes are there
    assert isinstance(parser._slm_provider, vozctl.intent.NullSLMProvider)


def test_scratch_that_in_an_editor(vozctl, parser, editor, rec):
    vozctl.commands._type_dictation("hello")  # vozctl remembers what it typed last: "hello "
    rec.calls.clear()
    result = run(vozctl, parser, "scratch that", editor)
    assert [(a.kind, a.name) for a in result.actions] == [("command", "scratch that")]
    assert rec.calls == [("press_key", "backspace")] * len("hello ")


def test_go_to_line_in_an_editor(vozctl, parser, editor, rec):
    result = run(vozctl, parser, "go to line 50", editor)
    assert [(a.kind, a.name, a.args) for a in result.actions] == [("command", "go_to_line", {"number": "50"})]
    assert rec.calls == [("hotkey", "g", "ctrl"), ("type_text", "50"), ("press_key", "return")]


def test_dictation_in_slack(vozctl, parser, slack, rec):
    text = "Can you review the PR before lunch tomorrow?"
    result = run(vozctl, parser, text, slack)
    assert kinds(result) == ["dictation"]
    assert rec.calls == [("type_text", text + " ")]


def test_undo_then_type(vozctl, parser, editor, rec):
    result = run(vozctl, parser, "undo that and type see you at noon", editor)
    assert rec.calls[0] == ("hotkey", "z", "cmd")
    assert rec.keys == [("hotkey", "z", "cmd")]
    assert rec.typed.strip() == "see you at noon"
    assert UNRESOLVED not in kinds(result)


def test_copy_and_close_the_window(vozctl, parser, editor, rec, caplog):
    """vozctl has "copy" but no "close the window": the copy runs, the rest is reported."""
    with caplog.at_level(logging.WARNING):
        result = run(vozctl, parser, "copy and close the window", editor)
    assert rec.calls == [("hotkey", "c", "cmd")]
    assert [(a.kind, a.text) for a in unresolved_actions(result)] == [(UNRESOLVED, "close the window")]
    assert kinds(result) == ["command", UNRESOLVED]
    assert "close the window" in caplog.text


def test_dictation_then_a_command_vozctl_lacks(vozctl, parser, slack, rec):
    """The text is typed and "Send message." (vozctl has no handler) is reported, never typed and
    never dropped. Where the model cuts the prose is the model's business (the bundled model takes
    its first word, "All", for a command, which is then reported too): every word said is typed
    or reported, once, in order."""
    transcript = "All done here, talk soon. Send message."
    result = run(vozctl, parser, transcript, slack)
    typed = "".join(text for call, text in rec.calls if call == "type_text")
    assert "done here, talk soon." in typed and "Send" not in typed and "message" not in typed
    assert all(call == "type_text" for call, _ in rec.calls)  # nothing else was executed
    reported = [a for a in unresolved_actions(result)]
    assert reported[-1].text == "Send message." and reported[-1].handler is None
    said = [a.text for a in result.actions if a.kind in ("dictation", UNRESOLVED)]
    assert " ".join(" ".join(said).split()) == transcript


@pytest.mark.parametrize("text", ["go to definition", "format document", "toggle sidebar"])
def test_commands_vozctl_cannot_resolve_are_reported(vozctl, parser, editor, rec, caplog, text):
    with caplog.at_level(logging.WARNING):
        result = run(vozctl, parser, text, editor)
    assert rec.calls == []  # neither typed nor a key pressed
    assert [(a.kind, a.text, a.handler) for a in result.actions] == [(UNRESOLVED, text, None)]
    assert text in caplog.text


def test_context_provider_is_used_when_no_context_is_given(vozctl, classifier, slack, rec):
    seen: list[Any] = []

    class Spy:
        def classify(self, transcript: str, context: Any = None) -> IntentResult:
            seen.append(context)
            return classifier.classify(transcript, context)

    parser = TRMIntentParser(classifier=Spy(), context_provider=lambda: slack)  # type: ignore[arg-type]
    parser.parse("see you soon")
    assert seen == [slack]


# -- through vozctl's SLM seam: IntentParser(slm_provider=TRMIntentProvider(...)) -------------------


@pytest.fixture
def seam(vozctl, classifier):
    return vozctl.intent.IntentParser(slm_provider=TRMIntentProvider(classifier))


def test_provider_fits_the_seam(vozctl, classifier, seam):
    provider = TRMIntentProvider(classifier)
    assert provider.is_available() and provider.name == "trm_intent"
    assert seam._use_slm and seam._slm_provider.name == "trm_intent"


def test_seam_fast_path_untouched(vozctl, seam, editor, rec):
    result = run(vozctl, seam, "go to line 50", editor)
    assert result.source == "fast_path"
    assert rec.calls == [("hotkey", "g", "ctrl"), ("type_text", "50"), ("press_key", "return")]


def test_seam_undo_then_type(vozctl, seam, editor, rec):
    result = run(vozctl, seam, "undo that and type see you at noon", editor)
    assert result.source == "slm"
    assert rec.keys == [("hotkey", "z", "cmd")] and rec.calls[0] == ("hotkey", "z", "cmd")
    assert rec.typed.strip() == "see you at noon"


def test_seam_copy_and_close_the_window(vozctl, seam, editor, rec, caplog):
    with caplog.at_level(logging.WARNING):
        result = run(vozctl, seam, "copy and close the window", editor)
    assert result.source == "slm"
    assert rec.calls == [("hotkey", "c", "cmd")]
    assert "close the window" in caplog.text


def test_seam_dictation_with_command_words(vozctl, seam, slack, rec):
    text = "Can you go back to the top of the doc and fix the typo?"
    result = run(vozctl, seam, text, slack)
    assert result.source == "slm"
    assert rec.calls == [("type_text", text + " ")]


def test_seam_uses_the_window_vozctl_names_in_its_prompt(vozctl, classifier, editor):
    seen: list[Any] = []

    class Spy:
        def classify(self, transcript: str, context: Any = None) -> IntentResult:
            seen.append(context)
            return classifier.classify(transcript, context)

    provider = TRMIntentProvider(Spy())  # type: ignore[arg-type]
    prompt = vozctl.intent.IntentParser(slm_provider=provider)._build_system_prompt(editor)
    provider.complete(system_prompt=prompt, transcript="save and close tab")
    assert (seen[0].app_name, seen[0].bundle_id) == ("Code", "com.microsoft.VSCode")
    TRMIntentProvider(Spy(), context_provider=lambda: editor).complete(  # type: ignore[arg-type]
        system_prompt="", transcript="save"
    )
    assert seen[-1] is editor


# -- the segment -> action mapping, with hand-built model results -------------------------------------


class Fixed:
    """A classifier that answers hand-built segments: (text, intent) pairs in order."""

    def __init__(self, *pieces: tuple[str, str]) -> None:
        self.pieces = pieces

    def classify(self, transcript: str, context: Any = None) -> IntentResult:
        segments, pos = [], 0
        for text, intent in self.pieces:
            start = transcript.index(text, pos)
            pos = start + len(text)
            segments.append(Segment(text=text, intent=intent, confidence=0.9, start=start, end=pos))
        label = "command" if any(i == "command" for _, i in self.pieces) else "dictation"
        return IntentResult(
            intent=label,
            confidence=0.9,
            halting_confidence=0.9,
            probabilities={"command": 0.5, "dictation": 0.5},
            steps=1,
            segments=segments,
        )


def fixed_parser(*pieces: tuple[str, str]) -> TRMIntentParser:
    return TRMIntentParser(classifier=Fixed(*pieces))  # type: ignore[arg-type]


def test_mapping_command_verb_then_dictation(vozctl, rec):
    p = fixed_parser(("undo that and type", "command"), ("see you at noon", "dictation"))
    result = run(vozctl, p, "undo that and type see you at noon")
    assert [(a.kind, a.name) for a in result.actions] == [("command", "undo"), ("dictation", "dictation")]
    assert rec.calls == [("hotkey", "z", "cmd"), ("type_text", "see you at noon ")]


def test_mapping_one_command_segment_with_type(vozctl, rec):
    p = fixed_parser(("undo that and type See you at noon.", "command"))
    result = run(vozctl, p, "undo that and type See you at noon.")
    assert [a.name for a in result.actions] == ["undo", "type_text"]
    assert rec.calls == [("hotkey", "z", "cmd"), ("type_text", "See you at noon.")]


def test_mapping_command_and_unresolved(vozctl, rec):
    p = fixed_parser(("copy and close the window", "command"))
    result = run(vozctl, p, "copy and close the window")
    assert [(a.kind, a.text) for a in result.actions] == [("command", ""), (UNRESOLVED, "close the window")]
    assert rec.calls == [("hotkey", "c", "cmd")]


def test_mapping_connective_between_commands(vozctl, rec):
    p = fixed_parser(("copy", "command"), ("and", "dictation"), ("close tab", "command"))
    run(vozctl, p, "copy and close tab")
    assert rec.calls == [("hotkey", "c", "cmd"), ("hotkey", "w", "cmd")]


def test_mapping_dictation_then_unresolved(vozctl, rec):
    p = fixed_parser(("All done here, talk soon.", "dictation"), ("Send message.", "command"))
    result = run(vozctl, p, "All done here, talk soon. Send message.")
    assert [(a.kind, a.text) for a in result.actions] == [
        ("dictation", "All done here, talk soon."),
        (UNRESOLVED, "Send message."),
    ]
    assert rec.calls == [("type_text", "All done here, talk soon. ")]


def test_mapping_whole_phrases_only(vozctl, rec):
    """vozctl's regexes match prefixes; here a command must be the whole phrase, counts numbers."""
    p = fixed_parser(("delete two words and type hello", "command"))
    run(vozctl, p, "delete two words and type hello")
    assert rec.calls == [("hotkey", "backspace", "alt")] * 2 + [("type_text", "hello")]
    rec.calls.clear()
    result = run(vozctl, fixed_parser(("delete the line", "command")), "delete the line")
    assert kinds(result) == [UNRESOLVED] and rec.calls == []


def test_mapping_no_segments_means_one(vozctl, rec):
    """A model without segments (or with segments that miss words) decides the whole utterance."""

    class Whole(Fixed):
        def classify(self, transcript: str, context: Any = None) -> IntentResult:
            return super().classify(transcript).model_copy(update={"segments": []})

    p = TRMIntentParser(classifier=Whole(("save and close tab", "command")))  # type: ignore[arg-type]
    run(vozctl, p, "save and close tab")
    assert rec.calls == [("hotkey", "s", "cmd"), ("hotkey", "w", "cmd")]


def test_mapping_empty_utterance(vozctl, rec, classifier):
    result = run(vozctl, TRMIntentParser(classifier=classifier), "   ")
    assert result.actions == [] and rec.calls == []


def test_mapping_failing_model_falls_back_to_vozctls_rules(vozctl, rec):
    class Broken:
        def classify(self, transcript: str, context: Any = None) -> IntentResult:
            raise RuntimeError("no model")

    result = run(vozctl, TRMIntentParser(classifier=Broken()), "save")  # type: ignore[arg-type]
    assert result.source == "fast_path" and rec.calls == [("hotkey", "s", "cmd")]


def test_split_command_phrases():
    assert split_command_phrases("copy and close the window") == ["copy", "close the window"]
    assert split_command_phrases("Save. Then close tab,") == ["Save.", "close tab,"]
    assert split_command_phrases("undo and type salt and pepper") == ["undo", "type salt and pepper"]
    assert split_command_phrases("undo that and type") == ["undo that", "type"]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ((("go to line 50", "command"),), [("go_to_line", {"number": "50"})]),
        ((("scratch that", "command"),), [("scratch that", {})]),
        ((("select two words left and copy", "command"),), [("select_word", {}), ("copy", {})]),
        ((("undo that and type", "command"), ("see you", "dictation")), [("undo", {}), ("dictation", {})]),
        ((("insert space", "command"),), [("space", {})]),
        ((("snake user name", "command"),), [("dictation", {})]),
    ],
)
def test_seam_json_resolves_to_the_same_handlers(vozctl, rec, pieces, expected):
    transcript = " ".join(t for t, _ in pieces)
    provider = TRMIntentProvider(Fixed(*pieces))  # type: ignore[arg-type]
    raw = provider.complete(system_prompt="", transcript=transcript)
    items = json.loads(raw)
    seam_actions = vozctl.intent.IntentParser(slm_provider=provider)._parse_slm_response(raw, transcript)
    assert len(seam_actions) == len(items) == len(expected)
    for action, (name, args) in zip(seam_actions, expected):
        assert action.name == name
        assert all(action.args.get(k) == v for k, v in args.items())
    for action in seam_actions:
        action.handler()
    seam_calls = list(rec.calls)
    rec.calls.clear()
    vozctl.commands._last_typed_len = 0
    vozctl.intent.execute_actions(fixed_parser(*pieces).parse(transcript))
    assert [c for c in seam_calls if c[0] != "type_text"] == rec.keys
    assert "".join(c[1] for c in seam_calls if c[0] == "type_text").strip() == rec.typed.strip()


def test_seam_marks_unresolved_phrases(vozctl, rec, caplog):
    provider = TRMIntentProvider(Fixed(("copy and close the window", "command")))  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        raw = provider.complete(system_prompt="", transcript="copy and close the window")
    assert json.loads(raw) == [
        {"kind": "command", "name": "copy"},
        {"kind": UNRESOLVED, "text": "close the window"},
    ]
    assert "close the window" in caplog.text
