"""``train`` and ``export`` through the command: refused before any work, and nothing lost.

A user's directory is never replaced, checkpoints are never deleted, and every bad argument,
config or checkpoint ends with one ``error:`` line and status 2 (never a traceback, never a
run directory written for a run that cannot start).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trm_intent import IntentClassifier
from trm_intent.artifacts import sha256_file

from .conftest import DATA

pytest.importorskip("torch")

SMALL_CONFIG = {
    "model": {"hidden": 16, "heads": 2, "T": 1, "n": 1, "n_sup": 2, "vocab_size": 200, "max_tokens": 16},
    "epochs": 1,
    "batch_size": 64,
    "warmup_steps": 2,
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Every twentieth record (about 470) and a network of 16 units: one epoch in a few seconds."""
    base = tmp_path_factory.mktemp("small")
    data = base / "small.jsonl"
    data.write_text("\n".join(DATA.read_text(encoding="utf-8").splitlines()[::20]) + "\n", encoding="utf-8")
    config = base / "small.json"
    config.write_text(json.dumps(SMALL_CONFIG), encoding="utf-8")
    return data, config


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, small: tuple[Path, Path]) -> Path:
    """A model directory ``m`` and its run directory ``m.run``, trained by the command."""
    from trm_intent.cli import main

    data, config = small
    out = tmp_path_factory.mktemp("trained") / "m"
    assert main(["train", "--data", str(data), "--out", str(out), "--config", str(config), "--quiet"]) == 0
    return out


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    """Run the command in this process: (status, stderr)."""
    from trm_intent.cli import main

    capsys.readouterr()
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:  # argparse refusing an argument
        status = exc.code
    return status, capsys.readouterr().err


def assert_refused(result: tuple[int, str], *fragments: str) -> None:
    status, err = result
    assert status == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith(("trm-intent: error: ", "trm-intent train: error: ", "trm-intent export: error: "))
    for fragment in fragments:
        assert fragment in last, (fragment, last)


def hashes(directory: Path) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in sorted(directory.iterdir())}


def copy_run(trained: Path, tmp_path: Path, name: str = "m") -> Path:
    """A copy of the trained model and its run directory: tmp_path/name and tmp_path/name.run."""
    shutil.copytree(trained, tmp_path / name)
    shutil.copytree(trained.with_name("m.run"), tmp_path / f"{name}.run")
    return tmp_path / name


# -- the output directory ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["train", "export"])
def test_a_users_directory_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path], command: str
) -> None:
    data, config = small
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    (mine / "trm_intent.json").write_text("{}", encoding="utf-8")  # looks a little like a model
    if command == "train":
        args = ["train", "--data", data, "--out", mine, "--config", config, "--quiet"]
    else:
        args = [
            "export",
            "--checkpoint",
            trained.with_name("m.run") / "best.pt",
            "--out",
            mine,
            "--data",
            data,
        ]
    assert_refused(cli(capsys, *args), "is not a model directory", "notes.txt")
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt", "trm_intent.json"]
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "documents.run").exists()  # refused before any training
    assert [p.name for p in tmp_path.iterdir()] == ["documents"]  # no temporaries, nothing moved


def test_export_replaces_a_model_directory_or_an_empty_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path]
) -> None:
    data, _ = small
    best = trained.with_name("m.run") / "best.pt"
    (tmp_path / "empty").mkdir()
    shutil.copytree(trained, tmp_path / "model")
    for out in (tmp_path / "empty", tmp_path / "model", tmp_path / "new"):
        assert cli(capsys, "export", "--checkpoint", best, "--out", out, "--data", data) == (0, "")
        IntentClassifier(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "model", "new"]


def test_an_output_without_a_name_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    trained: Path,
    small: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, _ = small
    best = trained.with_name("m.run") / "best.pt"
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    for out in (".", ".."):
        assert_refused(cli(capsys, "export", "--checkpoint", best, "--out", out, "--data", data), "name")
    assert list(empty.iterdir()) == []


def test_train_into_its_own_run_directory_is_refused_and_resume_still_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path]
) -> None:
    """`train --run-dir X --out X` used to delete the checkpoints (and exit 0)."""
    data, config = small
    run = copy_run(trained, tmp_path).with_name("m.run")
    before = hashes(run)
    for extra in ([], ["--resume", "--epochs", "2"]):
        result = cli(
            capsys,
            "train",
            "--data",
            data,
            "--config",
            config,
            "--run-dir",
            run,
            "--out",
            run,
            "--quiet",
            *extra,
        )
        assert_refused(result, "would replace")
        assert hashes(run) == before
    assert (
        cli(
            capsys,
            "train",
            "--data",
            data,
            "--run-dir",
            run,
            "--out",
            tmp_path / "m",
            "--resume",
            "--epochs",
            "2",
            "--quiet",
        )[0]
        == 0
    )
    history = json.loads((run / "metrics.json").read_text(encoding="utf-8"))["history"]
    assert [h["epoch"] for h in history] == [1, 2]


def test_export_into_the_checkpoints_run_directory_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path]
) -> None:
    """`export --checkpoint R.run/best.pt --out R.run` used to delete the checkpoints."""
    data, _ = small
    run = copy_run(trained, tmp_path / "runs").with_name("m.run")
    (tmp_path / "runs" / "m").rename(tmp_path / "elsewhere")  # runs/ holds only m.run now
    before = hashes(run)
    for out in (run, run.parent):
        for name in ("best.pt", "last.pt"):
            result = cli(capsys, "export", "--checkpoint", run / name, "--out", out, "--data", data)
            assert_refused(result, "would replace")
            assert hashes(run) == before
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["m.run"]


