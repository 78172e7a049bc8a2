"""The trm-intent command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_eval_prints_the_command_precision_recall_table(tmp_path: Path) -> None:
    """`trm-intent eval` shows the command decision at each threshold, the model's own marked, and
    the marked row is what classify() decides."""
    from trm_intent import IntentClassifier, load_records
    from trm_intent.evaluate import CURVE_THRESHOLDS

    records = load_records(DATA)[0][::10]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(r.model_dump_json(exclude_none=True) + "\n" for r in records))
    out = run("eval", "--data", str(sample))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("command decision:")))
    assert lines[start + 1].split() == ["threshold", "precision", "recall", "commands"]
    table = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        table.append(line)
    rows = [[float(v) for v in line.split()[:4]] for line in table]
    marked = [row for row, line in zip(rows, table) if line.endswith("<- this model's")]
    clf = IntentClassifier()
    assert len(marked) == 1 and marked[0][0] == pytest.approx(clf.command_threshold, abs=5e-5)
    assert {round(t, 4) for t in CURVE_THRESHOLDS} <= {row[0] for row in rows}
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    for row in rows:
        assert 0 <= row[1] <= 1 and 0 <= row[2] <= 1
    assert [row[3] for row in rows] == sorted((row[3] for row in rows), reverse=True)  # fewer as it rises
    # The marked row is the decision users get from classify().
    scored = [r for r in records if "ambiguous" not in r.tags]
    said = [x.intent for x in clf.classify_batch([r.transcript for r in scored], [r.context for r in scored])]
    decided = sum(s == "command" for s in said)
    right = sum(s == r.label == "command" for s, r in zip(said, scored))
    commands = sum(r.label == "command" for r in scored)
    _, precision, recall, n = marked[0]
    assert n == decided
    assert precision == pytest.approx(right / decided if decided else 1.0, abs=5e-5)
    assert recall == pytest.approx(right / commands, abs=5e-5)
    # The JSON report carries the same curve and threshold.
    report = json.loads(run("eval", "--data", str(sample), "--json").stdout)["model"]
    assert report["command_threshold"] == clf.command_threshold
    assert [pt["commands"] for pt in report["command_curve"]] == [int(row[3]) for row in rows]
