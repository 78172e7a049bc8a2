"""The training loop: deep supervision, halting BCE, EMA weights, best checkpoint, resume.

``train()`` is what ``trm-intent train`` runs. The run directory (``<out>.run`` beside the model
directory by default) holds ``last.pt`` (resumable after SIGINT or SIGKILL), ``best.pt``,
``tokenizer.json`` and ``metrics.json``; the model directory itself is written afterwards,
complete and verified, by :func:`trm_intent.export.export_model`.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import random
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from pydantic import BaseModel
from tokenizers import Tokenizer

from trm_intent.artifacts import CheckpointMeta
from trm_intent.config import TrainConfig
from trm_intent.contract import (
    ContextRules,
    InputEncoder,
    ModelInput,
    batch_inputs,
    pad_rows,
    run_steps,
    to_result,
    window_contexts,
)
from trm_intent.dataset import DataError, Split, data_hash, load_records, record_key, split_records
from trm_intent.errors import TrmIntentError
from trm_intent.evaluate import (
    ThresholdPoint,
    apply_temperature,
    choose_command_threshold,
    fit_temperature,
    score,
)
from trm_intent.runtime import check_threads
from trm_intent.schema import LABELS, LabeledRecord

from .augment import vary
from .checkpoint import Checkpoint, CheckpointError, Weights, load_checkpoint, save_checkpoint
from .model import TRM, step_fn, window_fn
from .tokenizer import PAD, BPEDropoutEncoder, train_tokenizer

log = logging.getLogger(__name__)

CHECKPOINTS = ("last.pt", "best.pt")
MIN_TRAIN_RECORDS = 200


class Encoded:
    """Token ids and labels of a list of records, padded per batch."""

    def __init__(
        self,
        records: Sequence[LabeledRecord],
        encoder: InputEncoder,
        pad_id: int,
        transcripts: Sequence[str] | None = None,
        window_dropout: tuple[float, random.Random] | None = None,
        corrections: Sequence[bool] = (),
    ) -> None:
        texts = list(transcripts) if transcripts is not None else [r.transcript for r in records]
        self.inputs = encoder.encode_batch(texts, [r.context for r in records])
        self.max_chars = encoder.max_chars
        # Per token: 1 for a command word, 0 for a dictation word, -1 for the context id.
        self.token_targets = [
            [-1.0 if w < 0 else float(labels[min(w, len(labels) - 1)] == "command") for w in row.words]
            for row, labels in zip(self.inputs, (r.word_labels() or [r.label] for r in records))
        ]
        # Per record: are its words of both labels? (the token loss weighs those words apart)
        self.mixed = torch.tensor([len(set(t) - {-1.0}) > 1 for t in self.token_targets])
        if window_dropout is not None and window_dropout[0] > 0:
            p, rng = window_dropout  # the context id stays; each other window token goes with p
            self.inputs = [
                ModelInput(ids, [window[0], *(t for t in window[1:] if rng.random() >= p)], words)
                for ids, window, words in self.inputs
            ]
        self.labels = torch.tensor([LABELS.index(r.label) for r in records])
        self.ambiguous = torch.tensor(["ambiguous" in r.tags for r in records])
        # Per record: a user's correction? (``keep_answer`` never keeps an answer a user corrected)
        self.correction = torch.tensor(list(corrections) or [False] * len(records), dtype=torch.bool)
        self.pad_id = pad_id

    def targets(self, index: Sequence[int], cfg: TrainConfig, device: str = "cpu") -> torch.Tensor:
        """Soft targets: label smoothing for most records, ``ambiguous_target`` for ambiguous ones."""
        labels = self.labels[list(index)]
        sure = 1.0 - cfg.label_smoothing * (len(LABELS) - 1) / len(LABELS)
        p = torch.where(self.ambiguous[list(index)], min(sure, cfg.ambiguous_target), sure)
        other = (1.0 - p) / (len(LABELS) - 1)
        out = other[:, None].repeat(1, len(LABELS))
        out[torch.arange(len(index)), labels] = p
        return out.to(device)

    def token_weights(self, index: Sequence[int], cfg: TrainConfig, device: str = "cpu") -> torch.Tensor:
        """Per record of ``index``, the weight of its words in the token loss."""
        mixed = self.mixed[list(index)]
        return torch.where(mixed, cfg.mixed_token_weight, 1.0).to(device)

    def batch(
        self, index: Sequence[int], device: str = "cpu"
    ) -> tuple[list[torch.Tensor], torch.Tensor, torch.Tensor]:
        """The graph's inputs before y and z, the labels, and the token targets (-1: none)."""
        inputs = pad_rows([self.inputs[i] for i in index], self.pad_id)
        tokens = np.full(inputs[0].shape, -1.0, dtype=np.float32)
        for r, i in enumerate(index):
            tokens[r, : len(self.token_targets[i])] = self.token_targets[i]
        return (
            [torch.from_numpy(a).to(device) for a in inputs],
            self.labels[list(index)].to(device),
            torch.from_numpy(tokens).to(device),
        )


