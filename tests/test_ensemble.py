"""Ensembles: runs of one split stacked into one model whose answer is the members' mean."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from trm_intent import IntentClassifier, load_records
from trm_intent.dataset import split_records
from trm_intent.runtime import default_model_dir

pytest.importorskip("torch")


@pytest.fixture(scope="module")
def member(tmp_path_factory: pytest.TempPathFactory, tiny_data: Path, tiny_config: Path) -> Path:
    """A second run on tiny_model's split (same seed), started from another init seed."""
    from trm_intent.cli import main

    out = tmp_path_factory.mktemp("members") / "tiny_init1"
    assert main(["train", "--data", str(tiny_data), "--out", str(out), "--config",
                 str(tiny_config), "--init-seed", "1", "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def ensemble(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path, member: Path,
             tiny_data: Path) -> Path:
    from trm_intent.cli import main

    out = tmp_path_factory.mktemp("ensembles") / "pair"
    assert main(["export", "--checkpoint", str(_best(tiny_model)), str(_best(member)),
                 "--out", str(out), "--data", str(tiny_data)]) == 0
    return out


def _best(model_dir: Path) -> Path:
    return model_dir.with_name(model_dir.name + ".run") / "best.pt"


def test_rebuilding_the_bundled_graph_from_its_weights_gives_the_same_file() -> None:
    """One network's graph is unchanged by ensemble support, byte for byte."""
    onnx = pytest.importorskip("onnx")
    from trm_intent.export.graph import build_step_graph, state_from_onnx

    model_dir = default_model_dir()
    clf = IntentClassifier(model_dir)
    proto = onnx.load(str(model_dir / "model.onnx"))
    rebuilt = build_step_graph(state_from_onnx(proto, clf.meta.config), clf.meta.config)
    assert rebuilt.SerializeToString() == proto.SerializeToString()


@pytest.mark.slow
def test_ensemble_graph_keeps_to_the_onnx_spec(ensemble: Path) -> None:
    """onnx's checker, and RMSNormalization scales shaped as the normalised axis (onnxruntime
    would also take a per-member scale; the spec, and so other runtimes, do not)."""
    import onnx

    proto = onnx.load(str(ensemble / "model.onnx"))
    onnx.checker.check_model(proto, full_check=True)
    inits = {t.name: t for t in proto.graph.initializer}
    hidden = IntentClassifier(ensemble).meta.config.hidden
    norms = [n for n in proto.graph.node if n.op_type == "RMSNormalization"]
    assert norms and all(list(inits[n.input[1]].dims) == [hidden] for n in norms)


@pytest.mark.slow
def test_the_members_seeds_differ_but_not_their_split(tiny_model: Path, member: Path) -> None:
    a, b = IntentClassifier(tiny_model).meta, IntentClassifier(member).meta
    assert a.training.seed == b.training.seed and a.tokenizer_sha256 == b.tokenizer_sha256
    assert a.onnx_sha256 != b.onnx_sha256


def _fixed_depth(model_dir: Path, records: list) -> np.ndarray:
    """(records, labels) probabilities after every step (a threshold of 1 never halts early)."""
    clf = IntentClassifier(model_dir, halt_threshold=1.0)
    results = clf.classify_batch([r.transcript for r in records], [r.context for r in records])
    assert {r.steps for r in results} == {clf.meta.config.n_sup}
    return np.array([[r.probabilities[label] for label in clf.labels] for r in results])


@pytest.mark.slow
def test_ensemble_answers_the_mean_of_its_members_at_one_shared_temperature(
        ensemble: Path, tiny_model: Path, member: Path, tiny_data: Path) -> None:
    records, _ = load_records(tiny_data)
    sample = records[::40]
    temperature = IntentClassifier(ensemble).meta.temperature
    # log p is the member's logits up to a constant, so softmax(log p / T) is the member
    # answering with the shared temperature folded into its head.
    scaled = []
    for m in (tiny_model, member):
        logits = np.log(_fixed_depth(m, sample)) / temperature
        scaled.append(np.exp(logits) / np.exp(logits).sum(1, keepdims=True))
    np.testing.assert_allclose(_fixed_depth(ensemble, sample), np.mean(scaled, 0), atol=1e-5)
    # Halting does not depend on the temperature: the ensemble's is the members' mean.
    texts, contexts = [r.transcript for r in sample], [r.context for r in sample]
    ens = IntentClassifier(ensemble, halt_threshold=1.0).classify_batch(texts, contexts)
    parts = [IntentClassifier(m, halt_threshold=1.0).classify_batch(texts, contexts)
             for m in (tiny_model, member)]
    for i, result in enumerate(ens):
        mean_halt = (parts[0][i].halting_confidence + parts[1][i].halting_confidence) / 2
        assert result.halting_confidence == pytest.approx(mean_halt, abs=1e-5)


@pytest.mark.slow
def test_the_shared_temperature_lowers_held_out_nll(tmp_path: Path, ensemble: Path,
                                                   tiny_model: Path, member: Path,
                                                   tiny_data: Path) -> None:
    from trm_intent.export import export_model
    from trm_intent.training.train import load_checkpoint

    records, _ = load_records(tiny_data)
    raw = tmp_path / "raw"  # no records given: the members' own temperatures only
    meta = export_model([load_checkpoint(_best(tiny_model)), load_checkpoint(_best(member))], raw,
                        [(r.transcript, r.context) for r in records[::30]])
    assert meta.temperature == 1.0 and "ensemble_val_acc" not in meta.metrics
    val = split_records(records, meta.training.val_fraction, meta.training.seed).val

    def nll(model_dir: Path) -> float:
        clf = IntentClassifier(model_dir)
        results = clf.classify_batch([r.transcript for r in val], [r.context for r in val])
        return -float(np.mean([np.log(res.probabilities[r.label]) for res, r in zip(results, val)]))

    assert nll(ensemble) <= nll(raw) + 1e-6  # equal when the fit lands on 1 (grid point)


@pytest.mark.slow
def test_ensemble_records_its_members_and_held_out_accuracy(ensemble: Path,
                                                           tiny_data: Path) -> None:
    clf = IntentClassifier(ensemble)
    meta = clf.meta
    assert meta.members == 2 and [m.init_seed for m in meta.ensemble] == [None, 1]
    records, _ = load_records(tiny_data)
    val = split_records(records, meta.training.val_fraction, meta.training.seed).val
    results = clf.classify_batch([r.transcript for r in val], [r.context for r in val])
    accuracy = np.mean([res.intent == r.label for res, r in zip(results, val)])
    assert meta.metrics["ensemble_val_acc"] == pytest.approx(accuracy)
    one = clf.classify("scratch that", {"app_name": "Code", "bundle_id": "com.microsoft.VSCode"})
    assert one.intent in ("command", "dictation") and 1 <= one.steps <= meta.config.n_sup


@pytest.mark.slow
def test_member_weights_come_back_out_of_the_stacked_graph(ensemble: Path, tiny_model: Path,
                                                          member: Path) -> None:
    import onnx
    from trm_intent.export.graph import member_states_from_onnx, state_from_onnx

    meta = IntentClassifier(ensemble).meta
    cfg = meta.config
    stacked = member_states_from_onnx(onnx.load(str(ensemble / "model.onnx")), cfg)
    singles = [state_from_onnx(onnx.load(str(m / "model.onnx")), cfg) for m in (tiny_model, member)]
    assert len(stacked) == 2
    for got, want in zip(stacked, singles):
        assert got.keys() == want.keys()
        for name in want:
            if name.startswith("head."):  # the shared temperature is folded into the answer head
                np.testing.assert_allclose(got[name], want[name] / meta.temperature, rtol=1e-5)
            else:
                np.testing.assert_array_equal(got[name], want[name])
    with pytest.raises(ValueError, match="ensemble of 2"):
        state_from_onnx(onnx.load(str(ensemble / "model.onnx")), cfg)


@pytest.mark.slow
def test_members_of_another_split_are_refused_and_nothing_is_written(
        tmp_path: Path, tiny_model: Path, tiny_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import torch
    from trm_intent.training.train import load_checkpoint

    from trm_intent.cli import main

    other = load_checkpoint(_best(tiny_model))
    other["train_config"]["seed"] = 1
    torch.save(other, tmp_path / "other.pt")
    out = tmp_path / "mixed"
    assert main(["export", "--checkpoint", str(_best(tiny_model)), str(tmp_path / "other.pt"),
                 "--out", str(out), "--data", str(tiny_data)]) == 2
    assert "checkpoint 2 has seed=1, checkpoint 1 0" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".mixed*"))


@pytest.mark.slow
def test_fine_tuning_an_ensemble_is_refused_before_anything_is_written(
        tmp_path: Path, ensemble: Path, tiny_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from trm_intent.cli import main

    out = tmp_path / "tuned"
    assert main(["train", "--data", str(tiny_data), "--out", str(out), "--init-from", str(ensemble),
                 "--quiet"]) == 2
    assert f"{ensemble}: the graph stacks an ensemble of 2 networks, not one" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "tuned.run").exists()
