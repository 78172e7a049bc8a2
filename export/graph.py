"""Build the ONNX graph of one TRM supervision step, recursion unrolled, from torch weights.

The graph is written node by node (standard opset 23: ``Attention`` on 3-D inputs and
``RMSNormalization``) instead of traced, because at this size onnxruntime's per-node
cost is the latency budget: a block is 14 nodes, no reshapes or transposes, and ``x + y``
is computed once per cycle rather than once per latent update.

An ensemble of K members (independently trained networks of one config, one tokenizer) is
one graph too: activations carry a member axis, (batch, K, seq, hidden), every weight is
stacked (K, in, out) so one batched MatMul serves all members, attention runs on
(batch x K, seq, hidden), and the members' answer probabilities and halting confidences
are averaged. A block gains two reshapes and two scale multiplications, not K times the nodes.

Inputs:  input_ids int64 (batch, seq); attention_mask int64 (batch, seq);
         y, z float32 (batch, seq, hidden), or (batch, K, seq, hidden) for an ensemble --
         zeros for the first step.
Outputs: probs float32 (batch, labels); halt float32 (batch,);
         y_out, z_out float32, shaped as y and z -- fed back for the next step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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

    def ints(self, name: str, *values: int) -> str:
        """A 1-D int64 constant (shapes, axes, split sizes)."""
        return self.const(name, np.array(values, dtype=np.int64))


def _weights(states: Sequence[dict[str, np.ndarray]], cfg: TRMConfig, b: _Builder) -> dict[str, str]:
    """Initialisers in the layout MatMul wants (in, out); q, k, v fused into one matrix.

    An ensemble's matrices are stacked on a leading member axis, its embeddings side by side
    (vocab, K x hidden) and its norm scales and head biases shaped to broadcast per member.
    """
    k = len(states)

    def stack(arrays: list[np.ndarray], member_shape: tuple[int, ...]) -> np.ndarray:
        if k == 1:
            return np.ascontiguousarray(arrays[0])
        return np.ascontiguousarray(np.stack(arrays).reshape(k, *member_shape))

    def mat(name: str) -> np.ndarray:
        return stack([s[name].T for s in states], states[0][name].T.shape)

    d = cfg.hidden
    w = {"embed": b.const("embed", np.ascontiguousarray(
            np.concatenate([s["embed.weight"] for s in states], axis=1))),
         "pos": b.const("pos", stack([s["pos"] for s in states], states[0]["pos"].shape))}
    for i in range(cfg.layers):
        p = f"blocks.{i}."
        qkv = [np.concatenate([s[p + n + ".weight"].T for n in ("q", "k", "v")], axis=1)
               for s in states]
        w[f"{i}.qkv"] = b.const(f"l{i}_qkv", stack(qkv, (d, 3 * d)))
        for n in ("o", "gate", "up", "down"):
            w[f"{i}.{n}"] = b.const(f"l{i}_{n}", mat(p + n + ".weight"))
        for n in ("norm1", "norm2"):
            w[f"{i}.{n}"] = b.const(f"l{i}_{n}", stack([s[p + n + ".weight"] for s in states],
                                                      (1, d)))
    heads = [np.concatenate([s["head.weight"], s["halt.weight"]], axis=0).T for s in states]
    bias = [np.concatenate([s["head.bias"], s["halt.bias"]]) for s in states]
    w["heads"] = b.const("heads_w", stack(heads, (d, cfg.num_labels + 1)))
    w["heads_b"] = b.const("heads_b", stack(bias, (1, cfg.num_labels + 1)))
    return w


def build_step_graph(states: Mapping[str, np.ndarray] | Sequence[Mapping[str, np.ndarray]],
                     cfg: TRMConfig) -> onnx.ModelProto:
    """The ONNX model of one supervision step (T cycles of n latent updates + 1 answer update).

    ``states`` is a torch state dict, or several: the members of an ensemble of ``cfg``.
    """
    states = [states] if isinstance(states, Mapping) else list(states)
    if not states:
        raise ValueError("build_step_graph needs at least one state dict")
    states = [{k: np.asarray(v, dtype=np.float32) for k, v in s.items()} for s in states]
    members, d = len(states), cfg.hidden
    b = _Builder()
    w = _weights(states, cfg, b)
    i64 = b.ints

    # x = embed[ids] + pos[:seq]; mask (batch, 1, seq, seq) for Attention.
    seq = b.one("Shape", "input_ids", start=1, end=2)
    zero = i64("zero_1d", 0)
    if members == 1:
        pos = b.one("Slice", w["pos"], zero, seq, zero)
        x = b.one("Add", b.one("Gather", w["embed"], "input_ids"), pos)
    else:  # (batch, seq, K*hidden) -> (batch, K, seq, hidden); pos is (K, max_tokens, hidden)
        x = b.one("Reshape", b.one("Gather", w["embed"], "input_ids"),
                  i64("per_member", 0, 0, members, d))
        x = b.one("Add", b.one("Transpose", x, perm=[0, 2, 1, 3]),
                  b.one("Slice", w["pos"], zero, seq, i64("one_1d_pos", 1)))
    if cfg.context_bias:
        one, axis = i64("one_1d", 1), i64("seq_axis", 1 if members == 1 else 2)
        x = b.one("Add", x, b.one("Slice", x, zero, one, axis))
    keys = b.one("Unsqueeze", b.one("Cast", "attention_mask", to=TensorProto.BOOL),
                 i64("axes_12", 1, 2))
    batch = b.one("Shape", "attention_mask", start=0, end=1)
    if members == 1:
        mask = b.one("Expand", keys, b.one("Concat", batch, i64("one_1d_b", 1), seq, seq, axis=0))
    else:  # attention runs on (batch*K, seq, hidden): one mask per (row, member)
        rest, k1 = i64("minus_one", -1), i64("members_1d", members)
        mask = b.one("Expand", keys, b.one("Concat", batch, k1, seq, seq, axis=0))
        mask = b.one("Reshape", mask, b.one("Concat", rest, i64("one_1d_m", 1), seq, seq, axis=0))
        flat = b.one("Concat", rest, seq, i64("qkv_width", 3 * d), axis=0)
        back = b.one("Concat", rest, k1, seq, i64("hidden_1d", d), axis=0)
    split = i64("split_qkv", d, d, d)
    if members > 1:
        unit = b.const("unit_scale", np.ones(d, dtype=np.float32))

    def norm(h: str, scale: str) -> str:
        if members == 1:
            return b.one("RMSNormalization", h, scale, epsilon=cfg.norm_eps, axis=-1)
        # The spec wants RMSNormalization's scale shaped as the normalised axis, so each
        # member's (K, 1, hidden) scale is a Mul after a unit-scale norm.
        return b.one("Mul", b.one("RMSNormalization", h, unit, epsilon=cfg.norm_eps, axis=-1),
                     scale)

    def block(h: str, i: int) -> str:
        qkv = b.one("MatMul", h, w[f"{i}.qkv"])
        if members > 1:
            qkv = b.one("Reshape", qkv, flat)
        q, k, v = b.op("Split", [qkv, split], n_out=3, axis=-1)
        a = b.one("Attention", q, k, v, mask, q_num_heads=cfg.heads, kv_num_heads=cfg.heads)
        if members > 1:
            a = b.one("Reshape", a, back)
        h = norm(b.one("Add", h, b.one("MatMul", a, w[f"{i}.o"])), w[f"{i}.norm1"])
        g = b.one("MatMul", h, w[f"{i}.gate"])
        act = b.one("Mul", b.one("Mul", g, b.one("Sigmoid", g)), b.one("MatMul", h, w[f"{i}.up"]))
        return norm(b.one("Add", h, b.one("MatMul", act, w[f"{i}.down"])), w[f"{i}.norm2"])

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

    # The answer is read from y at the first position (the context token); an ensemble's
    # scores are (batch, K, 1, labels + 1): each member's softmax and sigmoid, then their means.
    if members == 1:
        first = b.one("Squeeze", b.one("Gather", y, i64("idx0", 0), axis=1), i64("axis1", 1))
    else:
        first = b.one("Gather", y, i64("idx0", 0), axis=2)
    scores = b.one("Add", b.one("MatMul", first, w["heads"]), w["heads_b"])
    logits, halt = b.op("Split", [scores, i64("split_heads", cfg.num_labels, 1)], n_out=2, axis=-1)
    if members == 1:
        b.op("Softmax", [logits], out=["probs"], axis=-1)
        b.op("Sigmoid", [b.one("Squeeze", halt, i64("axis_last", -1))], out=["halt"])
    else:
        b.op("ReduceMean", [b.one("Softmax", logits, axis=-1), i64("axes_m", 1, 2)],
             out=["probs"], keepdims=0)
        b.op("ReduceMean", [b.one("Sigmoid", halt), i64("axes_mh", 1, 2, 3)],
             out=["halt"], keepdims=0)

    state = ["batch", "seq", d] if members == 1 else ["batch", members, "seq", d]
    graph = helper.make_graph(
        b.nodes, "trm_step",
        inputs=[helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
                helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
                helper.make_tensor_value_info("y", TensorProto.FLOAT, state),
                helper.make_tensor_value_info("z", TensorProto.FLOAT, state)],
        outputs=[helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", cfg.num_labels]),
                 helper.make_tensor_value_info("halt", TensorProto.FLOAT, ["batch"]),
                 helper.make_tensor_value_info("y_out", TensorProto.FLOAT, state),
                 helper.make_tensor_value_info("z_out", TensorProto.FLOAT, state)],
        initializer=b.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="trm-intent")
    model.ir_version = 10
    onnx.checker.check_model(model, full_check=True)
    return model


def member_states_from_onnx(model: onnx.ModelProto, cfg: TRMConfig) -> list[dict[str, np.ndarray]]:
    """The torch state dict of each member behind an exported step graph (one for one network).

    The inverse of the graph's initialisers: lets ``--init-from`` fine-tune an exported model
    without any pickle in the artifact, and a benchmark run the same weights in torch.
    """
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    d, labels = cfg.hidden, cfg.num_labels
    stacked = inits["l0_qkv"].ndim == 3
    members = inits["l0_qkv"].shape[0] if stacked else 1

    def member(name: str, k: int) -> np.ndarray:
        return inits[name][k] if stacked else inits[name]

    states = []
    for k in range(members):
        state = {"embed.weight": inits["embed"][:, k * d : (k + 1) * d],
                 "pos": member("pos", k)}
        for i in range(cfg.layers):
            p = f"blocks.{i}."
            qkv = member(f"l{i}_qkv", k)
            for j, n in enumerate(("q", "k", "v")):
                state[p + n + ".weight"] = qkv[:, j * d : (j + 1) * d].T
            for n in ("o", "gate", "up", "down"):
                state[p + n + ".weight"] = member(f"l{i}_{n}", k).T
            for n in ("norm1", "norm2"):
                state[p + n + ".weight"] = member(f"l{i}_{n}", k).reshape(d)
        heads, bias = member("heads_w", k).T, member("heads_b", k).reshape(-1)
        state.update({"head.weight": heads[:labels], "head.bias": bias[:labels],
                      "halt.weight": heads[labels:], "halt.bias": bias[labels:]})
        states.append({n: np.ascontiguousarray(v, dtype=np.float32) for n, v in state.items()})
    return states


def state_from_onnx(model: onnx.ModelProto, cfg: TRMConfig) -> dict[str, np.ndarray]:
    """The torch state dict behind an exported step graph of one network (not an ensemble)."""
    states = member_states_from_onnx(model, cfg)
    if len(states) != 1:
        raise ValueError(f"the graph stacks an ensemble of {len(states)} networks, not one; "
                         "take one member's checkpoint (its .run/best.pt) instead")
    return states[0]
