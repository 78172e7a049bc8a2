"""A Markdown report on a labeled data set: what it holds, by label, context kind, app, source,
tag and length.

    python -m trm_intent.data_report data/labeled_intents.jsonl                       # stdout
    python -m trm_intent.data_report data/labeled_intents.jsonl --out data/REPORT.md  # a file

The report is a file of its own, never a part of a hand-written one: its first line is
:data:`GENERATED`, and ``--out`` replaces only a file that starts with that line (or none).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from .contract import ContextRules
from .dataset import DataError, fold_text, load_records
from .schema import LABELS, LabeledRecord, WindowContext

log = logging.getLogger(__name__)

_RULES = ContextRules.default()


def context_kind(context: WindowContext) -> str:
    """The kind of window the model sees (:meth:`ContextRules.kind` with the default tables of
    :mod:`trm_intent.app_kinds`): one of ``CONTEXT_KINDS``, ``unknown`` when nothing is known
    about the app."""
    return _RULES.kind(context)


LENGTH_BUCKETS = (
    (1, 1, "1"),
    (2, 3, "2–3"),
    (4, 7, "4–7"),
    (8, 11, "8–11"),
    (12, 19, "12–19"),
    (20, 10**9, "20+"),
)


def length_bucket(text: str) -> str:
    n = len(text.split())
    for lo, hi, name in LENGTH_BUCKETS:
        if lo <= n <= hi:
            return name
    return "0"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "–"


def _table(title: str, rows: Iterable[tuple[str, Counter]], total: int, key_name: str) -> list[str]:
    out = [
        f"## {title}",
        "",
        f"| {key_name} | records | share | command | dictation |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, counts in rows:
        n = sum(counts.values())
        out.append(f"| {_cell(key)} | {n} | {_pct(n, total)} | {counts['command']} | {counts['dictation']} |")
    out.append("")
    return out


def _grouped(records: Sequence[LabeledRecord], keys) -> dict[str, Counter]:
    groups: dict[str, Counter] = {}
    for r in records:
        for k in keys(r):
            groups.setdefault(k, Counter())[r.label] += 1
    return groups


def _by_size(groups: dict[str, Counter]) -> list[tuple[str, Counter]]:
    return sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))


def render_report(records: list[LabeledRecord], examples_per_label: int = 8) -> str:
    """Markdown: counts by label, app, context kind, source, tag and length, with examples."""
    total = len(records)
    labels = Counter(r.label for r in records)
    folded = {fold_text(r.transcript) for r in records}
    exact = {r.transcript.strip() for r in records}
    apps = {r.context.app_name for r in records if context_kind(r.context) != "unknown"}
    tags = Counter(t for r in records for t in r.tags)
    lines = [
        "## Summary",
        "",
        f"- Records: {total}",
        *[f"- {lab}: {labels[lab]} ({_pct(labels[lab], total)})" for lab in LABELS],
        f"- Distinct transcripts: {len(exact)} exact, {len(folded)} after folding case and punctuation",
        f"- Distinct apps (known context): {len(apps)}",
        f"- Unknown context: {sum(context_kind(r.context) == 'unknown' for r in records)}",
        f"- Tagged context-flip: {tags['context-flip']}; tagged ambiguous: {tags['ambiguous']}",
        "",
    ]
    lines += _table("By label", [(lab, Counter({lab: labels[lab]})) for lab in LABELS], total, "label")
    lines += _table(
        "By context kind",
        _by_size(_grouped(records, lambda r: [context_kind(r.context)])),
        total,
        "context kind",
    )
    lines += _table(
        "By app", _by_size(_grouped(records, lambda r: [r.context.app_name or "(empty)"])), total, "app"
    )
    bucket_groups = _grouped(records, lambda r: [length_bucket(r.transcript)])
    order = [name for _lo, _hi, name in LENGTH_BUCKETS]
    lines += _table(
        "By length (words)", [(b, bucket_groups.get(b, Counter())) for b in order], total, "words"
    )
    lines += _table(
        "By source (phrase family)",
        _by_size(_grouped(records, lambda r: [r.source or "(none)"])),
        total,
        "source",
    )
    lines += _table(
        "By tag (a record may have several)",
        _by_size(_grouped(records, lambda r: r.tags or ["(none)"])),
        total,
        "tag",
    )
    lines += ["## Examples", ""]
    for lab in LABELS:
        chosen = [r for r in records if r.label == lab]
        step = max(1, len(chosen) // max(1, examples_per_label))
        lines += [f"### {lab}", "", "| transcript | app | window title |", "|---|---|---|"]
        for r in chosen[::step][:examples_per_label]:
            c = r.context
            lines.append(f"| {_cell(r.transcript)} | {_cell(c.app_name)} | {_cell(c.window_title)} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


GENERATED = "<!-- Written by `python -m trm_intent.data_report`: regenerate it, do not edit. -->"


def report_document(
    records: list[LabeledRecord], paths: Sequence[str | Path], examples_per_label: int = 8
) -> str:
    """The whole report file: the GENERATED line, a title naming the data files, the report."""
    names = ", ".join(f"`{Path(p).as_posix()}`" for p in paths)
    return f"{GENERATED}\n\n# Data report: {names}\n\n" + render_report(records, examples_per_label)


def write_report(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step; refuse a file this module did not write."""
    if path.exists():
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                first = fh.readline(len(GENERATED) + 2).rstrip("\r\n")
        except OSError as exc:
            raise ValueError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if first != GENERATED:
            raise ValueError(
                f"{path}: not overwritten: its first line is not the report's "
                "marker, so it was not written by trm_intent.data_report (hand-written "
                "text?); give another --out or remove the file"
            )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's file is private; a report is not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Markdown report on labeled JSONL files.")
    parser.add_argument("paths", nargs="+", help="labeled JSONL files")
    parser.add_argument("--examples", type=int, default=8, help="examples per label")
    parser.add_argument(
        "--out",
        type=Path,
        help="write the report to this file (only one that "
        "an earlier report wrote is replaced); default: stdout",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        records, report = load_records(args.paths)
    except DataError as exc:
        log.error("%s", exc)
        return 2
    log.info("loaded %d records (%s)", len(records), report.summary())
    text = report_document(records, args.paths, args.examples)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_report(args.out, text)
    except (OSError, ValueError) as exc:
        log.error("%s", exc)
        return 2
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
