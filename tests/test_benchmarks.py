"""Smoke test of the benchmark suite (benchmarks/suite.py): every piece runs with tiny call counts
on the bundled model and the report has its structure. No timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, TRMConfig, default_model_dir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import suite  # noqa: E402

SECTIONS = [
    "## Machine",
    "## Targets",
    "## 1. classify() end to end",
    "## 2. Cold start",
    "## 3. Batch throughput",
    "## 4. Memory",
    "## 5. Model files",
    "## 6. The physical limits",
    "## 7. Latency against input length",
    "## 8. Peers",
    "## 9. Early exit against fixed depth",
]


@pytest.fixture(scope="module")
def model_dir(request: pytest.FixtureRequest) -> Path:
    """The bundled model; before one is bundled, the tiny model trained by conftest."""
    bundled = default_model_dir()
    if (bundled / "model.onnx").is_file():
        return bundled
    return request.getfixturevalue("tiny_model")


@pytest.fixture(scope="module")
def report(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    # no ../shared here: the suite must fall back to the held-out split
    results = suite.run_suite(
        model_dir, calls=50, out=out, cold_runs=1, minilm=False, dev_path=out.parent / "no_dev_eval.jsonl"
    )
    return results, out


def test_flops_per_step_by_hand() -> None:
    cfg = TRMConfig(hidden=8, heads=2, expansion=2.0, layers=1, T=1, n=1, num_labels=2)
    L, d, i = 3, 8, 16
    block = 2 * L * d * d * 4 + 2 * L * d * i * 3 + 2 * 2 * L * L * d
    assert suite.flops_per_step(cfg, L) == 2 * block + 2 * d * 3


def test_report_structure(report: tuple[dict, Path]) -> None:
    results, out = report
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# trm-intent benchmark results")
    assert "python benchmarks/suite.py" in text
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    for target in (
        "p50 <= 0.3 ms",
        "p99 <= 0.8 ms",
        "cold start <= 150 ms",
        "added RSS <= 50 MB",
        "model files <= 2 MB",
        "early exit < fixed depth",
    ):
        assert target in text
    assert "dev_eval.jsonl: not present here" in text
    m = results["machine"]
    assert f"{m['cores']} logical cores" in text and f"onnxruntime {m['onnxruntime']}" in text
    assert f"AVX-512: {'yes' if 'avx512f' in m['flags'] else 'no'}" in text
    assert "`encode()`" in text and "`step()`" in text  # the breakdown times the public API
    assert "held-out command P / R" in text and "command threshold" in text
    assert "MiniLM" in text and "skipped" in text
    png = out.with_name("latency_vs_length.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_results_content(report: tuple[dict, Path], model_dir: Path) -> None:
    results, _ = report
    c = results["classify"]
    assert c["calls"] == 50 and 0 < c["p50_ms"] <= c["p90_ms"] <= c["p99_ms"] <= c["max_ms"]
    assert c["mean_steps"] >= 1
    assert {b["batch"] for b in results["batch"]} == {1, 8, 64}
    assert all(b["per_second"] > 0 for b in results["batch"])
    assert results["cold"]["runs"] == 1 and results["cold"]["load_ms"] > 0
    assert results["size"]["total"] >= results["size"]["model.onnx"] + results["size"]["window.onnx"] > 0
    assert results["rss"]["after_rss_mb"] > 0
    assert results["flops_mean"] > 0 and results["floor"]["p50_ms"] > 0
    assert results["breakdown"]["nodes"] > 0 and results["breakdown"]["op_share"]
    names = {row["name"] for row in results["peers"]["rows"]}
    assert "rule matcher (vozctl)" in names and "TF-IDF + logistic regression" in names
    for row in results["peers"]["rows"]:
        assert 0 <= row["acc_val"] <= 1 and row["acc_dev"] is None and row["ratio_p50"] > 0
        assert 0 <= row["cmd_val"]["precision"] <= 1 and 0 <= row["cmd_val"]["recall"] <= 1
        assert row["cmd_dev"] is None
    # classify() is scored at the model's own decision (its command threshold), as users get it.
    clf = IntentClassifier(model_dir)
    assert results["peers"]["command_threshold"] == clf.command_threshold
    trm = results["peers"]["trm_cmd"]["val"]
    assert 0 <= trm["precision"] <= 1 and 0 < trm["recall"] <= 1
    ee = results["early_exit"]
    assert ee["set"] == "held-out split" and ee["early_steps"] <= ee["fixed_steps"]


def test_length_utterances_have_their_token_count(report: tuple[dict, Path], model_dir: Path) -> None:
    results, _ = report
    clf = IntentClassifier(model_dir)
    rows = results["length"]
    assert len(rows) >= 5
    assert [r["tokens"] for r in rows] == sorted({r["tokens"] for r in rows})
    for r in rows:
        assert len(clf.encode(r["text"], None).ids) == r["tokens"] == r["transcript_tokens"] + 1


def test_machine_lines_describe_the_measured_machine() -> None:
    m = {
        "cpu": "Some CPU",
        "arch": "x86_64",
        "mhz": None,
        "flags": ["avx2", "fma", "avx512f"],
        "cores": 96,
        "usable_cores": 8,
        "python": "3.12.1",
        "onnxruntime": "1.99",
        "numpy": "2",
        "torch": "not installed",
        "sklearn": "1",
        "date": "today",
        "load_avg": (0.5, 0.4, 0.3),
    }
    text = "\n".join(suite.machine_lines(m, (1.5, 0.6, 0.3)))
    assert "Some CPU (x86_64), 96 logical cores, 8 usable" in text
    assert "AVX-512: yes" in text and "Python 3.12.1, onnxruntime 1.99" in text
    assert "at start: 0.50, 0.40, 0.30; at the end: 1.50, 0.60, 0.30" in text
    assert "2 cores" not in text and "MHz" not in text


def test_peak_follows_the_vector_flags() -> None:
    assert suite.peak_flop_per_cycle(["avx", "avx2", "fma"])[0] == 32
    assert suite.peak_flop_per_cycle(["avx2", "fma", "avx512f"])[0] == 64
    assert suite.peak_flop_per_cycle(["sse4_2"]) is None  # no assumption made
