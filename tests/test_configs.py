"""The committed configurations files: they train, and the ablation compares what it says it does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, TINY_CONFIG

pytest.importorskip("torch")

from trm_intent.training.sweep import main as sweep_main
from trm_intent.training.sweep import read_configs

from trm_intent.config import TrainConfig

CONFIGS = sorted((ROOT / "training" / "configs").glob("*.json"))
ABLATION = ROOT / "training" / "configs" / "ablation_recursion.json"


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_file_reads_as_training_configs(path: Path) -> None:
    runs = read_configs(path)  # ValueError on an unknown field, a bad value or a dangling `against`
    assert runs and all(isinstance(r.config, TrainConfig) for r in runs.values())
    # every field the file sets is one TrainConfig has (nothing silently ignored)
    for name, fields in json.loads(path.read_text(encoding="utf-8")).items():
        dumped = runs[name].config.model_dump()
        for key, value in fields.items():
            if key in ("description", "against", "init_from"):
                continue
            if key == "model":
                assert {k: dumped["model"][k] for k in value} == value
            else:
                assert dumped[key] == value, (name, key)


def test_the_ablation_pairs_each_variant_with_the_shipped_recipe_on_its_split() -> None:
    """Each `against` run is the shipped recipe (the defaults) of the variant's seed, and each
    variant differs from it in more than its description: the McNemar pairs mean what they say."""
    runs = read_configs(ABLATION)
    variants = [r for r in runs.values() if r.against]
    assert len(variants) >= 3
    for run in variants:
        ref = runs[run.against]
        assert ref.config == TrainConfig(seed=run.config.seed), ref.name
        assert ref.config.seed == run.config.seed  # same held-out split: paired on held-out too
        assert run.config != ref.config
        assert run.description and ref.description
    kinds = {(r.config.model.recursive, r.config.model.layers, r.config.use_context) for r in variants}
    assert {(False, 2, True), (False, 4, True), (True, 2, False)} <= kinds


def _write(tmp_path: Path, runs: dict) -> Path:
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(runs), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "runs, message",
    [
        ({"a": {"teachers": ["x"]}}, "teachers"),
        ({"a": {"model": {"context_bias": True}}}, "context_bias"),
        ({"a": {"epochs": 0}}, "epochs"),
        ({"a": {}, "b": {"against": "c"}}, "'c'"),
        ({"a": {"against": "a"}}, "'a'"),
        ({"../a": {}}, "directory name"),
        ([{"epochs": 1}], "JSON object"),
    ],
)
def test_read_configs_refuses(tmp_path: Path, runs: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_configs(_write(tmp_path, runs))


@pytest.mark.slow
def test_sweep_trains_and_resumes_only_when_asked(tmp_path: Path, tiny_data: Path) -> None:
    configs = _write(tmp_path, {"tiny": {**TINY_CONFIG, "epochs": 1, "description": "a tiny run"}})
    out = tmp_path / "out"
    argv = ["--data", str(tiny_data), "--configs", str(configs), "--out", str(out), "--jobs", "1"]
    assert sweep_main(argv) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["name"] for row in summary] == ["tiny"]
    assert summary[0]["best"]["epoch"] == 1 and 0 <= summary[0]["best"]["val_acc"] <= 1
    assert (out / "tiny.run" / "best.pt").is_file()
    with pytest.raises(SystemExit):  # the run directory holds checkpoints: refused up front
        sweep_main(argv)
    assert sweep_main([*argv, "--resume"]) == 0  # a finished run: nothing left but calibration
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary[0]["best"]["epoch"] == 1
