"""The command at the process level: pipes, closed and full streams, bytes that are not UTF-8.

Each failure ends with ``trm-intent: error: ...`` on stderr and a non-zero status, never a
traceback; a reader that stops reading (``| head -1``) ends the command quietly.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trm_intent import __version__, default_model_dir

from .conftest import DATA

CLI = [sys.executable, "-m", "trm_intent.cli"]
EXIT_SIGPIPE = 141


def run(*args: str | bytes, stdin: bytes | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, timeout=120, **kwargs)


def assert_error(out: subprocess.CompletedProcess[bytes], status: int, *fragments: str) -> str:
    err = out.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert out.returncode == status, (out.returncode, err)
    last = err.strip().splitlines()[-1]
    assert last.startswith("trm-intent: error: "), err
    for fragment in fragments:
        assert fragment in last, (fragment, last)
    return last


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("eval") / "sample.jsonl"
    path.write_text("\n".join(DATA.read_text(encoding="utf-8").splitlines()[:40]) + "\n", encoding="utf-8")
    return path


# -- pipes and streams ------------------------------------------------------------------------------


def _read_line(proc: subprocess.Popen[bytes], timeout: float = 60) -> bytes:
    """One line of the process's stdout, or a failure when none comes within ``timeout``."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "no output line while stdin is still open: classify waits for the end of its input"
    return proc.stdout.readline()


