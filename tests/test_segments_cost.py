"""benchmarks/segments_cost.py: the step graph without its token head gives the same answers, and
the report compares both variants. Few calls on the bundled model; no timing is asserted. And the
hot path's way to the segments (contract.segments from the tokens' offsets, the words found only
when a transcript is cut) gives what the words' way gives."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from trm_intent import IntentClassifier, WindowContext, default_model_dir
from trm_intent.contract import batch_inputs, segments, to_result, token_words, window_contexts, word_spans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import segments_cost as sc  # noqa: E402

MODEL = default_model_dir()
pytestmark = pytest.mark.skipif(not (MODEL / "model.onnx").is_file(), reason="no bundled model")
ITEMS = [
    ("undo that and type see you at noon", sc.WINDOWS[0]),
    ("Go to line 50.", sc.WINDOWS[0]),
    ("see you at three tomorrow, and bring the slides for the review", sc.WINDOWS[1]),
    ("git commit dash m fix the build", sc.WINDOWS[2]),
]


@pytest.fixture(scope="module")
def shipped() -> IntentClassifier:
    return IntentClassifier(MODEL, threads=1)


@pytest.fixture(scope="module")
def pruned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    return sc.write_pruned(MODEL, tmp_path_factory.mktemp("pruned"))


@pytest.fixture(scope="module")
def without(shipped: IntentClassifier, pruned: tuple[Path, int, int]) -> sc.WithoutSegments:
    return sc.WithoutSegments(shipped, pruned[0])


def test_pruned_graph_has_no_token_head(pruned: tuple[Path, int, int]) -> None:
    path, full_nodes, pruned_nodes = pruned
    full = onnx.load(str(MODEL / "model.onnx"))
    model = onnx.load(str(path))
    onnx.checker.check_model(model, full_check=True)
    assert full_nodes == len(full.graph.node)
    assert pruned_nodes == len(model.graph.node) < full_nodes
    assert [o.name for o in model.graph.output] == list(sc.PRUNED_OUTPUTS)
    assert sc.TOKEN_OUTPUT not in {name for node in model.graph.node for name in node.output}
    assert "token_w" not in {t.name for t in model.graph.initializer}  # its weights went with it
    with pytest.raises(ValueError, match="no 'token_probs' output"):
        sc.prune_token_head(model)  # nothing left to prune


def test_pruned_step_is_bit_identical(shipped: IntentClassifier, without: sc.WithoutSegments) -> None:
    assert sc.check_identical(shipped, without, ITEMS) == shipped.meta.config.n_sup * (len(ITEMS) + 1)
    rows = [shipped.encode(t, c) for t, c in ITEMS]
    ids, context, mask = batch_inputs(rows, shipped.meta.pad_id, window_contexts(shipped.window, rows))
    state = np.zeros((*ids.shape, shipped.meta.config.hidden), dtype=np.float32)
    full = shipped.step(ids, context, mask, state, state)
    cut = without.step(ids, context, mask, state, state)
    for i in (0, 1, 3, 4):  # probs, halt, y_out, z_out
        assert np.array_equal(full[i], cut[i])
    assert full[2].shape == ids.shape and cut[2].size == 1  # B computes no token row


def test_check_identical_catches_a_changed_graph(
    shipped: IntentClassifier, pruned: tuple[Path, int, int], tmp_path: Path
) -> None:
    model = onnx.load(str(pruned[0]))
    bias = next(t for t in model.graph.initializer if t.name == "heads_b")
    changed = numpy_helper.to_array(bias).copy()
    changed[0] += np.float32(1e-3)  # the command logit only (the same shift of both would cancel)
    bias.CopyFrom(numpy_helper.from_array(changed, "heads_b"))
    onnx.save(model, str(tmp_path / "changed.onnx"))
    with pytest.raises(AssertionError, match="probs differs"):
        sc.check_identical(shipped, sc.WithoutSegments(shipped, tmp_path / "changed.onnx"), ITEMS)


def test_without_segments_answers_as_shipped(shipped: IntentClassifier, without: sc.WithoutSegments) -> None:
    sc.check_same_decisions(shipped, without, ITEMS)
    r = without.classify("undo that and type see you at noon", WindowContext(app_name="Code"))
    assert r.segments == [] and r.steps >= 1
    assert shipped.classify("Go to line 50.", None).segments  # A has segments
    assert without._encoder is shipped._encoder  # the same encoder: only the head and cutting differ
    assert without._window_session is shipped._window_session  # and the same window graph


def test_c_has_the_token_head_but_no_cutting(shipped: IntentClassifier) -> None:
    """C runs the full step graph (in a session of its own) with B's classify(): A's answers, the
    same steps, no segments."""
    head = sc.WithoutCutting(shipped, MODEL / "model.onnx")
    assert head._session is not shipped._session and head._outputs == list(sc.STEP_OUTPUTS)
    assert sc.check_same_decisions(shipped, head, ITEMS) >= len(ITEMS)
    rows = [shipped.encode(t, c) for t, c in ITEMS]
    ids, context, mask = batch_inputs(rows, shipped.meta.pad_id, window_contexts(shipped.window, rows))
    state = np.zeros((*ids.shape, shipped.meta.config.hidden), dtype=np.float32)
    for a, b in zip(
        shipped.step(ids, context, mask, state, state), head.step(ids, context, mask, state, state)
    ):
        assert np.array_equal(a, b)  # token_probs included


def test_report_has_both_variants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "segments_cost.md"
    assert sc.main(["--calls", "40", "--rounds", "4", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip() == text.strip()
    assert text.startswith("# What segments cost in classify() latency")
    for needle in ("## Machine", "AVX-512: ", "load average", "## All utterances", "## Utterances A cuts"):
        assert needle in text
    assert text.count("| A, with segments (as shipped) | 40 |") == 2
    assert text.count("| B, without segments | 40 |") == 2
    assert text.count("| C, the token head but no cutting | 40 |") == 2
    assert text.count("p50 A/B: **") == 2 and text.count("(4 rounds)") == 2
    assert "--calls 40 --rounds 4" in text
    assert text.count("of which the token head in the graph, C/B: ") == 2
    assert "supervision steps each)" in text
    assert text.count("A's p50 within +10% of B's: **") == 2 and "A's p99 <= 0.8 ms: **" in text
    full = len(onnx.load(str(MODEL / "model.onnx")).graph.node)
    assert f"step graph: {full} nodes; without the token head: {full - 4} nodes" in text


def test_segments_from_offsets_as_from_words(shipped: IntentClassifier) -> None:
    """segments(..., offsets=) (what classify() passes: token_words found only when the transcript
    is cut, from the word spans segments() has found) equals segments() on the words list (what
    classify_batch passes), on the benchmark's utterances, ones longer than max_chars and ones with
    spaces str.split() takes (U+001C, U+3000), with the model's token probabilities and made-up
    ones; and token_words with the spans given equals token_words finding them."""
    rng = np.random.default_rng(0)
    mc = shipped.meta.max_chars
    texts = [t for t, _ in ITEMS] + sc.MIXED + sc.utterances(per_kind=10)
    texts += [" ".join([t] * (mc // len(t) + 2)) for t in sc.MIXED[:2]]  # past max_chars
    texts += ["  go to\x1c line 50 \u3000 type hi  ", "undo\u3000that and type ok\n"]
    assert any(len(t) > mc for t in texts)
    cut = 0
    for i, text in enumerate(texts):
        ids, offsets = shipped._encoder.transcript_tokens(text)
        assert token_words(text[:mc], offsets, word_spans(text[:mc])) == token_words(text[:mc], offsets)
        words = [-1, *token_words(text[:mc], offsets)]
        assert shipped.encode(text).words == words  # classify_batch's words
        made_up = [rng.random(len(ids) + 1, dtype=np.float32) for _ in range(4)]
        context = sc.WINDOWS[i % len(sc.WINDOWS)]
        model = shipped.classify_batch([text], [context])[0]
        assert shipped.classify(text, context) == model
        for probs in made_up:
            for intent in ("command", "dictation"):
                want = segments(text, words, probs, intent, 0.75, mc)
                assert segments(text, (), probs, intent, 0.75, mc, offsets) == want
                cut += len(want) > 1
            p = np.array([0.8, 0.2], dtype=np.float32)
            assert to_result(shipped.labels, p, 0.9, 1, 0.5, text, (), probs, mc, offsets) == to_result(
                shipped.labels, p, 0.9, 1, 0.5, text, words, probs, mc
            )
    assert cut >= 100


def test_word_spans_are_the_runs_of_non_space() -> None:
    """word_spans (str.split and str.find) gives the runs \\S+ matches, on every whitespace code
    point str.isspace knows (U+001C..U+001F and U+3000 among them), at either end and doubled."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) >= 25 and "\x1c" in spaces and "\u3000" in spaces
    rng = np.random.default_rng(1)
    words = ["go", "to", "line", "50.", "é", "日本", "a-b", "[pad]", "x" * 40, "ab\ud800"]
    texts = ["", " ", "word", *(f"{s}a{s}{s}b c{s}" for s in spaces)]
    for _ in range(2000):
        n = int(rng.integers(0, 8))
        parts = [str(rng.choice(words)) for _ in range(n)]
        gaps = ["".join(rng.choice(spaces, size=int(rng.integers(1, 3)))) for _ in range(n + 1)]
        text = "".join(g + p for g, p in zip(gaps, parts)) + gaps[-1]
        texts.append(text if rng.random() < 0.8 else text.strip())
    for text in texts:
        assert word_spans(text) == [m.span() for m in re.finditer(r"\S+", text)], repr(text)
