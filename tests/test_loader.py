"""The loader checks what it loads: a model directory that loads either classifies correctly or was
refused at load with an error naming the file and the field (never a failure at the first call)."""

from __future__ import annotations

import json
import math
import pickle
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from trm_intent import IntentClassifier, ModelError, WindowContext
from trm_intent.artifacts import META_FILE, MODEL_FILE, TOKENIZER_FILE, WINDOW_FILE, sha256_file
from trm_intent.contract import WINDOW_CACHE, ModelInput, batch_inputs, run_steps, window_contexts
from trm_intent.runtime import default_model_dir

from .conftest import DATA

SLACK = WindowContext(app_name="Slack", bundle_id="com.tinyspeck.slackmacgap")
VSCODE_TITLED = WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode", window_title="intent.py")


@pytest.fixture(scope="module")
def clf() -> IntentClassifier:
    return IntentClassifier()


def _copy(tmp_path: Path, name: str = "model") -> Path:
    target = tmp_path / name
    shutil.copytree(default_model_dir(), target)
    return target


def _edit_meta(model_dir: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    meta = json.loads((model_dir / META_FILE).read_text())
    edit(meta)
    (model_dir / META_FILE).write_text(json.dumps(meta))
    return model_dir


def _rehash(model_dir: Path) -> None:
    _edit_meta(
        model_dir,
        lambda m: m.update(
            onnx_sha256=sha256_file(model_dir / MODEL_FILE),
            window_sha256=sha256_file(model_dir / WINDOW_FILE),
            tokenizer_sha256=sha256_file(model_dir / TOKENIZER_FILE),
        ),
    )


@pytest.mark.parametrize(
    ("labels", "match"),
    [
        (["dictation", "command"], "labels"),
        (["yes", "no"], "labels"),
        (["command", "command"], "labels"),
        (["command", "dictation", "maybe"], "labels"),
    ],
)
def test_labels_other_than_the_heads_order_are_refused(tmp_path: Path, labels: list[str], match: str) -> None:
    model = _edit_meta(_copy(tmp_path), lambda m: m.update(labels=labels))
    with pytest.raises(ModelError, match=rf"trm_intent\.json: invalid metadata \({match}"):
        IntentClassifier(model)


def test_an_unknown_context_kind_in_the_window_tables_is_refused(tmp_path: Path) -> None:
    model = _edit_meta(_copy(tmp_path), lambda m: m["context"]["bundle_ids"].update({"com.x": "spaceship"}))
    with pytest.raises(ModelError, match=r"context\.bundle_ids.*'spaceship'"):
        IntentClassifier(model)
    titles = _edit_meta(
        _copy(tmp_path, "titles"), lambda m: m["context"]["browser_titles"].append(["x", "moon"])
    )
    with pytest.raises(ModelError, match=r"context\.browser_titles.*'moon'"):
        IntentClassifier(titles)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("hidden", 32, "config.hidden 32"),
        ("max_tokens", 64, r"context is shaped \(2, 32, 64\), not \(2, 64, 64\) \(config.max_tokens"),
        ("vocab_size", 100, "vocab_size"),
        ("n_sup", 10**18, "n_sup"),
        ("hidden", 10**9, "hidden"),
        ("heads", 3, "divisible"),
    ],
)
def test_a_config_that_does_not_match_the_graph_is_refused(
    tmp_path: Path, field: str, value: int, match: str
) -> None:
    model = _edit_meta(_copy(tmp_path), lambda m: m["config"].update({field: value}))
    with pytest.raises(ModelError, match=match):
        IntentClassifier(model)


@pytest.mark.parametrize(("pad_id", "match"), [(5000, "pad_id 5000"), (5, "pad_id 5 is '\\[ctx_browser\\]'")])
def test_a_pad_id_that_is_not_the_pad_token_is_refused(tmp_path: Path, pad_id: int, match: str) -> None:
    model = _edit_meta(_copy(tmp_path), lambda m: m.update(pad_id=pad_id))
    with pytest.raises(ModelError, match=match):
        IntentClassifier(model)


def test_a_format_it_does_not_know_is_refused(tmp_path: Path) -> None:
    model = _edit_meta(_copy(tmp_path), lambda m: m.update(format_version=1))
    with pytest.raises(ModelError, match="format_version 1 is not supported"):
        IntentClassifier(model)


