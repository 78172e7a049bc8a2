"""Bad data files: every one is a DataError naming FILE:LINE (or the file), never a traceback.

These are the inputs that once passed the loader and crashed later (a lone surrogate reached
the tokenizer), read until memory ran out (``/dev/zero``), blocked (a FIFO), or escaped as a
raw RecursionError or ValueError without the file's name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from trm_intent import dataset
from trm_intent.data_report import main as report_main
from trm_intent.dataset import DataError, load_records

CTX = {"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": "a.py"}
GOOD = {"transcript": "Go to line 50.", "context": CTX, "label": "command"}
GOOD_LINE = json.dumps(GOOD)


def _write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _error(paths, where: str, *fragments: str) -> DataError:
    with pytest.raises(DataError) as info:
        load_records(paths)
    message = str(info.value)
    assert message.startswith(where), message
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message and len(message) < 400 + len(where), message
    return info.value


# --- text that is not Unicode -------------------------------------------------------------

SURROGATE_FIELDS = [
    ("transcript", lambda s: {**GOOD, "transcript": f"Go to line {s}"}),
    ("context.app_name", lambda s: {**GOOD, "context": {**CTX, "app_name": s}}),
    ("context.bundle_id", lambda s: {**GOOD, "context": {**CTX, "bundle_id": f"com.{s}"}}),
    ("context.window_title", lambda s: {**GOOD, "context": {**CTX, "window_title": s + "x"}}),
    ("id", lambda s: {**GOOD, "id": s}),
    ("source", lambda s: {**GOOD, "source": s}),
    ("tags.1", lambda s: {**GOOD, "tags": ["ok", s]}),
    ("note", lambda s: {**GOOD, "note": s}),
]


@pytest.mark.parametrize("field, build", SURROGATE_FIELDS, ids=[f for f, _ in SURROGATE_FIELDS])
@pytest.mark.parametrize(
    "surrogate", ["\ud800", "\udfff", "\udc00\ud800"], ids=["high", "low", "reversed-pair"]
)
def test_lone_surrogate_is_rejected_at_load(tmp_path: Path, field: str, build, surrogate: str) -> None:
    # json.dumps writes the escape ("\ud800"), which JSON allows and Python decodes to a str
    # that no UTF-8 encoder, tokenizer or terminal accepts.
    line = json.dumps(build(surrogate))
    assert "\\ud" in line
    path = _write(tmp_path, "surrogate.jsonl", GOOD_LINE, line)
    _error(path, f"{path}:2: {field}: not valid Unicode text (lone surrogate)")


def test_a_surrogate_pair_is_one_character_and_loads(tmp_path: Path) -> None:
    line = json.dumps({**GOOD, "transcript": "Thumbs up \U0001f44d"})  # written as a pair
    assert "\\ud83d\\udc4d" in line
    records, _ = load_records(_write(tmp_path, "pair.jsonl", line))
    assert records[0].transcript == "Thumbs up \U0001f44d"


def test_lone_surrogate_is_a_clean_error_in_the_commands(tmp_path: Path, caplog) -> None:
    path = _write(tmp_path, "surrogate.jsonl", GOOD_LINE, json.dumps({**GOOD, "transcript": "bad \ud800"}))
    assert report_main([str(path)]) == 2
    assert f"{path}:2: transcript: not valid Unicode text" in caplog.text
    for command in (["data-report", str(path)], ["eval", "--data", str(path)]):
        out = subprocess.run(
            [sys.executable, "-m", "trm_intent.cli", *command], capture_output=True, text=True, timeout=300
        )
        assert out.returncode == 2, (command, out.stderr)
        assert f"{path}:2: transcript: not valid Unicode text" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr


# --- what is not a regular file -----------------------------------------------------------


def test_directory_is_refused(tmp_path: Path) -> None:
    _error(tmp_path, f"{tmp_path}: cannot read: not a regular file (a directory)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    stop = threading.Event()

    def writer() -> None:  # feeds the FIFO if (and only if) the loader opens it
        while not stop.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                time.sleep(0.01)
                continue
            os.write(fd, (GOOD_LINE + "\n").encode())
            os.close(fd)
            return

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        _error(fifo, f"{fifo}: cannot read: not a regular file (a FIFO)")
    finally:
        stop.set()
        thread.join(5)


def _memory_ceiling() -> None:
    """In the child: 2 GiB of address space, so a loader that reads a device until EOF fails
    there (MemoryError) instead of taking this machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_before_reading() -> None:
    code = (
        "import sys\n"
        "from trm_intent.dataset import DataError, load_records\n"
        "try:\n"
        "    load_records('/dev/zero')\n"
        "except DataError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, preexec_fn=_memory_ceiling
    )
    assert out.returncode == 3, out.stderr[-2000:]
    assert out.stdout.strip() == "/dev/zero: cannot read: not a regular file (a character device)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_data_report_on_dev_zero() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "trm_intent.data_report", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_memory_ceiling,
    )
    assert out.returncode == 2, out.stderr[-2000:]
    assert "/dev/zero: cannot read: not a regular file" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_file_too_large_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path, "big.jsonl", GOOD_LINE, GOOD_LINE)
    monkeypatch.setattr(dataset, "MAX_FILE_BYTES", 100)
    _error(path, f"{path}: cannot read: larger than 100 bytes")


