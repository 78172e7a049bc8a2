"""Classify a handful of utterances with the bundled model and print the decisions."""

from __future__ import annotations

from trm_intent import IntentClassifier, WindowContext

VSCODE = WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode", window_title="intent.py — vozctl")
SLACK = WindowContext(app_name="Slack", bundle_id="com.tinyspeck.slackmacgap", window_title="#dev — Acme")
TERMINAL = WindowContext(app_name="iTerm2", bundle_id="com.googlecode.iterm2", window_title="zsh — ~/src")
CHROME = WindowContext(app_name="Google Chrome", bundle_id="com.google.chrome", window_title="Docs")
MAIL = WindowContext(app_name="Mail", bundle_id="com.apple.mail", window_title="Re: Friday")
UNKNOWN = None

EXAMPLES = [
    ("Go to line 50.", VSCODE),
    ("Scratch that.", VSCODE),
    ("delete the last two words", VSCODE),
    ("snake user name", VSCODE),
    ("Copy that.", VSCODE),
    ("Copy that.", SLACK),
    ("Sounds good, see you at three.", SLACK),
    ("git status", TERMINAL),
    ("clear", TERMINAL),
    ("reload", CHROME),
    ("Title of the talk is voice coding.", MAIL),
    ("Please select all the rows and delete the duplicates.", MAIL),
    ("pain left", UNKNOWN),
]


def main() -> None:
    clf = IntentClassifier()
    print(f"{'transcript':<56} {'app':<14} {'intent':<10} {'conf':>6} {'halt':>6} steps")
    for text, ctx in EXAMPLES:
        r = clf.classify(text, ctx)
        app = ctx.app_name if ctx else "unknown"
        print(
            f"{text:<56} {app:<14} {r.intent:<10} {r.confidence:6.3f} "
            f"{r.halting_confidence:6.3f} {r.steps:>5}"
        )


if __name__ == "__main__":
    main()
