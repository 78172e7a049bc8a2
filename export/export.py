"""Write a model directory from a training checkpoint: complete, verified, then renamed in.

Several checkpoints of one split and config make one ensemble model (see ``graph``).
Nothing at ``out_dir`` changes until the new directory has passed onnx's checker, a parity
check against the torch model(s) and a smoke classification; the swap is two renames.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnx
import torch
from tokenizers import Tokenizer
from trm_intent.training.model import TRM
from trm_intent.training.tokenizer import PAD
from trm_intent.training.train import Encoded, fit_temperature

from trm_intent import __version__
from trm_intent.artifacts import (
    META_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    MemberInfo,
    ModelMeta,
    TrainingInfo,
    sha256_file,
)
from trm_intent.config import TRMConfig
from trm_intent.dataset import data_hash, split_records
from trm_intent.contract import ContextRules, InputEncoder
from trm_intent.runtime import IntentClassifier
from trm_intent.schema import LABELS, LabeledRecord, WindowContext

from .graph import build_step_graph

log = logging.getLogger(__name__)

PARITY_TOLERANCE = 1e-4


class ExportError(RuntimeError):
    """The exported model failed verification; nothing was replaced."""


def model_from_checkpoint(ckpt: dict) -> TRM:
    """The EMA weights of a checkpoint in a TRM, ready for inference.

    The checkpoint's held-out temperature (see ``training.train.fit_temperature``) is folded
    into the answer head: logits / T costs no node, and no decision changes.
    """
    model = TRM(TRMConfig.model_validate(ckpt["model_config"]))
    model.load_state_dict(ckpt["ema"])
    temperature = ckpt.get("temperature", 1.0)
    with torch.no_grad():
        model.head.weight.div_(temperature)
        model.head.bias.div_(temperature)
    return model.eval()


@torch.no_grad()
def parity(models: TRM | Sequence[TRM], clf: IntentClassifier,
           samples: Sequence[tuple[str, WindowContext | None]]) -> float:
    """Max |p_torch - p_onnx| over every supervision step of every sample.

    For several models (an ensemble) the torch side is their mean probability.
    """
    models = [models] if isinstance(models, TRM) else list(models)
    worst = 0.0
    for transcript, context in samples:
        ids = np.array([clf._encode(transcript, context)], dtype=np.int64)
        mask = np.ones_like(ids)
        expected = torch.stack([torch.softmax(m(torch.from_numpy(ids), torch.from_numpy(mask))[0][0], -1)
                                for m in models]).mean(0).numpy()
        y = z = clf._zeros(1, ids.shape[1])
        for step in range(models[0].cfg.n_sup):
            probs, _, y, z = clf._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "y": y, "z": z})
            worst = max(worst, float(np.abs(probs[0] - expected[step]).max()))
    return worst


# What members of one ensemble must share: one split, one tokenizer, one network shape and
# the settings the runtime reads from the model's JSON.
_SHARED = ("data_sha256", "model_config", "tokenizer")
_SHARED_TRAIN = ("seed", "val_fraction", "use_context", "max_chars", "halt_threshold")


def check_members(ckpts: Sequence[dict]) -> None:
    """Raise ValueError unless every checkpoint can join the first one's ensemble."""
    first = ckpts[0]
    for i, ckpt in enumerate(ckpts[1:], start=2):
        for key in _SHARED:
            if ckpt[key] != first[key]:
                raise ValueError(f"checkpoint {i} differs from checkpoint 1 in {key}: members of "
                                  "an ensemble share one split, tokenizer and network shape")
        for key in _SHARED_TRAIN:
            mine, theirs = ckpt["train_config"].get(key), first["train_config"].get(key)
            if mine != theirs:
                raise ValueError(f"checkpoint {i} has {key}={mine!r}, checkpoint 1 {theirs!r}: "
                                  "members of an ensemble share one split and runtime settings")