def length_groups(lengths: Sequence[int], groups: int) -> list[list[int]]:
    """Positions ``0..len(lengths)-1`` cut into up to ``groups`` runs of similar length, shortest
    first: each run is padded only to its own longest row. One group is the batch as it came."""
    if groups <= 1:
        return [list(range(len(lengths)))]
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    size = math.ceil(len(order) / groups)
    return [order[i : i + size] for i in range(0, len(order), size)]


def deep_supervision_loss(
    model: TRM,
    data: Encoded,
    index: Sequence[int],
    cfg: TrainConfig,
    opt: torch.optim.Optimizer,
    on_step: Callable[[], None],
    answer_targets: torch.Tensor | None = None,
    device: str = "cpu",
) -> float:
    """Up to n_sup supervision steps on the batch ``index`` of ``data``, an optimiser step after each.

    (y, z) are carried forward detached; each step's loss is the answer's cross-entropy, the
    token head's BCE on each word's label (label-smoothed like the answer), and the halting
    head's BCE on "the current answer is right, and so is every word's label". The token BCE
    weighs each record's tokens by :meth:`Encoded.token_weights` and is divided by the tokens scored.
    ``answer_targets`` (batch, n_sup, labels), when given, replace the labels' targets as the
    answer's target at each step (``keep_answer``: the starting model's answers).

    The batch runs through the network in ``cfg.length_groups`` groups of similar length, each
    padded to its own longest record; the loss is the whole batch's, as if it ran as one.
    """
    smooth, n_sup = cfg.label_smoothing / 2, model.cfg.n_sup
    groups = []  # per group: its inputs, labels, answer targets per step and scored tokens' targets
    tokens_scored = 0
    for at in length_groups([len(data.inputs[i].ids) for i in index], cfg.length_groups):
        rows = [index[p] for p in at]
        inputs, labels, token_targets = data.batch(rows, device)
        scored = token_targets >= 0
        if answer_targets is None:
            targets = data.targets(rows, cfg, device)[:, None, :].expand(-1, n_sup, -1)
        else:
            targets = answer_targets[at]
        weight = data.token_weights(rows, cfg, device)[:, None].expand_as(token_targets)[scored]
        soft = (token_targets.clamp(min=0) * (1 - 2 * smooth) + smooth)[scored]
        groups.append((inputs, labels, token_targets, scored, targets, weight, soft))
        tokens_scored += int(scored.sum())
    n = len(index)
    states: list[tuple[torch.Tensor, torch.Tensor] | None] = [None] * len(groups)
    total = 0.0
    for s in range(n_sup):
        answer = token = halting = torch.zeros((), device=device)
        for g, (inputs, labels, token_targets, scored, targets, weight, soft) in enumerate(groups):
            x, m = model.embed_input(*inputs)
            y, z = states[g] or model.initial_state(x)
            logits, halt, tokens, y, z = model.step(x, y, z, m)
            states[g] = (y.detach(), z.detach())
            words_right = ((tokens > 0) == (token_targets > 0.5)) | ~scored
            correct = ((logits.argmax(-1) == labels) & words_right.all(-1)).float()
            answer = answer + F.cross_entropy(logits, targets[:, s], reduction="sum")
            if cfg.segment_weight:
                bce = F.binary_cross_entropy_with_logits(tokens[scored], soft, reduction="none")
                token = token + (bce * weight).sum()
            halting = halting + F.binary_cross_entropy_with_logits(halt, correct, reduction="sum")
        loss = answer / n + cfg.halt_weight * halting / n
        if cfg.segment_weight:
            loss = loss + cfg.segment_weight * token / tokens_scored
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        on_step()
        total += float(loss.detach())
    return total / n_sup


