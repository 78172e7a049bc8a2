"""Loading labeled JSONL files: all or nothing, with errors that name file and line."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import TrmIntentError
from .schema import LabeledRecord

log = logging.getLogger(__name__)


class DataError(TrmIntentError, ValueError):
    """A labeled data file is unreadable or holds an invalid record."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.reason = message


@dataclass(frozen=True)
class Located:
    """A record and where it came from."""

    record: LabeledRecord
    path: str
    line: int


@dataclass
class LoadReport:
    """What a load found besides the records themselves."""

    duplicates: list[tuple[Located, Located]] = field(default_factory=list)
    conflicts: list[tuple[Located, Located]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.duplicates)} duplicate(s), {len(self.conflicts)} conflicting label(s)"


_FOLD = re.compile(r"[^\w\s]+")


def fold_text(text: str) -> str:
    """Case- and punctuation-folded text, for comparing transcripts."""
    return " ".join(_FOLD.sub(" ", text.lower()).split())


def record_key(record: LabeledRecord) -> tuple[str, str, str, str]:
    """The identity of a record: the exact transcript and the exact context."""
    c = record.context
    return (record.transcript.strip(), c.app_name, c.bundle_id, c.window_title)


# A data file is read whole; one this large is a mistake (a log, a disk image), not labels.
MAX_FILE_BYTES = 1 << 30

# A JSON string may hold an escaped UTF-16 surrogate ("\ud800") with no partner: Python
# decodes it to a str that no UTF-8 encoder, tokenizer or terminal accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Decoded UTF-8 holds none, so only a line with such an escape needs looking at.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _short(text: str, limit: int = 60) -> str:
    """Text for an error message: at most ``limit`` characters, surrogates escaped."""
    text = text if len(text) <= limit else text[:limit] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        loc = _short(".".join(str(p) for p in item["loc"]) or "record")
        msg = item["msg"]
        if item["type"] == "missing":
            msg = "missing field"
        elif item["type"] == "literal_error":
            msg = f"unknown value {_short(repr(item.get('input')))} ({item['msg'].lower()})"
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object whose keys are all different (a parser keeps the last one silently)."""
    obj: dict[str, object] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)


def _not_unicode(obj: object) -> str | None:
    """Where a parsed JSON value holds a lone surrogate (``context.app_name``, ``tags.1``),
    or None. Looked for before validation, which would reject some fields cryptically and
    pass others on to crash the tokenizer."""
    stack: list[tuple[str, object]] = [("", obj)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return where or "record"
        elif isinstance(value, dict):
            for key in reversed(value):
                name = f"{where}.{key}" if where else key
                if _SURROGATE.search(key):
                    return f"{_short(where or 'record')}: a key"
                stack.append((name, value[key]))
        elif isinstance(value, list):
            stack.extend((f"{where}.{i}", item) for i, item in reversed(list(enumerate(value))))
    return None


def _json_line(text: str, path: Path | str, line: int) -> object:
    if text.startswith("\ufeff"):
        raise DataError(
            path, line, "a byte-order mark (U+FEFF) starts the line; remove it (were files joined with cat?)"
        )
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise DataError(path, line, f"bad JSON: {exc.msg} (column {exc.colno})") from None
    except _DuplicateKey as exc:
        raise DataError(path, line, f"duplicate key {_short(repr(exc.key))}") from None
    except RecursionError:
        raise DataError(path, line, "bad JSON: nested too deeply") from None
    except ValueError as exc:  # an integer too long to convert (Python's digit limit)
        limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        reason = (
            f"a number of more than {limit} digits"
            if "digits" in str(exc) and limit
            else _short(str(exc), 200)
        )
        raise DataError(path, line, f"bad JSON: {reason}") from None


def parse_line(text: str, path: Path | str, line: int) -> LabeledRecord:
    """Parse one JSONL line into a record, raising DataError naming file and line."""
    obj = _json_line(text, path, line)
    if not isinstance(obj, dict):
        raise DataError(path, line, f"expected a JSON object, got {type(obj).__name__}")
    bad = _not_unicode(obj) if _SURROGATE_ESCAPE.search(text) else None
    if bad is not None:
        raise DataError(path, line, f"{_short(bad)}: not valid Unicode text (lone surrogate)")
    try:
        return LabeledRecord.model_validate(obj)
    except ValidationError as exc:
        raise DataError(path, line, _describe(exc)) from None
    except RecursionError:
        raise DataError(path, line, "nested too deeply") from None


_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(p: Path, mode: int, size: int) -> None:
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "something else")
        raise DataError(p, None, f"cannot read: not a regular file ({what})")
    if size > MAX_FILE_BYTES:
        raise DataError(p, None, f"cannot read: larger than {MAX_FILE_BYTES} bytes")


def _read_bytes(p: Path) -> bytes:
    """The bytes of a regular file. A device, FIFO or directory is refused before it is
    opened for reading (``/dev/zero`` never ends; opening a FIFO waits for a writer)."""
    try:
        st = p.stat()
        _check_regular(p, st.st_mode, st.st_size)
        # Non-blocking, and checked again once open: the path may have changed meanwhile.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            _check_regular(p, st.st_mode, st.st_size)
            raw = fh.read(MAX_FILE_BYTES + 1)
    except DataError:
        raise
    except OSError as exc:
        raise DataError(p, None, f"cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. a NUL in the path
        raise DataError(p, None, f"cannot read: {exc}") from None
    _check_regular(p, stat.S_IFREG, len(raw))  # it grew while being read
    return raw


def read_jsonl(path: Path | str) -> list[Located]:
    """Read one file; the whole file is validated before anything is returned."""
    p = Path(path)
    raw = _read_bytes(p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(p, line, "not valid UTF-8") from None
    out = []
    # Split on "\n" only: str.splitlines() also breaks at U+2028 and friends, which JSON
    # writers leave unescaped inside strings.
    for number, line_text in enumerate(text.split("\n"), start=1):
        line_text = line_text.removesuffix("\r")
        if not line_text.strip():
            continue
        out.append(Located(parse_line(line_text, p, number), str(p), number))
    if not out:
        raise DataError(p, None, "no records")
    return out


def load_records(
    paths: Path | str | Sequence[Path | str], *, strict: bool = False
) -> tuple[list[LabeledRecord], LoadReport]:
    """Load one or more JSONL files, all or nothing.

    Exact duplicates (same transcript, context and label) are kept once; the same
    transcript and context with two labels is a conflict. Both are reported and logged;
    with ``strict=True`` either one raises DataError. Later files win a conflict, so a
    corrections file given last overrides the base data.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise DataError("<no files>", None, "no data files given")
    located = [item for p in paths for item in read_jsonl(p)]
    return dedupe(located, strict=strict)


