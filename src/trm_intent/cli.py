"""The ``trm-intent`` command: classify, eval, train, export, data-report.

Every failure the user can act on ends with ``trm-intent: error: <what is wrong>`` on stderr
and status 2 (1 when standard output cannot be written); a bug still shows its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import __version__
from .config import SEED_RANGE
from .dataset import load_records
from .errors import TrmIntentError
from .runtime import MAX_THREADS
from .schema import LabeledRecord

log = logging.getLogger("trm_intent")

TRAIN_HINT = "training needs the train extra: from a checkout, pip install -e '.[train]' (torch==2.13.0)"
DESCRIPTION = (
    "Decide whether a spoken utterance is a command to execute or dictation to type; "
    "evaluate, retrain and export the model."
)
RUN_FILES = ("last.pt", "best.pt", "tokenizer.json", "metrics.json")  # what train writes in a run dir
STDIN_CLOSED = "standard input is closed: give the utterances as arguments or as lines on stdin"
EXIT_SIGPIPE = 128 + 13  # what a shell reports for a tool stopped by SIGPIPE (`yes | head -1`)


class UserError(Exception):
    """Something the user asked for cannot be done: printed as ``trm-intent: error: ...``."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


class OutputError(UserError):
    """Standard output is closed or cannot be written (a full disk, /dev/full)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=1)


def _emit(text: str) -> None:
    """Print one piece of output now (flushed, so a pipe sees each line as it is decided)."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None


def _shown(text: str) -> str:
    """``text`` for a message: bytes that are not UTF-8 (argv keeps them as surrogates) escaped."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _utf8(text: str, what: str) -> str:
    """``text`` from the command line, refused when it is not valid UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} {_shown(text)!r} is not valid UTF-8 text") from None
    return text


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors())


