"""benchmarks/segments_cost.py: the step graph without its token head gives the same answers, and
the report compares both variants. Few calls on the bundled model; no timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from trm_intent import IntentClassifier, WindowContext, default_model_dir
from trm_intent.contract import batch_inputs, window_contexts

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


def test_report_has_both_variants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "segments_cost.md"
    assert sc.main(["--calls", "40", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip() == text.strip()
    assert text.startswith("# What segments cost in classify() latency")
    for needle in ("## Machine", "AVX-512: ", "load average", "## All utterances", "## Utterances A cuts"):
        assert needle in text
    assert text.count("| A, with segments (as shipped) | 40 |") == 2
    assert text.count("| B, without segments | 40 |") == 2
    assert text.count("p50 A/B: **") == 2
    assert text.count("A's p50 within +10% of B's: **") == 2 and "A's p99 <= 0.8 ms: **" in text
    full = len(onnx.load(str(MODEL / "model.onnx")).graph.node)
    assert f"step graph: {full} nodes; without the token head: {full - 4} nodes" in text
