"""A model directory (``model.onnx`` + ``window.onnx`` + ``tokenizer.json`` + ``trm_intent.json``)
and a checkpoint's metadata.

``trm_intent.json`` holds the labels, the TRM config, the window rules, the halting threshold,
the SHA-256 of the three other files (so a tokenizer from another model is caught at load), the
training data's hash and the metrics measured at export. :class:`CheckpointMeta` is what a
training checkpoint records beside its tensors: everything export needs, the window rules the
weights were trained with included, so export never rebuilds anything from today's code.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .config import TrainConfig, TRMConfig
from .contract import ContextRules, WindowCut
from .errors import TrmIntentError
from .schema import LABELS

MODEL_FILE = "model.onnx"
WINDOW_FILE = "window.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "trm_intent.json"
MODEL_FILES = (MODEL_FILE, WINDOW_FILE, TOKENIZER_FILE, META_FILE)
FORMAT_VERSION = 4  # 4: the window's context is a graph of its own (window.onnx), run once per window
MAX_META_BYTES = 8 << 20  # a model's JSON is a few kB: refuse what cannot be one


class ModelError(TrmIntentError, RuntimeError):
    """A model directory is missing a file, or a file is corrupt, inconsistent or does not belong."""


class TrainingInfo(BaseModel):
    """Where the weights came from. Data files are recorded by name and hash, never by path."""

    data_sha256: str
    data_files: list[str] = Field(default_factory=list)
    records: int
    train_records: int
    val_records: int
    corrections_files: list[str] = Field(default_factory=list)
    corrections: int = 0
    val_fraction: float
    seed: int
    epochs: int = Field(
        description="epochs the exported weights had trained: the epoch kept (best held-out); 0 for a soup"
    )
    planned_epochs: int | None = Field(default=None, description="epochs the run was configured for")
    init_from: str | None = None
    soup: list[str] = Field(
        default_factory=list,
        description="a weight soup's members (the mean of their weights): run directory and checkpoint",
    )


class ModelMeta(BaseModel):
    """The small JSON beside the ONNX file."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = FORMAT_VERSION
    version: str
    labels: list[str] = Field(description="The order of the graph's `probs`: always command, dictation.")
    config: TRMConfig
    context: ContextRules
    max_chars: int = Field(gt=0, le=100_000, description="Transcript code points kept before tokenizing.")
    window: WindowCut = Field(description="How many tokens of each window field the model reads.")
    pad_id: int = Field(ge=0)
    halt_threshold: float = Field(default=0.5, gt=0, le=1)
    command_threshold: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description=(
            "A command needs at least this probability, else the words are typed: chosen on the "
            "held-out split for the recipe's command precision (TrainConfig.command_precision)."
        ),
    )
    temperature: float = Field(
        default=1.0,
        gt=0,
        description=(
            "Softmax temperature fitted on the held-out split; already folded into the answer "
            "head's weights in model.onnx (recorded, not applied again)."
        ),
    )
    onnx_sha256: str
    window_sha256: str
    tokenizer_sha256: str
    training: TrainingInfo
    metrics: dict[str, float] = Field(default_factory=dict)

    @field_validator("labels")
    @classmethod
    def _label_order(cls, labels: list[str]) -> list[str]:
        if labels != list(LABELS):
            raise ValueError(f"must be {list(LABELS)} (the order of the graph's answer head), got {labels}")
        return labels


class CheckpointMeta(BaseModel):
    """What a training checkpoint records beside its tensors (``meta`` in the ``.pt`` file)."""

    model_config = ConfigDict(extra="forbid")

    train: TrainConfig = Field(description="The run's recipe; ``train.model`` is the network's final config.")
    tokenizer: str = Field(description="tokenizer.json as text (no added tokens).")
    context: ContextRules = Field(description="The window rules the weights were trained with.")
    pad_id: int = Field(ge=0)
    data_sha256: str
    data_files: list[str]
    records: int
    train_records: int
    val_records: int
    corrections_files: list[str] = Field(default_factory=list)
    corrections: int = Field(default=0, description="Correction records: trained on, never held out.")
    init_from: str | None = None
    soup: list[str] = Field(default_factory=list, description="A weight soup's members, as run/checkpoint.")
    metrics: dict[str, float] = Field(default_factory=dict, description="The saved epoch's metrics.")
    temperature: float = Field(default=1.0, gt=0, description="Fitted on held-out at the end of the run.")
    command_threshold: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Chosen on held-out after the temperature.",
    )

    @property
    def config(self) -> TRMConfig:
        return self.train.model

    def training_info(self) -> TrainingInfo:
        return TrainingInfo(
            data_sha256=self.data_sha256,
            data_files=self.data_files,
            records=self.records,
            train_records=self.train_records,
            val_records=self.val_records,
            corrections_files=self.corrections_files,
            corrections=self.corrections,
            val_fraction=self.train.val_fraction,
            seed=self.train.seed,
            epochs=int(self.metrics.get("epoch", 0)),
            planned_epochs=self.train.epochs,
            init_from=self.init_from,
            soup=self.soup,
        )


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'root'}: {e['msg']}" for e in exc.errors())


def export_leftovers(out_dir: Path, kind: str) -> list[tuple[Path, int]]:
    """What an export to ``out_dir`` leaves beside it while it runs: ``.NAME.KIND-PID`` with its PID
    (``old``: the model moved aside during the swap; ``export``: the new one being written), newest first."""
    prefix = f".{out_dir.name}.{kind}-"
    try:
        children = list(out_dir.parent.iterdir())
    except OSError:
        return []
    found = [
        (p, int(p.name[len(prefix) :]))
        for p in children
        if p.name.startswith(prefix) and re.fullmatch(r"[0-9]{1,10}", p.name[len(prefix) :])
    ]

    def mtime(item: tuple[Path, int]) -> float:
        try:
            return item[0].lstat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=mtime, reverse=True)


