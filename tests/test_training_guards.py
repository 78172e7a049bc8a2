"""Training refuses what cannot work before any work, and a full disk leaves nothing half-written."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from trm_intent.dataset import DataError

from .conftest import DATA, TINY_CONFIG

pytest.importorskip("torch")

from trm_intent.training.train import train

from trm_intent.config import TrainConfig


def test_data_whose_split_leaves_a_side_empty_is_refused_before_any_work(tmp_path: Path) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text("\n".join(DATA.read_text(encoding="utf-8").splitlines()[:1]) + "\n", encoding="utf-8")
    run = tmp_path / "run"
    with pytest.raises(
        DataError, match=r"few\.jsonl: 1 record\(s\) split into \d+ for training and \d+ held out"
    ):
        train([few], run, TrainConfig.model_validate(TINY_CONFIG), progress=False)
    assert not run.exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 96 kB tmpfs: room for the tokenizer, not for a checkpoint."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip()}): needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_a_clear_error_and_leaves_no_partial_checkpoint(
    small_disk: Path, tiny_data: Path
) -> None:
    run = small_disk / "run"
    cfg = TrainConfig.model_validate({**TINY_CONFIG, "epochs": 1})
    with pytest.raises(OSError, match=r"cannot write the checkpoint .*is the disk full\?"):
        train([tiny_data], run, cfg, progress=False)
    left = sorted(p.name for p in run.iterdir())
    assert not [name for name in left if ".tmp" in name], left
    assert not [name for name in left if name.endswith(".pt")], left  # no half-written checkpoint


def test_a_config_the_network_cannot_have_is_refused() -> None:
    from pydantic import ValidationError

    for model in ({"hidden": 100_000}, {"hidden": 64, "heads": 3}, {"n_sup": 0}):
        with pytest.raises(ValidationError):
            TrainConfig.model_validate({"model": model})
    with pytest.raises(ValidationError):
        TrainConfig.model_validate({"epochs": 0})
    assert json.loads(TrainConfig().model_dump_json())["epochs"] == 16  # fits 10 min on 14,451 records
