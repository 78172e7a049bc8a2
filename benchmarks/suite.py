"""The latency benchmark suite: everything measured in one run, written to benchmarks/RESULTS.md.

    python benchmarks/suite.py                       # bundled model, 10,000 calls, writes RESULTS.md + PNG
    python benchmarks/suite.py --model DIR --calls 20000 --out /tmp/results.md

Sections: classify() end to end; cold start; batch throughput; RSS; file sizes; FLOPs against
this core's peak and onnxruntime's per-call floor (and where the time goes); latency against
input length (table + PNG); peers (the same TRM in torch eager, TF-IDF + logistic regression,
vozctl's rules, MiniLM when its package is installed) with accuracy; early exit against fixed
depth; the targets. ../shared/eval/dev_eval.jsonl is read for evaluation when it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import latency  # noqa: E402  (benchmarks/ is not a package)
import peers  # noqa: E402

from trm_intent import IntentClassifier, LabeledRecord, TRMConfig, default_model_dir, load_records  # noqa: E402
from trm_intent.contract import STEP_INPUTS, batch_inputs, window_contexts  # noqa: E402
from trm_intent.dataset import data_hash, split_records  # noqa: E402
from trm_intent.evaluate import AMBIGUOUS, evaluate, predict, score  # noqa: E402

DATA = ROOT / "data" / "labeled_intents.jsonl"
DEV_EVAL = ROOT.parent / "shared" / "eval" / "dev_eval.jsonl"
TARGETS = {"p50_ms": 0.3, "p99_ms": 0.8, "cold_ms": 150.0, "rss_mb": 50.0, "size_mb": 2.0}
log = logging.getLogger("suite")


# -- helpers -------------------------------------------------------------------------------------


def stats_ms(seconds: np.ndarray) -> dict[str, float]:
    ms = np.asarray(seconds) * 1e3
    return {
        "n": int(ms.size),
        "p50_ms": float(np.percentile(ms, 50)),
        "p90_ms": float(np.percentile(ms, 90)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
        "mean_ms": float(ms.mean()),
    }


def time_calls(
    fn: Callable[[str, object], Any],
    items: Sequence[tuple[str, object]],
    calls: int,
    warmup: int = 50,
    desc: str | None = None,
) -> np.ndarray:
    """Seconds per call of ``fn(text, ctx)`` over ``calls`` calls cycling ``items`` (GC off)."""
    for i in range(min(warmup, calls)):
        fn(*items[i % len(items)])
    out = np.empty(calls)
    gc.disable()
    try:
        for i in tqdm(range(calls), desc=desc, leave=False, disable=desc is None, mininterval=0.5):
            text, ctx = items[i % len(items)]
            t0 = time.perf_counter()
            fn(text, ctx)
            out[i] = time.perf_counter() - t0
    finally:
        gc.enable()
    return out


def time_alternating(
    fa: Callable[[str, object], Any],
    fb: Callable[[str, object], Any],
    items: Sequence[tuple[str, object]],
    block: int = 50,
    desc: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Seconds per call of ``fa`` and ``fb`` on the same items, in alternating blocks (so load
    drifting on a shared machine hits both alike)."""
    ta, tb = np.empty(len(items)), np.empty(len(items))
    for start in tqdm(range(0, len(items), block), desc=desc, leave=False, disable=desc is None):
        chunk = items[start : start + block]
        ta[start : start + len(chunk)] = time_calls(fa, chunk, len(chunk), warmup=5)
        tb[start : start + len(chunk)] = time_calls(fb, chunk, len(chunk), warmup=5)
    return ta, tb


def scored_accuracy(records: Sequence[LabeledRecord], predicted: Sequence[str]) -> float:
    """Accuracy without the records tagged ambiguous (as `trm-intent eval` counts it)."""
    pairs = [(r.label, p) for r, p in zip(records, predicted) if AMBIGUOUS not in r.tags]
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan")


def scored_command(records: Sequence[LabeledRecord], predicted: Sequence[str]) -> dict[str, float]:
    """Command precision (share of the decided commands that are commands; 1.0 when none is decided)
    and recall (share of the commands decided as commands), without the records tagged ambiguous,
    as `trm-intent eval`'s precision-recall table counts them."""
    pairs = [(r.label, p) for r, p in zip(records, predicted) if AMBIGUOUS not in r.tags]
    decided = sum(p == "command" for _, p in pairs)
    gold = sum(g == "command" for g, _ in pairs)
    right = sum(g == p == "command" for g, p in pairs)
    return {
        "precision": right / decided if decided else 1.0,
        "recall": right / gold if gold else 1.0,
    }


def trm_scores(clf: IntentClassifier, records: Sequence[LabeledRecord]) -> dict[str, Any]:
    """Accuracy, command precision and recall of classify() (the model's own command threshold)."""
    results = predict(clf, records)
    labels = [r.intent for r in results]
    return {
        "accuracy": score(records, results, clf.command_threshold).accuracy,
        "command": scored_command(records, labels),
    }


# -- the machine ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"cpu": latency.cpu_model(), "arch": platform.machine()}
    mhz: list[float] = []
    flags: set[str] = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                mhz.append(float(line.split(":", 1)[1]))
            elif line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    import onnxruntime

    info.update(
        {
            "mhz": max(mhz) if mhz else None,
            "flags": [
                f
                for f in (
                    "sse4_2",
                    "avx",
                    "avx2",
                    "fma",
                    "f16c",
                    "avx512f",
                    "avx512_vnni",
                    "avx512_bf16",
                    "amx_tile",
                )
                if f in flags
            ],
            "cores": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count(),
            "python": platform.python_version(),
            "onnxruntime": onnxruntime.__version__,
            "numpy": np.__version__,
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        }
    )
    try:
        import torch

        info["torch"] = torch.__version__
    except ImportError:
        info["torch"] = "not installed"
    try:
        import sklearn

        info["sklearn"] = sklearn.__version__
    except ImportError:
        info["sklearn"] = "not installed"
    return info


