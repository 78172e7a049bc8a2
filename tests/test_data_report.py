"""The data report is a file of its own (data/REPORT.md), current, and never written over
hand-written text; data/README.md names what the generator holds."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from trm_intent.data_report import GENERATED, report_document
from trm_intent.data_report import main as report_main
from trm_intent.dataset import load_records

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "labeled_intents.jsonl"
REPORT = ROOT / "data" / "REPORT.md"
README = ROOT / "data" / "README.md"
GEN = ROOT / "data" / "gen"

GOOD = {
    "transcript": "Go to line 50.",
    "label": "command",
    "context": {"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": ""},
}


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text(
        json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "transcript": "Thanks!", "label": "dictation"}) + "\n"
    )
    return path


def test_out_writes_the_report_and_replaces_its_own(tmp_path: Path, small: Path, capsys) -> None:
    out = tmp_path / "REPORT.md"
    assert report_main([str(small), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == GENERATED and "- Records: 2" in text
    assert capsys.readouterr().out == ""
    out.write_text(text.replace("- Records: 2", "- Records: 3"), encoding="utf-8")
    assert report_main([str(small), "--out", str(out)]) == 0  # an old report is replaced
    assert out.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["REPORT.md", "small.jsonl"]  # no temp left


def test_stdout_is_the_same_report(tmp_path: Path, small: Path, capsys) -> None:
    out = tmp_path / "REPORT.md"
    assert report_main([str(small), "--out", str(out)]) == 0
    assert report_main([str(small)]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("content", ["# Notes\n\nWritten by hand.\n", "", f"# Notes\n{GENERATED}\n"])
def test_out_never_overwrites_hand_written_text(tmp_path: Path, small: Path, caplog, content: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert report_main([str(small), "--out", str(readme)]) == 2
    assert readme.read_text(encoding="utf-8") == content
    assert "not overwritten" in caplog.text
    assert report_main([str(small), "--out", str(small)]) == 2  # nor the data itself
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "small.jsonl"]


def test_committed_report_is_current() -> None:
    records, _ = load_records(DATA)
    expected = report_document(records, ["data/labeled_intents.jsonl"])
    assert REPORT.read_text(encoding="utf-8") == expected, (
        "data/REPORT.md is stale: PYTHONPATH=src python -m trm_intent.data_report "
        "data/labeled_intents.jsonl --out data/REPORT.md"
    )


def test_report_counts_the_models_kinds() -> None:
    text = REPORT.read_text(encoding="utf-8")
    table = text.split("## By context kind", 1)[1].split("##", 1)[0]
    kinds = set(re.findall(r"^\| (\w+) \|", table, re.M)) - {"context"}
    from trm_intent.contract import CONTEXT_KINDS

    assert kinds == set(CONTEXT_KINDS)


def test_data_readme_is_hand_written_and_points_to_the_report() -> None:
    text = README.read_text(encoding="utf-8")
    assert GENERATED not in text and "## Summary" not in text and "## By app" not in text
    assert "](REPORT.md)" in text
    assert "--out data/REPORT.md" in text


def test_data_readme_names_every_generator_file_and_family() -> None:
    text = README.read_text(encoding="utf-8")
    files = sorted(p.name for p in GEN.glob("*.py"))
    assert not [f for f in files if f"`{f}`" not in text]
    families = {r.source.removeprefix("generator:") for r in load_records(DATA)[0]}
    assert not sorted(f for f in families if f"`{f}`" not in text)
    named = set(re.findall(r"`([a-z_]+\.py)`", text))
    assert named <= set(files) | {"generate.py"}, named - set(files)
