"""The hand-built step graph computes what the torch TRM computes, for every variant the code keeps:
random weights, padded batches, every supervision step, answers and halting alike."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from trm_intent.config import TRMConfig
from trm_intent.contract import STEP_INPUTS, STEP_OUTPUTS, pad_batch, run_steps

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


@pytest.mark.parametrize("name", list(VARIANTS))
def test_graph_matches_torch_on_random_weights(name: str) -> None:
    torch.manual_seed(sum(map(ord, name)))
    cfg = TRMConfig(vocab_size=120, max_tokens=20, **VARIANTS[name])
    model = TRM(cfg).eval()
    with torch.no_grad():  # a halting head that says something, so early exit varies by row
        model.halt.weight.normal_(0, 1.0)
        model.halt.bias.zero_()
    session, graph = _session(model)

    def onnx_step(ids: np.ndarray, mask: np.ndarray, y: np.ndarray, z: np.ndarray) -> list[np.ndarray]:
        return session.run(None, {"input_ids": ids, "attention_mask": mask, "y": y, "z": z})

    rng = np.random.default_rng(0)
    rows = [
        list(rng.integers(1, cfg.vocab_size, size=int(n))) for n in rng.integers(1, cfg.max_tokens + 1, 24)
    ]
    ids, mask = pad_batch(rows, pad_id=0)
    torch_step = step_fn(model)
    ya = za = yb = zb = np.zeros((*ids.shape, cfg.hidden), dtype=np.float32)
    for _ in range(cfg.n_sup):
        pa, ha, ya, za = torch_step(ids, mask, ya, za)
        pb, hb, yb, zb = onnx_step(ids, mask, yb, zb)
        for a, b in ((pa, pb), (ha, hb), (ya, yb), (za, zb)):
            assert a.shape == b.shape
            np.testing.assert_allclose(a, b, atol=1e-4)
    threshold = float(np.median(torch_step(ids, mask, *(np.zeros_like(ya),) * 2)[1]))
    (p1, h1, s1), (p2, h2, s2) = (
        run_steps(fn, ids, mask, cfg.hidden, cfg.n_sup, threshold) for fn in (torch_step, onnx_step)
    )
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_allclose(p1, p2, atol=1e-4)
    np.testing.assert_allclose(h1, h2, atol=1e-4)
    if cfg.n_sup > 1:
        assert len(set(s1.tolist())) > 1, "early exit should stop rows at different steps"
    # Padding changes nothing: each row alone gives its padded answer.
    for r in (0, 7):
        one = np.array([rows[r]], dtype=np.int64)
        alone = run_steps(onnx_step, one, np.ones_like(one), cfg.hidden, cfg.n_sup, threshold)
        np.testing.assert_allclose(alone[0][0], p2[r], atol=1e-5)
        assert alone[2][0] == s2[r]
    # The graph's weights read back are the model's.
    back = state_from_onnx(graph, cfg)
    assert all(np.array_equal(back[k], v.detach().numpy()) for k, v in model.state_dict().items())
