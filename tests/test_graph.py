"""The hand-built step graph computes what the torch TRM computes, for every variant the code keeps:
random weights, padded batches (transcripts and windows of different lengths), every supervision
step, answers and halting alike."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from trm_intent.config import TRMConfig
from trm_intent.contract import STEP_INPUTS, STEP_OUTPUTS, ModelInput, batch_inputs, run_steps

torch = pytest.importorskip("torch")

from trm_intent.export.graph import build_step_graph, state_from_onnx  # noqa: E402
from trm_intent.training.model import TRM, step_fn  # noqa: E402

VARIANTS = {
    "shipped": {},
    "T2_n2": {"T": 2, "n": 2},
    "T1_n3_layers1": {"n": 3, "layers": 1},
    "once": {"recursive": False, "n_sup": 1},
    "plain_layers4": {"recursive": False, "layers": 4, "n_sup": 1},
    "nsup5_heads2": {"n_sup": 5, "heads": 2, "hidden": 32},
}


def _session(model: TRM) -> tuple[Any, Any]:
    from trm_intent._onnxruntime import ort

    graph = build_step_graph({k: v.detach().numpy() for k, v in model.state_dict().items()}, model.cfg)
    assert tuple(i.name for i in graph.graph.input) == STEP_INPUTS
    assert tuple(o.name for o in graph.graph.output) == STEP_OUTPUTS
    ops = {n.op_type for n in graph.graph.node}
    assert not ops & {"Loop", "Scan", "If"} and all(n.domain == "" for n in graph.graph.node)
    return ort.InferenceSession(graph.SerializeToString(), providers=["CPUExecutionProvider"]), graph


WINDOW_MAX = 13  # window tokens besides the context id, at most (the default cut reads up to 24)


def _run(step: Any, inputs: Any, cfg: TRMConfig, threshold: float) -> tuple[Any, Any, Any]:
    out = run_steps(step, inputs, cfg.hidden, cfg.n_sup, threshold)
    return out[0], out[1], out[-1]  # probs, halt, steps


@pytest.mark.parametrize("name", list(VARIANTS))
def test_graph_matches_torch_on_random_weights(name: str) -> None:
    torch.manual_seed(sum(map(ord, name)))
    cfg = TRMConfig(vocab_size=120, max_tokens=20, **VARIANTS[name])
    model = TRM(cfg).eval()
    with torch.no_grad():  # a halting head that says something, so early exit varies by row
        model.halt.weight.normal_(0, 1.0)
        model.halt.bias.zero_()
    session, graph = _session(model)

    def onnx_step(*inputs: np.ndarray) -> list[np.ndarray]:
        return session.run(None, dict(zip(STEP_INPUTS, inputs)))

    rng = np.random.default_rng(0)
    rows = []
    for n, w in zip(rng.integers(1, cfg.max_tokens + 1, 24), rng.integers(0, WINDOW_MAX, 24)):
        ctx = int(rng.integers(1, cfg.vocab_size))  # the context id leads both, as encode() gives them
        row = [ctx, *rng.integers(1, cfg.vocab_size, size=int(n) - 1).tolist()]
        seen = [ctx, *rng.integers(1, cfg.vocab_size, size=int(w)).tolist()]
        rows.append(ModelInput(row, seen, [-1, *range(len(row) - 1)]))
    rows[3] = rows[3]._replace(window_ids=rows[3].window_ids[:1])  # a window of the context id alone
    inputs = batch_inputs(rows, pad_id=0)
    ids, mask, window, window_mask = inputs
    assert window.shape[1] > 1 and len({int(m.sum()) for m in window_mask}) > 3  # padded windows
    torch_step = step_fn(model)
    ya = za = yb = zb = np.zeros((*ids.shape, cfg.hidden), dtype=np.float32)
    for _ in range(cfg.n_sup):
        ours, theirs = torch_step(*inputs, ya, za), onnx_step(*inputs, yb, zb)
        assert len(ours) == len(theirs) == len(STEP_OUTPUTS)
        for a, b in zip(ours, theirs):  # every output, y_out and z_out included
            assert a.shape == b.shape
            np.testing.assert_allclose(a, b, atol=1e-4)
        (ya, za), (yb, zb) = ours[-2:], theirs[-2:]
    threshold = float(np.median(torch_step(*inputs, *(np.zeros_like(ya),) * 2)[1]))
    (p1, h1, s1), (p2, h2, s2) = (_run(fn, inputs, cfg, threshold) for fn in (torch_step, onnx_step))
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_allclose(p1, p2, atol=1e-4)
    np.testing.assert_allclose(h1, h2, atol=1e-4)
    if cfg.n_sup > 1:
        assert len(set(s1.tolist())) > 1, "early exit should stop rows at different steps"
    # Padding changes nothing: each row alone (its transcript and its window unpadded) gives its
    # padded answer, in both runtimes.
    for r in (0, 3, 7):
        one = batch_inputs([rows[r]], pad_id=0)
        assert one[1].all() and one[3].all()
        for fn, p_batch in ((onnx_step, p2), (torch_step, p1)):
            alone = _run(fn, one, cfg, threshold)
            np.testing.assert_allclose(alone[0][0], p_batch[r], atol=1e-5)
            assert alone[2][0] == s2[r]
    # The graph's weights read back are the model's.
    back = state_from_onnx(graph, cfg)
    assert all(np.array_equal(back[k], v.detach().numpy()) for k, v in model.state_dict().items())


def test_the_window_changes_the_answer_in_both_runtimes() -> None:
    """The window is an input the answer depends on (not read and dropped): the same transcript in
    two windows gives two answers, and torch and ONNX agree on each."""
    torch.manual_seed(1)
    cfg = TRMConfig(vocab_size=120, max_tokens=20)
    model = TRM(cfg).eval()
    session, _ = _session(model)
    rows = [
        ModelInput([5, 40, 41, 42], [5, 60, 61], [-1, 0, 1, 2]),
        ModelInput([5, 40, 41, 42], [5, 90, 91, 92, 93, 94], [-1, 0, 1, 2]),
    ]
    inputs = batch_inputs(rows, pad_id=0)
    state = np.zeros((2, 4, cfg.hidden), dtype=np.float32)
    ours = session.run(None, dict(zip(STEP_INPUTS, (*inputs, state, state))))
    theirs = step_fn(model)(*inputs, state, state)
    np.testing.assert_allclose(ours[0], theirs[0], atol=1e-4)
    assert np.abs(ours[0][0] - ours[0][1]).max() > 1e-4
