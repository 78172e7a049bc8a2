"""Build the two ONNX graphs of a model directory from torch weights: the window graph and the
step graph (one TRM supervision step, recursion unrolled).

The graphs are written node by node (standard opset 23: ``Attention`` on 3-D inputs and
``RMSNormalization``) instead of traced, because at this size onnxruntime's per-node
cost is the latency budget: a block is 14 nodes, no reshapes or transposes, and ``x + y``
is computed once per cycle rather than once per latent update. What does not change while the
window does not (its pooled vector plus the position embeddings) is a graph of its own, run once
per window; the step graph only adds the transcript's token embeddings to it. Inputs and outputs
are the contract's (``trm_intent.contract``):

``window.onnx`` (``WINDOW_INPUTS`` / ``WINDOW_OUTPUTS``):
  Inputs:  window_ids int64 (batch, w); window_mask int64 (batch, w).
  Outputs: context float32 (batch, max_tokens, hidden) -- pos + the window's pooled vector,
           the same vector at every position.

``model.onnx``, the step (``STEP_INPUTS`` / ``STEP_OUTPUTS``):
  Inputs:  input_ids int64 (batch, seq); context float32 (batch, seq, hidden) -- the window
           graph's ``context[:, :seq]``; attention_mask int64 (batch, seq) -- 1 for a real token,
           0 for padding; y, z float32 (batch, seq, hidden) -- zeros for the first step.
  Outputs: probs float32 (batch, labels); halt float32 (batch,);
           token_probs float32 (batch, seq) -- P(the token's word is a command word);
           y_out, z_out float32 (batch, seq, hidden) -- fed back for the next step.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from trm_intent.config import TRMConfig
from trm_intent.contract import STEP_INPUTS, STEP_OUTPUTS, WINDOW_INPUTS, WINDOW_OUTPUTS

OPSET = 23
MASKED = -1e9  # training.model.MASKED: the score of a padded window position


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self._count = 0

    def const(self, name: str, array: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def op(
        self, op_type: str, inputs: list[str], n_out: int = 1, out: list[str] | None = None, **attrs: object
    ) -> list[str]:
        self._count += 1
        outs = out or [f"{op_type.lower()}_{self._count}_{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=f"{op_type}_{self._count}", **attrs))
        return outs

    def one(self, op_type: str, *inputs: str, **attrs: object) -> str:
        return self.op(op_type, list(inputs), **attrs)[0]

    def ints(self, name: str, *values: int) -> str:
        """A 1-D int64 constant (shapes, axes, split sizes)."""
        return self.const(name, np.array(values, dtype=np.int64))


def _const(b: _Builder, name: str, array: np.ndarray) -> str:
    return b.const(name, np.ascontiguousarray(array))


def _window_weights(state: Mapping[str, np.ndarray], b: _Builder) -> dict[str, str]:
    return {
        "embed": _const(b, "embed", state["embed.weight"]),
        "pos": _const(b, "pos", state["pos"]),
        "window_query": _const(b, "window_query", state["window_query"]),
        "window_proj": _const(b, "window_proj", state["window_proj.weight"].T),
    }


def _step_weights(state: Mapping[str, np.ndarray], cfg: TRMConfig, b: _Builder) -> dict[str, str]:
    """Initialisers in the layout MatMul wants (in, out); q, k, v fused into one matrix."""
    w = {"embed": _const(b, "embed", state["embed.weight"])}
    for i in range(cfg.layers):
        p = f"blocks.{i}."
        qkv = np.concatenate([state[p + n + ".weight"].T for n in ("q", "k", "v")], axis=1)
        w[f"{i}.qkv"] = _const(b, f"l{i}_qkv", qkv)
        for n in ("o", "gate", "up", "down"):
            w[f"{i}.{n}"] = _const(b, f"l{i}_{n}", state[p + n + ".weight"].T)
        for n in ("norm1", "norm2"):
            w[f"{i}.{n}"] = _const(b, f"l{i}_{n}", state[p + n + ".weight"])
    heads = np.concatenate([state["head.weight"], state["halt.weight"]], axis=0).T
    bias = np.concatenate([state["head.bias"], state["halt.bias"]])
    w["heads"] = _const(b, "heads_w", heads)
    w["heads_b"] = _const(b, "heads_b", bias)
    w["token_w"] = _const(b, "token_w", state["token_head.weight"].T)
    w["token_b"] = _const(b, "token_b", state["token_head.bias"])
    return w


def _model(
    b: _Builder, name: str, inputs: list[onnx.ValueInfoProto], outputs: list[onnx.ValueInfoProto]
) -> onnx.ModelProto:
    graph = helper.make_graph(b.nodes, name, inputs=inputs, outputs=outputs, initializer=b.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="trm-intent"
    )
    model.ir_version = 10
    onnx.checker.check_model(model, full_check=True)
    return model


def build_window_graph(state: Mapping[str, np.ndarray], cfg: TRMConfig) -> onnx.ModelProto:
    """The ONNX model of a window's context: pos + the window's pooled vector (run once per window)."""
    state = {k: np.asarray(v, dtype=np.float32) for k, v in state.items()}
    b = _Builder()
    w = _window_weights(state, b)
    i64 = b.ints
    # The window's vector: its token embeddings pooled by learned queries (padding scored MASKED).
    window = b.one("Gather", w["embed"], "window_ids")  # (batch, w, d)
    scores = b.one("MatMul", window, w["window_query"])  # (batch, w, queries)
    present = b.one("Unsqueeze", b.one("Cast", "window_mask", to=TensorProto.BOOL), i64("axis_2", 2))
    scores = b.one("Where", present, scores, b.const("masked", np.array(MASKED, dtype=np.float32)))
    weights = b.one("Transpose", b.one("Softmax", scores, axis=1), perm=[0, 2, 1])  # (batch, queries, w)
    pooled = b.one("Reshape", b.one("MatMul", weights, window), i64("flat", 0, -1))  # (batch, queries*d)
    vector = b.one("Unsqueeze", b.one("MatMul", pooled, w["window_proj"]), i64("axis_1", 1))
    b.op("Add", [w["pos"], vector], out=["context"])  # (max_tokens, d) + (batch, 1, d)
    model = _model(
        b,
        "trm_window",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "window"]) for n in WINDOW_INPUTS],
        [helper.make_tensor_value_info("context", TensorProto.FLOAT, ["batch", cfg.max_tokens, cfg.hidden])],
    )
    assert tuple(i.name for i in model.graph.input) == WINDOW_INPUTS
    assert tuple(o.name for o in model.graph.output) == WINDOW_OUTPUTS
    return model


def build_step_graph(state: Mapping[str, np.ndarray], cfg: TRMConfig) -> onnx.ModelProto:
    """The ONNX model of one supervision step (T cycles of n latent updates + 1 answer update)."""
    state = {k: np.asarray(v, dtype=np.float32) for k, v in state.items()}
    d = cfg.hidden
    b = _Builder()
    w = _step_weights(state, cfg, b)
    i64 = b.ints

    # x = embed[ids] + context (pos + the window's vector, from the window graph).
    x = b.one("Add", b.one("Gather", w["embed"], "input_ids"), "context")
    # The mask (batch, 1, seq, seq) for Attention: keys (batch, 1, 1, seq) broadcast over queries.
    keys = b.one("Unsqueeze", b.one("Cast", "attention_mask", to=TensorProto.BOOL), i64("axes_12", 1, 2))
    seq = b.one("Shape", "input_ids", start=1, end=2)
    mask = b.one("Expand", keys, b.one("Concat", i64("ones_2", 1, 1), seq, i64("one_1d", 1), axis=0))
    split = i64("split_qkv", d, d, d)

    def norm(h: str, scale: str) -> str:
        return b.one("RMSNormalization", h, scale, epsilon=cfg.norm_eps, axis=-1)

    def block(h: str, i: int) -> str:
        q, k, v = b.op("Split", [b.one("MatMul", h, w[f"{i}.qkv"]), split], n_out=3, axis=-1)
        a = b.one("Attention", q, k, v, mask, q_num_heads=cfg.heads, kv_num_heads=cfg.heads)
        h = norm(b.one("Add", h, b.one("MatMul", a, w[f"{i}.o"])), w[f"{i}.norm1"])
        g = b.one("MatMul", h, w[f"{i}.gate"])
        act = b.one("Mul", b.one("Mul", g, b.one("Sigmoid", g)), b.one("MatMul", h, w[f"{i}.up"]))
        return norm(b.one("Add", h, b.one("MatMul", act, w[f"{i}.down"])), w[f"{i}.norm2"])

    def f(h: str) -> str:
        for i in range(cfg.layers):
            h = block(h, i)
        return h

    y, z = "y", "z"
    if cfg.recursive:
        for _ in range(cfg.T):
            xy = b.one("Add", x, y)  # x + y is fixed while z is refined: hoisted out of the n updates
            for _ in range(cfg.n):
                z = f(b.one("Add", xy, z))
            y = f(b.one("Add", y, z))
    else:  # the ablation baseline: y = f(x), z passed through
        y = f(x)
    b.op("Identity", [y], out=["y_out"])
    b.op("Identity", [z], out=["z_out"])

    # The answer is read from y at the first position (the context token).
    first = b.one("Squeeze", b.one("Gather", y, i64("idx0", 0), axis=1), i64("axis1", 1))
    scores = b.one("Add", b.one("MatMul", first, w["heads"]), w["heads_b"])
    logits, halt = b.op("Split", [scores, i64("split_heads", cfg.num_labels, 1)], n_out=2, axis=-1)
    b.op("Softmax", [logits], out=["probs"], axis=-1)
    b.op("Sigmoid", [b.one("Squeeze", halt, i64("axis_last", -1))], out=["halt"])
    # Every position's word label: one MatMul over y (batch, seq, d) -> (batch, seq).
    token_scores = b.one("Add", b.one("MatMul", y, w["token_w"]), w["token_b"])
    b.op("Sigmoid", [b.one("Squeeze", token_scores, i64("axis_last_t", -1))], out=["token_probs"])

    state_shape = ["batch", "seq", d]
    model = _model(
        b,
        "trm_step",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
            helper.make_tensor_value_info("context", TensorProto.FLOAT, state_shape),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
            helper.make_tensor_value_info("y", TensorProto.FLOAT, state_shape),
            helper.make_tensor_value_info("z", TensorProto.FLOAT, state_shape),
        ],
        [
            helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", cfg.num_labels]),
            helper.make_tensor_value_info("halt", TensorProto.FLOAT, ["batch"]),
            helper.make_tensor_value_info("token_probs", TensorProto.FLOAT, ["batch", "seq"]),
            helper.make_tensor_value_info("y_out", TensorProto.FLOAT, state_shape),
            helper.make_tensor_value_info("z_out", TensorProto.FLOAT, state_shape),
        ],
    )
    assert tuple(i.name for i in model.graph.input) == STEP_INPUTS
    assert tuple(o.name for o in model.graph.output) == STEP_OUTPUTS
    return model


def state_from_onnx(step: onnx.ModelProto, window: onnx.ModelProto, cfg: TRMConfig) -> dict[str, np.ndarray]:
    """The torch state dict behind an exported step graph and window graph: the inverse of their
    initialisers.

    Lets ``--init-from`` fine-tune an exported model (no pickle in the artifact) and a
    benchmark run the same weights in torch.
    """
    inits = {t.name: numpy_helper.to_array(t) for t in step.graph.initializer}
    window_inits = {t.name: numpy_helper.to_array(t) for t in window.graph.initializer}
    d, labels = cfg.hidden, cfg.num_labels
    if inits["l0_qkv"].ndim != 2:
        raise ValueError("the graph's weights are not one network's (an ensemble of an older version?)")
    if not np.array_equal(inits["embed"], window_inits["embed"]):
        raise ValueError("the step graph and the window graph hold different token embeddings")
    state = {
        "embed.weight": inits["embed"],
        "pos": window_inits["pos"],
        "window_query": window_inits["window_query"],
        "window_proj.weight": window_inits["window_proj"].T,
    }
    for i in range(cfg.layers):
        p = f"blocks.{i}."
        qkv = inits[f"l{i}_qkv"]
        for j, n in enumerate(("q", "k", "v")):
            state[p + n + ".weight"] = qkv[:, j * d : (j + 1) * d].T
        for n in ("o", "gate", "up", "down"):
            state[p + n + ".weight"] = inits[f"l{i}_{n}"].T
        for n in ("norm1", "norm2"):
            state[p + n + ".weight"] = inits[f"l{i}_{n}"].reshape(d)
    heads, bias = inits["heads_w"].T, inits["heads_b"].reshape(-1)
    state.update(
        {
            "head.weight": heads[:labels],
            "head.bias": bias[:labels],
            "halt.weight": heads[labels:],
            "halt.bias": bias[labels:],
            "token_head.weight": inits["token_w"].T,
            "token_head.bias": inits["token_b"].reshape(1),
        }
    )
    return {n: np.ascontiguousarray(v, dtype=np.float32) for n, v in state.items()}
