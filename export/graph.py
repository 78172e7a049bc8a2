"""Build the ONNX graph of one TRM supervision step, recursion unrolled, from torch weights.

The graph is written node by node (standard opset 23: ``Attention`` on 3-D inputs and
``RMSNormalization``) instead of traced, because at this size onnxruntime's per-node
cost is the latency budget: a block is 14 nodes, no reshapes or transposes, and ``x + y``
is computed once per cycle rather than once per latent update.

Inputs:  input_ids int64 (batch, seq); attention_mask int64 (batch, seq);
         y, z float32 (batch, seq, hidden) -- zeros for the first step.
Outputs: probs float32 (batch, labels); halt float32 (batch,);
         y_out, z_out float32 (batch, seq, hidden) -- fed back for the next step.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from trm_intent.config import TRMConfig

OPSET = 23
INPUTS = ("input_ids", "attention_mask", "y", "z")
OUTPUTS = ("probs", "halt", "y_out", "z_out")


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self._count = 0

    def const(self, name: str, array: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def op(self, op_type: str, inputs: list[str], n_out: int = 1, out: list[str] | None = None,
           **attrs: object) -> list[str]:
        self._count += 1
        outs = out or [f"{op_type.lower()}_{self._count}_{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=f"{op_type}_{self._count}",
                                           **attrs))
        return outs

    def one(self, op_type: str, *inputs: str, **attrs: object) -> str:
        return self.op(op_type, list(inputs), **attrs)[0]


def _weights(state: dict[str, np.ndarray], cfg: TRMConfig, b: _Builder) -> dict[str, str]:
    """Initialisers in the layout MatMul wants (in, out); q, k, v fused into one matrix."""
    w = {"embed": b.const("embed", state["embed.weight"]),
         "pos": b.const("pos", state["pos"])}
    for i in range(cfg.layers):
        p = f"blocks.{i}."
        qkv = np.concatenate([state[p + n + ".weight"].T for n in ("q", "k", "v")], axis=1)
        w[f"{i}.qkv"] = b.const(f"l{i}_qkv", np.ascontiguousarray(qkv))
        for n in ("o", "gate", "up", "down"):
            w[f"{i}.{n}"] = b.const(f"l{i}_{n}", np.ascontiguousarray(state[p + n + ".weight"].T))
        for n in ("norm1", "norm2"):
            w[f"{i}.{n}"] = b.const(f"l{i}_{n}", state[p + n + ".weight"])
    heads = np.concatenate([state["head.weight"], state["halt.weight"]], axis=0).T
    w["heads"] = b.const("heads_w", np.ascontiguousarray(heads))
    w["heads_b"] = b.const("heads_b", np.concatenate([state["head.bias"], state["halt.bias"]]))
    return w


def build_step_graph(state: dict[str, np.ndarray], cfg: TRMConfig) -> onnx.ModelProto:
    """The ONNX model of one supervision step (T cycles of n latent updates + 1 answer update)."""
    state = {k: np.asarray(v, dtype=np.float32) for k, v in state.items()}
    b = _Builder()
    w = _weights(state, cfg, b)
    d = cfg.hidden

    # x = embed[ids] + pos[:seq]; mask (batch, 1, seq, seq) for Attention.
    seq = b.one("Shape", "input_ids", start=1, end=2)
    zero = b.const("zero_1d", np.array([0], dtype=np.int64))
    pos = b.one("Slice", w["pos"], zero, seq, zero)
    x = b.one("Add", b.one("Gather", w["embed"], "input_ids"), pos)
    if cfg.context_bias:
        one = b.const("one_1d", np.array([1], dtype=np.int64))
        x = b.one("Add", x, b.one("Slice", x, zero, one, one))
    keys = b.one("Unsqueeze", b.one("Cast", "attention_mask", to=TensorProto.BOOL),
                 b.const("axes_12", np.array([1, 2], dtype=np.int64)))
    mask_shape = b.one("Concat", b.one("Shape", "attention_mask", start=0, end=1),
                       b.const("one_1d_b", np.array([1], dtype=np.int64)), seq, seq, axis=0)
    mask = b.one("Expand", keys, mask_shape)
    split = b.const("split_qkv", np.array([d, d, d], dtype=np.int64))

    def block(h: str, i: int) -> str:
        q, k, v = b.op("Split", [b.one("MatMul", h, w[f"{i}.qkv"]), split], n_out=3, axis=-1)
        a = b.one("Attention", q, k, v, mask, q_num_heads=cfg.heads, kv_num_heads=cfg.heads)
        h = b.one("RMSNormalization", b.one("Add", h, b.one("MatMul", a, w[f"{i}.o"])),
                  w[f"{i}.norm1"], epsilon=cfg.norm_eps, axis=-1)
        g = b.one("MatMul", h, w[f"{i}.gate"])
        act = b.one("Mul", b.one("Mul", g, b.one("Sigmoid", g)), b.one("MatMul", h, w[f"{i}.up"]))
        return b.one("RMSNormalization", b.one("Add", h, b.one("MatMul", act, w[f"{i}.down"])),
                     w[f"{i}.norm2"], epsilon=cfg.norm_eps, axis=-1)

    def f(h: str) -> str:
        for i in range(cfg.layers):
            h = block(h, i)
        return h

    y, z = "y", "z"
    for _ in range(cfg.T if cfg.recursive else 0):
        xy = b.one("Add", x, y)  # x + y is fixed while z is refined: hoisted out of the n updates
        for _ in range(cfg.n):
            z = f(b.one("Add", xy, z))
        y = f(b.one("Add", y, z))
    if not cfg.recursive:  # ablation baseline: y = f(x)
        y = f(x)
    b.op("Identity", [y], out=["y_out"])
    b.op("Identity", [z], out=["z_out"])

    first = b.one("Squeeze", b.one("Gather", y, b.const("idx0", np.array([0], dtype=np.int64)),
                                   axis=1), b.const("axis1", np.array([1], dtype=np.int64)))
    scores = b.one("Add", b.one("MatMul", first, w["heads"]), w["heads_b"])
    logits, halt = b.op("Split", [scores, b.const("split_heads", np.array(
        [cfg.num_labels, 1], dtype=np.int64))], n_out=2, axis=-1)
    b.op("Softmax", [logits], out=["probs"], axis=-1)
    b.op("Sigmoid", [b.one("Squeeze", halt, b.const("axis_last", np.array([-1], dtype=np.int64)))],
         out=["halt"])

    batch_seq = ["batch", "seq"]
    graph = helper.make_graph(
        b.nodes, "trm_step",
        inputs=[helper.make_tensor_value_info("input_ids", TensorProto.INT64, batch_seq),
                helper.make_tensor_value_info("attention_mask", TensorProto.INT64, batch_seq),
                helper.make_tensor_value_info("y", TensorProto.FLOAT, [*batch_seq, d]),
                helper.make_tensor_value_info("z", TensorProto.FLOAT, [*batch_seq, d])],
        outputs=[helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", cfg.num_labels]),
                 helper.make_tensor_value_info("halt", TensorProto.FLOAT, ["batch"]),
                 helper.make_tensor_value_info("y_out", TensorProto.FLOAT, [*batch_seq, d]),
                 helper.make_tensor_value_info("z_out", TensorProto.FLOAT, [*batch_seq, d])],
        initializer=b.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="trm-intent")
    model.ir_version = 10
    onnx.checker.check_model(model, full_check=True)
    return model


def state_from_onnx(model: onnx.ModelProto, cfg: TRMConfig) -> dict[str, np.ndarray]:
    """The torch state dict behind an exported step graph (the inverse of its initialisers).

    Lets ``--init-from`` fine-tune an exported model without any pickle in the artifact.
    """
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    d, labels = cfg.hidden, cfg.num_labels
    state = {"embed.weight": inits["embed"], "pos": inits["pos"]}
    for i in range(cfg.layers):
        p = f"blocks.{i}."
        qkv = inits[f"l{i}_qkv"]
        for j, n in enumerate(("q", "k", "v")):
            state[p + n + ".weight"] = qkv[:, j * d : (j + 1) * d].T
        for n in ("o", "gate", "up", "down"):
            state[p + n + ".weight"] = inits[f"l{i}_{n}"].T
        for n in ("norm1", "norm2"):
            state[p + n + ".weight"] = inits[f"l{i}_{n}"]
    heads, bias = inits["heads_w"].T, inits["heads_b"]
    state.update({"head.weight": heads[:labels], "head.bias": bias[:labels],
                  "halt.weight": heads[labels:], "halt.bias": bias[labels:]})
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}
