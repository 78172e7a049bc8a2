"""What per-word segments cost in classify() latency, measured side by side in one process.

    python benchmarks/segments_cost.py [--model DIR] [--calls N] [--rounds R] [--out FILE.md]

A = ``IntentClassifier.classify()`` as shipped: the step graph with its per-token head
(``token_probs``) and the transcript cut into segments.
B = the same classifier without the feature: a copy of the step graph with the token head pruned
(the ``token_probs`` output and every node that only feeds it), and the result built by
``trm_intent.contract.to_result`` without a transcript (``segments`` empty). B shares A's
encoder, session options and ``run_steps``; before timing, the pruned graph is checked to give
bit-identical probs, halt, y_out and z_out, and B the same decisions and steps as A.
C = B's Python path on the full step graph: the token head computed, nothing cut. It splits
A - B into the token head in the graph (C - B) and the cutting in Python (A - C).

The bit-identity check runs padded batches; those leave onnxruntime's memory planning slower for
short inputs (runtime.py), so it runs on a copy of its own, and the sessions timed (A's, B's,
C's, each of its own) have run single utterances only, as in use.

The three are timed in blocks (each round a block of each, the order rotated and reversed from
round to round) over the same utterances in the same window, warm, one thread: plain
commands, prose and mixed utterances from the project's labeled data and a few written here, in a
few windows (one window per round, as the frontmost window stays put while one speaks). Then the
same on the (utterance, window) pairs that A does cut into more than one segment. The report
(Markdown, to standard output and to ``--out``) gives p50 and p99 of each, the ratios of the p50s,
the graphs' node counts and the issue's bars: A's p50 within +10% of B's, A's p99 <= 0.8 ms.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import suite  # noqa: E402  (benchmarks/ is not a package)

from trm_intent import IntentClassifier, IntentResult, WindowContext, default_model_dir, load_records  # noqa: E402
from trm_intent._onnxruntime import ort  # noqa: E402
from trm_intent.artifacts import MODEL_FILE  # noqa: E402
from trm_intent.contract import (  # noqa: E402
    STEP_OUTPUTS,
    batch_inputs,
    empty_result,
    is_empty,
    run_steps,
    to_result,
    window_contexts,
)

DATA = ROOT / "data" / "labeled_intents.jsonl"
TOKEN_OUTPUT = "token_probs"
PRUNED_OUTPUTS = tuple(o for o in STEP_OUTPUTS if o != TOKEN_OUTPUT)
P50_MARGIN = 1.10  # the issue: A's p50 within +10% of B's
P99_MS = 0.8  # the issue: A's p99 <= 0.8 ms
ROUNDS = 60  # short blocks: a load that comes and goes falls on the three alike
log = logging.getLogger("segments_cost")

# The windows the utterances are said in (one per round).
WINDOWS: list[WindowContext] = [
    WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode", window_title="runtime.py — trm-intent"),
    WindowContext(
        app_name="Slack", bundle_id="com.tinyspeck.slackmacgap", window_title="#general - Acme - Slack"
    ),
    WindowContext(app_name="Terminal", bundle_id="com.apple.Terminal", window_title="zsh — 80×24"),
    WindowContext(app_name="Mail", bundle_id="com.apple.mail", window_title="New Message"),
]
# Mixed utterances written here, besides the labeled data's.
MIXED = [
    "undo that and type see you at noon",
    "select all and type thanks for the quick review",
    "new line let me know when you are free",
    "go to line 50 and type return the result",
    "sounds good see you tomorrow press enter",
    "delete word type the meeting moved to three",
]


# -- the graph without the token head ---------------------------------------------------------------


def prune_token_head(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy of the step graph without the ``token_probs`` output and every node, initializer and
    value_info that only fed it (checked by onnx.checker)."""
    pruned = onnx.ModelProto()
    pruned.CopyFrom(model)
    graph = pruned.graph
    outputs = [o for o in graph.output if o.name != TOKEN_OUTPUT]
    if len(outputs) == len(graph.output):
        raise ValueError(f"the graph has no {TOKEN_OUTPUT!r} output")
    del graph.output[:]
    graph.output.extend(outputs)
    needed = {o.name for o in outputs}
    kept: list[onnx.NodeProto] = []
    for node in reversed(graph.node):  # nodes are in topological order
        if any(name in needed for name in node.output):
            kept.append(node)
            needed.update(name for name in node.input if name)
    kept.reverse()
    del graph.node[:]
    graph.node.extend(kept)
    for field in (graph.initializer, graph.value_info):
        keep = [t for t in field if t.name in needed]
        del field[:]
        field.extend(keep)
    onnx.checker.check_model(pruned, full_check=True)
    return pruned


