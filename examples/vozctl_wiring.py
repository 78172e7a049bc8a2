"""Wire trm-intent into vozctl, both ways, and show the actions it would run.

Needs vozctl: installed, or its source at ../shared/vozctl/src (put on sys.path here). Key
injection is replaced by a printer, so this runs anywhere: ``python examples/vozctl_wiring.py``.
In vozctl itself, keep ``vozctl.actions`` and pass ``vozctl.context.get_frontmost_app``.
"""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path

SHARED_VOZCTL = Path(__file__).resolve().parents[1].parent / "shared" / "vozctl" / "src"
if SHARED_VOZCTL.is_dir():
    sys.path.insert(0, str(SHARED_VOZCTL))


def _printing_actions() -> types.ModuleType:
    """A stand-in for vozctl.actions (macOS only) that prints what would be sent."""

    def hotkey(key: str, *modifiers: str) -> None:
        print(f"    hotkey {'+'.join((*modifiers, key))}")

    def press_key(key: str, modifiers: list[str] | None = None) -> None:
        print(f"    key    {'+'.join((*(modifiers or []), key))}")

    def type_text(text: str, interval: float = 0.0) -> None:
        print(f"    type   {text!r}")

    module = types.ModuleType("vozctl.actions")
    module.__dict__.update(hotkey=hotkey, press_key=press_key, type_text=type_text)
    return module


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="    %(levelname)s %(name)s: %(message)s")
    sys.modules["vozctl.actions"] = _printing_actions()
    try:
        from vozctl.context import AppContext
        from vozctl.intent import IntentParser, execute_actions
    except ImportError:
        sys.exit("vozctl is not importable: install it or check out ../shared/vozctl")

    from trm_intent.integrations.vozctl import TRMIntentParser, TRMIntentProvider, unresolved_actions

    editor = AppContext(bundle_id="com.microsoft.VSCode", app_name="Code", window_title="main.py")
    slack = AppContext(bundle_id="com.tinyspeck.slackmacgap", app_name="Slack", window_title="#dev")

    def frontmost() -> AppContext:  # vozctl.context.get_frontmost_app in real use
        return editor

    parsers = {
        # 1. trm-intent decides every utterance; vozctl's registry runs the commands.
        "TRMIntentParser": TRMIntentParser(context_provider=frontmost),
        # 2. vozctl's own parser, trm-intent behind its SLM seam (after the regex fast path).
        "IntentParser + TRMIntentProvider": IntentParser(
            slm_provider=TRMIntentProvider(context_provider=frontmost)
        ),
    }
    utterances = [
        ("go to line 50", editor),
        ("undo that and type see you at noon", editor),
        ("copy and close the window", editor),
        ("go to definition", editor),
        ("All done here, talk soon. Send message.", slack),
    ]
    for label, parser in parsers.items():
        print(f"== {label}")
        for text, ctx in utterances:
            result = parser.parse(text, ctx)
            print(f"  {text!r} in {ctx.app_name} [{result.source}]")
            execute_actions(result)
            for action in unresolved_actions(result):
                print(f"    unresolved: {action.text!r}")


if __name__ == "__main__":
    main()
