"""Training checkpoints: typed metadata (``artifacts.CheckpointMeta``) beside the tensors.

A ``.pt`` file holds ``meta`` (the metadata as JSON-ready data), ``ema`` (the EMA weights export
reads) and, in ``last.pt``, ``state``: what ``--resume`` needs (live weights, optimiser, epoch,
random states). Files are written to a temporary name and renamed, so a crash or a full disk
never leaves a half-written checkpoint behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from pydantic import ValidationError

from trm_intent.artifacts import CheckpointMeta, ModelError
from trm_intent.config import TRMConfig
from trm_intent.contract import ContextRules


class CheckpointError(ModelError):
    """A checkpoint file is missing, unreadable or not one this version of trm-intent wrote."""


@dataclass
class Weights:
    """A trained network to start from: EMA weights, network config, tokenizer, window rules."""

    ema: dict[str, torch.Tensor]
    config: TRMConfig
    tokenizer: str
    context: ContextRules
    source: str = ""  # what it was loaded from, by name


@dataclass
class Checkpoint:
    meta: CheckpointMeta
    ema: dict[str, torch.Tensor]
    state: dict[str, Any] | None = None  # last.pt only: what --resume needs

    def weights(self, source: str) -> Weights:
        return Weights(self.ema, self.meta.config, self.meta.tokenizer, self.meta.context, source)


def _cpu(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _cpu(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_cpu(v) for v in obj]
    return obj


def save_checkpoint(ckpt: Checkpoint, path: Path) -> None:
    """Write ``ckpt`` to ``path`` atomically; on failure (a full disk) nothing is left behind."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    payload = {"meta": ckpt.meta.model_dump(mode="json"), "ema": _cpu(ckpt.ema)}
    if ckpt.state is not None:
        payload["state"] = _cpu(ckpt.state)
    try:
        torch.save(payload, tmp)
        os.replace(tmp, path)
    except (OSError, RuntimeError) as exc:  # torch reports a full disk as a RuntimeError
        tmp.unlink(missing_ok=True)
        raise OSError(f"{path}: cannot write the checkpoint ({exc}); is the disk full?") from None


def load_checkpoint(path: Path | str) -> Checkpoint:
    """A checkpoint written by :func:`save_checkpoint` (tensors and plain data only: weights_only)."""
    path = Path(path)
    if path.is_dir():
        raise CheckpointError(f"{path}: is a directory; a checkpoint is a file such as RUN/best.pt")
    if not path.is_file():
        raise CheckpointError(f"{path}: no such checkpoint file")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises UnpicklingError, RuntimeError, EOFError ... on bad files
        raise CheckpointError(f"{path}: not a training checkpoint ({type(exc).__name__})") from None
    if not isinstance(payload, dict) or "meta" not in payload or "ema" not in payload:
        raise CheckpointError(
            f"{path}: not a checkpoint of this trm-intent (no meta and ema); "
            "it may come from an older version: retrain"
        )
    try:
        meta = CheckpointMeta.model_validate(payload["meta"])
    except ValidationError as exc:
        raise CheckpointError(
            f"{path}: invalid checkpoint metadata ({exc.error_count()} problem(s): "
            f"{exc.errors()[0]['loc']}: {exc.errors()[0]['msg']})"
        ) from None
    return Checkpoint(meta=meta, ema=payload["ema"], state=payload.get("state"))
