"""benchmarks/ablation.py: the ablation is read from a configurations file, the models it names are
evaluated side by side with the rule matcher, its pairs are tested, and the report renders. Tiny
call counts; no timing or accuracy thresholds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, default_model_dir, load_records
from trm_intent.evaluate import mcnemar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

pytest.importorskip("torch")

import ablation  # noqa: E402

RULES = "rule matcher (vozctl)"


@pytest.fixture(scope="module")
def bundled() -> Path:
    if not (default_model_dir() / "model.onnx").is_file():
        pytest.skip("no bundled model")
    return default_model_dir()


@pytest.fixture(scope="module")
def definition(tmp_path_factory: pytest.TempPathFactory, bundled: Path) -> ablation.Ablation:
    """A two-run ablation whose "exported runs" are links to the bundled model, one run of the file
    not exported, and one model directory the file does not name."""
    tmp = tmp_path_factory.mktemp("ablation")
    configs = tmp / "ablation.json"
    configs.write_text(
        json.dumps(
            {
                "ref": {"description": "the reference"},
                "variant": {"description": "the variant", "against": "ref", "dropout": 0.0},
                "not_exported": {"against": "ref", "epochs": 2},
            }
        ),
        encoding="utf-8",
    )
    models = tmp / "models"
    models.mkdir()
    for name in ("variant", "ref", "unlisted"):
        (models / name).symlink_to(bundled, target_is_directory=True)
    (models / "not_a_model").mkdir()
    return ablation.ablation_of(configs, models)


def test_the_definition_decides_models_descriptions_and_pairs(definition: ablation.Ablation) -> None:
    # the bundled model first, then the file's runs in file order, then the rest
    assert [n for n, _ in definition.models] == ["bundled", "ref", "variant", "unlisted"]
    assert definition.descriptions["variant"] == "the variant"
    assert "unlisted" not in definition.descriptions
    assert definition.pairs == [("ref", "variant")]  # not_exported has no model: no pair
    assert "ablation.json" in definition.how and "trm_intent.training.sweep" in definition.how


def test_the_default_ablation_is_the_recursion_ablation(tmp_path: Path, bundled: Path) -> None:
    assert ablation.CONFIGS.name == "ablation_recursion.json"
    empty = ablation.ablation_of(ablation.CONFIGS, tmp_path / "nothing here")
    assert [n for n, _ in empty.models] == ["bundled"] and empty.pairs == []


@pytest.fixture(scope="module")
def report(definition: ablation.Ablation) -> dict:
    return ablation.run_ablation(
        definition.models[:3],
        descriptions=definition.descriptions,
        pairs=definition.pairs,
        how=definition.how,
        baselines=("rules",),
        calls=20,
    )


def test_rows_and_metrics(report: dict) -> None:
    rows = {r["name"]: r for r in report["rows"]}
    assert list(rows) == ["bundled", "ref", "variant", RULES]
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
    info = IntentClassifier(default_model_dir()).meta.training  # epochs and soup from the model's JSON
    assert (b["best_epoch"], b["planned_epochs"], b["soup_members"]) == (
        info.epochs,
        info.planned_epochs,
        len(info.soup),
    )
    assert rows["variant"]["what"] == "the variant"
    assert rows[RULES]["val"]["ece"] is None
    # Each TRM is scored at its own decision: its accuracy is that of classify() (the model's
    # command_threshold), not of the likelier label.
    clf = IntentClassifier(default_model_dir())
    assert b["command_threshold"] == clf.command_threshold
    val = ablation.trm_variant("b", default_model_dir(), load_records(ablation.DATA)[0])[0].val
    said = clf.classify_batch([r.transcript for r in val], [r.context for r in val])
    scored = [(r.label, s.intent) for r, s in zip(val, said) if "ambiguous" not in r.tags]
    assert b["val"]["accuracy"] == pytest.approx(sum(g == p for g, p in scored) / len(scored))


def test_comparisons_are_the_definitions_pairs_and_the_baselines(report: dict) -> None:
    pairs = {(c["a"], c["b"], c["set"]): c for c in report["comparisons"]}
    sets = {"val", "dev"} if report["dev_present"] else {"val"}
    assert set(pairs) == {(a, b, s) for a, b in (("ref", "variant"), ("bundled", RULES)) for s in sets}
    same = pairs[("ref", "variant", "val")]  # the same model twice: no discordant record
    assert same["only_a"] == same["only_b"] == 0 and same["p"] == 1.0
    assert pairs[("bundled", RULES, "val")]["only_a"] > 0


def test_mcnemar_exact() -> None:
    assert mcnemar([True] * 5, [False] * 5) == {"only_a": 5, "only_b": 0, "p": 2 / 32}
    assert mcnemar([True, False], [False, True])["p"] == 1.0


def test_render_and_plot(report: dict, tmp_path: Path) -> None:
    md = ablation.render(report, "accuracy_vs_latency.png")
    for section in (
        "## All variants",
        "## Paired comparisons",
        "## Risk-coverage",
        "## Robustness to recogniser noise",
    ):
        assert section in md
    assert "## Reading" not in md  # findings are written by people, not generated
    assert "| ref | variant |" in md
    b = next(r for r in report["rows"] if r["name"] == "bundled")
    soup = b["soup_members"]
    epoch = f"soup of {soup}" if soup else f"{b['best_epoch']} / {b['planned_epochs']}"
    assert f"| {epoch} |" in md
    assert f"{report['machine']['cores']} logical cores" in md
    assert f"bundled {b['command_threshold']:.4f}" in md  # the decision the accuracies are at
    png = tmp_path / "accuracy_vs_latency.png"
    ablation.plot(report, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_main_help_runs() -> None:
    with pytest.raises(SystemExit) as exc:
        ablation.main(["--help"])
    assert exc.value.code == 0


def test_mishear_is_deterministic() -> None:
    text = "Go to line fifty and copy that."
    assert ablation.mishear(text) == ablation.mishear(text) != text
