"""Train several configurations in parallel, one process and one thread each.

    python -m trm_intent.training.sweep --data data/labeled_intents.jsonl \\
        --configs training/configs/sweep.json --out runs/sweep --jobs 8

``--configs`` is a JSON object {name: TrainConfig fields}. Each run's checkpoints go to
``OUT/name.run`` and a summary to ``OUT/summary.json``; export a run with
``trm-intent export --checkpoint OUT/name.run/best.pt``. Training may run on a GPU
(``--device cuda``); latency is measured on the CPU the product runs on, not here.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)


def _run(name: str, cfg_fields: dict, data: list[str], out: str, device: str) -> dict:
    import torch

    torch.set_num_threads(1)
    from .train import TrainConfig, train

    t0 = time.perf_counter()
    cfg = TrainConfig.model_validate(cfg_fields)
    target = Path(out) / name
    result = train(data, target.with_name(name + ".run"), cfg, progress=False, device=device)
    return {"name": name, "best": result.best, "train_seconds": time.perf_counter() - t0,
            "config": cfg.model_dump(mode="json")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", action="append", required=True)
    p.add_argument("--configs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    configs = json.loads(Path(args.configs).read_text(encoding="utf-8"))
    Path(args.out).mkdir(parents=True, exist_ok=True)
    summary = []
    ctx = multiprocessing.get_context("spawn")  # CUDA cannot be forked
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=ctx) as pool:
        futures = {pool.submit(_run, n, c, args.data, args.out, args.device): n for n, c in configs.items()}
        for fut, name in futures.items():
            try:
                row = fut.result()
            except Exception as exc:  # one failed config must not lose the others
                log.error("%s failed: %s", name, exc)
                continue
            summary.append(row)
            log.info("%s: val acc %.4f (epoch %d, %.0f s)", name, row["best"]["val_acc"],
                     row["best"]["epoch"], row["train_seconds"])
    (Path(args.out) / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