def evaluate(
    model: TRM,
    data: Encoded,
    records: Sequence[LabeledRecord],
    threshold: float,
    batch_size: int = 256,
    device: str = "cpu",
) -> tuple[dict[str, float], np.ndarray]:
    """Held-out metrics as the runtime scores them (its early exit, its definition of accuracy).

    Returns the metrics and the answer probabilities (records, labels).
    """
    step = step_fn(model.eval(), device)
    contexts = window_contexts(window_fn(model, device), data.inputs)  # once per distinct window
    n, cfg = len(data.inputs), model.cfg
    probs = np.empty((n, len(LABELS)), dtype=np.float32)
    halt = np.empty(n, dtype=np.float32)
    steps = np.empty(n, dtype=np.int64)
    tokens: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * n
    by_length = sorted(range(n), key=lambda i: len(data.inputs[i].ids))  # batches with little padding
    for start in range(0, n, batch_size):
        rows = by_length[start : start + batch_size]
        inputs = batch_inputs([data.inputs[i] for i in rows], data.pad_id, [contexts[i] for i in rows])
        out = run_steps(step, inputs, cfg.hidden, cfg.n_sup, threshold)
        probs[rows], halt[rows], steps[rows] = out.probs, out.halt, out.steps
        for r, i in enumerate(rows):
            tokens[i] = out.token_probs[r, : len(data.inputs[i].ids)]
    results = [
        to_result(LABELS, p, h, s, 0.5, r.transcript, row.words, t, data.max_chars)  # at argmax
        for p, h, s, r, row, t in zip(probs, halt, steps, records, data.inputs, tokens)
    ]
    report = score(records, results)
    gold = data.labels.numpy()
    nll = float(-np.log(np.clip(probs[np.arange(n), gold], 1e-12, 1.0)).mean())
    seg = report.segmentation
    metrics = {
        "acc": report.accuracy,
        "acc_all": report.accuracy_all,
        "acc_words": report.accuracy_words,
        "ece": report.ece,
        "loss": nll,
        "mean_steps": report.mean_steps,
        "one_segment_plain": seg.one_segment_plain,
    }
    if seg.mixed:
        metrics.update(word_acc_mixed=seg.word_accuracy_mixed, exact_mixed=seg.exact_mixed)
    return metrics, probs


def split_with_corrections(
    records: Sequence[LabeledRecord],
    fixes: Sequence[LabeledRecord],
    cfg: TrainConfig,
    data_files: Sequence[Path | str],
) -> tuple[Split, list[LabeledRecord], list[LabeledRecord]]:
    """The split of the base records by transcript (``cfg.seed``, ``cfg.val_fraction``), and its
    two sides without the base records a correction replaces (same transcript and window): the
    records to train on and the held-out ones. Refused when either side would be empty."""
    split = split_records(records, cfg.val_fraction, cfg.seed)
    if not split.train or not split.val:
        raise DataError(
            ", ".join(Path(p).name for p in data_files),
            None,
            f"{len(records)} record(s) split into {len(split.train)} for training and "
            f"{len(split.val)} held out (val_fraction {cfg.val_fraction}); both need records",
        )
    fixed = {record_key(r) for r in fixes}
    return (
        split,
        [r for r in split.train if record_key(r) not in fixed],
        [r for r in split.val if record_key(r) not in fixed],
    )


