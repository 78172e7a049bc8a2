"""Train several configurations in parallel, one process and one thread each.

    python -m trm_intent.training.sweep --data data/labeled_intents.jsonl \\
        --configs training/configs/sweep.json --out runs/sweep --jobs 8

``--configs`` is a JSON object {name: TrainConfig fields}. Each run is trained and exported
to ``OUT/name`` (checkpoints in ``OUT/name.run``); a summary goes to ``OUT/summary.json``.
Latency is measured elsewhere (on the CPU the product runs on), not here.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)


def _run(name: str, cfg_fields: dict, data: list[str], out: str) -> dict:
    import torch

    torch.set_num_threads(1)
    from trm_intent.export import export_model

    from trm_intent.dataset import load_records

    from .train import TrainConfig, load_checkpoint, train

    t0 = time.perf_counter()
    cfg = TrainConfig.model_validate(cfg_fields)
    target = Path(out) / name
    result = train(data, target.with_name(name + ".run"), cfg, progress=False)
    records, _ = load_records(data)
    samples = [(r.transcript, r.context) for r in records[:: max(1, len(records) // 200)]]
    export_model(load_checkpoint(target.with_name(name + ".run") / "best.pt"), target, samples)
    return {"name": name, "best": result.best, "train_seconds": time.perf_counter() - t0,
            "config": cfg.model_dump(mode="json")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", action="append", required=True)
    p.add_argument("--configs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    configs = json.loads(Path(args.configs).read_text(encoding="utf-8"))
    Path(args.out).mkdir(parents=True, exist_ok=True)
    summary = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(_run, n, c, args.data, args.out): n for n, c in configs.items()}
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
