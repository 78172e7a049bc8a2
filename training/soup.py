"""A weight soup: the mean of the EMA weights of several fine-tunes of one trained network.

Fine-tunes that start from the same weights and differ only in their batch order and
augmentation stay close enough in weight space that their mean is a network of its own, with the
members' accuracy and less of the spread between them, at the cost of one network
(``trm-intent soup``; the bundled model is one, MODEL_CARD.md). The soup is scored and calibrated
on the members' held-out split (softmax temperature, then command threshold) and saved as a
checkpoint that ``export_model`` exports like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import torch
from pydantic import BaseModel
from tokenizers import Tokenizer

from trm_intent.contract import InputEncoder
from trm_intent.dataset import DataError, data_hash, load_records
from trm_intent.evaluate import ThresholdPoint

from .checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from .model import TRM
from .train import CHECKPOINTS, Encoded, calibrate, evaluate, split_with_corrections

log = logging.getLogger(__name__)

# What members must share: the network, its input, the data and the split it was scored on.
SHARED = ("tokenizer", "context", "pad_id", "data_sha256", "init_from")
SHARED_TRAIN = ("model", "seed", "val_fraction", "max_chars", "window", "halt_threshold")


class SoupResult(BaseModel):
    """Where the soup was saved, its held-out metrics, temperature and command threshold."""

    checkpoint: Path
    metrics: dict[str, float]
    temperature: float
    command_threshold: ThresholdPoint


def member_name(path: Path) -> str:
    """A member as the metadata records it: run directory and file, never the whole path."""
    return f"{path.parent.name}/{path.name}"


def check_members(paths: Sequence[Path], members: Sequence[Checkpoint]) -> None:
    """Refuse checkpoints whose mean is not a network: fewer than two, one trained from scratch,
    or any that differ from the first in what ``SHARED`` and ``SHARED_TRAIN`` name or in their
    tensors' names and shapes."""
    if len(members) < 2:
        raise CheckpointError("a soup averages two checkpoints or more; give --checkpoint for each")
    first = members[0]
    for path, member in zip(paths, members):
        if member.meta.init_from is None:
            raise CheckpointError(
                f"{path}: was trained from scratch; a soup averages fine-tunes of one trained network "
                "(train each with --init-from, or init_from in a sweep file)"
            )
        differs = [f for f in SHARED if getattr(member.meta, f) != getattr(first.meta, f)]
        differs += [f for f in SHARED_TRAIN if getattr(member.meta.train, f) != getattr(first.meta.train, f)]
        if member.ema.keys() != first.ema.keys() or any(
            member.ema[k].shape != first.ema[k].shape for k in first.ema
        ):
            differs.append("weights' names or shapes")
        if differs:
            raise CheckpointError(
                f"{path}: differs from {paths[0]} in {', '.join(differs)}; a soup's members are "
                "fine-tunes of one network on one data set and split"
            )


def mean_weights(members: Sequence[Checkpoint]) -> dict[str, torch.Tensor]:
    """The element-wise mean of the members' EMA weights (float32), in the first one's order."""
    return {
        name: torch.stack([m.ema[name].float() for m in members]).mean(0).to(tensor.dtype)
        for name, tensor in members[0].ema.items()
    }


def soup(
    checkpoints: Sequence[Path | str],
    data_files: Sequence[Path | str],
    run_dir: Path | str,
    *,
    corrections: Sequence[Path | str] = (),
    device: str = "cpu",
) -> SoupResult:
    """Average ``checkpoints`` into ``run_dir/best.pt``, scored and calibrated on their held-out split.

    ``data_files`` and ``corrections`` must be the data the members were trained on (checked by
    hash): the held-out split is drawn from them as training drew it. Everything is loaded and
    checked before anything is written; a run directory that holds checkpoints is refused.
    """
    paths = [Path(p) for p in checkpoints]
    members = [load_checkpoint(p) for p in paths]
    check_members(paths, members)
    records, _ = load_records(list(data_files))
    fixes = load_records(list(corrections))[0] if corrections else []
    meta = members[0].meta
    if data_hash([*records, *fixes]) != meta.data_sha256:
        raise DataError(
            ", ".join(Path(p).name for p in [*data_files, *corrections]),
            None,
            f"not the data the checkpoints were trained on ({', '.join(meta.data_files)}, "
            f"{meta.records} records); give the same --data files",
        )
    run_dir = Path(run_dir)
    if any((run_dir / name).exists() for name in CHECKPOINTS):
        raise FileExistsError(
            f"{run_dir}: holds the checkpoints of an earlier run; give another run directory"
        )
    _, _, held_out = split_with_corrections(records, fixes, meta.train, data_files)

    weights = mean_weights(members)
    model = TRM(meta.config)
    model.load_state_dict(weights)
    tok = Tokenizer.from_str(meta.tokenizer)
    encoder = InputEncoder(tok, meta.context, meta.train.max_chars, meta.config.max_tokens, meta.train.window)
    val = Encoded(held_out, encoder, meta.pad_id)
    scores, _ = evaluate(model.to(device), val, held_out, meta.train.halt_threshold, device=device)
    metrics = {f"val_{k}": float(v) for k, v in scores.items()}
    names = [member_name(p) for p in paths]
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "best.pt"
    save_checkpoint(Checkpoint(meta.model_copy(update={"metrics": metrics, "soup": names}), weights), path)
    temperature, point = calibrate(path, val, held_out, device)
    log.info(
        "soup of %d: held-out accuracy %.4f (members %s); temperature %.3f, command threshold %.4f",
        len(members),
        metrics["val_acc"],
        ", ".join(f"{m.meta.metrics.get('val_acc', float('nan')):.4f}" for m in members),
        temperature,
        point.threshold,
    )
    return SoupResult(checkpoint=path, metrics=metrics, temperature=temperature, command_threshold=point)