def _answer_teacher(
    cfg: TrainConfig, init: Weights | None, last: Checkpoint | None, device: str
) -> TRM | None:
    """The frozen starting model whose answers ``keep_answer`` trains toward (None without it):
    ``init``'s weights, or on resume the ones the run saved."""
    if not cfg.keep_answer:
        return None
    if last is not None:
        if last.state is None or "teacher" not in last.state:
            raise CheckpointError("the run keeps a starting model's answers, but last.pt holds no such model")
        weights = last.state["teacher"]
    else:
        assert init is not None  # train() refused keep_answer without it
        weights = init.ema
    teacher = TRM(cfg.model)
    teacher.load_state_dict(weights)
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher.to(device).eval()


@torch.no_grad()
def kept_answers(
    teacher: TRM, data: Encoded, cfg: TrainConfig, device: str = "cpu", batch_size: int = 256
) -> torch.Tensor:
    """The answer targets (records, n_sup, labels) of ``keep_answer``: the teacher's answers, but
    a correction's label target at every step (the user said so). Each record's answer is its own,
    whatever the batch; the batches are cut from the records in order of length, so little of
    them is padding."""
    fixes = data.correction.nonzero().flatten().tolist()
    out = torch.zeros(len(data.inputs), teacher.cfg.n_sup, len(LABELS))
    out[fixes] = data.targets(fixes, cfg)[:, None, :]
    todo = sorted(
        (i for i in range(len(data.inputs)) if not data.correction[i]), key=lambda i: len(data.inputs[i].ids)
    )
    for start in range(0, len(todo), batch_size):
        index = todo[start : start + batch_size]
        inputs, _, _ = data.batch(index, device)
        out[index] = teacher(*inputs)[0].softmax(-1).cpu()
    return out