def test_a_path_with_a_nul_is_a_data_error() -> None:
    _error("bad\0name.jsonl", "bad\0name.jsonl: cannot read")


# --- JSON that the parser cannot hold -----------------------------------------------------


@pytest.mark.parametrize("depth", [2_000, 200_000])
def test_deep_nesting_names_the_line(tmp_path: Path, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    path = _write(tmp_path, "deep.jsonl", GOOD_LINE, '{"transcript": ' + nested + "}")
    _error(path, f"{path}:2: bad JSON: nested too deeply")
    path = _write(tmp_path, "deep_bare.jsonl", nested)
    _error(path, f"{path}:1: bad JSON: nested too deeply")


def test_huge_integer_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "digits.jsonl", GOOD_LINE, GOOD_LINE[:-1] + ', "id": ' + "7" * 5000 + "}")
    _error(path, f"{path}:2: bad JSON: a number of more than")


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    # A JSON parser keeps the last of two keys silently: the record would say two labels.
    line = GOOD_LINE[:-1] + ', "label": "dictation"}'
    path = _write(tmp_path, "dupkey.jsonl", GOOD_LINE, line)
    _error(path, f"{path}:2: duplicate key 'label'")
    inner = GOOD_LINE.replace('"window_title": "a.py"', '"window_title": "a.py", "app_name": "X"')
    path = _write(tmp_path, "dupkey_ctx.jsonl", inner)
    _error(path, f"{path}:1: duplicate key 'app_name'")


def test_a_huge_bad_value_is_cut_in_the_message(tmp_path: Path) -> None:
    path = _write(tmp_path, "label.jsonl", json.dumps({**GOOD, "label": "x" * 100_000}))
    err = _error(path, f"{path}:1: label: unknown value 'xxx")
    assert "…" in str(err)


# --- bytes that are not a line of JSON ----------------------------------------------------


def test_bom_in_the_middle_names_the_line(tmp_path: Path) -> None:
    # Two files joined with cat: the second one's byte-order mark lands at a line's start.
    path = tmp_path / "joined.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + GOOD_LINE.encode()
        + b"\n\xef\xbb\xbf"
        + GOOD_LINE.replace("50", "60").encode()
        + b"\n"
    )
    _error(path, f"{path}:2: a byte-order mark (U+FEFF) starts the line")


def test_bom_at_the_start_of_each_file_is_fine(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(b"\xef\xbb\xbf" + GOOD_LINE.encode() + b"\n")
    b.write_bytes(b"\xef\xbb\xbf" + GOOD_LINE.replace("50", "60").encode() + b"\n")
    records, _ = load_records([a, b])
    assert len(records) == 2


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("\0" * 64, "bad JSON"),  # a file of zeros (a preallocated or truncated file)
        (GOOD_LINE.replace("Go to", "Go\0to"), "bad JSON: Invalid control character"),
    ],
    ids=["all-nul", "nul-in-string"],
)
def test_nul_bytes_name_the_line(tmp_path: Path, line: str, fragment: str) -> None:
    path = _write(tmp_path, "nul.jsonl", GOOD_LINE, line)
    _error(path, f"{path}:2: {fragment}")


def test_blank_lines_of_whitespace_and_cr_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(
        GOOD_LINE.encode() + b"\r\n \t \r\n\r\n" + GOOD_LINE.replace("50", "60").encode() + b"\r\n"
    )
    records, _ = load_records(path)
    assert [r.transcript for r in records] == ["Go to line 50.", "Go to line 60."]


def test_line_numbers_count_only_newlines(tmp_path: Path) -> None:
    # U+2028 inside a string is not a line break; a lone CR (old Mac endings) is not either.
    path = _write(
        tmp_path, "seps.jsonl", json.dumps({**GOOD, "transcript": "a\u2028b"}, ensure_ascii=False), "oops"
    )
    _error(path, f"{path}:2: bad JSON")


def test_lone_surrogate_in_a_key_or_an_unknown_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "key.jsonl", GOOD_LINE[:-1] + ', "n\\ud800te": "x"}')
    _error(path, f"{path}:1: record: a key: not valid Unicode text (lone surrogate)")
    path = _write(tmp_path, "extra.jsonl", json.dumps({**GOOD, "extra": {"deep": ["\ud800"]}}))
    _error(path, f"{path}:1: extra.deep.0: not valid Unicode text (lone surrogate)")
