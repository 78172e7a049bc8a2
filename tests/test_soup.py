"""``trm-intent soup``: the mean of fine-tunes' weights, calibrated and exported; bad members refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trm_intent import IntentClassifier
from trm_intent.cli import main
from trm_intent.schema import WindowContext

torch = pytest.importorskip("torch")

from trm_intent.training.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402


@pytest.fixture(scope="module")
def members(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path, tiny_data: Path) -> list[Path]:
    """Two one-epoch fine-tunes of the tiny model that differ only in their run seed."""
    root = tmp_path_factory.mktemp("members")
    paths = []
    for seed in (1, 2):
        out = root / f"ft{seed}"
        argv = ["train", "--data", str(tiny_data), "--out", str(out), "--init-from", str(tiny_model)]
        assert main([*argv, "--epochs", "1", "--init-seed", str(seed), "--quiet"]) == 0
        paths.append(out.with_name(out.name + ".run") / "best.pt")
    return paths


def _soup(members: list[Path], data: Path, out: Path) -> int:
    checkpoints = [a for m in members for a in ("--checkpoint", str(m))]
    return main(["soup", *checkpoints, "--data", str(data), "--out", str(out)])


def test_soup_is_the_members_mean_and_a_calibrated_model(
    tmp_path: Path, members: list[Path], tiny_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "soup"
    assert _soup(members, tiny_data, out) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["model_dir"] == str(out) and 0.5 < printed["metrics"]["val_acc"] <= 1.0

    soup = load_checkpoint(tmp_path / "soup.run" / "best.pt")
    a, b = (load_checkpoint(m) for m in members)
    assert any(not torch.equal(a.ema[k], b.ema[k]) for k in a.ema)  # the members differ
    for name, tensor in soup.ema.items():
        torch.testing.assert_close(tensor, (a.ema[name] + b.ema[name]) / 2)
    assert soup.meta.soup == ["ft1.run/best.pt", "ft2.run/best.pt"]

    clf = IntentClassifier(out)  # exported, verified against torch, calibrated on held-out
    assert clf.meta.training.soup == soup.meta.soup and clf.meta.training.epochs == 0
    assert clf.meta.temperature == soup.meta.temperature != 1.0
    assert clf.command_threshold == soup.meta.command_threshold
    result = clf.classify("go to line five", WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode"))
    assert result.intent in ("command", "dictation") and result.segments


def test_soup_refuses_members_that_do_not_average(
    tmp_path: Path, members: list[Path], tiny_model: Path, tiny_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "soup"

    assert _soup(members[:1], tiny_data, out) == 2
    assert "two checkpoints or more" in capsys.readouterr().err

    scratch = tiny_model.with_name(tiny_model.name + ".run") / "best.pt"
    assert _soup([members[0], scratch], tiny_data, out) == 2
    assert "trained from scratch" in capsys.readouterr().err

    other = load_checkpoint(members[1])
    moved = tmp_path / "other.run" / "best.pt"
    moved.parent.mkdir()
    train = other.meta.train.model_copy(update={"seed": other.meta.train.seed + 1})
    save_checkpoint(type(other)(other.meta.model_copy(update={"train": train}), other.ema), moved)
    assert _soup([members[0], moved], tiny_data, out) == 2
    err = capsys.readouterr().err
    assert "differs from" in err and "seed" in err

    fewer = tmp_path / "fewer.jsonl"
    fewer.write_text("".join(tiny_data.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), "utf-8")
    assert _soup(members, fewer, out) == 2
    assert "not the data the checkpoints were trained on" in capsys.readouterr().err

    assert not out.exists() and not (tmp_path / "soup.run" / "best.pt").exists()  # nothing written
