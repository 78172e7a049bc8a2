"""The trm-intent command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import DATA


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trm_intent.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def test_classify_prints_json() -> None:
    out = run("classify", "Go to line 50.", "--app", "Code", "--bundle", "com.microsoft.VSCode")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert row["transcript"] == "Go to line 50." and row["intent"] == "command"
    assert {"confidence", "halting_confidence", "probabilities", "steps"} <= set(row)


def test_classify_reads_stdin() -> None:
    out = run("classify", stdin="undo\nsee you tomorrow at the office\n")
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 2


def test_eval_text_and_json(tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(DATA.read_text().splitlines()[:60]) + "\n")
    errors = tmp_path / "errors.jsonl"
    out = run("eval", "--data", str(sample), "--errors", str(errors))
    assert out.returncode == 0, out.stderr
    assert "accuracy:" in out.stdout and "confusion" in out.stdout and "accuracy by app" in out.stdout
    assert errors.exists()
    out = run("eval", "--data", str(sample), "--json")
    report = json.loads(out.stdout)["model"]
    assert report["records"] == 60 and 0 <= report["accuracy"] <= 1
    assert set(report["per_label"]) == {"command", "dictation"}


def test_eval_against_baseline(tmp_path: Path) -> None:
    from trm_intent import default_model_dir

    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(DATA.read_text().splitlines()[:30]) + "\n")
    out = run("eval", "--data", str(sample), "--baseline", str(default_model_dir()))
    assert out.returncode == 0, out.stderr
    assert "baseline" in out.stdout and "0 record(s) changed prediction" in out.stdout


def test_bad_data_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"transcript": "undo", "context": {}, "label": "command"}\nnot json\n')
    out = run("eval", "--data", str(bad))
    assert out.returncode == 2
    assert f"{bad}:2: bad JSON" in out.stderr


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    out = run("classify", "undo", "--model", str(tmp_path / "nope"))
    assert out.returncode == 2 and "not a model directory" in out.stderr


def test_data_report() -> None:
    out = run("data-report", str(DATA))
    assert out.returncode == 0, out.stderr
    assert "command" in out.stdout and "dictation" in out.stdout