def machine_lines(m: dict[str, Any], load_end: Sequence[float] | None = None) -> list[str]:
    """Markdown bullets describing the machine of a run, from what :func:`machine` measured."""
    clock = f", clock {m['mhz']:.0f} MHz as /proc/cpuinfo reports it" if m["mhz"] else ""
    load = ", ".join(f"{x:.2f}" for x in m["load_avg"]) if m["load_avg"] else "?"
    end = ", ".join(f"{x:.2f}" for x in load_end) if load_end else "?"
    return [
        f"- CPU: {m['cpu']} ({m['arch']}), {m['cores']} logical cores, {m['usable_cores']} usable by "
        f"this process{clock}",
        f"- AVX-512: {'yes' if 'avx512f' in m['flags'] else 'no'}; speed-relevant flags in /proc/cpuinfo: "
        f"{', '.join(m['flags']) or 'none found'}",
        f"- Python {m['python']}, onnxruntime {m['onnxruntime']}, numpy {m['numpy']}, torch {m['torch']}, "
        f"scikit-learn {m['sklearn']}",
        f"- date: {m['date']}; load average (1, 5, 15 min) at start: {load}; at the end: {end}",
        "- **Noise:** the measuring process keeps about one core busy; a 1-minute load average well "
        "above 1 means other processes shared the machine, and then tails (p99, max) and cold start "
        "are pessimistic and vary run to run.",
    ]


def peak_flop_per_cycle(flags: Sequence[str]) -> tuple[int, str] | None:
    """FP32 FLOP per cycle of one core, assumed from the vector extensions /proc/cpuinfo lists
    (two FMA units); None where no assumption is made."""
    if "avx512f" in flags:
        return 64, "AVX-512 with 2 FMA units x 16 lanes x 2 FLOP (a core with one 512-bit FMA unit has half)"
    if "avx2" in flags and "fma" in flags:
        return 32, "AVX2 with 2 FMA units x 8 lanes x 2 FLOP"
    return None


# -- 2, 4: subprocesses ------------------------------------------------------------------------------

COLD = """
import json, sys, time
t0 = time.perf_counter()
parts = {}
for name in ("numpy", "pydantic", "tokenizers", "onnxruntime"):
    s = time.perf_counter()
    __import__(name)
    parts[name] = (time.perf_counter() - s) * 1e3
if sys.argv[2] == "floor":
    # What any pydantic user pays once: the first model class and validation (pydantic's
    # plugin loader imports importlib.metadata and scans the installed distributions).
    s = time.perf_counter()
    import pydantic
    pydantic.create_model("Probe", a=(int, 0)).model_validate({"a": 1})
    parts["first_model"] = (time.perf_counter() - s) * 1e3
    print(json.dumps({"floor_ms": (time.perf_counter() - t0) * 1e3,
                      **{"import_" + k: v for k, v in parts.items()}}))
    raise SystemExit
s = time.perf_counter()
import trm_intent
parts["trm_intent"] = (time.perf_counter() - s) * 1e3
t1 = time.perf_counter()
clf = trm_intent.IntentClassifier(sys.argv[1], threads=1)
t2 = time.perf_counter()
clf.classify("Go to line 50.", {"app_name": "Code", "bundle_id": "com.microsoft.VSCode"})
t3 = time.perf_counter()
editable = "__editable__" in " ".join(sys.modules) or "site-packages" not in trm_intent.__file__
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "load_ms": (t2 - t1) * 1e3, "first_ms": (t3 - t2) * 1e3,
                  "editable": editable, **{"import_" + k: v for k, v in parts.items()}}))
"""

RSS = """
import json, sys
def status():
    out = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out
import trm_intent
before = status()
clf = trm_intent.IntentClassifier(sys.argv[1], threads=1)
loaded = status()
for text in ("Go to line 50.", "undo", "see you at three tomorrow, and bring the slides for the review"):
    for _ in range(10):
        clf.classify(text, {"app_name": "Slack"})
clf.classify_batch(["undo"] * 64)
after = status()
print(json.dumps({"before": before, "loaded": loaded, "after": after}))
"""