def _int_in(low: int | None = None, high: int | None = None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (
                f"between {low} and {high}"
                if low is not None and high is not None
                else (f"at least {low}" if low is not None else f"at most {high}")
            )
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    return parse


def _classifier(model: str | None):
    from .runtime import IntentClassifier

    return IntentClassifier(model) if model else IntentClassifier()


def _stdin_lines() -> Iterator[str]:
    """The non-blank lines of stdin as they arrive, without their line ending (LF or CRLF)."""
    if sys.stdin is None:
        raise UserError(STDIN_CLOSED)
    stream = getattr(sys.stdin, "buffer", None)
    number = 0
    while True:
        try:
            raw = stream.readline() if stream is not None else sys.stdin.readline()
        except OSError as exc:
            raise UserError(f"cannot read standard input ({exc.strerror or exc})") from None
        if not raw:
            return
        number += 1
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UserError(
                    f"standard input, line {number}: not valid UTF-8 "
                    f"(byte {raw[exc.start]:#04x} at byte {exc.start + 1})"
                ) from None
        else:
            line = raw
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte-order mark some Windows tools write
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def cmd_classify(args: argparse.Namespace) -> int:
    from .schema import WindowContext

    texts = [_utf8(t, "utterance") for t in args.text]
    try:
        ctx = WindowContext(
            app_name=_utf8(args.app, "--app"),
            bundle_id=_utf8(args.bundle, "--bundle"),
            window_title=_utf8(args.title, "--title"),
        )
    except ValidationError as exc:
        raise UserError(f"invalid window context ({_problems(exc)})") from None
    if not texts and sys.stdin is None:  # refused before the model is loaded
        raise UserError(STDIN_CLOSED)
    clf = _classifier(args.model)
    for text in texts or _stdin_lines():
        result = clf.classify(text, ctx)
        if args.correct:  # a correction record, for `trm-intent learn`
            record = LabeledRecord(
                transcript=text,
                context=ctx,
                label=args.correct,
                source="correction",
                note=f"the model said {result.intent} ({result.confidence:.2f})",
            )
            _emit(record.model_dump_json(exclude_none=True))
        else:
            _emit(json.dumps({"transcript": text, **result.model_dump()}, ensure_ascii=False))
    return 0


def _format_report(report, title: str) -> str:
    lines = [
        f"# {title}",
        f"records: {report.records}",
        f"accuracy: {report.accuracy:.4f} (all records incl. ambiguous: {report.accuracy_all:.4f})",
        f"intent and every word right: {report.accuracy_words:.4f}",
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
    lines += [
        "",
        "command decision: a command when P(command) >= threshold (records not tagged ambiguous)",
        f"{'threshold':>10} {'precision':>9} {'recall':>7} {'commands':>9}",
    ]
    for pt in report.command_curve:
        mark = "  <- this model's" if pt.threshold == report.command_threshold else ""
        lines.append(f"{pt.threshold:10.4f} {pt.precision:9.4f} {pt.recall:7.4f} {pt.commands:9d}{mark}")
    seg = report.segmentation
    lines += [
        "",
        f"segments: {seg.plain} plain records, one segment in {seg.one_segment_plain:.4f}; "
        f"boundary precision {seg.boundary_precision:.4f}, recall {seg.boundary_recall:.4f}",
    ]
    if seg.mixed:
        lines.append(
            f"mixed records: {seg.mixed}, word accuracy {seg.word_accuracy_mixed:.4f}, "
            f"exact segmentation {seg.exact_mixed:.4f}"
        )
        lines += [
            f"  {k[:40]:<40} {v.records:5d}  words {v.word_accuracy:.4f}  exact {v.exact:.4f}"
            for k, v in seg.by_source.items()
        ]
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


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_errors_target(path: Path, data: Sequence[str], model_dirs: Sequence[Path]) -> None:
    """``eval --errors PATH``, checked before the evaluation: never an input, and writable."""
    for name in data:
        if _same_file(path, Path(name)):
            raise UserError(f"--errors {path}: is the input data file {name}; choose another file")
    for model_dir in model_dirs:
        if model_dir.resolve() in path.resolve().parents or _same_file(path, model_dir):
            raise UserError(
                f"--errors {path}: is inside the model directory {model_dir}; choose another file"
            )
    if path.is_dir():
        raise UserError(f"--errors {path}: is a directory; give the name of a JSONL file to write")
    if not path.parent.is_dir():
        raise UserError(f"--errors {path}: no such directory {path.parent}")
    existed = path.exists()
    try:
        with path.open("a", encoding="utf-8"):  # appends nothing; proves the file can be written
            pass
    except OSError as exc:
        raise UserError(f"--errors {path}: cannot write ({exc.strerror or exc})") from None
    if not existed:
        path.unlink(missing_ok=True)


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import AMBIGUOUS, predict, score
    from .runtime import default_model_dir

    if args.errors:
        model_dirs = [Path(args.model) if args.model else default_model_dir()]
        model_dirs += [Path(args.baseline)] if args.baseline else []
        _check_errors_target(Path(args.errors), args.data, model_dirs)
    records, _ = load_records(args.data)
    clf = _classifier(args.model)
    base_clf = _classifier(args.baseline) if args.baseline else None  # a bad baseline fails first
    results = predict(clf, records)
    report = score(records, results, clf.command_threshold)
    if args.errors:  # full records, as they are in the data: fix them up and feed them to `learn`
        missed = [
            r.model_copy(update={"note": f"the model said {res.intent} ({res.confidence:.2f})"})
            for r, res in zip(records, results)
            if res.intent != r.label
        ]
        Path(args.errors).write_text(
            "".join(r.model_dump_json(exclude_none=True) + "\n" for r in missed), encoding="utf-8"
        )
    baseline, changed = None, []
    if base_clf is not None:
        old = predict(base_clf, records)
        baseline = score(records, old, base_clf.command_threshold)
        changed = [
            {
                "id": r.id,
                "transcript": r.transcript,
                "label": r.label,
                "model": a.intent,
                "baseline": b.intent,
                "now_correct": a.intent == r.label,
                "ambiguous": AMBIGUOUS in r.tags,
            }
            for r, a, b in zip(records, results, old)
            if a.intent != b.intent
        ]
    if args.json:
        out: dict[str, Any] = {"model": report.model_dump()}
        if baseline is not None:
            out.update(baseline=baseline.model_dump(), changed=changed)
        _emit(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    _emit(_format_report(report, f"model {args.model or '(bundled)'}"))
    if baseline is not None:
        _emit("")
        _emit(_format_report(baseline, f"baseline {args.baseline}"))
        _emit(f"\n{len(changed)} record(s) changed prediction")
        for c in changed:
            mark = "fixed" if c["now_correct"] else "broke"
            note = " (ambiguous: not counted in accuracy)" if c["ambiguous"] else ""
            _emit(f"  [{mark}] {c['label']:<9} {c['baseline']} -> {c['model']}: {c['transcript']}{note}")
    return 0


def _parity_samples(records: list[LabeledRecord]) -> list[tuple[str, object]]:
    """About 300 records spread over the data, for the export's torch-vs-ONNX parity check."""
    return [(r.transcript, r.context) for r in records[:: max(1, len(records) // 300)]]


def _read_config(path: Path):
    from .config import TrainConfig

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"--config {path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"--config {path}: not UTF-8 text (a TrainConfig is JSON)") from None
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise UserError(f"--config {path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise UserError(f"--config {path}: expected a JSON object, got {type(data).__name__}")
    try:
        return TrainConfig.model_validate(data)
    except ValidationError as exc:
        raise UserError(f"--config {path}: invalid training config ({_problems(exc)})") from None


def _check_run_dir(run_dir: Path) -> None:
    """A run directory holds a run's files only: never write checkpoints among a user's files."""
    if not run_dir.exists() and not run_dir.is_symlink():
        return
    if not run_dir.is_dir():
        raise UserError(f"--run-dir {run_dir}: exists and is not a directory; choose another run directory")
    foreign = sorted(
        p.name for p in run_dir.iterdir() if p.name not in RUN_FILES and not p.name.startswith(".")
    )
    if foreign:
        raise UserError(
            f"--run-dir {run_dir}: holds files that are not a training run's "
            f"({', '.join(foreign[:5])}); choose another run directory"
        )


def cmd_train(args: argparse.Namespace) -> int:
    try:
        from .export import export_model, load_weights
        from .export.export import check_out_dir
        from .training import train
        from .training.checkpoint import load_checkpoint
    except ImportError as exc:
        raise UserError(f"{TRAIN_HINT} ({exc})", status=1) from None
    from .config import TrainConfig, fine_tune_config

    cfg = _read_config(Path(args.config)) if args.config else None
    if cfg is None and args.init_from:
        cfg = fine_tune_config()  # from trained weights: a few short epochs, a part of the base replayed
    overrides = {
        k: v
        for k, v in (("epochs", args.epochs), ("seed", args.seed), ("init_seed", args.init_seed))
        if v is not None
    }
    if overrides:
        try:  # validated again: model_copy(update=...) would take any value
            cfg = TrainConfig.model_validate({**(cfg or TrainConfig()).model_dump(), **overrides})
        except ValidationError as exc:
            raise UserError(f"invalid training settings ({_problems(exc)})") from None
    out = Path(args.out)
    run_dir = Path(args.run_dir) if args.run_dir else out.with_name(out.name + ".run")
    check_out_dir(out, keep=[run_dir])  # refused now, not after the training
    _check_run_dir(run_dir)
    init = load_weights(Path(args.init_from)) if args.init_from else None
    result = train(
        args.data[:1],
        run_dir,
        cfg,
        corrections=args.data[1:],
        init=init,
        resume=args.resume,
        force=args.force,
        progress=not args.quiet,
        threads=args.threads,
    )
    records, _ = load_records(args.data)
    meta = export_model(load_checkpoint(run_dir / "best.pt"), out, _parity_samples(records), keep=[run_dir])
    log.info(
        "best epoch %d: held-out accuracy %.4f; model written to %s",
        int(result.best["epoch"]),
        result.best["val_acc"],
        out,
    )
    _emit(json.dumps({"model_dir": str(out), "metrics": meta.metrics}, indent=2))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        from .export import export_model
        from .export.export import check_out_dir
        from .training.checkpoint import load_checkpoint
    except ImportError as exc:
        raise UserError(f"{TRAIN_HINT} ({exc})", status=1) from None
    checkpoint, out = Path(args.checkpoint), Path(args.out)
    check_out_dir(out, keep=[checkpoint.parent])  # before the data and checkpoint are read
    records, _ = load_records(args.data)
    meta = export_model(load_checkpoint(checkpoint), out, _parity_samples(records), keep=[checkpoint.parent])
    _emit(json.dumps({"model_dir": args.out, "metrics": meta.metrics}, indent=2))
    return 0


def cmd_soup(args: argparse.Namespace) -> int:
    try:
        from .export import export_model
        from .export.export import check_out_dir
        from .training.checkpoint import load_checkpoint
        from .training.soup import soup
    except ImportError as exc:
        raise UserError(f"{TRAIN_HINT} ({exc})", status=1) from None
    out = Path(args.out)
    run_dir = Path(args.run_dir) if args.run_dir else out.with_name(out.name + ".run")
    check_out_dir(out, keep=[run_dir])  # refused now, not after the averaging
    _check_run_dir(run_dir)
    result = soup(args.checkpoint, args.data[:1], run_dir, corrections=args.data[1:])
    records, _ = load_records(args.data)
    meta = export_model(load_checkpoint(result.checkpoint), out, _parity_samples(records), keep=[run_dir])
    log.info("soup of %d written to %s", len(args.checkpoint), out)
    _emit(json.dumps({"model_dir": str(out), "metrics": meta.metrics}, indent=2))
    return 0


BASE_DATA = Path("data") / "labeled_intents.jsonl"  # in a checkout of trm-intent
DEV_EVAL = Path("..") / "shared" / "eval" / "dev_eval.jsonl"  # beside a checkout, on the team's machines


def _side_by_side(
    name: str, records: Sequence[LabeledRecord], before: Sequence[Any], after: Sequence[Any]
) -> dict[str, Any]:
    """One set scored by the model before and after: accuracy (all records for corrections, else
    without `ambiguous` ones), the records fixed and broken, and McNemar's p."""
    from .evaluate import AMBIGUOUS, mcnemar

    scored = [i for i, r in enumerate(records) if name == "corrections" or AMBIGUOUS not in r.tags]
    a = [before[i].intent == records[i].label for i in scored]
    b = [after[i].intent == records[i].label for i in scored]
    test = mcnemar(a, b)
    n = max(1, len(scored))
    return {
        "set": name,
        "records": len(scored),
        "before": sum(a) / n,
        "after": sum(b) / n,
        "fixed": test["only_b"],
        "broke": test["only_a"],
        "p": test["p"],
    }


def cmd_learn(args: argparse.Namespace) -> int:
    try:
        from .export import export_model, weights_from_model_dir
        from .export.export import check_out_dir
        from .training import train
        from .training.checkpoint import load_checkpoint
    except ImportError as exc:
        raise UserError(f"{TRAIN_HINT} ({exc})", status=1) from None
    import tempfile
    import time

    from .config import TrainConfig, fine_tune_config
    from .dataset import record_key, split_records
    from .evaluate import predict
    from .runtime import IntentClassifier, default_model_dir

    started = time.perf_counter()
    base = Path(args.data) if args.data else BASE_DATA
    if not base.is_file():
        raise UserError(
            f"the base data {base} is missing: learn replays it beside the corrections so that nothing "
            "else moves; pass --data BASE (data/labeled_intents.jsonl of a trm-intent checkout)"
        )
    if args.out is None and not args.dry_run:
        raise UserError("give --out DIR for the new model (or --dry-run to write nothing)")
    if args.out is not None:
        check_out_dir(Path(args.out))
    model_dir = Path(args.model) if args.model else default_model_dir()
    old = IntentClassifier(model_dir)
    fixes, _ = load_records(args.corrections)
    records, _ = load_records([base])
    info = old.meta.training
    fixed = {record_key(r) for r in fixes}
    held_out = [
        r for r in split_records(records, info.val_fraction, info.seed).val if record_key(r) not in fixed
    ]
    sets: list[tuple[str, list[LabeledRecord]]] = [("corrections", fixes), ("held-out", held_out)]
    for path in args.eval or ([DEV_EVAL] if DEV_EVAL.is_file() else []):
        sets.append((Path(path).name, load_records(path)[0]))
    cfg = fine_tune_config(TrainConfig(seed=info.seed, val_fraction=info.val_fraction))
    with tempfile.TemporaryDirectory(prefix="trm-intent-learn-") as tmp:
        run_dir = Path(tmp) / "run"
        train(
            [base],
            run_dir,
            cfg,
            corrections=args.corrections,
            init=weights_from_model_dir(model_dir),
            progress=not args.quiet,
            threads=args.threads,
        )
        target = Path(tmp) / "model" if args.dry_run else Path(args.out)
        export_model(load_checkpoint(run_dir / "best.pt"), target, _parity_samples(records))
        new = IntentClassifier(target)
        rows, changes, wrong = [], [], []
        for name, recs in sets:
            before, after = predict(old, recs), predict(new, recs)
            rows.append(_side_by_side(name, recs, before, after))
            for r, x, y in zip(recs, before, after):
                change = {
                    "set": name,
                    "transcript": r.transcript,
                    "app_name": r.context.app_name,
                    "label": r.label,
                    "before": x.intent,
                    "after": y.intent,
                }
                if x.intent != y.intent:
                    changes.append(change)
                if name == "corrections" and y.intent != r.label:
                    wrong.append(change)
    seconds = time.perf_counter() - started
    if args.json:
        _emit(
            json.dumps(
                {
                    "model_dir": None if args.dry_run else args.out,
                    "seconds": seconds,
                    "sets": rows,
                    "changed": changes,
                    "corrections_still_wrong": wrong,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 1 if wrong else 0
    _emit(
        f"{'set':<22} {'records':>7} {'before':>8} {'after':>8} {'fixed':>6} {'broke':>6} {'McNemar p':>10}"
    )
    for row in rows:
        _emit(
            f"{row['set'][:22]:<22} {row['records']:>7} {100 * row['before']:7.1f}% "
            f"{100 * row['after']:7.1f}% {row['fixed']:>6} {row['broke']:>6} {row['p']:>10.3f}"
        )
    if args.dry_run:
        _emit(f"\n{len(changes)} prediction(s) would change (nothing was written):")
        for c in changes:
            mark = "fix" if c["after"] == c["label"] else "break"
            _emit(
                f"  [{mark}] {c['set']}: {c['before']} -> {c['after']}: {c['transcript']} ({c['app_name']})"
            )
    for c in wrong:
        _emit(f"still wrong: {c['transcript']} ({c['app_name']}): {c['after']}, should be {c['label']}")
    where = "nothing written (dry run)" if args.dry_run else f"model written to {args.out}"
    _emit(f"\nlearned {len(fixes)} correction(s) in {seconds:.0f} s; {where}")
    return 1 if wrong else 0


def cmd_data_report(args: argparse.Namespace) -> int:
    from .data_report import render_report

    records, _ = load_records(args.data)
    _emit(render_report(records))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trm-intent", description=DESCRIPTION)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("classify", help="classify utterances (arguments, or lines on stdin); JSON out")
    c.add_argument("text", nargs="*", help="utterances (default: one per line of stdin, as they arrive)")
    c.add_argument("--app", default="unknown", help="frontmost app name")
    c.add_argument("--bundle", default="unknown", help="frontmost app bundle id")
    c.add_argument("--title", default="", help="frontmost window title")
    c.add_argument("--model", help="model directory (default: the bundled model)")
    c.add_argument(
        "--correct",
        choices=["command", "dictation"],
        help="print each utterance as a correction record with this label (append them to a file "
        "for trm-intent learn) instead of the model's result",
    )
    c.set_defaults(func=cmd_classify)

    e = sub.add_parser("eval", help="score a model on labeled JSONL files")
    e.add_argument("--data", action="append", required=True, help="JSONL file (repeatable)")
    e.add_argument("--model", help="model directory (default: the bundled model)")
    e.add_argument("--baseline", help="a second model directory to compare against")
    e.add_argument("--errors", help="write the misclassified records to this JSONL file (not an input)")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.set_defaults(func=cmd_eval)

    t = sub.add_parser("train", help="train a TRM and export it to a model directory")
    t.add_argument(
        "--data",
        action="append",
        required=True,
        help="JSONL file, repeatable: the first is the base data (split into training and held-out); "
        "every later one holds corrections, never held out, weighted, winning conflicts",
    )
    t.add_argument(
        "--out", required=True, help="model directory to write (replaced only when it is one, atomically)"
    )
    t.add_argument("--run-dir", help="checkpoints (default: OUT.run beside the model directory)")
    t.add_argument("--config", help="TrainConfig as JSON")
    t.add_argument("--epochs", type=_int_in(1), help="epochs to train (at least 1)")
    t.add_argument("--seed", type=_int_in(*SEED_RANGE), help="picks the held-out split (and seeds the run)")
    t.add_argument(
        "--init-seed",
        type=_int_in(*SEED_RANGE),
        help="seeds the run but not the split: another run of the same recipe on the same held-out split",
    )
    t.add_argument(
        "--init-from",
        help="fine-tune from a model directory or checkpoint (the fine-tune recipe of "
        "trm_intent.config.FINE_TUNE unless --config says otherwise)",
    )
    t.add_argument("--resume", action="store_true", help="continue from RUN_DIR/last.pt")
    t.add_argument(
        "--threads",
        type=_int_in(1, MAX_THREADS),
        default=1,
        help=f"torch CPU threads, 1 to {MAX_THREADS} (default 1)",
    )
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.add_argument(
        "--force", action="store_true", help="train even on a tiny training set (it forgets all else)"
    )
    t.set_defaults(func=cmd_train)

    x = sub.add_parser("export", help="export a training checkpoint to a model directory")
    x.add_argument("--checkpoint", required=True, help="e.g. OUT.run/best.pt (or OUT.run/last.pt)")
    x.add_argument("--out", required=True, help="model directory to write (replaced only when it is one)")
    x.add_argument("--data", action="append", required=True, help="labeled JSONL: the parity check's samples")
    x.set_defaults(func=cmd_export)

    sp = sub.add_parser(
        "soup",
        help="average the weights of fine-tunes of one network, calibrate on held-out, export",
    )
    sp.add_argument(
        "--checkpoint",
        action="append",
        required=True,
        help="a member, repeatable (two or more): e.g. RUN.run/best.pt of runs trained with --init-from",
    )
    sp.add_argument(
        "--data",
        action="append",
        required=True,
        help="the JSONL files the members were trained on, in the same order (their held-out split; "
        "checked by hash)",
    )
    sp.add_argument("--out", required=True, help="model directory to write (replaced only when it is one)")
    sp.add_argument("--run-dir", help="where the soup's checkpoint goes (default: OUT.run)")
    sp.set_defaults(func=cmd_soup)

    lr = sub.add_parser(
        "learn",
        help="learn a few corrections in about a minute: fine-tune a model on them, replaying the "
        "base data, and show before and after side by side",
    )
    lr.add_argument("corrections", nargs="+", help="JSONL files of corrected records")
    lr.add_argument("--model", help="the model to start from (default: the bundled model)")
    lr.add_argument("--out", help="model directory to write (replaced only when it is one)")
    lr.add_argument("--data", help=f"the base data to replay (default: {BASE_DATA}, in a checkout)")
    lr.add_argument(
        "--eval",
        action="append",
        help=f"another labeled set to compare on (default: {DEV_EVAL} if it exists)",
    )
    lr.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    lr.add_argument(
        "--threads", type=_int_in(1, MAX_THREADS), default=1, help="torch CPU threads (default 1)"
    )
    lr.add_argument("--json", action="store_true", help="machine-readable output")
    lr.add_argument("--quiet", action="store_true", help="no progress bar")
    lr.set_defaults(func=cmd_learn)

    r = sub.add_parser("data-report", help="Markdown summary of labeled JSONL files")
    r.add_argument("data", nargs="+")
    r.set_defaults(func=cmd_data_report)
    return p


def _error(message: str) -> None:
    with contextlib.suppress(OSError, AttributeError, ValueError):  # stderr closed: nowhere to say it
        print(f"trm-intent: error: {message}", file=sys.stderr, flush=True)


def _os_error(exc: OSError) -> str:
    """An OSError on a user's path as one line: ``PATH: reason``."""
    if exc.filename is None or not exc.strerror:
        return str(exc)
    where = exc.filename if exc.filename2 is None else f"{exc.filename} -> {exc.filename2}"
    return f"{_shown(os.fsdecode(where))}: {exc.strerror}"


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so Python's exit flush has nothing to report."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    if sys.stdout is None:  # started with stdout closed (`>&-`): every result would be lost
        _error("standard output is closed; nothing could be printed (redirect it to a file or /dev/null)")
        return 1
    try:
        status = args.func(args)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None
        return status
    except BrokenPipeError:  # `trm-intent classify | head -1`: the reader has all it wanted
        _silence_stdout()
        return EXIT_SIGPIPE
    except UserError as exc:
        _error(str(exc))
        return exc.status
    except TrmIntentError as exc:  # bad data, model directory, checkpoint, refused export
        _error(str(exc))
        return 2
    except OSError as exc:  # a user's path: missing, a directory, no permission, a full disk
        _error(_os_error(exc))
        return 2
    except KeyboardInterrupt:
        hint = " (resume training with --resume)" if args.command == "train" else ""
        print(f"trm-intent: interrupted{hint}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
