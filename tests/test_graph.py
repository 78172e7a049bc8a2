"""The hand-built window and step graphs compute what the torch TRM computes, for every variant the
code keeps: random weights, padded batches (transcripts and windows of different lengths), every
supervision step, answers and halting alike."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from trm_intent.config import TRMConfig
from trm_intent.contract import (
    STEP_INPUTS,
    STEP_OUTPUTS,
    WINDOW_INPUTS,
    WINDOW_OUTPUTS,
    ModelInput,
    batch_inputs,
    pad_rows,
    run_steps,
    window_contexts,
)

torch = pytest.importorskip("torch")

from trm_intent.export.graph import build_step_graph, build_window_graph, state_from_onnx  # noqa: E402
from trm_intent.training.model import TRM, step_fn, window_fn  # noqa: E402

VARIANTS = {
    "shipped": {},
    "T2_n2": {"T": 2, "n": 2},
    "T1_n3_layers1": {"n": 3, "layers": 1},
    "once": {"recursive": False, "n_sup": 1},
    "plain_layers4": {"recursive": False, "layers": 4, "n_sup": 1},
    "nsup5_heads2": {"n_sup": 5, "heads": 2, "hidden": 32},
}


def _sessions(model: TRM) -> tuple[Any, Any, Any, Any]:
    """The step graph's session, the window graph's, and the two graphs."""
    from trm_intent._onnxruntime import ort

    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    graph, window = build_step_graph(state, model.cfg), build_window_graph(state, model.cfg)
    assert tuple(i.name for i in graph.graph.input) == STEP_INPUTS
    assert tuple(o.name for o in graph.graph.output) == STEP_OUTPUTS
    assert tuple(i.name for i in window.graph.input) == WINDOW_INPUTS
    assert tuple(o.name for o in window.graph.output) == WINDOW_OUTPUTS
    for g in (graph, window):
        ops = {n.op_type for n in g.graph.node}
        assert not ops & {"Loop", "Scan", "If"} and all(n.domain == "" for n in g.graph.node)
    # The step no longer reads the window or the positions: they are the window graph's.
    assert {"pos", "window_query", "window_proj"}.isdisjoint(t.name for t in graph.graph.initializer)
    sessions = (
        ort.InferenceSession(g.SerializeToString(), providers=["CPUExecutionProvider"])
        for g in (graph, window)
    )
    return (*sessions, graph, window)


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
    session, window_session, graph, window_graph = _sessions(model)

    def onnx_step(*inputs: np.ndarray) -> list[np.ndarray]:
        return session.run(None, dict(zip(STEP_INPUTS, inputs)))

    def onnx_window(*inputs: np.ndarray) -> np.ndarray:
        return window_session.run(None, dict(zip(WINDOW_INPUTS, inputs)))[0]

    rng = np.random.default_rng(0)
    rows = []
    for n, w in zip(rng.integers(1, cfg.max_tokens + 1, 24), rng.integers(0, WINDOW_MAX, 24)):
        ctx = int(rng.integers(1, cfg.vocab_size))  # the context id leads both, as encode() gives them
        row = [ctx, *rng.integers(1, cfg.vocab_size, size=int(n) - 1).tolist()]
        seen = [ctx, *rng.integers(1, cfg.vocab_size, size=int(w)).tolist()]
        rows.append(ModelInput(row, seen, [-1, *range(len(row) - 1)]))
    rows[3] = rows[3]._replace(window_ids=rows[3].window_ids[:1])  # a window of the context id alone
    ids, mask, window, window_mask = pad_rows(rows, pad_id=0)
    assert window.shape[1] > 1 and len({int(m.sum()) for m in window_mask}) > 3  # padded windows
    torch_step, torch_window = step_fn(model), window_fn(model)
    # The window graph: the torch context, padded windows in one batch and each window alone.
    batched = onnx_window(window, window_mask)
    assert batched.shape == (len(rows), cfg.max_tokens, cfg.hidden)
    np.testing.assert_allclose(batched, torch_window(window, window_mask), atol=1e-5)
    contexts_onnx, contexts_torch = window_contexts(onnx_window, rows), window_contexts(torch_window, rows)
    np.testing.assert_allclose(np.stack(contexts_onnx), batched, atol=1e-5)
    np.testing.assert_allclose(np.stack(contexts_torch), np.stack(contexts_onnx), atol=1e-5)
    inputs = batch_inputs(rows, 0, contexts_torch)
    inputs_onnx = batch_inputs(rows, 0, contexts_onnx)
    assert inputs[1].flags.c_contiguous and inputs[1].shape == (*ids.shape, cfg.hidden)
    # torch's x as the graphs compute it is torch's training input (the order of the sums aside).
    with torch.no_grad():
        x_train, _ = model.embed_input(*(torch.from_numpy(a) for a in (ids, mask, window, window_mask)))
        x_graph = model.embed_tokens(torch.from_numpy(ids), torch.from_numpy(inputs[1]))
    np.testing.assert_allclose(x_train.numpy(), x_graph.numpy(), atol=1e-5)
    ya = za = yb = zb = np.zeros((*ids.shape, cfg.hidden), dtype=np.float32)
    for _ in range(cfg.n_sup):
        ours, theirs = torch_step(*inputs, ya, za), onnx_step(*inputs_onnx, yb, zb)
        assert len(ours) == len(theirs) == len(STEP_OUTPUTS)
        for a, b in zip(ours, theirs):  # every output, y_out and z_out included
            assert a.shape == b.shape
            np.testing.assert_allclose(a, b, atol=1e-4)
        (ya, za), (yb, zb) = ours[-2:], theirs[-2:]
    threshold = float(np.median(torch_step(*inputs, *(np.zeros_like(ya),) * 2)[1]))
    (p1, h1, s1), (p2, h2, s2) = (
        _run(fn, x, cfg, threshold) for fn, x in ((torch_step, inputs), (onnx_step, inputs_onnx))
    )
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_allclose(p1, p2, atol=1e-4)
    np.testing.assert_allclose(h1, h2, atol=1e-4)
    if cfg.n_sup > 1:
        assert len(set(s1.tolist())) > 1, "early exit should stop rows at different steps"
    # Padding changes nothing: each row alone (its transcript and its window unpadded) gives its
    # padded answer, in both runtimes.
    for r in (0, 3, 7):
        for fn, p_batch, contexts in ((onnx_step, p2, contexts_onnx), (torch_step, p1, contexts_torch)):
            one = batch_inputs([rows[r]], 0, [contexts[r]])
            assert one[2].all()
            alone = _run(fn, one, cfg, threshold)
            np.testing.assert_allclose(alone[0][0], p_batch[r], atol=1e-5)
            assert alone[2][0] == s2[r]
    # The graph's weights read back are the model's.
    back = state_from_onnx(graph, window_graph, cfg)
    assert all(np.array_equal(back[k], v.detach().numpy()) for k, v in model.state_dict().items())


def test_the_window_changes_the_answer_in_both_runtimes() -> None:
    """The window is an input the answer depends on (not read and dropped): the same transcript in
    two windows gives two answers, and torch and ONNX agree on each."""
    torch.manual_seed(1)
    cfg = TRMConfig(vocab_size=120, max_tokens=20)
    model = TRM(cfg).eval()
    session, window_session, *_ = _sessions(model)
    rows = [
        ModelInput([5, 40, 41, 42], [5, 60, 61], [-1, 0, 1, 2]),
        ModelInput([5, 40, 41, 42], [5, 90, 91, 92, 93, 94], [-1, 0, 1, 2]),
    ]

    def onnx_window(*inputs: np.ndarray) -> np.ndarray:
        return window_session.run(None, dict(zip(WINDOW_INPUTS, inputs)))[0]

    state = np.zeros((2, 4, cfg.hidden), dtype=np.float32)
    ours = session.run(
        None,
        dict(zip(STEP_INPUTS, (*batch_inputs(rows, 0, window_contexts(onnx_window, rows)), state, state))),
    )
    theirs = step_fn(model)(*batch_inputs(rows, 0, window_contexts(window_fn(model), rows)), state, state)
    np.testing.assert_allclose(ours[0], theirs[0], atol=1e-4)
    assert np.abs(ours[0][0] - ours[0][1]).max() > 1e-4