def _lr_at(step: int, total: int, cfg: TrainConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = (step - cfg.warmup_steps) / max(1, total - cfg.warmup_steps)
    return cfg.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


class TrainResult(BaseModel):
    run_dir: Path
    best: dict[str, float]
    history: list[dict[str, float]]
    temperature: float
    command_threshold: float


def train(
    data_files: Sequence[Path | str],
    run_dir: Path,
    cfg: TrainConfig | None = None,
    *,
    corrections: Sequence[Path | str] = (),
    init: Weights | None = None,
    resume: bool = False,
    force: bool = False,
    progress: bool = True,
    device: str = "cpu",
    threads: int = 1,
) -> TrainResult:
    """Train a TRM on the given JSONL files; checkpoints go to ``run_dir``.

    All data is loaded, validated and split before anything is written. ``data_files`` are the
    base data, split into training and held-out records by transcript. ``corrections`` are
    records a user fixed: never held out, trained on ``cfg.correction_weight`` times an epoch,
    and they win over base records of the same transcript and window (those leave the
    held-out split too, so held-out figures stay the base data's). A training set under
    ``MIN_TRAIN_RECORDS`` is refused unless ``force``: a model trained on a few corrections alone
    forgets everything else. The best epoch gets most corrections right (when there are any), then
    most held-out records with the intent and every word right (:func:`_rank`). ``init`` is a trained
    network to fine-tune (its tokenizer, size and window rules are kept); ``resume`` continues
    from ``run_dir/last.pt`` with its saved configuration (only ``cfg.epochs`` is taken from
    the ``cfg`` given). A run directory that holds checkpoints is only written with ``resume``.
    ``device`` ("cpu", "cuda") only changes where the arithmetic runs; checkpoints always hold
    CPU tensors. ``threads`` is torch's CPU thread count: 1 by default, because this model is too
    small to gain from more, and on a busy machine extra spinning threads slow training down.
    """
    check_threads(threads)
    records, _ = load_records(list(data_files))  # raises DataError before any work
    fixes = load_records(list(corrections))[0] if corrections else []
    run_dir = Path(run_dir)
    last: Checkpoint | None = None
    if resume:
        last = load_checkpoint(run_dir / "last.pt")
        if last.state is None:
            raise CheckpointError(f"{run_dir / 'last.pt'}: holds no training state to resume")
        # The run goes on as it was configured; only its length may change.
        cfg = last.meta.train if cfg is None else last.meta.train.model_copy(update={"epochs": cfg.epochs})
    elif any((run_dir / name).exists() for name in CHECKPOINTS):
        raise FileExistsError(
            f"{run_dir}: holds the checkpoints of an earlier run; continue it with "
            "--resume, or train into another run directory"
        )
    cfg = cfg or TrainConfig()
    if cfg.keep_answer and init is None and last is None:
        raise TrmIntentError(
            "keep_answer keeps the answers of trained weights: give the weights to start from "
            "(trm-intent train --init-from MODEL_DIR_OR_CHECKPOINT)"
        )
    split, train_base, held_out = split_with_corrections(records, fixes, cfg, data_files)
    if len(train_base) + len(fixes) < MIN_TRAIN_RECORDS and not force:
        raise DataError(
            ", ".join(Path(p).name for p in [*data_files, *corrections]),
            None,
            f"only {len(train_base) + len(fixes)} training records (under {MIN_TRAIN_RECORDS}): a model "
            "trained on so few forgets everything else. Give the base data first and corrections "
            "after it (trm-intent train --data BASE --data CORRECTIONS), or force it (--force)",
        )
    torch.set_num_threads(threads)
    run_seed = cfg.seed if cfg.init_seed is None else cfg.init_seed
    random.seed(run_seed)
    torch.manual_seed(run_seed)

    if last is not None:
        tok, rules = Tokenizer.from_str(last.meta.tokenizer), last.meta.context
    elif init is not None:
        tok, rules = Tokenizer.from_str(init.tokenizer), init.context
        cfg = cfg.model_copy(update={"model": init.config})
    else:
        tok = train_tokenizer(
            tokenizer_texts([*train_base, *fixes], cfg.max_chars), cfg.model.vocab_size, cfg.model.max_tokens
        )
        rules = ContextRules.default(enabled=cfg.use_context)
    model_cfg = cfg.model.model_copy(update={"vocab_size": tok.get_vocab_size()})
    cfg = cfg.model_copy(update={"model": model_cfg})
    pad_id = tok.token_to_id(PAD)

    model = TRM(model_cfg, dropout=cfg.dropout)
    if init is not None and last is None:
        model.load_state_dict(init.ema)
    model.to(device)
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=(0.9, 0.95))
    history: list[dict[str, float]] = []
    best: dict[str, float] = {}
    start_epoch, step = 0, 0
    rng = random.Random(run_seed)
    if last is not None and last.state is not None:
        state = last.state
        model.load_state_dict(state["model"])
        ema.load_state_dict(last.ema)
        opt.load_state_dict(state["optimizer"])
        start_epoch, step = state["epoch"], state["step"]
        history, best = state["history"], state["best"]
        rng.setstate(_rng_from_list(state["rng"]))
        torch.set_rng_state(state["torch_rng"].cpu())
        log.info("resuming %s at epoch %d", run_dir, start_epoch + 1)

    teacher = _answer_teacher(cfg, init, last, device)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "tokenizer.json").write_text(tok.to_str(), encoding="utf-8")
    encoder = InputEncoder(tok, rules, cfg.max_chars, model_cfg.max_tokens, cfg.window)
    val = Encoded(held_out, encoder, pad_id)
    fix_set = Encoded(fixes, encoder, pad_id) if fixes else None
    train_encoder = encoder
    if cfg.bpe_dropout:  # drawn from the run's own seeded random source: repeatable
        train_encoder = BPEDropoutEncoder(
            Tokenizer.from_str(tok.to_str()),
            rules,
            cfg.max_chars,
            model_cfg.max_tokens,
            cfg.window,
            cfg.bpe_dropout,
            rng,
        )
    replayed = (
        len(train_base) if cfg.replay_fraction >= 1 else max(1, round(cfg.replay_fraction * len(train_base)))
    )
    per_epoch = replayed + len(fixes) * cfg.correction_weight
    steps_per_epoch = math.ceil(per_epoch / cfg.batch_size) * model_cfg.n_sup
    total_steps = steps_per_epoch * cfg.epochs
    meta = CheckpointMeta(
        train=cfg,
        tokenizer=tok.to_str(),
        context=rules,
        pad_id=pad_id,
        data_sha256=data_hash([*records, *fixes]),
        data_files=[Path(p).name for p in data_files],
        records=len(records),
        train_records=len(train_base),
        val_records=len(held_out),
        corrections_files=[Path(p).name for p in corrections],
        corrections=len(fixes),
        init_from=last.meta.init_from if last is not None else (init.source if init else None),
    )
    log.info(
        "training on %d records (%d held out), %d parameters, %d epochs",
        len(train_base),
        len(held_out),
        sum(p.numel() for p in model.parameters()),
        cfg.epochs,
    )
    if fixes:
        log.info(
            "%d corrections, never held out, each trained on %d times an epoch beside %d replayed base "
            "records; they replace %d base records (%d of them held out, now left out of held-out)",
            len(fixes),
            cfg.correction_weight,
            replayed,
            len(split.train) - len(train_base) + len(split.val) - len(held_out),
            len(split.val) - len(held_out),
        )

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
        base = train_base if replayed == len(train_base) else rng.sample(train_base, replayed)
        epoch_records = [*base, *fixes * cfg.correction_weight]
        texts = [vary(r.transcript, rng, cfg.augment_p, cfg.slip_p) for r in epoch_records]
        # A mixed record's word labels need its words: keep it as written when a variation
        # changed how many there are (a number said in words, a filler dropped).
        texts = [
            t if r.segments is None or len(t.split()) == len(r.transcript.split()) else r.transcript
            for t, r in zip(texts, epoch_records)
        ]
        fixed = [False] * len(base) + [True] * (len(epoch_records) - len(base))
        data = Encoded(epoch_records, train_encoder, pad_id, texts, (cfg.window_dropout, rng), fixed)
        kept = None if teacher is None else kept_answers(teacher, data, cfg, device)
        order = list(range(len(epoch_records)))
        rng.shuffle(order)
        train_loss = 0.0
        batches = range(0, len(order), cfg.batch_size)
        for start in batches:
            index = order[start : start + cfg.batch_size]
            answers = None if kept is None else kept[index].to(device)
            train_loss += deep_supervision_loss(model, data, index, cfg, opt, on_step, answers, device)
        scores, _ = evaluate(ema, val, held_out, cfg.halt_threshold, device=device)
        metrics = {
            "epoch": epoch + 1,
            "train_loss": train_loss / len(batches),
            **{f"val_{k}": v for k, v in scores.items()},
        }
        if fix_set is not None:
            metrics["corrections_acc"] = evaluate(ema, fix_set, fixes, cfg.halt_threshold, device=device)[0][
                "acc_all"
            ]
        metrics["seconds"] = time.perf_counter() - t0
        history.append(metrics)
        improved = not best or _rank(metrics) > _rank(best)
        if improved:
            best = metrics
            save_checkpoint(
                Checkpoint(meta.model_copy(update={"metrics": metrics}), ema.state_dict()),
                run_dir / "best.pt",
            )
        state = {
            "model": model.state_dict(),
            "optimizer": opt.state_dict(),
            "epoch": epoch + 1,
            "step": step,
            "history": history,
            "best": best,
            "rng": _rng_to_list(rng),
            "torch_rng": torch.get_rng_state(),
        }
        if teacher is not None:  # a resumed run keeps the same answers to keep
            state["teacher"] = teacher.state_dict()
        save_checkpoint(
            Checkpoint(meta.model_copy(update={"metrics": metrics}), ema.state_dict(), state),
            run_dir / "last.pt",
        )
        log.info(
            "epoch %d: loss %.4f val acc %.4f (steps %.2f) val loss %.4f%s%s",
            epoch + 1,
            metrics["train_loss"],
            metrics["val_acc"],
            metrics["val_mean_steps"],
            metrics["val_loss"],
            f" corrections {metrics['corrections_acc']:.3f}" if fix_set is not None else "",
            " *" if improved else "",
        )
        if hasattr(bar, "set_postfix"):
            bar.set_postfix(val_acc=f"{metrics['val_acc']:.4f}")
    temperature, point = calibrate(run_dir / "best.pt", val, held_out, device)
    log.info(
        "held-out softmax temperature %.3f; command threshold %.4f (held-out command precision %.4f, "
        "recall %.4f)",
        temperature,
        point.threshold,
        point.precision,
        point.recall,
    )
    (run_dir / "metrics.json").write_text(
        json.dumps(
            {
                "best": best,
                "temperature": temperature,
                "command_threshold": point.model_dump(),
                "history": history,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return TrainResult(
        run_dir=run_dir,
        best=best,
        history=history,
        temperature=temperature,
        command_threshold=point.threshold,
    )


def tokenizer_texts(records: Sequence[LabeledRecord], max_chars: int) -> list[str]:
    """What the tokenizer is trained on: every transcript, and each distinct window field once
    (a window is said in many records; counting it each time would spend the vocabulary on titles)."""
    fields = {
        f
        for r in records
        for f in (r.context.app_name, r.context.bundle_id, r.context.window_title)
        if f.strip() and f.strip().lower() != "unknown"
    }
    return [*(r.transcript[:max_chars] for r in records), *sorted(fields)]


def _rank(metrics: dict[str, float]) -> tuple[float, ...]:
    """Which epoch is best: most corrections right (when there are any), then the held-out share
    of records whose intent and every word's label are right, then held-out accuracy, then loss."""
    return (
        metrics.get("corrections_acc", 0.0),
        metrics.get("val_acc_words", 0.0),  # absent from checkpoints of earlier versions
        metrics["val_acc"],
        -metrics["val_loss"],
    )


def calibrate(
    path: Path, val: Encoded, records: Sequence[LabeledRecord], device: str = "cpu"
) -> tuple[float, ThresholdPoint]:
    """Fit the softmax temperature of ``path``'s EMA weights on the held-out split, then choose the
    command threshold there (on the tempered probabilities, as the exported graph gives them);
    store both in the checkpoint."""
    ckpt = load_checkpoint(path)
    model = TRM(ckpt.meta.config)
    model.load_state_dict(ckpt.ema)
    _, probs = evaluate(model.to(device), val, records, ckpt.meta.train.halt_threshold, device=device)
    temperature = fit_temperature(probs, val.labels.numpy())
    tempered = apply_temperature(probs, temperature)
    scored = [r for r in records if "ambiguous" not in r.tags]
    keep = np.array(["ambiguous" not in r.tags for r in records])
    train_cfg = ckpt.meta.train
    point = choose_command_threshold(
        tempered[keep, 0],
        [r.label == "command" for r in scored],
        train_cfg.command_precision,
        train_cfg.command_recall,
    )

    update = {"temperature": temperature, "command_threshold": point.threshold}
    save_checkpoint(Checkpoint(ckpt.meta.model_copy(update=update), ckpt.ema, ckpt.state), path)
    return temperature, point


def _rng_to_list(rng: random.Random) -> list[Any]:
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def _rng_from_list(state: list[Any]) -> tuple[Any, ...]:
    return (state[0], tuple(state[1]), state[2])


def _progress(it: range, enabled: bool, **kwargs: int) -> Iterable[int]:
    if not enabled:
        return it
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return it
    return tqdm(it, desc="epochs", unit="epoch", **kwargs)
