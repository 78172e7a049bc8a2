"""The ``trm-intent`` command: classify, eval, train, export, data-report."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .artifacts import ModelError
from .dataset import DataError, load_records
from .schema import LabeledRecord

log = logging.getLogger("trm_intent")

FINE_TUNE_EPOCHS = 6
TRAIN_HINT = "training needs the train extra: from a checkout, pip install -e '.[train]' (torch==2.13.0)"


def _classifier(model: str | None):  # noqa: ANN202
    from .runtime import IntentClassifier

    return IntentClassifier(model) if model else IntentClassifier()


def cmd_classify(args: argparse.Namespace) -> int:
    from .schema import WindowContext

    clf = _classifier(args.model)
    ctx = WindowContext(app_name=args.app, bundle_id=args.bundle, window_title=args.title)
    texts = args.text or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    for text in texts:
        result = clf.classify(text, ctx)
        print(json.dumps({"transcript": text, **result.model_dump()}, ensure_ascii=False))
    return 0


def _format_report(report, title: str) -> str:  # noqa: ANN001
    lines = [
        f"# {title}",
        f"records: {report.records}",
        f"accuracy: {report.accuracy:.4f} (all records incl. ambiguous: {report.accuracy_all:.4f})",
        f"macro-F1: {report.macro_f1:.4f}   ECE: {report.ece:.4f}   mean steps: {report.mean_steps:.2f}",
        "",
        f"{'label':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'support':>8}",
    ]
    for label, s in report.per_label.items():
        lines.append(f"{label:<10} {s.precision:9.4f} {s.recall:7.4f} {s.f1:7.4f} {s.support:8d}")
    labels = list(report.confusion)
    lines += [
        "",
        "confusion (rows: true, columns: predicted)",
        " " * 10 + "".join(f"{p:>11}" for p in labels),
    ]
    for g in labels:
        lines.append(f"{g:<10}" + "".join(f"{report.confusion[g][p]:>11d}" for p in labels))
    for name, table in (("app", report.by_app), ("tag", report.by_tag)):
        lines += ["", f"accuracy by {name}"]
        lines += [f"  {k[:40]:<40} {v.records:5d}  {v.accuracy:.4f}" for k, v in table.items()]
    if report.mean_confidence_ambiguous is not None:
        lines += [
            "",
            f"mean confidence: ambiguous {report.mean_confidence_ambiguous:.4f}, "
            f"others {report.mean_confidence:.4f}",
        ]
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import predict, score

    records, _ = load_records(args.data)
    results = predict(_classifier(args.model), records)
    report = score(records, results)
    if args.errors:
        Path(args.errors).write_text(
            "".join(m.model_dump_json() + "\n" for m in report.errors), encoding="utf-8"
        )
    baseline, changed = None, []
    if args.baseline:
        old = predict(_classifier(args.baseline), records)
        baseline = score(records, old)
        changed = [
            {
                "id": r.id,
                "transcript": r.transcript,
                "label": r.label,
                "model": a.intent,
                "baseline": b.intent,
                "now_correct": a.intent == r.label,
            }
            for r, a, b in zip(records, results, old)
            if a.intent != b.intent
        ]
    if args.json:
        out = {"model": report.model_dump()}
        if baseline is not None:
            out.update(baseline=baseline.model_dump(), changed=changed)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(_format_report(report, f"model {args.model or '(bundled)'}"))
    if baseline is not None:
        print()
        print(_format_report(baseline, f"baseline {args.baseline}"))
        print(f"\n{len(changed)} record(s) changed prediction")
        for c in changed:
            mark = "fixed" if c["now_correct"] else "broke"
            print(f"  [{mark}] {c['label']:<9} {c['baseline']} -> {c['model']}: {c['transcript']}")
    return 0


def _parity_samples(records: list[LabeledRecord]) -> list[tuple[str, object]]:
    """About 300 records spread over the data, for the export's torch-vs-ONNX parity check."""
    return [(r.transcript, r.context) for r in records[:: max(1, len(records) // 300)]]


def cmd_train(args: argparse.Namespace) -> int:
    try:
        from .config import TrainConfig
        from .export import export_model, weights_from_model_dir
        from .export.export import check_out_dir
        from .training import train
        from .training.checkpoint import load_checkpoint
    except ImportError as exc:
        raise SystemExit(f"trm-intent: {TRAIN_HINT} ({exc})") from None
    cfg = None
    if args.config:
        cfg = TrainConfig.model_validate_json(Path(args.config).read_text(encoding="utf-8"))
    epochs = args.epochs
    if epochs is None and args.init_from and not args.config:
        epochs = FINE_TUNE_EPOCHS  # fine-tuning starts from a trained model: a few minutes
    overrides = {
        k: v
        for k, v in (("epochs", epochs), ("seed", args.seed), ("init_seed", args.init_seed))
        if v is not None
    }
    if overrides:
        cfg = (cfg or TrainConfig()).model_copy(update=overrides)
    out = Path(args.out)
    run_dir = Path(args.run_dir) if args.run_dir else out.with_name(out.name + ".run")
    check_out_dir(out, keep=[run_dir])  # refused now, not after the training
    init = None
    if args.init_from:
        source = Path(args.init_from)
        init = (
            weights_from_model_dir(source)
            if source.is_dir()
            else load_checkpoint(source).weights(source.name)
        )
    result = train(
        args.data, run_dir, cfg, init=init, resume=args.resume, progress=not args.quiet, threads=args.threads
    )
    records, _ = load_records(args.data)
    meta = export_model(load_checkpoint(run_dir / "best.pt"), out, _parity_samples(records), keep=[run_dir])
    log.info(
        "best epoch %d: held-out accuracy %.4f; model written to %s",
        int(result.best["epoch"]),
        result.best["val_acc"],
        out,
    )
    print(json.dumps({"model_dir": str(out), "metrics": meta.metrics}, indent=2))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        from .export import export_model
        from .training.checkpoint import load_checkpoint
    except ImportError as exc:
        raise SystemExit(f"trm-intent: {TRAIN_HINT} ({exc})") from None
    records, _ = load_records(args.data)
    checkpoint = Path(args.checkpoint)
    meta = export_model(
        load_checkpoint(checkpoint), Path(args.out), _parity_samples(records), keep=[checkpoint.parent]
    )
    print(json.dumps({"model_dir": args.out, "metrics": meta.metrics}, indent=2))
    return 0


def cmd_data_report(args: argparse.Namespace) -> int:
    from .data_report import render_report

    records, _ = load_records(args.data)
    print(render_report(records))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trm-intent", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("classify", help="classify utterances (arguments, or lines on stdin); JSON out")
    c.add_argument("text", nargs="*")
    c.add_argument("--app", default="unknown", help="frontmost app name")
    c.add_argument("--bundle", default="unknown", help="frontmost app bundle id")
    c.add_argument("--title", default="", help="frontmost window title")
    c.add_argument("--model", help="model directory (default: the bundled model)")
    c.set_defaults(func=cmd_classify)

    e = sub.add_parser("eval", help="score a model on labeled JSONL files")
    e.add_argument("--data", action="append", required=True, help="JSONL file (repeatable)")
    e.add_argument("--model", help="model directory (default: the bundled model)")
    e.add_argument("--baseline", help="a second model directory to compare against")
    e.add_argument("--errors", help="write the misclassified records to this JSONL file")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.set_defaults(func=cmd_eval)

    t = sub.add_parser("train", help="train a TRM and export it to a model directory")
    t.add_argument("--data", action="append", required=True, help="JSONL file (repeatable)")
    t.add_argument("--out", required=True, help="model directory to write (replaced atomically)")
    t.add_argument("--run-dir", help="checkpoints (default: OUT.run beside the model directory)")
    t.add_argument("--config", help="TrainConfig as JSON")
    t.add_argument("--epochs", type=int)
    t.add_argument("--seed", type=int, help="picks the held-out split (and seeds the run)")
    t.add_argument(
        "--init-seed",
        type=int,
        help="seeds the run but not the split: another run of the same recipe on the same held-out split",
    )
    t.add_argument(
        "--init-from",
        help="fine-tune from a model directory or checkpoint "
        f"({FINE_TUNE_EPOCHS} epochs unless --epochs or --config say otherwise)",
    )
    t.add_argument("--resume", action="store_true", help="continue from RUN_DIR/last.pt")
    t.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_train)

    x = sub.add_parser("export", help="export a training checkpoint to a model directory")
    x.add_argument("--checkpoint", required=True, help="e.g. OUT.run/best.pt")
    x.add_argument("--out", required=True, help="model directory to write (replaced only when it is one)")
    x.add_argument("--data", action="append", required=True, help="labeled JSONL: the parity check's samples")
    x.set_defaults(func=cmd_export)

    r = sub.add_parser("data-report", help="Markdown summary of labeled JSONL files")
    r.add_argument("data", nargs="+")
    r.set_defaults(func=cmd_data_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return args.func(args)
    except (DataError, ModelError, FileNotFoundError, ValueError) as exc:
        print(f"trm-intent: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        hint = " (resume training with --resume)" if args.command == "train" else ""
        print(f"trm-intent: interrupted{hint}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