def dedupe(located: Iterable[Located], *, strict: bool = False) -> tuple[list[LabeledRecord], LoadReport]:
    """Drop exact duplicates and resolve conflicts (the later record wins)."""
    report = LoadReport()
    seen: dict[tuple[str, str, str, str], Located] = {}
    for item in located:
        key = record_key(item.record)
        first = seen.get(key)
        if first is None:
            seen[key] = item
            continue
        if first.record.label == item.record.label:
            report.duplicates.append((first, item))
        else:
            report.conflicts.append((first, item))
            seen[key] = item
    for kind, pairs in (("duplicate", report.duplicates), ("conflicting label", report.conflicts)):
        for a, b in pairs[:10]:
            log.warning("%s: %s:%d and %s:%d (%r)", kind, a.path, a.line, b.path, b.line, b.record.transcript)
    if strict and (report.duplicates or report.conflicts):
        a, b = (report.conflicts or report.duplicates)[0]
        kind = "conflicting labels" if report.conflicts else "duplicate record"
        raise DataError(b.path, b.line, f"{kind}: same transcript and context as {a.path}:{a.line}")
    return [item.record for item in seen.values()], report


def data_hash(records: Iterable[LabeledRecord]) -> str:
    """A stable SHA-256 over the records' content, for model metadata."""
    h = hashlib.sha256()
    for r in records:
        fields = {"transcript", "context", "label", *(("segments",) if r.segments is not None else ())}
        h.update(r.model_dump_json(include=fields).encode())
        h.update(b"\n")
    return h.hexdigest()


class Split(BaseModel):
    """A held-out split of labeled records."""

    train: list[LabeledRecord]
    val: list[LabeledRecord]


def split_records(records: Sequence[LabeledRecord], val_fraction: float, seed: int) -> Split:
    """Held-out by a hash of the folded transcript: every record of a transcript (a context
    flip included) falls on the same side, and the side depends only on the transcript and
    the seed, so adding or editing other records never moves a transcript across the split.
    """
    cut = round(val_fraction * 1_000_000)
    train: list[LabeledRecord] = []
    val: list[LabeledRecord] = []
    for r in records:
        digest = hashlib.sha256(f"{seed}:{fold_text(r.transcript)}".encode()).digest()
        (val if int.from_bytes(digest[:8], "big") % 1_000_000 < cut else train).append(r)
    return Split(train=train, val=val)
