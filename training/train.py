"""The training loop: deep supervision, halting BCE, EMA weights, best checkpoint, resume.

``train()`` is what ``trm-intent train`` runs. The run directory (``<out>.run`` beside
the model directory by default) holds ``last.pt`` (resumable after SIGINT or SIGKILL),
``best.pt``, ``tokenizer.json`` and ``metrics.json``; the model directory itself is only
written at the end, complete and verified, by :func:`trm_intent.export.export_model`.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path

import torch
import torch.nn.functional as F
from pydantic import BaseModel, ConfigDict, Field
from tokenizers import Tokenizer

from trm_intent.config import TRMConfig
from trm_intent.dataset import data_hash, load_records, split_records
from trm_intent.contract import ContextRules, InputEncoder
from trm_intent.evaluate import predict
from trm_intent.runtime import IntentClassifier
from trm_intent.schema import LABELS, LabeledRecord

from .augment import vary
from .model import TRM
from .tokenizer import PAD, BPEDropoutEncoder, train_tokenizer

log = logging.getLogger(__name__)


class TrainConfig(BaseModel):
    """Everything that decides a training run (saved with every checkpoint)."""

    model_config = ConfigDict(extra="forbid")

    model: TRMConfig = Field(default_factory=TRMConfig)
    epochs: int = Field(default=48, ge=1)
    batch_size: int = Field(default=64, ge=1)
    lr: float = Field(default=1e-3, gt=0)
    weight_decay: float = Field(default=0.05, ge=0)
    warmup_steps: int = Field(default=100, ge=0)
    ema_decay: float = Field(default=0.995, ge=0, lt=1)
    label_smoothing: float = Field(default=0.1, ge=0, lt=1)
    ambiguous_target: float = Field(
        default=0.7, gt=0.5, le=1,
        description="Probability the loss asks for on the label of an `ambiguous`-tagged record, "
                    "so the model learns not to be sure of those (1: treat them like the rest).")
    halt_weight: float = Field(default=1.0, ge=0)
    augment_p: float = Field(default=0.5, ge=0, le=1)
    slip_p: float = Field(default=0.2, ge=0, le=1, description=(
        "Share of training transcripts given one recogniser slip per epoch (augment.slip)."))
    letter_slips: bool = Field(default=False, description=(
        "Slips may also spell a word off by one letter (dropped, swapped, doubled)."))
    bpe_dropout: float = Field(default=0.1, ge=0, lt=1, description=(
        "BPE-dropout on training transcripts (Provilkov et al. 2020): each merge is skipped with "
        "this probability, so a word is also seen in smaller pieces, as a mis-spelled word is. "
        "Drawn from the run's seeded random source (training.tokenizer.BPEDropoutEncoder)."))
    dropout: float = Field(default=0.1, ge=0, lt=1, description=(
        "Dropout on the input embedding and on each block's attention and SwiGLU outputs "
        "(training only; the exported graph has none)."))
    val_fraction: float = Field(default=0.15, gt=0, lt=1)
    max_chars: int = Field(default=400, gt=0)
    halt_threshold: float = Field(default=0.5, gt=0, le=1)
    use_context: bool = Field(default=True, description="False: every window is unknown (ablation).")
    teachers: list[str] = Field(default_factory=list, description=(
        "Exported model directories whose mean probabilities are mixed into the training targets "
        "(distillation). Each must have been trained on this run's split (same seed and "
        "val_fraction), so none of them has seen a held-out transcript."))
    teacher_weight: float = Field(default=0.5, ge=0, le=1, description=(
        "Share of each training target taken from the teachers; the rest is the label's."))
    seed: int = Field(default=0, description="Picks the held-out split; also seeds the run "
                      "unless init_seed is given.")
    init_seed: int | None = Field(default=None, description=(
        "Seeds the weights' initialisation, the batch order and the augmentation, leaving the "
        "split to seed (None: seed). Runs of one seed with different init seeds are members "
        "for an ensemble: same split, same tokenizer, different networks."))


# Fields added to TrainConfig after runs were checkpointed, with the value that continues such a
# run as it was configured (their defaults would change its recipe halfway).
_BEFORE_FIELD = {"bpe_dropout": 0.0, "letter_slips": False, "dropout": 0.0}


class Encoded:
    """Token ids and labels of a list of records, padded per batch."""

    def __init__(self, records: Sequence[LabeledRecord], encoder: InputEncoder, pad_id: int,
                 transcripts: Sequence[str] | None = None, teacher: torch.Tensor | None = None) -> None:
        texts = list(transcripts) if transcripts is not None else [r.transcript for r in records]
        self.ids = encoder.encode_batch(texts, [r.context for r in records])
        self.labels = torch.tensor([LABELS.index(r.label) for r in records])
        self.ambiguous = torch.tensor(["ambiguous" in r.tags for r in records])
        self.pad_id = pad_id
        self.teacher = teacher  # (records, labels) probabilities when distilling

    def targets(self, index: Sequence[int], cfg: TrainConfig, device: str = "cpu") -> torch.Tensor:
        """Soft targets: label smoothing for most records, ``ambiguous_target`` for ambiguous ones,
        mixed with the teachers' probabilities when there are teachers."""
        labels = self.labels[list(index)]
        sure = 1.0 - cfg.label_smoothing * (len(LABELS) - 1) / len(LABELS)
        p = torch.where(self.ambiguous[list(index)], min(sure, cfg.ambiguous_target), sure)
        other = (1.0 - p) / (len(LABELS) - 1)
        out = other[:, None].repeat(1, len(LABELS))
        out[torch.arange(len(index)), labels] = p
        if self.teacher is not None:
            out = (1.0 - cfg.teacher_weight) * out + cfg.teacher_weight * self.teacher[list(index)]
        return out.to(device)

    def batch(self, index: Sequence[int],
              device: str = "cpu") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        seq = max(len(self.ids[i]) for i in index)
        ids = torch.full((len(index), seq), self.pad_id, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for row, i in enumerate(index):
            ids[row, : len(self.ids[i])] = torch.tensor(self.ids[i])
            mask[row, : len(self.ids[i])] = 1
        return ids.to(device), mask.to(device), self.labels[list(index)].to(device)


def teacher_probabilities(teachers: Sequence[str], records: Sequence[LabeledRecord],
                          cfg: TrainConfig) -> torch.Tensor:
    """Mean label probabilities of the exported ``teachers`` on ``records`` (LABELS order).

    Refuses a teacher trained on another split: it would have seen held-out transcripts, and
    the student's held-out figures would no longer be held out.
    """
    total = torch.zeros(len(records), len(LABELS))
    for path in teachers:
        clf = IntentClassifier(Path(path))
        info = clf.meta.training
        if (info.seed, info.val_fraction) != (cfg.seed, cfg.val_fraction):
            raise ValueError(
                f"teacher {path}: trained on the split of seed {info.seed}, val_fraction "
                f"{info.val_fraction}; this run uses seed {cfg.seed}, val_fraction {cfg.val_fraction}")
        results = predict(clf, records, batch=256)
        total += torch.tensor([[r.probabilities[label] for label in LABELS] for r in results])
    return total / len(teachers)


def deep_supervision_loss(model: TRM, ids: torch.Tensor, mask: torch.Tensor, labels: torch.Tensor,
                          targets: torch.Tensor, cfg: TrainConfig, opt: torch.optim.Optimizer,
                          on_step: callable) -> float:  # type: ignore[valid-type]
    """Up to n_sup supervision steps on one batch, an optimiser step after each.

    (y, z) are carried forward detached; each step's loss is the answer's cross-entropy plus
    the halting head's BCE on "the current answer is right".
    """
    y = z = None
    total = 0.0
    for _ in range(model.cfg.n_sup):
        x, m = model.embed_input(ids, mask)
        if y is None:
            y, z = model.initial_state(x)
        logits, halt, y, z = model.step(x, y, z, m)
        correct = (logits.argmax(-1) == labels).float()
        loss = F.cross_entropy(logits, targets)
        loss = loss + cfg.halt_weight * F.binary_cross_entropy_with_logits(halt, correct)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        on_step()
        y, z = y.detach(), z.detach()
        total += float(loss.detach())
    return total / model.cfg.n_sup


def halting_step(halts: torch.Tensor, threshold: float) -> torch.Tensor:
    """Per row, the 0-based supervision step the runtime answers from: the first whose halting
    probability reaches ``threshold``, else the last."""
    stop = torch.sigmoid(halts) >= threshold
    stop[:, -1] = True
    return stop.float().argmax(-1)


@torch.no_grad()
def evaluate(model: TRM, data: Encoded, threshold: float, batch_size: int = 256,
             device: str = "cpu") -> dict[str, float]:
    """Accuracy at every supervision step and with halting, as the runtime runs it."""
    model.eval()
    n_sup = model.cfg.n_sup
    correct = torch.zeros(n_sup, device=device)
    halted_correct, steps_used, loss = 0, 0, 0.0
    n = len(data.ids)
    for start in range(0, n, batch_size):
        ids, mask, labels = data.batch(range(start, min(n, start + batch_size)), device)
        logits, halts = model(ids, mask)
        preds = logits.argmax(-1)  # (batch, n_sup)
        correct += (preds == labels[:, None]).float().sum(0)
        loss += float(F.cross_entropy(logits[:, -1], labels, reduction="sum"))
        first = halting_step(halts, threshold)
        halted_correct += int((preds.gather(1, first[:, None]).squeeze(1) == labels).sum())
        steps_used += int((first + 1).sum())
    out = {f"acc_step{i + 1}": float(c) / n for i, c in enumerate(correct)}
    out.update(acc=halted_correct / n, mean_steps=steps_used / n, loss=loss / n)
    return out


@torch.no_grad()
def fit_temperature(models: TRM | Sequence[TRM], data: Encoded, threshold: float,
                    batch_size: int = 256, device: str = "cpu") -> float:
    """The softmax temperature that minimises held-out NLL at the step the runtime answers from.

    Label smoothing (and the soft target of ambiguous records) trains the model to stop short
    of certainty, so raw probabilities run below accuracy; dividing the answer logits by this
    temperature fixes that without changing any decision (the arg-max is the same). For several
    models (an ensemble) it is the one temperature shared by every member's logits, fitted to
    the members' mean probability at the step their mean halting confidence picks.
    """
    models = [models] if isinstance(models, TRM) else list(models)
    for model in models:
        model.eval()
    chosen, labels_all = [], []
    n = len(data.ids)
    for start in range(0, n, batch_size):
        ids, mask, labels = data.batch(range(start, min(n, start + batch_size)), device)
        outs = [model(ids, mask) for model in models]
        halts = outs[0][1] if len(outs) == 1 else torch.logit(
            torch.stack([torch.sigmoid(h) for _, h in outs]).mean(0))
        first = halting_step(halts, threshold)
        rows = torch.arange(len(first))
        chosen.append(torch.stack([lg[rows, first] for lg, _ in outs]).double().cpu())
        labels_all.append(labels.cpu())
    logits, labels = torch.cat(chosen, 1), torch.cat(labels_all)  # (members, records, labels)
    grid = torch.exp(torch.linspace(math.log(0.2), math.log(5.0), 401, dtype=torch.float64))
    k = math.log(len(models))
    nll = torch.stack([F.nll_loss(torch.logsumexp(F.log_softmax(logits / t, -1), 0) - k, labels)
                       for t in grid])
    return float(grid[int(nll.argmin())])


def calibrate_checkpoint(path: Path, val: Encoded, threshold: float, device: str = "cpu") -> float:
    """Fit the temperature of ``path``'s EMA weights on ``val`` and store it in the checkpoint."""
    ckpt = load_checkpoint(path)
    model = TRM(TRMConfig.model_validate(ckpt["model_config"]))
    model.load_state_dict(ckpt["ema"])
    ckpt["temperature"] = fit_temperature(model.to(device), val, threshold, device=device)
    _atomic_torch_save(ckpt, path)
    return ckpt["temperature"]


def calibrate_run(run_dir: Path, device: str = "cpu") -> float:
    """Fit and store the temperature of a run trained before temperatures were fitted."""
    ckpt = load_checkpoint(Path(run_dir) / "best.pt")
    cfg = TrainConfig.model_validate(ckpt["train_config"])
    records, _ = load_records(ckpt["data_files"])
    if data_hash(records) != ckpt["data_sha256"]:
        raise ValueError(f"{run_dir}: its data files changed since training; cannot rebuild its split")
    split = split_records(records, cfg.val_fraction, cfg.seed)
    tok = Tokenizer.from_str(ckpt["tokenizer"])
    encoder = InputEncoder(tok, ContextRules.default(enabled=cfg.use_context), cfg.max_chars,
                           TRMConfig.model_validate(ckpt["model_config"]).max_tokens)
    val = Encoded(split.val, encoder, tok.token_to_id(PAD))
    return calibrate_checkpoint(Path(run_dir) / "best.pt", val, cfg.halt_threshold, device)


def _lr_at(step: int, total: int, cfg: TrainConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = (step - cfg.warmup_steps) / max(1, total - cfg.warmup_steps)
    return cfg.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def _cpu(obj):  # noqa: ANN001, ANN202
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _cpu(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_cpu(v) for v in obj]
    return obj


def _atomic_torch_save(obj: dict, path: Path) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(_cpu(obj), tmp)
    os.replace(tmp, path)


def load_checkpoint(path: Path) -> dict:
    """A checkpoint written by this module (tensors and plain data only: weights_only)."""
    return torch.load(path, map_location="cpu", weights_only=True)


class TrainResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    run_dir: Path
    best: dict[str, float]
    history: list[dict[str, float]]


def train(data_files: Sequence[Path | str], run_dir: Path, cfg: TrainConfig | None = None, *,
          init_from: Path | None = None, resume: bool = False, progress: bool = True,
          device: str = "cpu", threads: int = 1) -> TrainResult:
    """Train a TRM on the given JSONL files; checkpoints go to ``run_dir``.

    All data is loaded and validated before anything is written. ``init_from`` is an exported
    model directory or checkpoint to fine-tune from (its tokenizer and config are kept);
    ``resume`` continues from ``run_dir/last.pt`` with its saved configuration (only
    ``cfg.epochs`` is taken from the ``cfg`` given). ``device`` ("cpu", "cuda") only changes
    where the arithmetic runs; checkpoints are always saved with CPU tensors. ``threads`` is
    torch's CPU thread count: 1 by default, because this model is too small to gain from
    more, and on a busy machine extra spinning threads can make training many times slower.
    """
    records, _ = load_records(list(data_files))  # raises DataError before any work
    run_dir = Path(run_dir)
    state = None
    if resume:
        if not (run_dir / "last.pt").is_file():
            raise FileNotFoundError(f"{run_dir / 'last.pt'}: nothing to resume")
        state = load_checkpoint(run_dir / "last.pt")
        saved = TrainConfig.model_validate({**_BEFORE_FIELD, **state["train_config"]})
        # The run goes on as it was configured; only its length may change.
        cfg = saved if cfg is None else saved.model_copy(update={"epochs": cfg.epochs})
    cfg = cfg or TrainConfig()
    torch.set_num_threads(threads)
    run_seed = cfg.seed if cfg.init_seed is None else cfg.init_seed
    random.seed(run_seed)
    torch.manual_seed(run_seed)
    split = split_records(records, cfg.val_fraction, cfg.seed)
    rules = ContextRules.default(enabled=cfg.use_context)
    teacher = None
    if cfg.teachers:  # checked before anything is written
        teacher = teacher_probabilities(cfg.teachers, split.train, cfg)
        agree = teacher.argmax(-1) == torch.tensor([LABELS.index(r.label) for r in split.train])
        log.info("distilling from %d teacher(s), weight %.2f; they agree with %.1f%% of the "
                 "training labels", len(cfg.teachers), cfg.teacher_weight,
                 100 * float(agree.float().mean()))

    if state is not None:
        tok = Tokenizer.from_str(state["tokenizer"])
    elif init_from is not None:
        base = _load_init(Path(init_from))
        tok = Tokenizer.from_str(base["tokenizer"])
        cfg = cfg.model_copy(update={"model": TRMConfig.model_validate(base["model_config"])})
    else:
        tok = train_tokenizer((r.transcript[: cfg.max_chars] for r in split.train),
                              cfg.model.vocab_size, cfg.model.max_tokens)
    model_cfg = cfg.model.model_copy(update={"vocab_size": tok.get_vocab_size()})
    cfg = cfg.model_copy(update={"model": model_cfg})
    pad_id = tok.token_to_id(PAD)

    model = TRM(model_cfg, dropout=cfg.dropout)
    if init_from is not None and state is None:
        model.load_state_dict(base["ema"])
    model.to(device)
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay,
                            betas=(0.9, 0.95))
    history: list[dict[str, float]] = []
    best: dict[str, float] = {}
    start_epoch, step = 0, 0
    rng = random.Random(run_seed)
    if state is not None:
        model.load_state_dict(state["model"])
        ema.load_state_dict(state["ema"])
        opt.load_state_dict(state["optimizer"])
        start_epoch, step = state["epoch"], state["step"]
        history, best = state["history"], state["best"]
        rng.setstate(_rng_from_list(state["rng"]))
        torch.set_rng_state(state["torch_rng"].cpu())
        log.info("resuming %s at epoch %d", run_dir, start_epoch + 1)

    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "tokenizer.json").write_text(tok.to_str(), encoding="utf-8")
    encoder = InputEncoder(tok, rules, cfg.max_chars, model_cfg.max_tokens)
    val = Encoded(split.val, encoder, pad_id)
    train_encoder = encoder
    if cfg.bpe_dropout:  # drawn from the run's own seeded random source: repeatable
        train_encoder = BPEDropoutEncoder(Tokenizer.from_str(tok.to_str()), rules, cfg.max_chars,
                                          model_cfg.max_tokens, cfg.bpe_dropout, rng)
    steps_per_epoch = math.ceil(len(split.train) / cfg.batch_size) * model_cfg.n_sup
    total_steps = steps_per_epoch * cfg.epochs
    common = {
        "train_config": cfg.model_dump(mode="json"),
        "model_config": model_cfg.model_dump(mode="json"),
        "tokenizer": tok.to_str(),
        "data_sha256": data_hash(records),
        "data_files": [str(p) for p in data_files],
        "records": len(records), "train_records": len(split.train), "val_records": len(split.val),
        "init_from": str(init_from) if init_from else None,
    }
    log.info("training on %d records (%d held out), %d parameters, %d epochs",
             len(split.train), len(split.val), sum(p.numel() for p in model.parameters()),
             cfg.epochs)

    def on_step() -> None:
        nonlocal step
        step += 1
        for group in opt.param_groups:
            group["lr"] = _lr_at(step, total_steps, cfg)
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.lerp_(pm, 1.0 - cfg.ema_decay)

    bar = _progress(range(start_epoch, cfg.epochs), progress, initial=start_epoch, total=cfg.epochs)
    for epoch in bar:
        t0 = time.perf_counter()
        model.train()
        texts = [vary(r.transcript, rng, cfg.augment_p, cfg.slip_p, cfg.letter_slips) for r in split.train]
        data = Encoded(split.train, train_encoder, pad_id, texts, teacher)
        order = list(range(len(split.train)))
        rng.shuffle(order)
        train_loss = 0.0
        batches = range(0, len(order), cfg.batch_size)
        for start in batches:
            index = order[start : start + cfg.batch_size]
            ids, mask, labels = data.batch(index, device)
            train_loss += deep_supervision_loss(model, ids, mask, labels,
                                                data.targets(index, cfg, device), cfg, opt, on_step)
        metrics = {"epoch": epoch + 1, "train_loss": train_loss / len(batches),
                   **{f"val_{k}": v for k, v in evaluate(ema, val, cfg.halt_threshold,
                                                                device=device).items()},
                   "seconds": time.perf_counter() - t0}
        history.append(metrics)
        improved = not best or (metrics["val_acc"], -metrics["val_loss"]) > (
            best["val_acc"], -best["val_loss"])
        if improved:
            best = metrics
            _atomic_torch_save({**common, "ema": ema.state_dict(), "metrics": metrics},
                               run_dir / "best.pt")
        _atomic_torch_save({**common, "model": model.state_dict(), "ema": ema.state_dict(),
                            "optimizer": opt.state_dict(), "epoch": epoch + 1, "step": step,
                            "history": history, "best": best, "rng": _rng_to_list(rng),
                            "torch_rng": torch.get_rng_state()}, run_dir / "last.pt")
        log.info("epoch %d: loss %.4f val acc %.4f (steps %.2f) val loss %.4f%s", epoch + 1,
                 metrics["train_loss"], metrics["val_acc"], metrics["val_mean_steps"],
                 metrics["val_loss"], " *" if improved else "")
        if hasattr(bar, "set_postfix"):
            bar.set_postfix(val_acc=f"{metrics['val_acc']:.4f}")
    temperature = calibrate_checkpoint(run_dir / "best.pt", val, cfg.halt_threshold, device)
    log.info("held-out softmax temperature %.3f", temperature)
    (run_dir / "metrics.json").write_text(
        json.dumps({"best": best, "temperature": temperature, "history": history}, indent=2),
        encoding="utf-8")
    return TrainResult(run_dir=run_dir, best=best, history=history)


def _load_init(path: Path) -> dict:
    """Weights, config and tokenizer of an exported model directory or a checkpoint file."""
    if not path.is_dir():
        return load_checkpoint(path)
    import onnx
    from trm_intent.export.graph import state_from_onnx

    from trm_intent.artifacts import MODEL_FILE, TOKENIZER_FILE, read_meta

    meta = read_meta(path)
    try:
        weights = state_from_onnx(onnx.load(str(path / MODEL_FILE)), meta.config)
    except ValueError as exc:  # an ensemble: there is no one network to fine-tune
        raise ValueError(f"{path}: {exc}") from None
    return {"ema": {k: torch.tensor(v) for k, v in weights.items()},
            "tokenizer": (path / TOKENIZER_FILE).read_text(encoding="utf-8"),
            "model_config": meta.config.model_dump(mode="json")}


def _rng_to_list(rng: random.Random) -> list:
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def _rng_from_list(state: list) -> tuple:
    return (state[0], tuple(state[1]), state[2])


def _progress(it: range, enabled: bool, **kwargs: int):  # noqa: ANN202
    if not enabled:
        return it
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return it
    return tqdm(it, desc="epochs", unit="epoch", **kwargs)