def write_pruned(model_dir: Path, out_dir: Path) -> tuple[Path, int, int]:
    """Write the pruned copy of ``model_dir``'s step graph into ``out_dir``: (its path, the node
    count of the full graph, the node count of the pruned one)."""
    full = onnx.load(str(model_dir / MODEL_FILE))
    pruned = prune_token_head(full)
    path = out_dir / "model_without_token_head.onnx"
    onnx.save(pruned, str(path))
    return path, len(full.graph.node), len(pruned.graph.node)


# -- B: the classifier without segments ------------------------------------------------------------

NO_TOKENS = np.zeros((1, 1), dtype=np.float32)  # run_steps returns a token row; B computes none


class WithoutSegments(IntentClassifier):
    """``shipped`` as it would be without segments: everything it loaded (encoder and its window
    and context cache, the window graph, thresholds, session options) but the pruned step graph,
    and no segment cutting."""

    OUTPUTS = PRUNED_OUTPUTS

    def __init__(self, shipped: IntentClassifier, graph: Path) -> None:
        self.__dict__.update(shipped.__dict__)  # no reload: the same encoder object, the same settings
        session = shipped._session
        self._session = ort.InferenceSession(
            str(graph), session.get_session_options(), providers=session.get_providers()
        )
        names = tuple(o.name for o in self._session.get_outputs())
        if names != self.OUTPUTS:
            raise ValueError(f"{graph}: outputs {names}, not {self.OUTPUTS}")
        self._outputs = list(self.OUTPUTS)

    def step(
        self, ids: np.ndarray, context: np.ndarray, mask: np.ndarray, y: np.ndarray, z: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        probs, halt, y, z = self._session.run(
            self._outputs, {"input_ids": ids, "context": context, "attention_mask": mask, "y": y, "z": z}
        )
        return probs, halt, NO_TOKENS, y, z

    def classify(self, transcript: str, context: Any = None) -> IntentResult:
        """IntentClassifier.classify without the segments (to_result without a transcript)."""
        if not isinstance(transcript, str):
            raise TypeError(f"transcript must be a str, got {type(transcript).__name__}")
        window, window_context = self._encoder.window_encoding(WindowContext.coerce(context))
        ids, _offsets = self._encoder.transcript_tokens(transcript)
        if is_empty(transcript):
            return empty_result(self.labels)
        arr = np.array([[window[0], *ids]], dtype=np.int64)
        seq = arr.shape[1]
        inputs = (arr, window_context[None, :seq], self._masks[seq])
        out = run_steps(self.step, inputs, self._hidden, self._n_sup, self.halt_threshold)
        return to_result(self.labels, out.probs[0], out.halt[0], out.steps[0], self.command_threshold)


class WithoutCutting(WithoutSegments):
    """C: B's classify() on the full step graph (a session of its own): the token head computed
    and fetched, the transcript not cut."""

    OUTPUTS = STEP_OUTPUTS
    step = IntentClassifier.step


# -- the checks before timing ----------------------------------------------------------------------


def check_identical(
    full: IntentClassifier, pruned: IntentClassifier, items: Sequence[tuple[str, WindowContext]]
) -> int:
    """Raise AssertionError unless the pruned step gives bit-identical probs, halt, y_out and z_out
    to the full one, over every supervision step (y, z fed back), on each item alone and on all
    of them as one padded batch. Returns the number of steps compared."""
    encoded = [full.encode(text, ctx) for text, ctx in items]
    contexts = window_contexts(full.window, encoded)
    batches = [batch_inputs([e], full.meta.pad_id, [c]) for e, c in zip(encoded, contexts)]
    batches.append(batch_inputs(encoded, full.meta.pad_id, contexts))
    hidden, compared = full.meta.config.hidden, 0
    for ids, context, mask in batches:
        y_a = z_a = y_b = z_b = np.zeros((*ids.shape, hidden), dtype=np.float32)
        for n in range(full.meta.config.n_sup):
            probs_a, halt_a, _, y_a, z_a = full.step(ids, context, mask, y_a, z_a)
            probs_b, halt_b, _, y_b, z_b = pruned.step(ids, context, mask, y_b, z_b)
            for name, a, b in (("probs", probs_a, probs_b), ("halt", halt_a, halt_b)):
                if not np.array_equal(a, b):
                    raise AssertionError(
                        f"step {n + 1}, batch of {len(ids)}: {name} differs "
                        f"(max |diff| {np.abs(a - b).max():.3g})"
                    )
            for name, a, b in (("y_out", y_a, y_b), ("z_out", z_a, z_b)):
                if not np.array_equal(a, b):
                    raise AssertionError(f"step {n + 1}, batch of {len(ids)}: {name} differs")
            compared += 1
    return compared


def check_same_decisions(
    a: IntentClassifier, b: IntentClassifier, items: Sequence[tuple[str, WindowContext]]
) -> int:
    """Raise AssertionError unless B answers every item as A does (but for the segments: steps
    included). Returns the supervision steps each ran over the items."""
    steps = 0
    for text, ctx in items:
        ra, rb = a.classify(text, ctx), b.classify(text, ctx)
        if rb.segments or ra.model_dump(exclude={"segments"}) != rb.model_dump(exclude={"segments"}):
            raise AssertionError(f"{text!r} in {ctx.app_name}: A {ra!r}, B {rb!r}")
        steps += ra.steps
    return steps


# -- the utterances --------------------------------------------------------------------------------


def utterances(data: Path = DATA, per_kind: int = 30, seed: int = 0) -> list[str]:
    """Plain commands, prose and mixed utterances from the labeled data (``per_kind`` each), and
    the mixed ones written here."""
    records, _ = load_records(data)
    rng = random.Random(seed)
    kinds: dict[str, list[str]] = {"command": [], "dictation": [], "mixed": []}
    for r in records:
        kinds["mixed" if "mixed" in r.tags else r.label].append(r.transcript)
    texts: list[str] = []
    for pool in kinds.values():
        texts.extend(rng.sample(sorted(set(pool)), min(per_kind, len(set(pool)))))
    return texts + MIXED


def is_cut(clf: IntentClassifier, text: str, ctx: WindowContext) -> bool:
    return len(clf.classify(text, ctx).segments) > 1


# -- the timing -----------------------------------------------------------------------------------

Call = Callable[[str, Any], Any]  # f(text, window)
Pools = Sequence[tuple[WindowContext, Sequence[str]]]


VARIANTS = ("a", "b", "c")


@dataclass
class Blocks:
    """Seconds per call of each variant, and the p50 ratio A/B of each round."""

    times: dict[str, np.ndarray]
    round_ratios: list[float]


def time_blocks(
    fns: dict[str, Call], pools: Pools, calls: int, rounds: int = ROUNDS, warmup: int = 200
) -> Blocks:
    """``calls`` warm calls of each ``f(text, window)``, in ``rounds`` rounds of a block of each
    on the same items, the order rotated by one and reversed from round to round (each variant
    leads, and follows each other one, equally often): round r says utterances of pool
    r mod len(pools), in its window, in an order shuffled per round."""
    names = list(fns)
    block = -(-calls // rounds)
    warm = [(t, w) for w, texts in pools for t in texts]
    for f in fns.values():
        for i in range(warmup):
            f(*warm[i % len(warm)])
    got: dict[str, list[np.ndarray]] = {name: [] for name in names}
    ratios: list[float] = []
    for r in range(rounds):
        n = min(block, calls - r * block)
        if n <= 0:
            break
        window, texts = pools[r % len(pools)]
        order = list(texts)
        random.Random(r).shuffle(order)
        items = [(order[i % len(order)], window) for i in range(n)]
        k = (r // 2) % len(names)
        turn = names[k:] + names[:k]
        for name in turn if r % 2 == 0 else turn[::-1]:
            got[name].append(suite.time_calls(fns[name], items, n, warmup=5))
        ratios.append(float(np.median(got["a"][-1]) / np.median(got["b"][-1])))
    return Blocks({name: np.concatenate(t) for name, t in got.items()}, ratios)


def summarize(blocks: Blocks) -> dict[str, Any]:
    s: dict[str, Any] = {name: suite.stats_ms(t) for name, t in blocks.times.items()}
    s["ratio"] = s["a"]["p50_ms"] / s["b"]["p50_ms"]
    s["head_ratio"] = s["c"]["p50_ms"] / s["b"]["p50_ms"]  # the token head in the graph
    s["cut_ratio"] = s["a"]["p50_ms"] / s["c"]["p50_ms"]  # the cutting in Python
    s["round_ratios"] = blocks.round_ratios
    return s


def measure(
    shipped: IntentClassifier,
    without: WithoutSegments,
    head: WithoutCutting,
    pools: Pools,
    calls: int,
    rounds: int,
) -> dict[str, Any]:
    """classify() of A, B and C side by side, and the issue's bars."""
    fns = dict(zip(VARIANTS, (shipped.classify, without.classify, head.classify)))
    s = summarize(time_blocks(fns, pools, calls, rounds))
    s["p50_ok"] = s["ratio"] <= P50_MARGIN
    s["p99_ok"] = s["a"]["p99_ms"] <= P99_MS
    return s


# -- the run and the report ------------------------------------------------------------------------


def run(
    model_dir: Path, calls: int, rounds: int = ROUNDS, data: Path = DATA, per_kind: int = 30
) -> dict[str, Any]:
    """Prune, check, time (all utterances, then the cut ones); the results as a dict."""
    R: dict[str, Any] = {"model_dir": str(model_dir), "calls": calls, "rounds": rounds}
    R["machine"] = suite.machine()
    started = time.perf_counter()
    texts = utterances(data, per_kind)
    probe = [(t, w) for w, t in zip(WINDOWS * 3, texts[:: max(1, len(texts) // 12)])]
    with tempfile.TemporaryDirectory(prefix="segments_cost_") as tmp:
        graph, R["nodes_full"], R["nodes_pruned"] = write_pruned(model_dir, Path(tmp))
        log.info("step graph: %d nodes; without the token head: %d", R["nodes_full"], R["nodes_pruned"])
        # The bit-identity check runs padded batches: on a copy, not on the sessions timed.
        checked = IntentClassifier(model_dir, threads=1)
        R["steps_compared"] = check_identical(checked, WithoutSegments(checked, graph), probe)
        del checked
        shipped = IntentClassifier(model_dir, threads=1)
        without = WithoutSegments(shipped, graph)
        head = WithoutCutting(shipped, model_dir / MODEL_FILE)
    pairs = [(t, w) for w in WINDOWS for t in texts]
    R["steps_run"] = check_same_decisions(shipped, without, pairs)
    if check_same_decisions(shipped, head, pairs) != R["steps_run"]:
        raise AssertionError("C ran other steps than A")
    log.info(
        "checked: probs/halt/y_out/z_out bit-identical on %d steps; same decisions and steps (%d) "
        "on %d utterances",
        R["steps_compared"],
        R["steps_run"],
        len(pairs),
    )
    cut = [(w, [t for t in texts if is_cut(shipped, t, w)]) for w in WINDOWS]
    R["utterances"] = len(texts)
    R["windows"] = [w.app_name for w in WINDOWS]
    R["cut_pairs"] = sum(len(t) for _, t in cut)
    R["pairs"] = len(pairs)
    log.info(
        "timing A, B and C: %d calls each over %d utterances in %d windows", calls, len(texts), len(WINDOWS)
    )
    R["all"] = measure(shipped, without, head, [(w, texts) for w in WINDOWS], calls, rounds)
    cut = [(w, t) for w, t in cut if t]
    R["cut"] = None
    if cut:
        log.info("timing A, B and C on the %d utterance-window pairs A cuts", R["cut_pairs"])
        R["cut"] = measure(shipped, without, head, cut, calls, rounds)
    R["load_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    R["seconds"] = time.perf_counter() - started
    return R


def _yes(ok: bool) -> str:
    return "**yes**" if ok else "**no**"


def _section(title: str, s: dict[str, Any]) -> list[str]:
    a, b, c, rr = s["a"], s["b"], s["c"], s["round_ratios"]
    return [
        f"## {title}",
        "",
        "| variant | calls | p50 ms | p90 ms | p99 ms | mean ms |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {x['n']} | {x['p50_ms']:.3f} | {x['p90_ms']:.3f} | {x['p99_ms']:.3f} "
            f"| {x['mean_ms']:.3f} |"
            for name, x in (
                ("A, with segments (as shipped)", a),
                ("B, without segments", b),
                ("C, the token head but no cutting", c),
            )
        ),
        "",
        f"- p50 A/B: **{s['ratio']:.3f}** ({(a['p50_ms'] - b['p50_ms']) * 1e3:+.1f} µs); per round: median "
        f"{np.median(rr):.3f}, from {min(rr):.3f} to {max(rr):.3f} ({len(rr)} rounds)",
        f"- of which the token head in the graph, C/B: {s['head_ratio']:.3f} "
        f"({(c['p50_ms'] - b['p50_ms']) * 1e3:+.1f} µs), and the cutting in Python, A/C: "
        f"{s['cut_ratio']:.3f} ({(a['p50_ms'] - c['p50_ms']) * 1e3:+.1f} µs)",
        f"- A's p50 within +10% of B's: {_yes(s['p50_ok'])}; A's p99 <= {P99_MS} ms: {_yes(s['p99_ok'])}",
        "",
    ]


def render(R: dict[str, Any]) -> str:
    m = R["machine"]
    lines = [
        "# What segments cost in classify() latency",
        "",
        f"`python benchmarks/segments_cost.py --calls {R['calls']} --rounds {R['rounds']}` on "
        f"`{R['model_dir']}` "
        f"({R['seconds']:.0f} s). A = `classify()` as shipped; B = the same classifier with the "
        "per-token head pruned from the step graph and no segment cutting (`to_result` without a "
        "transcript); C = B's code on the full step graph (the token head computed, nothing cut). "
        "Each has an onnxruntime session of its own that has run single utterances only (the "
        "bit-identity check's padded batches run on a copy). Warm calls, one thread, one process, "
        f"{len(R['all']['round_ratios'])} rounds of a block of each (order rotated and reversed "
        "from round to round), the same utterances in the same window for all three: "
        f"{R['utterances']} utterances (plain commands, prose, mixed) in {len(R['windows'])} windows "
        f"({', '.join(R['windows'])}).",
        "",
        "## Machine",
        "",
        *suite.machine_lines(m, R["load_end"]),
        "",
        "## Reading it",
        "",
        "- C - B is the token head in the graph (four nodes and one more output fetched per step); "
        "A - C is the cutting in Python (`contract.segments`). That code runs right after the step "
        "graph, with the CPU's caches cold: it costs two to three times what it costs in a loop of "
        "its own, more while other processes load the machine (see the load average), so A/B "
        "varies from run to run with the load. On an utterance that is not cut it is a few µs; on "
        "one that is cut, tens of µs; cut utterances sit around the middle of the times, so they "
        "move the p50 of all utterances by more than the median of the per-call costs.",
        "",
        "## The graphs",
        "",
        f"- step graph: {R['nodes_full']} nodes; without the token head: {R['nodes_pruned']} nodes "
        f"({R['nodes_full'] - R['nodes_pruned']} pruned, with the `{TOKEN_OUTPUT}` output)",
        f"- checked before timing: probs, halt, y_out and z_out bit-identical on {R['steps_compared']} "
        f"steps; B's and C's decisions, probabilities and steps equal to A's on all {R['pairs']} "
        f"utterance-window pairs ({R['steps_run']} supervision steps each)",
        "",
        *_section("All utterances", R["all"]),
    ]
    if R["cut"] is not None:
        lines += _section(
            f"Utterances A cuts into segments ({R['cut_pairs']} utterance-window pairs)", R["cut"]
        )
    else:
        lines += [
            "## Utterances A cuts into segments",
            "",
            "- none of the utterances is cut by this model",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--model", type=Path, default=default_model_dir(), help="model directory (default: the bundled model)"
    )
    p.add_argument("--calls", type=int, default=20_000, help="warm calls of each variant, per measurement")
    p.add_argument("--rounds", type=int, default=ROUNDS, help="rounds of a block of each variant")
    p.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = p.parse_args(argv)
    if not (args.model / MODEL_FILE).is_file():
        p.error(f"{args.model}: no {MODEL_FILE} there")
    if not 1 <= args.rounds <= args.calls:
        p.error("--rounds must be from 1 to --calls (one call per round at least)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    report = render(run(args.model, args.calls, args.rounds))
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
        log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
