"""An export killed between the two renames of its directory swap loses nothing.

The swap moves the old model to ``.OUT.old-PID`` and then the new one to ``OUT``. Killed in
between, nothing is at ``OUT``: loading it names where the model is, and the next export
(``recover_interrupted``) puts it back and deletes the temporaries of processes that are gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, default_model_dir
from trm_intent.artifacts import ModelError, sha256_file

from .test_cli_train import cli, small, trained  # noqa: F401 - fixtures

pytest.importorskip("torch")

from trm_intent.export.export import recover_interrupted


def hashes(directory: Path) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in sorted(directory.iterdir())}


def ended_pid() -> int:
    """The id of a process that has just ended (so no other process has taken it yet)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def dead_pid() -> int:
    return ended_pid()


@pytest.fixture
def live_pid() -> Iterator[int]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()


def model_at(path: Path) -> Path:
    shutil.copytree(default_model_dir(), path)
    return path


# -- states an interrupted export leaves, made on disk ---------------------------------------------


def test_killed_between_the_renames_restores_the_old_model(tmp_path: Path, dead_pid: int) -> None:
    out = tmp_path / "model"
    aside = model_at(tmp_path / f".model.old-{dead_pid}")
    new = model_at(tmp_path / f".model.export-{dead_pid}")
    before = hashes(aside)
    with pytest.raises(ModelError, match=rf"\.model\.old-{dead_pid}"):
        IntentClassifier(out)  # names where the model is
    recover_interrupted(out)
    assert hashes(out) == before
    assert not aside.exists() and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_restored_over_an_empty_directory_made_since(tmp_path: Path, dead_pid: int) -> None:
    out = tmp_path / "model"
    out.mkdir()
    before = hashes(model_at(tmp_path / f".model.old-{dead_pid}"))
    recover_interrupted(out)
    assert hashes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_stale_temporaries_beside_a_model_are_deleted(tmp_path: Path, dead_pid: int) -> None:
    """Killed after the second rename (or during the old model's deletion): the swap was done."""
    out = model_at(tmp_path / "model")
    before = hashes(out)
    model_at(tmp_path / f".model.old-{dead_pid}")
    (tmp_path / f".model.export-{dead_pid}").mkdir()
    # Another dead export's leftover (the next pid may belong to a live process: ask for one).
    other = ended_pid()
    (tmp_path / f".model.old-{other}").write_text("a file, not a directory")
    recover_interrupted(out)
    assert hashes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_live_exports_temporaries_are_left_alone(tmp_path: Path, live_pid: int) -> None:
    """Another export between its two renames right now: its old model is not taken from it."""
    out = tmp_path / "model"
    aside = model_at(tmp_path / f".model.old-{live_pid}")
    work = model_at(tmp_path / f".model.export-{live_pid}")
    recover_interrupted(out)
    assert aside.is_dir() and work.is_dir() and not out.exists()


def test_only_this_outputs_temporaries_are_touched(tmp_path: Path, dead_pid: int) -> None:
    out = tmp_path / "model"
    others = [
        tmp_path / f".model.old-{dead_pid}.bak",
        tmp_path / ".model.old-abc",
        tmp_path / f".model-2.old-{dead_pid}",
        tmp_path / f".other.old-{dead_pid}",
        tmp_path / f".model.old-{dead_pid}.old-{dead_pid}",
    ]
    for path in others:
        model_at(path)
    recover_interrupted(out)
    assert not out.exists()
    assert all(p.is_dir() for p in others)


def test_an_output_name_with_glob_characters(tmp_path: Path, dead_pid: int) -> None:
    out = tmp_path / "model[1]*"
    before = hashes(model_at(tmp_path / f".model[1]*.old-{dead_pid}"))
    model_at(tmp_path / f".model1.old-{dead_pid}")  # what the glob [1] would have matched
    recover_interrupted(out)
    assert hashes(out) == before
    assert (tmp_path / f".model1.old-{dead_pid}").is_dir()


def test_loading_the_missing_model_through_the_command(tmp_path: Path, dead_pid: int) -> None:
    out = tmp_path / "model"
    model_at(tmp_path / f".model.old-{dead_pid}")
    result = subprocess.run(
        [sys.executable, "-m", "trm_intent.cli", "classify", "undo", "--model", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f".model.old-{dead_pid}" in result.stderr.strip().splitlines()[-1]


# -- a real SIGKILL of an export ------------------------------------------------------------------

DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    from trm_intent.cli import main

    out, which = Path(sys.argv[1]), sys.argv[2]
    real = os.replace

    def replace(src, dst):
        real(src, dst)
        first = Path(src) == out  # the old model moved aside
        if (which == "first") == first and (first or Path(dst) == out):
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    sys.exit(main(sys.argv[3:]))
    """
)


@pytest.mark.parametrize("which", ["first", "second"])
def test_export_killed_during_the_swap(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    trained: Path,  # noqa: F811 - the fixture
    small: tuple[Path, Path],  # noqa: F811 - the fixture
    which: str,
) -> None:
    data, _ = small
    best = trained.with_name("m.run") / "best.pt"
    out = model_at(tmp_path / "model")  # the bundled model: any export differs from it
    before = hashes(out)
    args = ["export", "--checkpoint", str(best), "--out", str(out), "--data", str(data)]
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(out), which, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL, err
    left = sorted(p.name for p in tmp_path.iterdir())
    if which == "first":  # between the renames: nothing at OUT, the old model aside
        assert left == [f".model.export-{proc.pid}", f".model.old-{proc.pid}"]
        status, err = cli(capsys, "classify", "undo", "--model", out)
        assert status == 2 and f".model.old-{proc.pid}" in err
        recover_interrupted(out)
        assert hashes(out) == before
    else:  # after them: the new model in place, the old one not yet deleted
        assert left == [".model.old-" + str(proc.pid), "model"]
        exported = hashes(out)
        assert exported != before
        recover_interrupted(out)
        assert hashes(out) == exported
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    # and the next export through the command runs as if nothing had happened
    assert cli(capsys, *args)[0] == 0
    IntentClassifier(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert os.listdir(trained.with_name("m.run"))  # the checkpoints are still there