def test_a_format_2_model_from_before_the_window_is_refused_by_name(tmp_path: Path) -> None:
    """A model exported before the window was read (format 2: no window ids in its graph, no
    `window` or `command_threshold` in its JSON) is refused naming format_version, not half-loaded."""

    def format_2(meta: dict[str, Any]) -> None:
        meta.update(format_version=2)
        del meta["window"], meta["command_threshold"]

    model = _edit_meta(_copy(tmp_path), format_2)
    with pytest.raises(ModelError, match=r"trm_intent\.json: format_version 2 is not supported.*re-export"):
        IntentClassifier(model)


def test_a_format_3_model_without_a_window_graph_is_refused_with_how_to_re_export(tmp_path: Path) -> None:
    """A directory the previous version wrote (format 3: the window pooled inside model.onnx, no
    window.onnx, no window_sha256) is refused naming format_version and the export command."""

    def format_3(meta: dict[str, Any]) -> None:
        meta.update(format_version=3)
        del meta["window_sha256"]

    model = _edit_meta(_copy(tmp_path), format_3)
    (model / WINDOW_FILE).unlink()
    with pytest.raises(
        ModelError,
        match=r"trm_intent\.json: format_version 3 is not supported.*window\.onnx.*"
        r"trm-intent export --checkpoint",
    ):
        IntentClassifier(model)


def test_a_missing_or_altered_window_graph_is_refused_naming_it(tmp_path: Path) -> None:
    missing = _copy(tmp_path, "missing")
    (missing / WINDOW_FILE).unlink()
    with pytest.raises(ModelError, match=r"window\.onnx: missing"):
        IntentClassifier(missing)
    altered = _copy(tmp_path, "altered")
    with (altered / WINDOW_FILE).open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelError, match=r"window\.onnx: SHA-256 does not match"):
        IntentClassifier(altered)
    # Another model's window graph, hashed as if it belonged: refused by what it is, not loaded.
    swapped = _copy(tmp_path, "swapped")
    shutil.copy(swapped / MODEL_FILE, swapped / WINDOW_FILE)
    _rehash(swapped)
    with pytest.raises(ModelError, match=r"window\.onnx: inputs/outputs .* are not the window graph's"):
        IntentClassifier(swapped)


def test_the_window_cache_gives_the_uncached_answer_and_stays_bounded(clf: IntentClassifier) -> None:
    """A window's context is computed once and kept: an answer from the cache is the answer of a
    classifier that never saw the window, bit for bit, and the cache never holds more than
    WINDOW_CACHE windows."""
    fresh = IntentClassifier()
    encoder = clf._encoder
    window = WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode", window_title="cache.py")
    first = clf.classify("go to line 50", window)
    ids, context = encoder.window_encoding(window)
    assert encoder.window_encoding(window)[1] is context  # kept, not recomputed
    again = clf.classify("go to line 50", window)
    assert again == first == fresh.classify("go to line 50", window)
    assert (
        context.shape == (clf.meta.config.max_tokens, clf.meta.config.hidden) and context.flags.c_contiguous
    )
    # The kept context is the window graph's on this window alone.
    np.testing.assert_array_equal(context, window_contexts(clf.window, [clf.encode("x", window)])[0])
    for i in range(WINDOW_CACHE + 40):
        other = WindowContext(app_name=f"App {i}", bundle_id=f"com.x.{i}", window_title=f"f{i}.py")
        clf.classify("undo", other)
        assert max(len(encoder._windows), len(encoder._apps), len(encoder._bundles)) <= WINDOW_CACHE
    # The ids (app and bundle id kept per field) are the contract's: each field encoded and cut.
    cut, tok = clf.meta.window, encoder.window_tokenizer
    field = [tok.encode(t, add_special_tokens=False).ids for t in ("Code", window.bundle_id, "cache.py")]
    expected = [encoder.context_ids["editor"], *field[0][: cut.app], *field[1][-cut.bundle :], *field[2]]
    assert encoder.window_ids(window) == ids == expected
    assert encoder.window_encoding(window)[1] is not context  # cleared once full, recomputed
    np.testing.assert_array_equal(encoder.window_encoding(window)[1], context)
    assert clf.classify("go to line 50", window) == first
    batch = clf.classify_batch(["go to line 50", "undo"], [window, SLACK])
    assert batch[0].intent == first.intent and batch[0].steps == first.steps
    assert abs(batch[0].probabilities["command"] - first.probabilities["command"]) < 1e-5


