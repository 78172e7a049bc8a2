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
    from trm_intent import load_records
    from trm_intent.dataset import split_records

    held_out = split_records(load_records(DATA)[0], 0.15, 0).val  # where the bundle makes mistakes
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(r.model_dump_json(exclude_none=True) + "\n" for r in held_out))
    errors = tmp_path / "errors.jsonl"
    out = run("eval", "--data", str(sample), "--errors", str(errors))
    assert out.returncode == 0, out.stderr
    assert "accuracy:" in out.stdout and "confusion" in out.stdout and "accuracy by app" in out.stdout
    out = run("eval", "--data", str(sample), "--json")
    report = json.loads(out.stdout)["model"]
    assert report["records"] == len(held_out) and 0 <= report["accuracy"] <= 1
    assert set(report["per_label"]) == {"command", "dictation"}
    # The errors are records as they are in the data, ready to be fed back as corrections.
    missed, _ = load_records(errors)
    assert len(missed) == len(report["errors"]) > 0
    originals = {r.id: r for r in load_records(sample)[0]}
    for r in missed:
        assert r.model_copy(update={"note": None}) == originals[r.id]
        assert r.note and r.note.startswith("the model said ")


def test_eval_against_a_baseline_lists_what_changed(tmp_path: Path, tiny_model: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(DATA.read_text().splitlines()[:400]) + "\n")
    out = run(
        "eval",
        "--data",
        str(sample),
        "--model",
        str(tiny_model),
        "--json",
        "--baseline",
        "src/trm_intent/models/default",
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    changed = report["changed"]
    assert changed, "a tiny model and the bundle disagree somewhere"
    fixed = sum(c["now_correct"] for c in changed)
    broke = len(changed) - fixed
    model_right = report["model"]["accuracy_all"] * 400
    base_right = report["baseline"]["accuracy_all"] * 400
    assert round(model_right - base_right) == fixed - broke
    assert all(isinstance(c["ambiguous"], bool) for c in changed)
    text = run(
        "eval",
        "--data",
        str(sample),
        "--model",
        str(tiny_model),
        "--baseline",
        "src/trm_intent/models/default",
    )
    assert f"{len(changed)} record(s) changed prediction" in text.stdout
    assert text.stdout.count("[fixed]") == fixed and text.stdout.count("[broke]") == broke


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
