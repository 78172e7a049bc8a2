"""Smoke test of benchmarks/ablation.py: the evaluation runs on the bundled model and the rule matcher
with a tiny call count and returns/renders the expected structure. No timing or accuracy thresholds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trm_intent import default_model_dir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import ablation  # noqa: E402


@pytest.fixture(scope="module")
def report() -> dict:
    if not (default_model_dir() / "model.onnx").is_file():
        pytest.skip("no bundled model")
    return ablation.run_ablation([("bundled", default_model_dir())], baselines=("rules",), calls=20)


def test_rows_and_metrics(report: dict) -> None:
    rows = {r["name"]: r for r in report["rows"]}
    assert set(rows) == {"bundled", "rule matcher (vozctl)"}
    sets = ["val", "dev"] if report["dev_present"] else ["val"]
    for r in rows.values():
        assert r["latency"]["p50_ms"] > 0
        assert set(r["robustness"]) == set(ablation.PERTURBATIONS)
        for s in sets:
            m = r[s]
            assert 0.0 <= m["accuracy"] <= 1.0 and 0.0 <= m["macro_f1"] <= 1.0
            assert m["by_kind"] and m["by_source"]
            for p in ablation.PERTURBATIONS:
                assert "drop_pts" in r["robustness"][p][s]
    b = rows["bundled"]
    assert b["kind"] == "trm" and b["val"]["ece"] is not None
    assert set(b["val"]["coverage"]) == {str(c) for c in ablation.COVERAGES}
    assert b["best_epoch"] >= 1  # the epoch kept, read from the model's JSON
    assert rows["rule matcher (vozctl)"]["val"]["ece"] is None


def test_render_and_plot(report: dict, tmp_path: Path) -> None:
    md = ablation.render(report, "accuracy_vs_latency.png")
    for section in ("## All variants", "## Risk-coverage", "## Robustness to recogniser noise", "## Reading"):
        assert section in md
    b = next(r for r in report["rows"] if r["name"] == "bundled")
    assert f"| {b['best_epoch']} |" in md
    png = tmp_path / "accuracy_vs_latency.png"
    ablation.plot(report, png)
    assert png.stat().st_size > 0


def test_mishear_is_deterministic() -> None:
    text = "Go to line fifty and copy that."
    assert ablation.mishear(text) == ablation.mishear(text) != text