def export_model(ckpt: dict | Sequence[dict], out_dir: Path | str,
                 samples: Sequence[tuple[str, WindowContext | None]],
                 records: Sequence[LabeledRecord] | None = None) -> ModelMeta:
    """Export ``ckpt`` (a dict from training) to ``out_dir``, replacing it only when verified.

    ``samples`` (at least a few hundred utterances) drive the parity check. Several
    checkpoints are stacked into one ensemble model; given the training ``records`` (the
    same data, checked by hash), its held-out accuracy is measured and recorded.
    """
    ckpts = [ckpt] if isinstance(ckpt, dict) else list(ckpt)
    if not ckpts:
        raise ValueError("export_model needs at least one checkpoint")
    check_members(ckpts)
    ckpt = ckpts[0]
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    models = [model_from_checkpoint(c) for c in ckpts]
    cfg = models[0].cfg
    train_cfg = ckpt["train_config"]
    temperature = ckpt.get("temperature", 1.0) if len(ckpts) == 1 else 1.0
    held_out = _held_out(ckpt, records) if len(ckpts) > 1 else None
    if held_out is not None:
        temperature = _calibrate_ensemble(models, ckpt, held_out)
    states = [{k: v.detach().numpy() for k, v in m.state_dict().items()} for m in models]
    ensemble = [] if len(ckpts) == 1 else [
        MemberInfo(init_seed=c["train_config"].get("init_seed"), epochs=int(c["metrics"]["epoch"]),
                   planned_epochs=c["train_config"].get("epochs"),
                   temperature=c.get("temperature", 1.0),
                   metrics={k: float(v) for k, v in c["metrics"].items()})
        for c in ckpts]
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.export-", dir=out_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a model directory is for everyone to read
        onnx.save(build_step_graph(states, cfg), tmp / MODEL_FILE)
        (tmp / TOKENIZER_FILE).write_text(ckpt["tokenizer"], encoding="utf-8")
        meta = ModelMeta(
            version=__version__,
            labels=list(LABELS),
            config=cfg,
            context=ContextRules.default(enabled=train_cfg.get("use_context", True)),
            max_chars=train_cfg["max_chars"],
            pad_id=Tokenizer.from_str(ckpt["tokenizer"]).token_to_id(PAD),
            halt_threshold=train_cfg["halt_threshold"],
            temperature=temperature,
            onnx_sha256=sha256_file(tmp / MODEL_FILE),
            tokenizer_sha256=sha256_file(tmp / TOKENIZER_FILE),
            training=TrainingInfo(
                data_sha256=ckpt["data_sha256"], data_files=ckpt["data_files"],
                records=ckpt["records"], train_records=ckpt["train_records"],
                val_records=ckpt["val_records"], val_fraction=train_cfg["val_fraction"],
                seed=train_cfg["seed"],
                epochs=int(ckpt["metrics"]["epoch"]), planned_epochs=train_cfg.get("epochs"),
                init_from=ckpt.get("init_from"),
            ),
            metrics={k: float(v) for k, v in ckpt["metrics"].items()},
            ensemble=ensemble,
        )
        (tmp / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n", encoding="utf-8")
        clf = IntentClassifier(tmp)
        diff = parity(models, clf, samples)
        if not diff <= PARITY_TOLERANCE:
            raise ExportError(f"ONNX and torch disagree by {diff:.2e} (> {PARITY_TOLERANCE})")
        smoke = clf.classify("Scratch that.", WindowContext(app_name="Code",
                                                             bundle_id="com.microsoft.VSCode"))
        if smoke.intent not in LABELS or not 0.0 <= smoke.confidence <= 1.0:
            raise ExportError(f"smoke classification returned {smoke!r}")
        log.info("export verified: %d member(s), %d samples, max |dp| %.1e", len(models),
                 len(samples), diff)
        if held_out is not None:
            meta = _record_ensemble_accuracy(meta, clf, held_out, tmp)
        replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


def _held_out(ckpt: dict, records: Sequence[LabeledRecord] | None) -> list[LabeledRecord] | None:
    """The members' held-out records, when ``records`` are the data they were trained on."""
    if records is None or data_hash(records) != ckpt["data_sha256"]:
        why = ("no training records given" if records is None
               else "the export's data is not the members' training data")
        log.warning("%s: the ensemble keeps its members' temperatures and its held-out accuracy "
                    "is not measured", why)
        return None
    train_cfg = ckpt["train_config"]
    return split_records(records, train_cfg["val_fraction"], train_cfg["seed"]).val


def _calibrate_ensemble(models: Sequence[TRM], ckpt: dict, held_out: Sequence[LabeledRecord]) -> float:
    """Fit one temperature for the members' mean on their held-out split; fold it into each head.

    Each member's own temperature is already in its head; averaging calibrated members makes
    an under-confident ensemble, which this shared factor corrects (no decision changes).
    """
    train_cfg = ckpt["train_config"]
    tok = Tokenizer.from_str(ckpt["tokenizer"])
    encoder = InputEncoder(tok, ContextRules.default(enabled=train_cfg.get("use_context", True)),
                           train_cfg["max_chars"], models[0].cfg.max_tokens)
    val = Encoded(held_out, encoder, tok.token_to_id(PAD))
    temperature = fit_temperature(models, val, train_cfg["halt_threshold"])
    with torch.no_grad():
        for model in models:
            model.head.weight.div_(temperature)
            model.head.bias.div_(temperature)
    log.info("ensemble of %d: shared held-out temperature %.3f", len(models), temperature)
    return temperature


def _record_ensemble_accuracy(meta: ModelMeta, clf: IntentClassifier,
                              held_out: Sequence[LabeledRecord], model_dir: Path) -> ModelMeta:
    """Measure the stacked model on its members' held-out split and write it into the JSON."""
    results = clf.classify_batch([r.transcript for r in held_out], [r.context for r in held_out])
    acc = float(np.mean([res.intent == r.label for res, r in zip(results, held_out)]))
    log.info("ensemble of %d: held-out accuracy %.4f (members: %s)", meta.members, acc,
             ", ".join(f"{m.metrics.get('val_acc', float('nan')):.4f}" for m in meta.ensemble))
    meta = meta.model_copy(update={"metrics": {**meta.metrics, "ensemble_val_acc": acc}})
    (model_dir / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return meta


def replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; an old ``target`` is kept aside until the move succeeded."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
