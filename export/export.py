"""Write a model directory from a training checkpoint: complete, verified, then swapped in.

Nothing at ``out_dir`` changes until the new directory has passed onnx's checker, a parity
check against the torch model (the window graph's contexts; answers and halting, every step,
padded batches) and a smoke classification. Only a model directory (or an empty one) is ever
replaced; the swap is two renames, and an export interrupted between them is repaired by the
next one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnx
import torch
from trm_intent.training.checkpoint import Checkpoint, Weights, load_checkpoint
from trm_intent.training.model import TRM, step_fn, window_fn

from trm_intent import __version__
from trm_intent.artifacts import (
    META_FILE,
    MODEL_FILE,
    MODEL_FILES,
    TOKENIZER_FILE,
    WINDOW_FILE,
    ModelMeta,
    export_leftovers,
    read_meta,
    sha256_file,
)
from trm_intent.contract import batch_inputs, run_steps, window_contexts
from trm_intent.errors import TrmIntentError
from trm_intent.runtime import IntentClassifier
from trm_intent.schema import LABELS, WindowContext

from .graph import build_step_graph, build_window_graph, state_from_onnx

log = logging.getLogger(__name__)

PARITY_TOLERANCE = 1e-4


class ExportError(TrmIntentError, RuntimeError):
    """The export was refused or the exported model failed verification; nothing was replaced."""


def model_from_checkpoint(ckpt: Checkpoint) -> TRM:
    """The EMA weights of a checkpoint in a TRM, ready for inference.

    The checkpoint's held-out temperature is folded into the answer head here, and only here:
    logits / T costs no node, and no decision changes.
    """
    model = TRM(ckpt.meta.config)
    model.load_state_dict(ckpt.ema)
    with torch.no_grad():
        model.head.weight.div_(ckpt.meta.temperature)
        model.head.bias.div_(ckpt.meta.temperature)
    return model.eval()


def weights_from_model_dir(model_dir: Path) -> Weights:
    """An exported model directory as weights to fine-tune (``train --init-from DIR``)."""
    meta = read_meta(model_dir)
    step, window = (onnx.load(str(model_dir / name)) for name in (MODEL_FILE, WINDOW_FILE))
    state = state_from_onnx(step, window, meta.config)
    return Weights(
        ema={k: torch.tensor(v) for k, v in state.items()},
        config=meta.config,
        tokenizer=(model_dir / TOKENIZER_FILE).read_text(encoding="utf-8"),
        context=meta.context,
        source=model_dir.name,
    )


def load_weights(source: Path) -> Weights:
    """Weights to start from (``--init-from``, a sweep's ``init_from``): an exported model
    directory, or a training checkpoint; named by its last path component, never its path."""
    source = Path(source)
    return weights_from_model_dir(source) if source.is_dir() else load_checkpoint(source).weights(source.name)


def parity(
    model: TRM, clf: IntentClassifier, samples: Sequence[tuple[str, WindowContext | None]], batch: int = 32
) -> dict[str, float]:
    """Torch against ONNX on ``samples``, in padded batches: the largest difference in the window
    graph's contexts and in answer, halting and token probabilities over every step (padding left
    out), and the rows whose early exit stops at another step or answers another label."""
    torch_step, torch_window = step_fn(model), window_fn(model)
    cfg, worst_c, worst_p, worst_h, worst_t, differ = model.cfg, 0.0, 0.0, 0.0, 0.0, 0
    encoded = [clf.encode(t, c) for t, c in samples]
    contexts_a, contexts_b = window_contexts(torch_window, encoded), window_contexts(clf.window, encoded)
    worst_c = max(float(np.abs(a - b).max()) for a, b in zip(contexts_a, contexts_b))
    for start in range(0, len(encoded), batch):
        rows = encoded[start : start + batch]
        inputs_a = batch_inputs(rows, clf.meta.pad_id, contexts_a[start : start + batch])
        inputs_b = batch_inputs(rows, clf.meta.pad_id, contexts_b[start : start + batch])
        real = inputs_a[2].astype(bool)
        ya = za = yb = zb = np.zeros((*inputs_a[0].shape, cfg.hidden), dtype=np.float32)
        for _ in range(cfg.n_sup):
            pa, ha, ta, ya, za = torch_step(*inputs_a, ya, za)
            pb, hb, tb, yb, zb = clf.step(*inputs_b, yb, zb)
            worst_p = max(worst_p, float(np.abs(pa - pb).max()))
            worst_h = max(worst_h, float(np.abs(ha - hb).max()))
            worst_t = max(worst_t, float(np.abs(ta - tb)[real].max()))
        a = run_steps(torch_step, inputs_a, cfg.hidden, cfg.n_sup, clf.halt_threshold)
        b = run_steps(clf.step, inputs_b, cfg.hidden, cfg.n_sup, clf.halt_threshold)
        differ += int(((a.steps != b.steps) | (a.probs.argmax(1) != b.probs.argmax(1))).sum())
    return {
        "context": worst_c,
        "probs": worst_p,
        "halt": worst_h,
        "token_probs": worst_t,
        "decisions_differ": differ,
    }


def _is_model_dir(path: Path) -> bool:
    if not path.is_dir() or path.is_symlink():
        return False
    names = {p.name for p in path.iterdir()}
    return META_FILE in names and names <= set(MODEL_FILES)


def check_out_dir(out_dir: Path, keep: Sequence[Path] = ()) -> None:
    """Refuse an output that is not a model directory or an empty one, or that holds ``keep``."""
    out_dir = Path(out_dir)
    if out_dir.name in ("", ".", ".."):
        raise ExportError(
            f"{out_dir}: give the model directory a name (such as {out_dir / 'my-model'}); "
            "'.', '..' and '/' are never replaced"
        )
    for path in keep:
        if out_dir.resolve() in (Path(path).resolve(), *Path(path).resolve().parents):
            raise ExportError(
                f"{out_dir}: would replace {path}, which the export needs and keeps; "
                "choose another output directory"
            )
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if not out_dir.is_dir() or out_dir.is_symlink():
        raise ExportError(f"{out_dir}: exists and is not a directory; choose another output directory")
    if any(out_dir.iterdir()) and not _is_model_dir(out_dir):
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in MODEL_FILES)
        holds = ", ".join(foreign[:5]) if foreign else "no " + META_FILE
        raise ExportError(
            f"{out_dir}: is not a model directory (it holds {holds}); "
            "only a model directory or an empty one is replaced"
        )


def recover_interrupted(out_dir: Path) -> None:
    """Repair what an export killed mid-way left beside ``out_dir``.

    Killed between the swap's two renames, an export leaves no ``out_dir`` and the old model in
    ``.NAME.old-PID``: it is renamed back (also over an empty ``out_dir`` made since). Any other
    ``.NAME.old-PID`` or ``.NAME.export-PID`` of a process that is gone is deleted. A live
    process's temporaries are its own: left alone.
    """
    out_dir = Path(out_dir)
    if not out_dir.name or not out_dir.parent.is_dir():
        return
    for path, pid in export_leftovers(out_dir, "old"):
        if _pid_alive(pid):
            continue  # another export is between its two renames right now
        if _vacant(out_dir) and _is_model_dir(path):
            log.warning("%s: restoring the model an interrupted export had moved to %s", out_dir, path)
            os.replace(path, out_dir)
        else:
            _remove(path)
    for path, pid in export_leftovers(out_dir, "export"):
        if not _pid_alive(pid):
            _remove(path)


def _vacant(path: Path) -> bool:
    """Nothing there, or an empty directory (a rename may replace one)."""
    if not path.exists() and not path.is_symlink():
        return True
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):  # a stale temporary that stays is harmless
            path.unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    """Whether another process with this id runs (this process's own id counts as gone: a
    temporary named after it was left by an earlier process that had the same id)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def export_model(
    ckpt: Checkpoint,
    out_dir: Path | str,
    samples: Sequence[tuple[str, WindowContext | None]],
    keep: Sequence[Path] = (),
) -> ModelMeta:
    """Export ``ckpt`` to ``out_dir``, replacing it only when it is a model directory and the new
    one is verified. ``samples`` (a few hundred utterances) drive the parity check; ``keep``
    are paths the export must not replace (the checkpoint's run directory)."""
    out_dir = Path(out_dir)
    recover_interrupted(out_dir)
    check_out_dir(out_dir, keep)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    model = model_from_checkpoint(ckpt)
    meta_in = ckpt.meta
    tmp = out_dir.with_name(f".{out_dir.name}.export-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        onnx.save(build_step_graph(state, meta_in.config), tmp / MODEL_FILE)
        onnx.save(build_window_graph(state, meta_in.config), tmp / WINDOW_FILE)
        (tmp / TOKENIZER_FILE).write_text(meta_in.tokenizer, encoding="utf-8")
        meta = ModelMeta(
            version=__version__,
            labels=list(LABELS),
            config=meta_in.config,
            context=meta_in.context,
            max_chars=meta_in.train.max_chars,
            window=meta_in.train.window,
            pad_id=meta_in.pad_id,
            halt_threshold=meta_in.train.halt_threshold,
            temperature=meta_in.temperature,
            command_threshold=meta_in.command_threshold,
            onnx_sha256=sha256_file(tmp / MODEL_FILE),
            window_sha256=sha256_file(tmp / WINDOW_FILE),
            tokenizer_sha256=sha256_file(tmp / TOKENIZER_FILE),
            training=meta_in.training_info(),
            metrics={k: float(v) for k, v in meta_in.metrics.items()},
        )
        (tmp / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n", encoding="utf-8")
        clf = IntentClassifier(tmp)
        diff = parity(model, clf, samples)
        if not max(diff["context"], diff["probs"], diff["halt"], diff["token_probs"]) <= PARITY_TOLERANCE:
            raise ExportError(
                f"ONNX and torch disagree by {diff['context']:.2e} in window contexts, "
                f"{diff['probs']:.2e} in probabilities, "
                f"{diff['halt']:.2e} in halting and {diff['token_probs']:.2e} in token probabilities "
                f"(> {PARITY_TOLERANCE})"
            )
        smoke = clf.classify(
            "Scratch that.", WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode")
        )
        if smoke.intent not in LABELS or not 0.0 <= smoke.confidence <= 1.0:
            raise ExportError(f"smoke classification returned {smoke!r}")
        log.info(
            "export verified on %d samples: max |dcontext| %.1e, |dp| %.1e, |dhalt| %.1e, "
            "%d decision(s) differ",
            len(samples),
            diff["context"],
            diff["probs"],
            diff["halt"],
            diff["decisions_differ"],
        )
        replace_dir(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(
            f"{out_dir}: cannot write the model directory ({exc.strerror or exc}); nothing was replaced"
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


def replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; an old ``target`` is kept aside until the move succeeded."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