def test_a_fresh_run_into_a_run_directory_with_checkpoints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path]
) -> None:
    data, config = small
    out = copy_run(trained, tmp_path)
    before = hashes(out.with_name("m.run")), hashes(out)
    result = cli(capsys, "train", "--data", data, "--out", out, "--config", config, "--quiet")
    assert_refused(result, "holds the checkpoints of an earlier run", "--resume")
    assert (hashes(out.with_name("m.run")), hashes(out)) == before


@pytest.mark.parametrize(
    "files", [["notes.txt"], ["model.onnx", "window.onnx", "tokenizer.json", "trm_intent.json"]]
)
def test_a_run_directory_holding_other_files_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small: tuple[Path, Path], files: list[str]
) -> None:
    """Training writes tokenizer.json and metrics.json there: never among a user's or a model's files."""
    data, config = small
    run = tmp_path / "somewhere"
    run.mkdir()
    for name in files:
        (run / name).write_text("mine", encoding="utf-8")
    result = cli(
        capsys,
        "train",
        "--data",
        data,
        "--out",
        tmp_path / "m",
        "--run-dir",
        run,
        "--config",
        config,
        "--quiet",
    )
    assert_refused(result, "--run-dir", "not a training run's")
    assert sorted(p.name for p in run.iterdir()) == sorted(files)
    assert all((run / name).read_text(encoding="utf-8") == "mine" for name in files)


# -- arguments and configs refused before any work -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--epochs", "0"], "--epochs: must be at least 1"),
        (["--epochs", "-3"], "--epochs: must be at least 1"),
        (["--epochs", "20000"], "epochs"),
        (["--threads", "0"], "--threads: must be between 1 and"),
        (["--threads", "-2"], "--threads: must be between 1 and"),
        (["--threads", "1000000000"], "--threads: must be between 1 and"),
        (["--seed", str(2**64)], "--seed: must be between"),
        (["--init-seed", str(-(2**70))], "--init-seed: must be between"),
    ],
)
def test_bad_numbers_are_refused_before_any_work(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    small: tuple[Path, Path],
    args: list[str],
    message: str,
) -> None:
    data, config = small
    result = cli(
        capsys, "train", "--data", data, "--out", tmp_path / "m", "--config", config, "--quiet", *args
    )
    assert_refused(result, message)
    assert list(tmp_path.iterdir()) == []  # no run directory, no model directory


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),  # a directory
        ("epochs: 3", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"model": {"hidden": 100000}}), "model.hidden"),
        (json.dumps({"model": {"hidden": 30, "heads": 4}}), "divisible by heads"),
        (json.dumps({"epochs": 0}), "epochs"),
        (json.dumps({"epoch": 3}), "epoch"),
        (json.dumps({"seed": 2**70}), "seed"),
    ],
)
def test_bad_configs_are_refused_before_any_work(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    small: tuple[Path, Path],
    content: str | bytes | None,
    message: str,
) -> None:
    data, _ = small
    config = tmp_path / "config.json"
    if content is None:
        config.mkdir()
    elif isinstance(content, bytes):
        config.write_bytes(content)
    else:
        config.write_text(content, encoding="utf-8")
    result = cli(capsys, "train", "--data", data, "--out", tmp_path / "m", "--config", config, "--quiet")
    assert_refused(result, message)
    assert [p.name for p in tmp_path.iterdir()] == ["config.json"]


def _not_a_checkpoint(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "source"
    if kind == "text":
        path = tmp_path / "notes.pt"
        path.write_text("not a checkpoint\n", encoding="utf-8")
    elif kind == "json":
        path = tmp_path / "config.json"
        path.write_text(json.dumps(SMALL_CONFIG), encoding="utf-8")
    elif kind == "directory":
        path.mkdir()
        (path / "notes.txt").write_text("mine", encoding="utf-8")
    return path  # "missing": nothing there


@pytest.mark.parametrize("kind", ["text", "json", "directory", "missing"])
def test_init_from_something_that_is_not_a_model(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small: tuple[Path, Path], kind: str
) -> None:
    data, config = small
    source = _not_a_checkpoint(tmp_path, kind)
    result = cli(capsys, "train", "--data", data, "--out", tmp_path / "m", "--init-from", source, "--quiet")
    assert_refused(result, str(source))
    assert not (tmp_path / "m").exists() and not (tmp_path / "m.run").exists()


@pytest.mark.parametrize("kind", ["text", "json", "directory", "missing"])
def test_export_of_something_that_is_not_a_checkpoint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small: tuple[Path, Path], kind: str
) -> None:
    data, _ = small
    source = _not_a_checkpoint(tmp_path, kind)
    result = cli(capsys, "export", "--checkpoint", source, "--out", tmp_path / "m", "--data", data)
    assert_refused(result, str(source))
    assert not (tmp_path / "m").exists()


def test_export_and_fine_tune_from_last_pt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trained: Path, small: tuple[Path, Path]
) -> None:
    """last.pt is a checkpoint too (its EMA weights are those of the last epoch)."""
    data, _ = small
    last = trained.with_name("m.run") / "last.pt"
    assert (
        cli(capsys, "export", "--checkpoint", last, "--out", tmp_path / "from-last", "--data", data)[0] == 0
    )
    IntentClassifier(tmp_path / "from-last")
    status, err = cli(
        capsys,
        "train",
        "--data",
        data,
        "--out",
        tmp_path / "tuned",
        "--init-from",
        last,
        "--epochs",
        "1",
        "--quiet",
    )
    assert status == 0, err
    assert IntentClassifier(tmp_path / "tuned").meta.training.init_from == "last.pt"