def _subprocess_json(
    code: str, model_dir: Path, *args: str, python: str = sys.executable
) -> tuple[dict[str, Any], float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [python, "-c", code, str(model_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    wall = (time.perf_counter() - t0) * 1e3
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


def cold_start(model_dir: Path, runs: int, python: str = sys.executable) -> dict[str, Any]:
    """Fresh processes, alternating trm-intent's cold start with the dependency floor (the
    same imports plus a first pydantic model and nothing of ours), medians of each."""
    rows, floors = [], []
    for _ in tqdm(range(runs), desc="cold start", leave=False):
        r, wall = _subprocess_json(COLD, model_dir, "trm", python=python)
        r["process_ms"] = wall
        r["total_ms"] = r["import_ms"] + r["load_ms"] + r["first_ms"]
        rows.append(r)
        floors.append(_subprocess_json(COLD, model_dir, "floor", python=python)[0])
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "editable"}
    floor = {"floor_" + k: statistics.median(f[k] for f in floors) for k in floors[0]}
    return {"runs": runs, "python": python, "editable": rows[0]["editable"], **med, **floor}


def rss(model_dir: Path) -> dict[str, Any]:
    r, _ = _subprocess_json(RSS, model_dir)
    b, a = r["before"], r["after"]
    return {
        "before_rss_mb": b["VmRSS"] / 1024,
        "after_rss_mb": a["VmRSS"] / 1024,
        "added_rss_mb": (a["VmRSS"] - b["VmRSS"]) / 1024,
        "added_load_only_mb": (r["loaded"]["VmRSS"] - b["VmRSS"]) / 1024,
        "added_hwm_mb": (a["VmHWM"] - b["VmHWM"]) / 1024,
        "after_hwm_mb": a["VmHWM"] / 1024,
    }


# -- 3: batches -------------------------------------------------------------------------------------


def throughput(
    clf: IntentClassifier,
    items: Sequence[tuple[str, object]],
    utterances: int,
    sizes: Sequence[int] = (1, 8, 64),
) -> list[dict[str, Any]]:
    out = []
    for bs in sizes:
        n = max(bs * 3, utterances // bs * bs)
        batches = [[items[(i + j) % len(items)] for j in range(bs)] for i in range(0, n, bs)]
        clf.classify_batch([t for t, _ in batches[0]], [c for _, c in batches[0]])  # warm
        t0 = time.perf_counter()
        steps = 0
        for b in tqdm(batches, desc=f"batch {bs}", leave=False, mininterval=0.5):
            res = clf.classify_batch([t for t, _ in b], [c for _, c in b])
            steps += sum(r.steps for r in res)
        sec = time.perf_counter() - t0
        out.append(
            {
                "batch": bs,
                "utterances": n,
                "per_second": n / sec,
                "ms_per_batch": sec / len(batches) * 1e3,
                "mean_steps": steps / n,
            }
        )
    return out


# -- 6: FLOPs, peak, floor, where the time goes -------------------------------------------------------


def flops_per_step(cfg: TRMConfig, tokens: int) -> float:
    """Matmul FLOPs (2 per multiply-add) of one supervision step on ``tokens`` tokens.

    Per block: q/k/v/o projections 4*2*L*d*d; SwiGLU gate+up 2*2*L*d*inner, down 2*L*inner*d;
    attention scores 2*L*L*d and weighted sum 2*L*L*d (all heads). A step runs T*(n+1) f-calls of
    ``layers`` blocks, then the answer and halting heads on one position. Element-wise work
    (norms, SiLU, softmax, adds) is left out.
    """
    L, d, inner = tokens, cfg.hidden, cfg.inner
    block = 2 * L * d * 4 * d + 2 * L * d * inner * 2 + 2 * L * inner * d + 2 * 2 * L * L * d
    return cfg.T * (cfg.n + 1) * cfg.layers * block + 2 * d * (cfg.num_labels + 1)


def ort_floor(runs: int) -> dict[str, float]:
    """Wall time of ``InferenceSession.run`` on a one-node (Identity) graph, 1 thread, warm."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])],
        "floor",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    opts = ort.SessionOptions()
    opts.intra_op_num_threads, opts.inter_op_num_threads = 1, 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    feed = {"x": np.ones((1, 8), dtype=np.float32)}
    for _ in range(500):
        sess.run(None, feed)
    t = np.empty(runs)
    gc.disable()
    try:
        for i in range(runs):
            t0 = time.perf_counter()
            sess.run(None, feed)
            t[i] = time.perf_counter() - t0
    finally:
        gc.enable()
    return stats_ms(t)


def breakdown(
    clf: IntentClassifier, items: Sequence[tuple[str, object]], calls: int, tmp: Path
) -> dict[str, Any]:
    """Where the time of classify() goes: ``clf.encode`` (tokenizing, context kind, the window's ids
    from the classifier's cache), the steps
    (``clf.step``: one ``InferenceSession.run`` of the step graph, feed dict included), the rest;
    and, from onnxruntime's profiler, the kernel time per op type; the node count after
    optimisation."""
    import onnx
    import onnxruntime as ort

    hidden = clf.meta.config.hidden
    n = min(len(items), calls)
    encoded = [clf.encode(text, ctx) for text, ctx in items[:n]]
    arrays = [batch_inputs([e], clf.meta.pad_id, window_contexts(clf.window, [e])) for e in encoded]
    t_cls, t_enc, t_run, steps = (np.empty(calls) for _ in range(4))
    gc.disable()
    try:
        for i in tqdm(range(-100, calls), desc="breakdown", leave=False, mininterval=0.5):
            text, ctx = items[i % n]
            inputs = arrays[i % n]
            t0 = time.perf_counter()
            r = clf.classify(text, ctx)
            t1 = time.perf_counter()
            clf.encode(text, ctx)
            t2 = time.perf_counter()
            y = np.zeros((1, inputs[0].shape[1], hidden), dtype=np.float32)
            t3 = time.perf_counter()
            clf.step(inputs[0], inputs[1], inputs[2], y, y)
            t4 = time.perf_counter()
            if i >= 0:
                t_cls[i], t_enc[i], t_run[i], steps[i] = t1 - t0, t2 - t1, t4 - t3, r.steps
    finally:
        gc.enable()

    opts = ort.SessionOptions()
    opts.intra_op_num_threads, opts.inter_op_num_threads = 1, 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.optimized_model_filepath = str(tmp / "optimized.onnx")
    opts.enable_profiling = True
    opts.profile_file_prefix = str(tmp / "profile")
    opts.log_severity_level = 3
    prof = ort.InferenceSession(str(clf.model_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    for i in range(min(calls, 300)):
        inputs = arrays[i % n]
        y = np.zeros((1, inputs[0].shape[1], hidden), dtype=np.float32)
        prof.run(None, dict(zip(STEP_INPUTS, (*inputs, y, y))))
    events = json.loads(Path(prof.end_profiling()).read_text())
    by_op: Counter[str] = Counter()
    for e in events:
        if e.get("cat") == "Node" and e.get("name", "").endswith("_kernel_time"):
            by_op[e.get("args", {}).get("op_name", "?")] += e.get("dur", 0)
    total = sum(by_op.values()) or 1
    optimized = onnx.load(str(tmp / "optimized.onnx"))
    original = onnx.load(str(clf.model_dir / "model.onnx"))
    return {
        "classify": stats_ms(t_cls),
        "encode": stats_ms(t_enc),
        "step_run": stats_ms(t_run),
        "steps": float(steps.mean()),
        "calls": calls,
        "op_share": {k: v / total for k, v in by_op.most_common()},
        "nodes": len(original.graph.node),
        "nodes_optimized": len(optimized.graph.node),
        "node_types_optimized": dict(Counter(n.op_type for n in optimized.graph.node).most_common()),
    }


# -- 7: latency against input length ------------------------------------------------------------------


def length_utterances(clf: IntentClassifier, texts: Sequence[str]) -> dict[int, str]:
    """For k = 1..max_tokens-1, a transcript of exactly k tokens (checked with the model's encoder):
    a word prefix of some dictation sentence, or a word prefix cut inside its last word."""
    limit = clf.meta.config.max_tokens - 1
    found: dict[int, str] = {}
    for text in texts:
        words = text.split()
        for j in range(1, len(words) + 1):
            cand = " ".join(words[:j])
            k = len(clf.encode(cand, None).ids) - 1
            if k > limit:
                break
            found.setdefault(k, cand)
        if len(found) >= limit:
            break
    for k in range(2, limit + 1):  # a gap (a word that adds 2+ tokens): extend k-1 by one short word
        for tail in (" a", " i", " the", " to", ",", "."):
            longer = found.get(k - 1, "") + tail
            if k not in found and k - 1 in found and len(clf.encode(longer, None).ids) - 1 == k:
                found[k] = found[k - 1] + tail
    return {k: found[k] for k in sorted(found) if 1 <= k <= limit}


def length_sweep(
    clf: IntentClassifier, fixed: IntentClassifier, texts: dict[int, str], calls: int
) -> list[dict[str, Any]]:
    """p50 per length; the lengths are visited round-robin, ``chunk`` calls at a time, so that load
    drifting on a shared machine spreads over all lengths instead of hitting a few."""
    cfg = clf.meta.config
    chunk = 10
    samples: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = {k: ([], []) for k in texts}
    for _ in tqdm(range(-(-calls // chunk)), desc="length sweep", leave=False):
        for k, text in texts.items():
            samples[k][0].append(time_calls(clf.classify, [(text, None)], chunk, warmup=2))
            samples[k][1].append(time_calls(fixed.classify, [(text, None)], chunk, warmup=2))
    rows = []
    for k, text in texts.items():
        tokens = k + 1
        early_steps = clf.classify(text, None).steps
        fixed_steps = fixed.classify(text, None).steps
        t_early, t_fixed = np.concatenate(samples[k][0]), np.concatenate(samples[k][1])
        fl = flops_per_step(cfg, tokens)
        p50_fixed = float(np.percentile(t_fixed, 50))
        rows.append(
            {
                "transcript_tokens": k,
                "tokens": tokens,
                "text": text,
                "p50_ms": float(np.percentile(t_early, 50)) * 1e3,
                "steps": early_steps,
                "p50_fixed_ms": p50_fixed * 1e3,
                "fixed_steps": fixed_steps,
                "ms_per_step": p50_fixed * 1e3 / max(fixed_steps, 1),
                "mflop_per_step": fl / 1e6,
                "gflops_fixed": fl * fixed_steps / p50_fixed / 1e9,
            }
        )
    return rows


def plot(rows: Sequence[dict[str, Any]], path: Path, floor_ms: float, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [r["tokens"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    ax.plot(x, [r["p50_ms"] for r in rows], "o-", label="classify(), early exit (p50)")
    ax.plot(x, [r["p50_fixed_ms"] for r in rows], "s--", label="classify(), all n_sup steps (p50)")
    ax.plot(x, [r["ms_per_step"] for r in rows], "^:", label="per supervision step")
    ax.axhline(floor_ms, color="grey", lw=0.8, ls="-.", label="onnxruntime one-node run floor")
    ax.axhline(TARGETS["p50_ms"], color="red", lw=0.8, label=f"p50 target {TARGETS['p50_ms']} ms")
    ax.set_xlabel("input tokens (context token included)")
    ax.set_ylabel("ms per call")
    ax.set_ylim(bottom=0)
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


# -- 8, 9: peers, early exit ------------------------------------------------------------------------


def peer_section(
    clf: IntentClassifier,
    items: Sequence[tuple[str, object]],
    split_val: list[LabeledRecord],
    split_train: list[LabeledRecord],
    dev: list[LabeledRecord] | None,
    calls: int,
    minilm: bool,
) -> dict[str, Any]:
    """classify() and each peer timed on the same utterances, interleaved per peer."""
    built: list[peers.Peer] = []
    skipped: dict[str, str] = {}
    try:
        built.append(peers.torch_trm(clf))
    except ImportError as exc:
        skipped["TRM, torch eager"] = f"skipped: torch is not installed ({exc})"
    try:
        built.append(peers.tfidf_lr(clf, split_train))
    except ImportError as exc:
        skipped["TF-IDF + logistic regression"] = f"skipped: scikit-learn is not installed ({exc})"
    try:
        built.append(peers.fasttext_peer(clf, split_train))
    except ImportError as exc:
        skipped["fastText"] = f"skipped: `{peers.FASTTEXT_PACKAGE}` is not installed ({exc})"
    built.append(peers.rules())
    if minilm:
        m = peers.minilm(clf, split_train)
        if isinstance(m, str):
            skipped["MiniLM-L6 embedding + logistic regression"] = m
        else:
            built.append(m)
    else:
        skipped["MiniLM-L6 embedding + logistic regression"] = "skipped: --no-minilm"

    trm_val, trm_dev = trm_scores(clf, split_val), trm_scores(clf, dev) if dev else None
    trm_acc = {"val": trm_val["accuracy"], "dev": trm_dev["accuracy"] if trm_dev else None}
    trm_cmd = {"val": trm_val["command"], "dev": trm_dev["command"] if trm_dev else None}
    rows = []
    for peer in built:
        n = calls if "MiniLM" not in peer.name else max(20, calls // 6)
        subset = list(items[:n]) if len(items) >= n else list(items)
        log.info("peer %s: %d timed calls (and classify() on the same)", peer.name, n)
        t_peer, t_trm = time_alternating(peer.predict, clf.classify, subset, desc=peer.name[:24])
        said_val = peer.predict_all([r.transcript for r in split_val], [r.context for r in split_val])
        said_dev = peer.predict_all([r.transcript for r in dev], [r.context for r in dev]) if dev else None
        acc_val = scored_accuracy(split_val, said_val)
        acc_dev = scored_accuracy(dev, said_dev) if dev and said_dev is not None else None
        s_peer, s_trm = stats_ms(t_peer), stats_ms(t_trm)
        rows.append(
            {
                "name": peer.name,
                "note": peer.note,
                "calls": n,
                "peer": s_peer,
                "classify": s_trm,
                "ratio_p50": s_peer["p50_ms"] / s_trm["p50_ms"],
                "ratio_mean": s_peer["mean_ms"] / s_trm["mean_ms"],
                "acc_val": acc_val,
                "acc_dev": acc_dev,
                "cmd_val": scored_command(split_val, said_val),
                "cmd_dev": scored_command(dev, said_dev) if dev and said_dev is not None else None,
            }
        )
    return {
        "rows": rows,
        "skipped": skipped,
        "trm_acc": trm_acc,
        "trm_cmd": trm_cmd,
        "command_threshold": clf.command_threshold,
    }


def early_exit(
    clf: IntentClassifier, fixed: IntentClassifier, records: Sequence[LabeledRecord], reps: int
) -> dict[str, Any]:
    items = [(r.transcript, r.context) for r in records]
    early, full = np.zeros(len(items)), np.zeros(len(items))
    for _ in tqdm(range(reps), desc="early exit", leave=False):
        early += time_calls(clf.classify, items, len(items), warmup=len(items) // 10)
        full += time_calls(fixed.classify, items, len(items), warmup=len(items) // 10)
    s_e = np.mean([clf.classify(t, c).steps for t, c in items])
    s_f = np.mean([fixed.classify(t, c).steps for t, c in items])
    return {
        "utterances": len(items),
        "reps": reps,
        "early_mean_ms": float(early.mean() / reps * 1e3),
        "fixed_mean_ms": float(full.mean() / reps * 1e3),
        "early_steps": float(s_e),
        "fixed_steps": float(s_f),
        "early_acc": evaluate(clf, records).accuracy,
        "fixed_acc": evaluate(fixed, records).accuracy,
    }


# -- the run ------------------------------------------------------------------------------------------


def run_suite(
    model_dir: Path,
    calls: int,
    out: Path,
    png: Path | None = None,
    *,
    cold_runs: int = 7,
    minilm: bool = True,
    data: Path = DATA,
    dev_path: Path = DEV_EVAL,
    cold_python: str = sys.executable,
) -> dict[str, Any]:
    """Measure everything and write the Markdown (and the PNG beside it unless ``png`` is given)."""
    png = png or out.with_name("latency_vs_length.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    png.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    R: dict[str, Any] = {"model_dir": str(model_dir), "calls": calls, "machine": machine()}
    log.info("machine: %s", R["machine"])
    clf = IntentClassifier(model_dir, threads=1)
    fixed = IntentClassifier(model_dir, threads=1, halt_threshold=1.0)
    cfg = clf.meta.config
    R["config"] = cfg.model_dump()
    R["inner"] = cfg.inner
    R["halt_threshold"] = clf.halt_threshold
    items = latency.utterances(data)
    records, _ = load_records(data)
    split = split_records(records, clf.meta.training.val_fraction, clf.meta.training.seed)
    dev = load_records(dev_path)[0] if dev_path.is_file() else None
    R["dev_present"] = dev is not None
    R["split"] = {"train": len(split.train), "val": len(split.val)}
    R["data_matches"] = data_hash(records) == clf.meta.training.data_sha256

    log.info("1/10 classify() end to end: %d warm calls", calls)
    R["classify"] = latency.measure(clf, items, calls, warmup=min(500, calls))
    # steps and token count per utterance (deterministic), for the FLOPs of the same calls
    uniq = items[: min(calls, len(items))]
    per_item = [(len(clf.encode(t, c).ids), clf.classify(t, c).steps) for t, c in uniq]
    fl = np.array([flops_per_step(cfg, L) * s for L, s in per_item])
    idx = np.arange(calls) % len(uniq)
    R["tokens_mean"] = float(np.mean([per_item[i][0] for i in idx]))
    R["flops_mean"] = float(fl[idx].mean())

    log.info("2/10 cold start: %d fresh processes", cold_runs)
    R["cold"] = cold_start(model_dir, cold_runs, cold_python)
    log.info("3/10 batch throughput")
    R["batch"] = throughput(clf, items, max(64 * 3, calls // 5))
    log.info("4/10 RSS")
    R["rss"] = rss(model_dir)
    log.info("5/10 file sizes")
    R["size"] = {
        name: (model_dir / name).stat().st_size
        for name in ("model.onnx", "window.onnx", "tokenizer.json", "trm_intent.json")
    }
    R["size"]["total"] = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file())

    log.info("6/10 FLOPs, peak, onnxruntime floor, breakdown")
    R["floor"] = ort_floor(max(2000, calls))
    with tempfile.TemporaryDirectory() as tmp:
        R["breakdown"] = breakdown(clf, items, max(200, calls // 5), Path(tmp))
    mhz, peak = R["machine"]["mhz"], peak_flop_per_cycle(R["machine"]["flags"])
    R["peak_gflops"] = peak[0] * mhz / 1e3 if mhz and peak else None
    R["peak_basis"] = f"{peak[1]} = {peak[0]} FLOP/cycle" if peak else None

    log.info("7/10 latency against input length")
    dictation = sorted((r.transcript for r in records if r.label == "dictation"), key=len, reverse=True)
    texts = length_utterances(clf, dictation[:200])
    R["length_calls"] = max(20, calls // 50)
    R["length"] = length_sweep(clf, fixed, texts, R["length_calls"])
    if len(R["length"]) >= 3:
        slope, intercept = np.polyfit(
            [r["mflop_per_step"] for r in R["length"]], [r["ms_per_step"] for r in R["length"]], 1
        )
        R["length_fit"] = {
            "fixed_ms": float(intercept),
            "marginal_gflops": float(1 / slope) if slope > 0 else 0.0,
        }
    plot(
        R["length"],
        png,
        R["floor"]["p50_ms"],
        f"trm-intent classify() latency vs input length - {R['machine']['cpu']}, 1 thread",
    )
    R["png"] = png.name

    log.info("8/10 peers")
    R["peers"] = peer_section(clf, items, split.val, split.train, dev, max(50, calls // 5), minilm)
    log.info("9/10 early exit vs fixed depth")
    ee_records = dev if dev is not None else split.val
    R["early_exit"] = early_exit(clf, fixed, ee_records, reps=3 if calls >= 1000 else 1)
    R["early_exit"]["set"] = "dev_eval.jsonl" if dev is not None else "held-out split"
    R["seconds"] = time.perf_counter() - started
    R["load_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    log.info("10/10 writing %s (suite took %.0f s)", out, R["seconds"])
    out.write_text(render(R), encoding="utf-8")
    return R


# -- Markdown ------------------------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _pr(command: dict[str, float] | None) -> str:
    return f"{command['precision']:.3f} / {command['recall']:.3f}" if command else "-"


def render(R: dict[str, Any]) -> str:
    m, c, cfg = R["machine"], R["classify"], R["config"]
    L: list[str] = []
    add = L.append
    add("# trm-intent benchmark results\n")
    add(
        "Generated by `python benchmarks/suite.py` (options `--model DIR`, `--calls N`, `--out FILE`); "
        "do not edit by hand, re-run it. Every figure below comes from the same run.\n"
    )
    add("## Machine\n")
    L.extend(machine_lines(m, R.get("load_end")))
    add("")
    add(
        f"Model: `{Path(R['model_dir']).name}` (hidden {cfg['hidden']}, heads {cfg['heads']}, layers "
        f"{cfg['layers']}, "
        f"inner {R['inner']}, T {cfg['T']}, n {cfg['n']}, n_sup {cfg['n_sup']}, max_tokens "
        f"{cfg['max_tokens']}, "
        f"vocab {cfg['vocab_size']}). Suite wall time {R['seconds']:.0f} s.\n"
    )

    # targets first: the summary
    ee = R["early_exit"]
    size_mb = (R["size"]["model.onnx"] + R["size"]["window.onnx"]) / 2**20
    add("## Targets\n")
    add("| target | measured | |")
    add("|---|---|---|")
    add(
        f"| p50 <= {TARGETS['p50_ms']} ms | {c['p50_ms']:.3f} ms | {_met(c['p50_ms'] <= TARGETS['p50_ms'])} |"
    )
    add(
        f"| p99 <= {TARGETS['p99_ms']} ms | {c['p99_ms']:.3f} ms | {_met(c['p99_ms'] <= TARGETS['p99_ms'])} |"
    )
    cold = R["cold"]["total_ms"]
    add(
        f"| cold start <= {TARGETS['cold_ms']:.0f} ms (import + load + first classify, in process) | "
        f"{cold:.0f} ms "
        f"(fresh process incl. interpreter start: {R['cold']['process_ms']:.0f} ms) | "
        f"{_met(cold <= TARGETS['cold_ms'])} |"
    )
    add(
        f"| added RSS <= {TARGETS['rss_mb']:.0f} MB | {R['rss']['added_rss_mb']:.1f} MB (peak "
        f"+{R['rss']['added_hwm_mb']:.1f} MB)"
        f" | {_met(max(R['rss']['added_rss_mb'], R['rss']['added_hwm_mb']) <= TARGETS['rss_mb'])} |"
    )
    add(
        f"| model files <= {TARGETS['size_mb']:.0f} MB | model.onnx + window.onnx {size_mb:.2f} MB "
        "(directory "
        f"{R['size']['total'] / 2**20:.2f} MB) | {_met(size_mb <= TARGETS['size_mb'])} |"
    )
    add(
        f"| early exit < fixed depth | {ee['early_mean_ms']:.3f} ms vs {ee['fixed_mean_ms']:.3f} ms mean "
        f"({ee['early_steps']:.2f} vs {ee['fixed_steps']:.2f} steps) | "
        f"{_met(ee['early_mean_ms'] < ee['fixed_mean_ms'])} |\n"
    )

    add("## 1. classify() end to end\n")
    add(
        f"One thread, warm, {c['calls']:,} calls cycling the "
        f"project's own transcripts (`data/labeled_intents.jsonl`, each in its recorded context, shuffled; "
        f"short commands to long dictation cut at {cfg['max_tokens']} tokens; mean {R['tokens_mean']:.1f} "
        f"tokens), "
        "via `benchmarks/latency.py`'s `measure()` (tokenize, run the steps, build the result).\n"
    )
    add("| p50 | p90 | p99 | max | mean | mean steps |")
    add("|---|---|---|---|---|---|")
    add(
        f"| {c['p50_ms']:.3f} ms | {c['p90_ms']:.3f} ms | {c['p99_ms']:.3f} ms | {c['max_ms']:.3f} ms | "
        f"{c['mean_ms']:.3f} ms | {c['mean_steps']:.2f} |\n"
    )

    cs = R["cold"]
    add("## 2. Cold start\n")
    add(
        f"A fresh `python -c` per run, median of {cs['runs']}: `import trm_intent` {cs['import_ms']:.1f} ms, "
        f"`IntentClassifier(dir)` (metadata + SHA-256 check, tokenizer, onnxruntime session) "
        f"{cs['load_ms']:.1f} ms, "
        f"first `classify()` {cs['first_ms']:.1f} ms; **{cs['total_ms']:.1f} ms** in process. The whole "
        f"process, "
        f"interpreter start and exit included, took {cs['process_ms']:.0f} ms.\n"
    )
    add(
        "The import, imported one dependency after another (each figure is what that import added): "
        + ", ".join(
            f"`{k[7:]}` {v:.1f} ms" for k, v in cs.items() if k.startswith("import_") and k != "import_ms"
        )
        + " (the last: trm_intent's own modules, pydantic model classes included).\n"
    )
    own = cs["import_trm_intent"] - cs["floor_import_first_model"] + cs["load_ms"] + cs["first_ms"]
    install = (
        "an editable install (`pip install -e`, whose import hook adds to the import)"
        if cs["editable"]
        else "a regular install (as from a wheel)"
    )
    add(
        f"Interpreter: `{cs['python']}`, trm-intent from {install}. **The dependency floor**, measured "
        f"in alternating fresh processes: importing numpy, pydantic, tokenizers and onnxruntime and "
        f"validating one trivial pydantic model (pydantic's first model imports `importlib.metadata` "
        f"and scans the installed distributions for plugins) costs **{cs['floor_floor_ms']:.1f} ms** ("
        + ", ".join(f"`{k[13:]}` {v:.1f} ms" for k, v in cs.items() if k.startswith("floor_import_"))
        + f"). trm-intent's own share of the cold start is therefore about "
        f"**{own:.1f} ms**: its import after the cost of a first pydantic model "
        f"({cs['import_trm_intent'] - cs['floor_import_first_model']:.1f} ms), loading the model and the "
        f"first classify (whole-process medians differ by {cs['total_ms'] - cs['floor_floor_ms']:+.1f} ms, "
        "within the noise of the imports).\n"
    )

    add("## 3. Batch throughput (`classify_batch`)\n")
    add("| batch size | utterances | utterances/s | ms per batch | mean steps |")
    add("|---|---|---|---|---|")
    for b in R["batch"]:
        add(
            f"| {b['batch']} | {b['utterances']:,} | {b['per_second']:,.0f} | {b['ms_per_batch']:.3f} | "
            f"{b['mean_steps']:.2f} |"
        )
    add(
        "\nBatches are consecutive utterances of the benchmark order (mixed lengths): a batch pads to its "
        "longest row, and runs until its last row halts.\n"
    )

    r = R["rss"]
    add("## 4. Memory\n")
    add(
        f"In a fresh process, after `import trm_intent`: VmRSS {r['before_rss_mb']:.1f} MB. Loading the "
        f"model adds "
        f"{r['added_load_only_mb']:.1f} MB; after 30 classifications and one batch of 64 the process holds "
        f"**+{r['added_rss_mb']:.1f} MB** (VmRSS {r['after_rss_mb']:.1f} MB); peak (VmHWM) rose by "
        f"{r['added_hwm_mb']:.1f} MB to {r['after_hwm_mb']:.1f} MB.\n"
    )

    s = R["size"]
    add("## 5. Model files\n")
    add("| file | bytes |")
    add("|---|---|")
    for name in ("model.onnx", "window.onnx", "tokenizer.json", "trm_intent.json"):
        add(f"| {name} | {s[name]:,} ({s[name] / 2**20:.2f} MiB) |")
    add(f"| directory total | {s['total']:,} ({s['total'] / 2**20:.2f} MiB) |\n")

    add("## 6. The physical limits: FLOPs, this core's peak, onnxruntime's floor\n")
    bd, fl = R["breakdown"], R["floor"]
    flops = R["flops_mean"]
    gfl = flops / (c["mean_ms"] / 1e3) / 1e9
    add(
        f"Matmul FLOPs per call (q/k/v/o, SwiGLU gate/up/down, attention scores and weighted sum, the heads; "
        f"per f-call {cfg['layers']} blocks, per step T*(n+1) = {cfg['T'] * (cfg['n'] + 1)} f-calls, times "
        f"the "
        f"steps actually run, at each utterance's token count): mean **{flops / 1e6:.2f} MFLOP** per call "
        f"over the "
        f"timed calls. Element-wise work (norms, SiLU, softmax, residual adds) is not counted.\n"
    )
    if R["peak_gflops"]:
        add(
            f"- Peak, one core, FP32: assumed {R['peak_basis']} "
            f"x {m['mhz']:.0f} MHz (the clock /proc/cpuinfo reports; boost may be higher) = "
            f"**{R['peak_gflops']:.1f} GFLOP/s**."
        )
        add(
            f"- Achieved by classify(): {flops / 1e6:.2f} MFLOP / {c['mean_ms']:.3f} ms mean = **{gfl:.2f} "
            f"GFLOP/s, "
            f"{gfl / R['peak_gflops'] * 100:.1f} % of peak**. At peak the same work would take "
            f"{flops / (R['peak_gflops'] * 1e9) * 1e3 * 1e3:.1f} us."
        )
    add(
        f"- onnxruntime floor (one Identity node on a 1x8 tensor, `InferenceSession.run` from Python, 1 "
        f"thread, "
        f"{fl['n']:,} warm runs): p50 **{fl['p50_ms'] * 1e3:.1f} us** = "
        f"{fl['p50_ms'] / c['p50_ms'] * 100:.1f} % of "
        f"classify()'s p50; times the {c['mean_steps']:.2f} mean steps: "
        f"{fl['p50_ms'] * c['mean_steps'] / c['p50_ms'] * 100:.1f} % of p50."
    )
    add(
        f"- The step graph has {bd['nodes']} nodes, {bd['nodes_optimized']} after onnxruntime's optimisation "
        f"({', '.join(f'{k} {v}' for k, v in list(bd['node_types_optimized'].items())[:8])}).\n"
    )
    total, steps = bd["classify"]["mean_ms"], bd["steps"]
    step_ms, enc_ms = bd["step_run"]["mean_ms"], bd["encode"]["mean_ms"]
    run_ms = step_ms * steps
    rest = total - enc_ms - run_ms
    add(
        f"**Where the time goes**: per utterance, in one loop over {bd['calls']:,} utterances, classify(), "
        f"then "
        f"its `encode()` alone, then one bare `step()` (one `InferenceSession.run` of the step graph) on "
        f"the same ids (mean classify() here "
        f"{total:.3f} ms, {steps:.2f} steps):\n"
    )
    add("| part | mean ms per call | share |")
    add("|---|---|---|")
    add(
        f"| tokenize + context kind + window ids, cached (`encode()`) | {enc_ms:.4f} | "
        f"{enc_ms / total * 100:.0f} % |"
    )
    add(
        f"| `step()`, {step_ms:.4f} ms per step x {steps:.2f} steps | {run_ms:.4f} | "
        f"{run_ms / total * 100:.0f} % |"
    )
    add(
        f"| - of which the one-node run floor | {fl['p50_ms'] * steps:.4f} | "
        f"{fl['p50_ms'] * steps / total * 100:.0f} % |"
    )
    add(
        f"| the rest (numpy arrays, `run_steps` loop, result object) | {rest:.4f} | "
        f"{rest / total * 100:.0f} % |\n"
    )
    add(
        "Kernel time by op type inside the step's `InferenceSession.run` (onnxruntime profiler, share of "
        "summed kernel time): "
        + ", ".join(f"{k} {v * 100:.0f} %" for k, v in list(bd["op_share"].items())[:10])
        + ".\n"
    )

    add("## 7. Latency against input length\n")
    add(
        f"classify() on dictation prefixes of exactly k transcript tokens (checked with the model's encoder; "
        f"the context token makes k + 1 input tokens), unknown context, p50 of {R['length_calls']} warm "
        f"calls each;"
        " with early exit and with all steps (`halt_threshold=1.0`). "
        f"Plot: [`{R['png']}`]({R['png']}).\n"
    )
    add(
        "| input tokens | p50 early exit (ms) | steps | p50 all steps (ms) | steps | ms per step | MFLOP "
        "per step "
        "| GFLOP/s (all steps) |"
    )
    add("|---|---|---|---|---|---|---|---|")
    for row in R["length"]:
        add(
            f"| {row['tokens']} | {row['p50_ms']:.3f} | {row['steps']} | {row['p50_fixed_ms']:.3f} | "
            f"{row['fixed_steps']} "
            f"| {row['ms_per_step']:.3f} | {row['mflop_per_step']:.2f} | {row['gflops_fixed']:.2f} |"
        )
    fit = R.get("length_fit")
    if fit:
        add(
            f"\nLeast-squares fit over the lengths, all steps: **ms per step = {fit['fixed_ms']:.3f} + "
            f"MFLOP / {fit['marginal_gflops']:.1f}** (GFLOP/s). The constant is what a step costs whatever "
            f"the input (onnxruntime dispatching {R['breakdown']['nodes_optimized']} nodes: "
            f"{fit['fixed_ms'] / R['breakdown']['nodes_optimized'] * 1e3:.2f} us per node, against a "
            f"{R['floor']['p50_ms'] * 1e3:.1f} us floor for a whole one-node run); the marginal cost of more "
            f"tokens runs at {fit['marginal_gflops']:.1f} GFLOP/s, "
            f"{fit['marginal_gflops'] / R['peak_gflops'] * 100 if R['peak_gflops'] else float('nan'):.0f} % "
            f"of the assumed peak."
        )
    add(f"\n![latency against input length]({R['png']})\n")

    P = R["peers"]
    add("## 8. Peers\n")
    dev_note = "dev_eval.jsonl (../shared)" if R["dev_present"] else "dev_eval.jsonl: not present here"
    add(
        f"Each peer and classify() timed on the same utterances (the first N of the benchmark order), one "
        f"call "
        f"per utterance, 1 thread, in alternating blocks of 50 calls; ratio = peer / classify() on those "
        f"same "
        f"calls (the classify() figures of each pairing are listed under the table). Accuracy and command "
        f"precision / recall (P / R: the share of the decided commands that are commands, the share of the "
        f"commands decided as commands) leave out `ambiguous`-tagged records; classify() decides at the "
        f"model's own command threshold ({P['command_threshold']:.4f}: a command needs that P(command)); "
        f"held-out = `split_records(data, val_fraction, seed)` with the model's own split settings "
        f"({R['split']['val']} records; trained peers fit on its {R['split']['train']} training records); "
        f"{dev_note}.\n"
    )
    if not R["data_matches"]:
        add(
            "**Caveat:** the model's recorded training data hash differs from `data/labeled_intents.jsonl` "
            "as it "
            "is now, so this held-out split is not the one the model was trained around: the TRM may have "
            "seen "
            "some of these records, and its held-out accuracy flatters it. The dev-eval column is clean.\n"
        )
    add(
        "| | calls | p50 ms | p99 ms | mean ms | p50 ratio | mean ratio | held-out acc | held-out command "
        "P / R | dev-eval acc | dev-eval command P / R |"
    )
    add("|---|---|---|---|---|---|---|---|---|---|---|")
    acc_dev = f"{P['trm_acc']['dev']:.3f}" if P["trm_acc"]["dev"] is not None else "-"
    add(
        f"| **classify() (ONNX)**, section 1 | {c['calls']:,} | {c['p50_ms']:.3f} | "
        f"{c['p99_ms']:.3f} | {c['mean_ms']:.3f} | 1 | 1 | {P['trm_acc']['val']:.3f} | "
        f"{_pr(P['trm_cmd']['val'])} | {acc_dev} | {_pr(P['trm_cmd']['dev'])} |"
    )
    for row in P["rows"]:
        p = row["peer"]
        dv = f"{row['acc_dev']:.3f}" if row["acc_dev"] is not None else "-"
        add(
            f"| {row['name']} | {row['calls']:,} | {p['p50_ms']:.3f} | {p['p99_ms']:.3f} | "
            f"{p['mean_ms']:.3f} | "
            f"{row['ratio_p50']:.2f}x | {row['ratio_mean']:.2f}x | {row['acc_val']:.3f} | "
            f"{_pr(row['cmd_val'])} | {dv} | {_pr(row['cmd_dev'])} |"
        )
    add("")
    for row in P["rows"]:
        add(
            f"- {row['name']}: {row['note']}; classify() on its {row['calls']:,} utterances: "
            f"p50 {row['classify']['p50_ms']:.3f} ms, mean {row['classify']['mean_ms']:.3f} ms."
        )
    for name, why in P["skipped"].items():
        add(f"- {name}: {why}.")
    add("")

    add("## 9. Early exit against fixed depth\n")
    add(
        f"Mean classify() latency over the {ee['utterances']} utterances of {ee['set']}, {ee['reps']} "
        "pass(es) each, the two alternating pass by pass: the model's halting threshold against "
        "`halt_threshold=1.0` (stops only when the halting sigmoid reaches 1.0 in float32, so in practice "
        "all n_sup steps).\n"
    )
    add("| | mean ms | mean steps | accuracy |")
    add("|---|---|---|---|")
    add(
        f"| early exit (threshold {R['halt_threshold']}) | {ee['early_mean_ms']:.3f} | "
        f"{ee['early_steps']:.2f} | {ee['early_acc']:.3f} |"
    )
    add(f"| fixed depth | {ee['fixed_mean_ms']:.3f} | {ee['fixed_steps']:.2f} | {ee['fixed_acc']:.3f} |")
    add(
        f"\nEarly exit saves {(1 - ee['early_mean_ms'] / ee['fixed_mean_ms']) * 100:.0f} % of the mean "
        f"latency.\n"
    )
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--model", type=Path, default=default_model_dir(), help="model directory (default: the bundled model)"
    )
    p.add_argument("--calls", type=int, default=10_000, help="warm classify() calls for the main measurement")
    p.add_argument(
        "--out", type=Path, default=HERE / "RESULTS.md", help="Markdown to write (the PNG goes beside it)"
    )
    p.add_argument("--no-minilm", action="store_true", help="skip the MiniLM peer even when installed")
    p.add_argument(
        "--cold-python",
        default=sys.executable,
        help="interpreter for the cold-start processes, e.g. a venv where trm-intent is installed "
        "from a wheel as users get it (default: this one)",
    )
    args = p.parse_args(argv)
    if not (args.model / "model.onnx").is_file():
        p.error(f"{args.model}: no model.onnx there (is the bundled model in place? else pass --model DIR)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    if args.calls < 10_000:
        log.warning("--calls %d: fewer than the 10,000 calls RESULTS.md is meant to report", args.calls)
    run_suite(args.model, args.calls, args.out, minilm=not args.no_minilm, cold_python=args.cold_python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
