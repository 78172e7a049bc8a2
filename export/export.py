"""Write a model directory from a training checkpoint: complete, verified, then renamed in.

Nothing at ``out_dir`` changes until the new directory has passed onnx's checker, a parity
check against the torch model and a smoke classification; the swap is two renames.
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

from trm_intent import __version__
from trm_intent.artifacts import (
    META_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    ModelMeta,
    TrainingInfo,
    sha256_file,
)
from trm_intent.config import TRMConfig
from trm_intent.encoding import ContextRules
from trm_intent.runtime import IntentClassifier
from trm_intent.schema import LABELS, WindowContext

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
def parity(model: TRM, clf: IntentClassifier,
           samples: Sequence[tuple[str, WindowContext | None]]) -> float:
    """Max |p_torch - p_onnx| over every supervision step of every sample."""
    worst = 0.0
    for transcript, context in samples:
        ids = np.array([clf._encode(transcript, context)], dtype=np.int64)
        mask = np.ones_like(ids)
        logits, _ = model(torch.from_numpy(ids), torch.from_numpy(mask))
        expected = torch.softmax(logits[0], -1).numpy()
        y = np.zeros((1, ids.shape[1], model.cfg.hidden), dtype=np.float32)
        z = np.zeros_like(y)
        for step in range(model.cfg.n_sup):
            probs, _, y, z = clf._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "y": y, "z": z})
            worst = max(worst, float(np.abs(probs[0] - expected[step]).max()))
    return worst


def export_model(ckpt: dict, out_dir: Path | str,
                 samples: Sequence[tuple[str, WindowContext | None]]) -> ModelMeta:
    """Export ``ckpt`` (a dict from training) to ``out_dir``, replacing it only when verified.

    ``samples`` (at least a few hundred utterances) drive the parity check.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    model = model_from_checkpoint(ckpt)
    cfg = model.cfg
    train_cfg = ckpt["train_config"]
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.export-", dir=out_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a model directory is for everyone to read
        onnx.save(build_step_graph(state, cfg), tmp / MODEL_FILE)
        (tmp / TOKENIZER_FILE).write_text(ckpt["tokenizer"], encoding="utf-8")
        meta = ModelMeta(
            version=__version__,
            labels=list(LABELS),
            config=cfg,
            context=ContextRules.default(enabled=train_cfg.get("use_context", True)),
            max_chars=train_cfg["max_chars"],
            pad_id=Tokenizer.from_str(ckpt["tokenizer"]).token_to_id(PAD),
            halt_threshold=train_cfg["halt_threshold"],
            temperature=ckpt.get("temperature", 1.0),
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
        )
        (tmp / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n", encoding="utf-8")
        clf = IntentClassifier(tmp)
        diff = parity(model, clf, samples)
        if not diff <= PARITY_TOLERANCE:
            raise ExportError(f"ONNX and torch disagree by {diff:.2e} (> {PARITY_TOLERANCE})")
        smoke = clf.classify("Scratch that.", WindowContext(app_name="Code",
                                                             bundle_id="com.microsoft.VSCode"))
        if smoke.intent not in LABELS or not 0.0 <= smoke.confidence <= 1.0:
            raise ExportError(f"smoke classification returned {smoke!r}")
        log.info("export verified: %d samples, max |dp| %.1e", len(samples), diff)
        replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
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
