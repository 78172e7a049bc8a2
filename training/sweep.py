"""Train several configurations in parallel, one process and one thread each.

    python -m trm_intent.training.sweep --data data/labeled_intents.jsonl \\
        --configs training/configs/ablation_recursion.json --out runs/ablation --jobs 2

``--configs`` is a JSON object ``{name: TrainConfig fields}``. An entry may also carry a
``description`` (what the run is, for reports), ``against`` (another entry of the file it is
to be compared with; ``benchmarks/ablation.py`` reads both) and ``init_from`` (a checkpoint or
model directory the run starts from, as ``trm-intent train --init-from``; a relative path is
read from the working directory). Each run's checkpoints go to
``OUT/name.run`` and a summary to ``OUT/summary.json``; export a run with
``trm-intent export --checkpoint OUT/name.run/best.pt --out OUT/name --data ...``. A run
directory that already holds checkpoints is refused unless ``--resume``, which continues each
such run from its ``last.pt`` (a finished run is only calibrated again). Training may run on a
GPU (``--device cuda``); latency is measured on the CPU the product runs on, not here.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from trm_intent.config import TrainConfig

from .train import CHECKPOINTS

log = logging.getLogger(__name__)

RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # a run's name is a directory name


class Run(BaseModel):
    """One entry of a configurations file."""

    model_config = ConfigDict(frozen=True)

    name: str
    config: TrainConfig
    description: str = ""
    against: str | None = None
    init_from: str | None = None


def read_configs(path: str | Path) -> dict[str, Run]:
    """The runs of a configurations file, in file order; ValueError naming the file and the run."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{path}: not a JSON object of runs ({{name: TrainConfig fields}})")
    runs: dict[str, Run] = {}
    for name, fields in raw.items():
        if not RUN_NAME.fullmatch(name):
            raise ValueError(f"{path}: run name {name!r} is not a plain directory name")
        if not isinstance(fields, dict):
            raise ValueError(f"{path}: run {name!r} is not a JSON object")
        fields = dict(fields)
        meta = {key: fields.pop(key) for key in ("description", "against", "init_from") if key in fields}
        try:
            runs[name] = Run(name=name, config=TrainConfig.model_validate(fields), **meta)
        except ValidationError as exc:
            raise ValueError(f"{path}: run {name!r}: {exc}") from None
    for run in runs.values():
        if run.against is not None and (run.against not in runs or run.against == run.name):
            raise ValueError(
                f"{path}: run {run.name!r} is to be compared against {run.against!r}, "
                "which is not another run of the file"
            )
    return runs


def _run(
    name: str,
    cfg_fields: dict[str, Any],
    data: list[str],
    out: str,
    device: str,
    resume: bool,
    init_from: str | None = None,
) -> dict:
    from trm_intent.export import load_weights

    from .train import train

    t0 = time.perf_counter()
    cfg = TrainConfig.model_validate(cfg_fields)
    init = load_weights(Path(init_from)) if init_from is not None and not resume else None
    result = train(
        data, Path(out) / f"{name}.run", cfg, init=init, resume=resume, progress=False, device=device
    )
    return {
        "name": name,
        "best": result.best,
        "train_seconds": time.perf_counter() - t0,
        "config": cfg.model_dump(mode="json"),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", action="append", required=True, help="JSONL file (repeatable)")
    p.add_argument("--configs", required=True, help="JSON object {name: TrainConfig fields}")
    p.add_argument("--out", required=True, help="directory of the runs (OUT/name.run)")
    p.add_argument("--jobs", type=int, default=2, help="runs side by side, one torch thread each")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--resume", action="store_true", help="continue runs whose directory holds checkpoints")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        runs = read_configs(args.configs)
    except ValueError as exc:
        p.error(str(exc))
    out = Path(args.out)
    started = {n for n in runs if any((out / f"{n}.run" / c).exists() for c in CHECKPOINTS)}
    if started and not args.resume:
        p.error(
            f"{out}: {', '.join(sorted(started))} already hold checkpoints; --resume continues "
            "them, or train into another --out"
        )
    out.mkdir(parents=True, exist_ok=True)
    summary: list[dict[str, Any]] = []
    ctx = multiprocessing.get_context("spawn")  # CUDA cannot be forked
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=ctx) as pool:
        futures = {
            pool.submit(
                _run,
                n,
                r.config.model_dump(mode="json"),
                args.data,
                str(out),
                args.device,
                n in started,
                r.init_from,
            ): n
            for n, r in runs.items()
        }
        for fut, name in futures.items():
            try:
                row = fut.result()
            except Exception as exc:  # one failed config must not lose the others
                log.error("%s failed: %s", name, exc)
                summary.append({"name": name, "error": f"{type(exc).__name__}: {exc}"})
                continue
            summary.append(row)
            log.info(
                "%s: val acc %.4f (epoch %d, %.0f s)",
                name,
                row["best"]["val_acc"],
                row["best"]["epoch"],
                row["train_seconds"],
            )
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 1 if any("error" in row for row in summary) else 0


if __name__ == "__main__":
    raise SystemExit(main())
