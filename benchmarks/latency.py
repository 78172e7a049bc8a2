"""End-to-end classify() latency of a model: tokenize, run, post-process; one thread, warm.

    python benchmarks/latency.py                 # report
    python benchmarks/latency.py --check         # CI gate: exit 1 when p50 reaches 1 ms

Utterances are the project's own labeled transcripts (short commands to long dictation,
each in its recorded window context), cycled in a fixed shuffled order.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np

from trm_intent import IntentClassifier, load_records

ROOT = Path(__file__).resolve().parents[1]
GATE_MS = 1.0
log = logging.getLogger("latency")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def utterances(data: Path, seed: int = 0) -> list[tuple[str, object]]:
    records, _ = load_records(data)
    items = [(r.transcript, r.context) for r in records]
    random.Random(seed).shuffle(items)
    return items


def measure(
    clf: IntentClassifier, items: list[tuple[str, object]], calls: int, warmup: int = 500
) -> dict[str, float]:
    """Per-call wall time over ``calls`` calls (after ``warmup``), in milliseconds."""
    for i in range(warmup):
        clf.classify(*items[i % len(items)])
    times = np.empty(calls)
    steps = np.empty(calls)
    gc.disable()
    try:
        for i in range(calls):
            text, ctx = items[i % len(items)]
            t0 = time.perf_counter()
            r = clf.classify(text, ctx)
            times[i] = time.perf_counter() - t0
            steps[i] = r.steps
    finally:
        gc.enable()
    ms = times * 1e3
    return {
        "calls": calls,
        "p50_ms": float(np.percentile(ms, 50)),
        "p90_ms": float(np.percentile(ms, 90)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
        "mean_ms": float(ms.mean()),
        "mean_steps": float(steps.mean()),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", help="model directory (default: the bundled model)")
    p.add_argument("--data", default=str(ROOT / "data" / "labeled_intents.jsonl"))
    p.add_argument("--calls", type=int, default=10_000)
    p.add_argument("--check", action="store_true", help=f"exit 1 when p50 >= {GATE_MS} ms")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    clf = IntentClassifier(args.model, threads=1) if args.model else IntentClassifier(threads=1)
    result = measure(clf, utterances(Path(args.data)), args.calls)
    result["machine"] = f"{cpu_model()}, {platform.machine()}, Python {platform.python_version()}"
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        log.info(
            "classify() on %s, 1 thread, %d warm calls: p50 %.3f ms, p90 %.3f ms, "
            "p99 %.3f ms, max %.3f ms (mean steps %.2f)",
            result["machine"],
            result["calls"],
            result["p50_ms"],
            result["p90_ms"],
            result["p99_ms"],
            result["max_ms"],
            result["mean_steps"],
        )
    if args.check and result["p50_ms"] >= GATE_MS:
        log.error("latency gate failed: p50 %.3f ms >= %.1f ms", result["p50_ms"], GATE_MS)
        return 1
    if args.check:
        log.info("latency gate passed: p50 %.3f ms < %.1f ms", result["p50_ms"], GATE_MS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
