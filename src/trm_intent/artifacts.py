"""A model directory: ``model.onnx`` + ``tokenizer.json`` + ``trm_intent.json``.

The JSON holds the labels, the TRM config, the context rules, the halting threshold, the
SHA-256 of the two other files (so a tokenizer from another model is caught at load),
the training data's hash and the metrics measured at export.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .config import TRMConfig
from .contract import ContextRules

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "trm_intent.json"
FORMAT_VERSION = 1


class ModelError(RuntimeError):
    """A model directory is missing a file, or a file is corrupt or does not belong."""


class TrainingInfo(BaseModel):
    """Where the weights came from."""

    data_sha256: str
    data_files: list[str] = Field(default_factory=list)
    records: int
    train_records: int
    val_records: int
    val_fraction: float
    seed: int
    epochs: int = Field(description="epochs the exported weights had trained: the epoch kept (best held-out)")
    planned_epochs: int | None = Field(
        default=None, description="epochs the run was configured for (absent in older exports)")
    init_from: str | None = None


class MemberInfo(BaseModel):
    """One network of an ensemble: how its run differed from the others."""

    init_seed: int | None = Field(description="the run's init_seed (None: its seed)")
    epochs: int
    planned_epochs: int | None = None
    temperature: float = Field(gt=0)
    metrics: dict[str, float] = Field(default_factory=dict)


class ModelMeta(BaseModel):
    """The small JSON beside the ONNX file."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = FORMAT_VERSION
    version: str
    labels: list[str] = Field(min_length=2)
    config: TRMConfig
    context: ContextRules
    max_chars: int = Field(gt=0, description="Transcript characters kept before tokenizing.")
    pad_id: int = Field(ge=0)
    halt_threshold: float = Field(default=0.5, gt=0, le=1)
    temperature: float = Field(default=1.0, gt=0, description=(
        "Softmax temperature fitted on the held-out split; already folded into the answer "
        "head's weights in model.onnx (recorded, not applied again)."))
    onnx_sha256: str
    tokenizer_sha256: str
    training: TrainingInfo
    metrics: dict[str, float] = Field(default_factory=dict)
    ensemble: list[MemberInfo] = Field(default_factory=list, description=(
        "An ensemble's members, in the order model.onnx stacks them (empty: one network). "
        "(y, z) then carry a member axis and the answer and halting confidence are the "
        "members' means. ``training`` and ``metrics`` describe the first member, except "
        "``metrics['ensemble_val_acc']``, the stacked model's held-out accuracy; ``temperature`` "
        "is the one shared by all members, on top of each member's own."))

    @property
    def members(self) -> int:
        """Networks stacked in model.onnx (1 unless an ensemble)."""
        return max(1, len(self.ensemble))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_meta(model_dir: Path) -> ModelMeta:
    """Read and validate ``trm_intent.json``; check the two other files against its hashes."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError(f"{model_dir}: not a model directory (no such directory)")
    meta_path = model_dir / META_FILE
    for name in (META_FILE, MODEL_FILE, TOKENIZER_FILE):
        if not (model_dir / name).is_file():
            raise ModelError(f"{model_dir / name}: missing (a model directory holds "
                             f"{MODEL_FILE}, {TOKENIZER_FILE} and {META_FILE})")
    try:
        meta = ModelMeta.model_validate(json.loads(meta_path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: not valid JSON ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'root'}: {e['msg']}" for e in exc.errors()
        )
        raise ModelError(f"{meta_path}: invalid metadata ({problems})") from None
    if meta.format_version != FORMAT_VERSION:
        raise ModelError(f"{meta_path}: format_version {meta.format_version} is not supported "
                         f"(this trm-intent reads {FORMAT_VERSION})")
    for name, expected in ((MODEL_FILE, meta.onnx_sha256), (TOKENIZER_FILE, meta.tokenizer_sha256)):
        if sha256_file(model_dir / name) != expected:
            raise ModelError(f"{model_dir / name}: SHA-256 does not match {META_FILE}: the file "
                             "is corrupt, truncated or belongs to another model")
    return meta