def _files() -> str:
    return f"{', '.join(MODEL_FILES[:-1])} and {MODEL_FILES[-1]}"


def read_meta(model_dir: Path) -> ModelMeta:
    """Read and validate ``trm_intent.json``; check the three other files against its hashes."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        aside = [path for path, _ in export_leftovers(model_dir, "old")] if model_dir.name else []
        if aside:
            raise ModelError(
                f"{model_dir}: missing; an interrupted export left the model at {aside[0]} "
                "(rename it back, or export again: the next export restores it)"
            )
        raise ModelError(f"{model_dir}: not a model directory (no such directory)")
    meta_path = model_dir / META_FILE
    if not meta_path.is_file():
        raise ModelError(f"{meta_path}: missing (a model directory holds {_files()})")
    try:
        if meta_path.stat().st_size > MAX_META_BYTES:
            raise ModelError(f"{meta_path}: {meta_path.stat().st_size} bytes is too large for model metadata")
        raw = json.loads(meta_path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ModelError(f"{meta_path}: cannot read ({exc.strerror or exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: not valid JSON ({exc})") from None
    except (RecursionError, ValueError) as exc:  # nesting too deep, an integer too long
        raise ModelError(f"{meta_path}: not valid model metadata ({type(exc).__name__}: {exc})") from None
    if not isinstance(raw, dict):
        raise ModelError(f"{meta_path}: expected a JSON object, got {type(raw).__name__}")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelError(
            f"{meta_path}: format_version {version!r} is not supported (this trm-intent "
            f"reads {FORMAT_VERSION}, whose window context is a graph of its own, {WINDOW_FILE}); "
            "re-export it with trm-intent export --checkpoint RUN/best.pt --out DIR"
        )
    for name in MODEL_FILES:
        if not (model_dir / name).is_file():
            raise ModelError(f"{model_dir / name}: missing (a model directory holds {_files()})")
    try:
        meta = ModelMeta.model_validate(raw)
    except ValidationError as exc:
        raise ModelError(f"{meta_path}: invalid metadata ({_problems(exc)})") from None
    if meta.pad_id >= meta.config.vocab_size:
        raise ModelError(
            f"{meta_path}: pad_id {meta.pad_id} is outside the vocabulary ({meta.config.vocab_size} entries)"
        )
    for name, expected in (
        (MODEL_FILE, meta.onnx_sha256),
        (WINDOW_FILE, meta.window_sha256),
        (TOKENIZER_FILE, meta.tokenizer_sha256),
    ):
        if sha256_file(model_dir / name) != expected:
            raise ModelError(
                f"{model_dir / name}: SHA-256 does not match {META_FILE}: the file "
                "is corrupt, truncated or belongs to another model"
            )
    return meta


# -- what the graph holds, read without the onnx package (the runtime does not depend on it) ----

STANDARD_DOMAINS = ("", "ai.onnx")
FORBIDDEN_OPS = ("Loop", "Scan", "If")


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise ValueError("truncated varint")
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _fields(buf: bytes, start: int, end: int) -> Iterator[tuple[int, int, tuple[int, int] | None]]:
    """The top-level fields of one protobuf message: (field, wire type, (start, end) of a
    length-delimited value, else None)."""
    pos = start
    while pos < end:
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        span = None
        if wire == 0:
            pos = _varint(buf, pos)[1]
        elif wire == 1:
            pos += 8
        elif wire == 2:
            size, pos = _varint(buf, pos)
            span, pos = (pos, pos + size), pos + size
        elif wire == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        if pos > end:
            raise ValueError("message runs past its end")
        yield field, wire, span


def graph_ops(path: Path) -> list[tuple[str, str]]:
    """(domain, op_type) of every node of the ONNX model's main graph.

    ModelProto.graph is field 7, GraphProto.node field 1, NodeProto.op_type field 4 and
    NodeProto.domain field 7 (onnx.proto).
    """
    buf = Path(path).read_bytes()
    ops = []
    for field, _, graph in _fields(buf, 0, len(buf)):
        if field != 7 or graph is None:
            continue
        for g_field, _, node in _fields(buf, *graph):
            if g_field != 1 or node is None:
                continue
            op_type = domain = ""
            for n_field, _, value in _fields(buf, *node):
                if value is not None and n_field in (4, 7):
                    text = buf[value[0] : value[1]].decode("utf-8", "replace")
                    op_type, domain = (text, domain) if n_field == 4 else (op_type, text)
            ops.append((domain, op_type))
    return ops


def check_graph_ops(path: Path) -> None:
    """The contract's promise to other clients: standard ops only, no Loop, Scan or If."""
    try:
        ops = graph_ops(path)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: not a readable ONNX model ({exc})") from None
    if not ops:
        raise ModelError(f"{path}: the graph has no nodes")
    for domain, op_type in ops:
        if domain not in STANDARD_DOMAINS:
            raise ModelError(
                f"{path}: node {op_type!r} is from the {domain!r} domain; the contract "
                "allows standard ONNX ops only"
            )
        if op_type in FORBIDDEN_OPS:
            raise ModelError(
                f"{path}: the graph holds a {op_type} node; the contract's graphs "
                "have their recursion unrolled (no Loop, Scan or If)"
            )