def test_classify_streams_one_line_per_input_line() -> None:
    """Each result is printed (and flushed) as its line arrives, before stdin is closed."""
    proc = subprocess.Popen(
        [*CLI, "classify"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdin is not None
    try:
        for text in ("undo", "see you tomorrow at the office"):
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            assert json.loads(_read_line(proc))["transcript"] == text
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_classify_strips_crlf_and_a_byte_order_mark() -> None:
    out = run("classify", stdin=b"\xef\xbb\xbfundo\r\n\r\nsee you at three\r\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["transcript"] for r in rows] == ["undo", "see you at three"]


def test_classify_into_a_closed_pipe_ends_quietly() -> None:
    """`trm-intent classify | head -1`: the reader leaves after one line."""
    proc = subprocess.Popen(
        [*CLI, "classify"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        proc.stdin.write(b"undo\n")
        proc.stdin.flush()
        _read_line(proc)
        proc.stdout.close()  # what head does after its line
        proc.stdin.write(b"scroll down\n" * 50)
        proc.stdin.close()
        assert proc.wait(timeout=60) in (0, EXIT_SIGPIPE)
        err = proc.stderr.read().decode()
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    finally:
        proc.kill()
        proc.wait()


def test_eval_json_into_a_closed_pipe_ends_quietly(sample: Path) -> None:
    proc = subprocess.Popen(
        [*CLI, "eval", "--data", str(sample), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()  # `| head -1` gone before the report is printed
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, EXIT_SIGPIPE), err
    assert b"Traceback" not in err and b"BrokenPipe" not in err and b"Exception ignored" not in err, err


def test_classify_with_stdin_closed() -> None:
    out = run("classify", preexec_fn=lambda: os.close(0))
    assert_error(out, 2, "standard input is closed")


def test_classify_with_stdout_closed_is_an_error() -> None:
    """`classify >&-` used to exit 0 with every result lost."""
    out = run("classify", "undo", preexec_fn=lambda: os.close(1))
    assert_error(out, 1, "standard output is closed")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_classify_into_a_full_device_is_an_error() -> None:
    with open("/dev/full", "wb") as full:
        out = subprocess.run([*CLI, "classify", "undo"], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert_error(out, 1, "cannot write to standard output", "No space left")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_eval_into_a_full_device_is_an_error(sample: Path) -> None:
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            [*CLI, "eval", "--data", str(sample)], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    assert_error(out, 1, "cannot write to standard output")


# -- bytes that are not UTF-8 -----------------------------------------------------------------------


def test_stdin_that_is_not_utf8_names_the_line() -> None:
    out = run("classify", stdin=b"undo\n\xff\xfe hello\n")
    assert_error(out, 2, "standard input, line 2: not valid UTF-8")
    assert json.loads(out.stdout.decode().splitlines()[0])["transcript"] == "undo"  # streamed first


@pytest.mark.parametrize(
    "args",
    [[b"\xff"], [b"undo", b"caf\xe9"], [b"undo", b"--app", b"\xffCode"], [b"undo", b"--title", b"a\x80b"]],
)
def test_arguments_that_are_not_utf8(args: list[bytes]) -> None:
    out = run("classify", *args)
    assert_error(out, 2, "is not valid UTF-8 text")
    assert out.stdout == b""


# -- models that cannot be read ---------------------------------------------------------------------


def _model_copy(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    shutil.copytree(default_model_dir(), model)
    return model


@pytest.mark.parametrize("name", ["model.onnx", "window.onnx", "tokenizer.json", "trm_intent.json"])
def test_a_directory_in_place_of_a_model_file(tmp_path: Path, name: str) -> None:
    model = _model_copy(tmp_path)
    (model / name).unlink()
    (model / name).mkdir()
    assert_error(run("classify", "undo", "--model", str(model)), 2, name)


@pytest.mark.parametrize("name", ["model.onnx", "window.onnx", "tokenizer.json", "trm_intent.json"])
def test_a_corrupt_model_file(tmp_path: Path, name: str) -> None:
    model = _model_copy(tmp_path)
    data = (model / name).read_bytes()
    (model / name).write_bytes(data[: len(data) // 2])
    assert_error(run("classify", "undo", "--model", str(model)), 2, name)


# -- eval --errors never writes over an input, and is checked before the work ---------------------


def test_eval_errors_onto_its_own_data_file_is_refused(sample: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    shutil.copy(sample, data)
    before = data.read_bytes()
    other = tmp_path / "other.jsonl"
    shutil.copy(sample, other)
    link = tmp_path / "link.jsonl"
    link.symlink_to(data)
    hard = tmp_path / "hard.jsonl"
    os.link(data, hard)
    for target in (data, f"{tmp_path}/../{tmp_path.name}/d.jsonl", link, hard):
        out = run("eval", "--data", str(other), "--data", str(data), "--errors", str(target))
        assert_error(out, 2, "--errors", "is the input data file")
        assert data.read_bytes() == before
    assert other.read_bytes() == sample.read_bytes()


def test_eval_errors_into_a_model_directory_is_refused(sample: Path, tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in model.iterdir()}
    for target in (model / "trm_intent.json", model / "errors.jsonl"):
        out = run("eval", "--data", str(sample), "--model", str(model), "--errors", str(target))
        assert_error(out, 2, "inside the model directory")
    assert {p.name: p.read_bytes() for p in model.iterdir()} == before


def test_eval_errors_target_checked_before_the_evaluation(sample: Path, tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    cases = [
        (tmp_path / "adir", "is a directory"),
        (tmp_path / "missing" / "errors.jsonl", "no such directory"),
    ]
    for target, message in cases:
        start = time.monotonic()
        out = run("eval", "--data", str(sample), "--errors", str(target))
        assert_error(out, 2, message)
        assert out.stdout == b""  # refused before any record was scored
        assert time.monotonic() - start < 60
    assert not (tmp_path / "missing").exists()


def test_eval_errors_still_written(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "errors.jsonl"
    out = run("eval", "--data", str(sample), "--errors", str(target))
    assert out.returncode == 0, out.stderr
    assert target.is_file()


# -- help, version, and bugs ------------------------------------------------------------------------


def test_help_is_plain_text() -> None:
    for args in (["--help"], ["classify", "--help"], ["train", "--help"]):
        out = run(*args)
        assert out.returncode == 0
        assert b"``" not in out.stdout and b":func:" not in out.stdout, out.stdout


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.decode().strip() == f"trm-intent {__version__}"


def test_a_bug_still_shows_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the project's own errors become `error:` lines; a ValueError from a bug is not one."""
    import trm_intent.data_report
    from trm_intent.cli import main

    def broken(records):
        raise ValueError("a bug")

    monkeypatch.setattr(trm_intent.data_report, "render_report", broken)
    with pytest.raises(ValueError, match="a bug"):
        main(["data-report", str(DATA)])
