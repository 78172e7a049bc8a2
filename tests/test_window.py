"""The model reads the window: its app name, bundle id and title become window ids beside the
transcript's (contract step 2), cut at both ends of a long title, with "unknown" fields left out."""

from __future__ import annotations

import pytest
from tokenizers import Tokenizer

from trm_intent import IntentClassifier, WindowContext
from trm_intent.artifacts import TOKENIZER_FILE
from trm_intent.contract import ContextRules, InputEncoder, ModelInput, WindowCut
from trm_intent.runtime import default_model_dir

CODE = {"app_name": "Code", "bundle_id": "com.microsoft.VSCode"}
COMMIT = WindowContext(**CODE, window_title="COMMIT_EDITMSG — trm-intent")
SOURCE = WindowContext(**CODE, window_title="runtime.py — trm-intent")
LONG_TITLE = (
    "Quarterly planning notes and the draft of the release announcement for the team wiki page "
    "with comments from review - Google Docs"
)


@pytest.fixture(scope="module")
def clf() -> IntentClassifier:
    return IntentClassifier()


def _tokens(text: str) -> list[int]:
    """``text``'s ids by the bundled tokenizer, uncut."""
    tok = Tokenizer.from_file(str(default_model_dir() / TOKENIZER_FILE))
    tok.no_truncation()
    return tok.encode(text, add_special_tokens=False).ids


def _encoder(cut: WindowCut) -> InputEncoder:
    tok = Tokenizer.from_file(str(default_model_dir() / TOKENIZER_FILE))
    return InputEncoder(tok, ContextRules.default(), 400, 32, cut)


def test_the_title_changes_the_window_ids_not_the_transcript_ids(clf: IntentClassifier) -> None:
    commit, source = (
        clf.encode("fix the typo in the parser", COMMIT),
        clf.encode("fix the typo in the parser", SOURCE),
    )
    assert isinstance(commit, ModelInput)
    assert commit.ids[1:] == source.ids[1:]  # the words are the same
    assert commit.ids[0] == commit.window_ids[0] == source.window_ids[0]  # both lead with the context id
    assert commit.window_ids != source.window_ids
    assert commit.window_ids[-len(_tokens(COMMIT.window_title)) :] == _tokens(COMMIT.window_title)
    # ...and the window ids reach the model: the same words in the two windows are weighed apart.
    a = clf.classify("fix the typo in the parser", COMMIT).probabilities["command"]
    b = clf.classify("fix the typo in the parser", SOURCE).probabilities["command"]
    assert a != b


def test_window_ids_are_the_fields_in_order(clf: IntentClassifier) -> None:
    window = WindowContext(app_name="Slack", bundle_id="com.tinyspeck.slackmacgap", window_title="#general")
    ids = clf.encode("hello", window).window_ids
    cut = clf.meta.window
    expected = [
        ids[0],
        *_tokens("Slack")[: cut.app],
        *_tokens("com.tinyspeck.slackmacgap")[-cut.bundle :],
        *_tokens("#general"),
    ]
    assert ids == expected
    assert len(ids) <= cut.max_ids


def test_a_long_title_keeps_its_head_and_its_tail(clf: IntentClassifier) -> None:
    cut = clf.meta.window
    title = _tokens(LONG_TITLE)
    assert len(title) > cut.title_head + cut.title_tail
    ids = clf.encode("undo", WindowContext(window_title=LONG_TITLE)).window_ids
    # No app, no bundle id: the context id, then the title's first and last tokens.
    assert ids[1:] == title[: cut.title_head] + title[-cut.title_tail :]
    # A title that fits is kept whole.
    short = _tokens("Inbox - Mail")
    assert clf.encode("undo", WindowContext(window_title="Inbox - Mail")).window_ids[1:] == short


@pytest.mark.parametrize(
    "cut",
    [
        WindowCut(app=1, bundle=2, title_head=3, title_tail=2),
        WindowCut(app=0, bundle=0, title_head=5, title_tail=0),
        WindowCut(app=2, bundle=1, title_head=0, title_tail=4),
        WindowCut(app=0, bundle=0, title_head=0, title_tail=0),
    ],
)
def test_each_field_is_cut_as_the_model_says(cut: WindowCut) -> None:
    window = WindowContext(app_name="Google Chrome", bundle_id="com.google.Chrome", window_title=LONG_TITLE)
    app, bundle, title = _tokens("Google Chrome"), _tokens("com.google.Chrome"), _tokens(LONG_TITLE)
    ids = _encoder(cut).window_ids(window)
    kept_title = title[: cut.title_head] + (title[-cut.title_tail :] if cut.title_tail else [])
    assert ids[1:] == app[: cut.app] + (bundle[-cut.bundle :] if cut.bundle else []) + kept_title
    assert len(ids) <= cut.max_ids


def test_a_bundle_id_shorter_than_its_cut_keeps_all_its_tokens(clf: IntentClassifier) -> None:
    bundle = _tokens("md")
    assert len(bundle) < clf.meta.window.bundle
    assert clf.encode("undo", WindowContext(bundle_id="md")).window_ids[1:] == bundle


@pytest.mark.parametrize(
    "window",
    [
        WindowContext(),
        WindowContext(app_name="unknown", bundle_id="unknown", window_title="unknown"),
        WindowContext(app_name="Unknown", bundle_id="UNKNOWN", window_title="  unknown  "),
        WindowContext(app_name="  ", bundle_id="", window_title="\t"),
    ],
)
def test_unknown_or_empty_fields_give_no_tokens(clf: IntentClassifier, window: WindowContext) -> None:
    ids = clf.encode("undo", window).window_ids
    assert ids == [clf.encode("undo", None).ids[0]]  # the unknown context id alone


def test_an_unknown_field_beside_known_ones_is_left_out(clf: IntentClassifier) -> None:
    ids = clf.encode("undo", WindowContext(app_name="unknown", bundle_id="unknown", window_title="notes.txt"))
    assert ids.window_ids[1:] == _tokens("notes.txt")


def test_the_classifier_encodes_as_the_contract_says(clf: IntentClassifier) -> None:
    """The classifier's cached window encodings are the contract encoder's, window after window
    (and again, from the cache)."""
    ref = _encoder(clf.meta.window)
    windows = [COMMIT, SOURCE, WindowContext(window_title=LONG_TITLE), WindowContext(), WindowContext(**CODE)]
    for _ in range(2):
        for w in windows:
            assert clf.encode("go to line 5", w) == ref.encode("go to line 5", w)