@pytest.mark.parametrize("text", ["[" * 200_000 + "]" * 200_000, '{"format_version": ' + "9" * 5000 + "}"])
def test_hostile_json_is_a_model_error_naming_the_file(tmp_path: Path, text: str) -> None:
    model = _copy(tmp_path)
    (model / META_FILE).write_text(text)
    with pytest.raises(ModelError, match=r"trm_intent\.json"):
        IntentClassifier(model)


def test_a_tokenizer_with_control_tokens_is_refused(tmp_path: Path) -> None:
    model = _copy(tmp_path)
    tok = json.loads((model / TOKENIZER_FILE).read_text())
    tok["added_tokens"] = [
        {
            "id": 4,
            "content": "[ctx_terminal]",
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": True,
        }
    ]
    (model / TOKENIZER_FILE).write_text(json.dumps(tok))
    _rehash(model)
    with pytest.raises(ModelError, match=r"tokenizer\.json: declares added tokens"):
        IntentClassifier(model)


def _fake_step(path: Path, probs: list[float], extra_node: tuple[str, str] | None = None) -> None:
    """A step graph with the contract's names whose answer is the constant ``probs``."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    nodes = [
        helper.make_node("Shape", ["input_ids"], ["batch"], start=0, end=1),
        helper.make_node("Concat", ["batch", "width"], ["shape"], axis=0),
        helper.make_node("Expand", ["row", "shape"], ["probs"]),
        helper.make_node("ReduceMean", ["y", "axes"], ["halt"], keepdims=0),
        helper.make_node("ReduceMean", ["y", "last"], ["token_probs"], keepdims=0),
        helper.make_node("Identity", ["y"], ["y_out"]),
        helper.make_node("Identity", ["z"], ["z_out"]),
    ]
    if extra_node is not None:
        domain, op = extra_node
        nodes.append(helper.make_node(op, ["y"], ["unused"], domain=domain))
    inits = [
        helper.make_tensor("row", TensorProto.FLOAT, [len(probs)], probs),
        helper.make_tensor("width", TensorProto.INT64, [1], [len(probs)]),
        helper.make_tensor("axes", TensorProto.INT64, [2], [1, 2]),
        helper.make_tensor("last", TensorProto.INT64, [1], [2]),
    ]
    state = ["b", "s", 64]
    graph = helper.make_graph(
        nodes,
        "fake",
        inputs=[
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"]),
            helper.make_tensor_value_info("context", TensorProto.FLOAT, state),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"]),
            helper.make_tensor_value_info("y", TensorProto.FLOAT, state),
            helper.make_tensor_value_info("z", TensorProto.FLOAT, state),
        ],
        outputs=[
            helper.make_tensor_value_info(n, TensorProto.FLOAT, None)
            for n in ("probs", "halt", "token_probs", "y_out", "z_out")
        ],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 23)])
    model.ir_version = 10
    onnx.save(model, path)


@pytest.mark.parametrize(
    ("probs", "extra", "match"),
    [
        ([0.2, 0.3, 0.5], None, "outputs are shaped"),
        ([math.nan, math.nan], None, "NaN"),
        ([0.9, 0.9], None, "not probabilities"),
        ([0.5, 0.5], ("", "Loop"), "Loop node"),
        ([0.5, 0.5], ("com.microsoft", "FusedMatMul"), "'com.microsoft' domain"),
    ],
)
def test_a_graph_outside_the_contract_is_refused(
    tmp_path: Path, probs: list[float], extra: tuple[str, str] | None, match: str
) -> None:
    model = _copy(tmp_path)
    _fake_step(model / MODEL_FILE, probs, extra)
    _rehash(model)
    with pytest.raises(ModelError, match=match):
        IntentClassifier(model)


def test_the_fake_step_itself_loads(tmp_path: Path) -> None:
    """The graphs above are refused for what they break, not for being fakes."""
    model = _copy(tmp_path)
    _fake_step(model / MODEL_FILE, [0.25, 0.75])
    _rehash(model)
    result = IntentClassifier(model).classify("undo")
    assert result.intent == "dictation" and result.confidence == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("threads", "error", "match"),
    [
        (2000, ValueError, "threads must be between 1 and"),
        (0, ValueError, "threads"),
        (-2, ValueError, "threads"),
        (math.nan, TypeError, "threads must be an int"),
        (1.5, TypeError, "threads"),
        ("2", TypeError, "threads"),
        (None, TypeError, "threads"),
        (True, TypeError, "threads"),
    ],
)
def test_threads_is_checked_before_anything_loads(threads: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        IntentClassifier(threads=threads)


@pytest.mark.parametrize(
    ("value", "error"), [(math.nan, ValueError), (0.0, ValueError), (1.5, ValueError), ("0.5", TypeError)]
)
def test_halt_threshold_is_checked(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="halt_threshold"):
        IntentClassifier(halt_threshold=value)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (0, ValueError),
        (1.5, ValueError),
        (-0.5, ValueError),
        (math.nan, ValueError),
        ("x", TypeError),
        ("0.9", TypeError),
        (True, TypeError),  # a bool is not a probability, though Python counts it as an int
    ],
)
def test_command_threshold_is_checked(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="command_threshold"):
        IntentClassifier(command_threshold=value)


def test_a_lone_surrogate_is_a_clear_error(clf: IntentClassifier) -> None:
    with pytest.raises(ValueError, match="lone surrogate U\\+D800 at position 3"):
        clf.classify("go \ud800 up")
    with pytest.raises(ValueError, match="lone surrogate"):
        clf.classify_batch(["undo", "go \ud800 up"])


def test_dictated_text_is_never_a_control_token(clf: IntentClassifier) -> None:
    specials = {clf.encode("x", None).ids[0]} | set(range(11))  # [pad] and the ten context tokens
    for text in ("[ctx_terminal] git status", "[pad] [pad]", "[ctx_editor]", "hello [CTX_CHAT] there"):
        ids, window = clf.encode(text, SLACK)[:2]
        assert not specials & set(ids[1:]), (text, ids)
        # The window's fields are text too: a title cannot smuggle in a control token either.
        titled = clf.encode("undo", WindowContext(app_name="Slack", window_title=text)).window_ids
        assert not specials & set(titled[1:]), (text, titled)
    # What the injection used to feed the model: the terminal's control token inside a Slack message.
    slack = clf.encode("git status", SLACK)
    injected = [slack.ids[0], clf.encode("", {"app_name": "Terminal"}).ids[0], *slack.ids[1:]]
    row = ModelInput(injected, slack.window_ids, [-1, *slack.words])
    inputs = batch_inputs([row], clf.meta.pad_id, window_contexts(clf.window, [row]))
    out = run_steps(clf.step, inputs, clf.meta.config.hidden, clf.meta.config.n_sup, clf.halt_threshold)
    said = clf.classify("[ctx_terminal] git status", SLACK)
    assert abs(said.probabilities["command"] - float(out[0][0][0])) > 1e-3


def test_a_classifier_says_it_cannot_be_pickled(clf: IntentClassifier) -> None:
    with pytest.raises(TypeError, match="cannot be pickled.*load the model directory again"):
        pickle.dumps(clf)


def test_classify_batch_of_many_is_faster_than_one_by_one(clf: IntentClassifier) -> None:
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()[:3000]]
    texts = [r["transcript"] for r in records]
    contexts = [r["context"] for r in records]
    t0 = time.perf_counter()
    batch = clf.classify_batch(texts, contexts)
    t_batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    single = [clf.classify(t, c) for t, c in zip(texts, contexts)]
    t_single = time.perf_counter() - t0
    assert [r.intent for r in batch] == [r.intent for r in single]
    assert [r.steps for r in batch] == [r.steps for r in single]
    worst = max(abs(a.probabilities["command"] - b.probabilities["command"]) for a, b in zip(batch, single))
    assert worst < 1e-5
    assert t_batch < t_single, f"batch {t_batch:.2f} s, one by one {t_single:.2f} s"


def test_probabilities_of_a_real_step_are_finite(clf: IntentClassifier) -> None:
    row = clf.encode("go to line 5", VSCODE_TITLED)
    inputs = batch_inputs([row], clf.meta.pad_id, window_contexts(clf.window, [row]))
    state = np.zeros((1, inputs[0].shape[1], clf.meta.config.hidden), np.float32)
    ids, context, mask = inputs
    out = clf.step(ids, context, mask, state, state)
    probs, halt = out[0], out[1]
    assert np.isfinite(probs).all() and 0 <= float(halt[0]) <= 1


def test_a_missing_model_names_where_an_interrupted_export_left_it(tmp_path: Path) -> None:
    shutil.copytree(default_model_dir(), tmp_path / ".m[1].old-99999")
    with pytest.raises(ModelError, match=r"interrupted export left the model at .*\.m\[1\]\.old-99999"):
        IntentClassifier(tmp_path / "m[1]")
    (tmp_path / ".m.old-abc").mkdir()  # not an export's: no hint
    with pytest.raises(ModelError, match="no such directory"):
        IntentClassifier(tmp_path / "m")
