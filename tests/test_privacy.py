"""Issue 23: the runtime stays local. No network syscalls, no files written under HOME.

onnxruntime's own telemetry looks its host up over DNS about 9 s after a model is loaded and
writes a device id and an event queue under ``~/.cache``. The slow test runs long enough to
see the lookup, cut off from the network (``unshare -n``) and traced (``strace``), in a
deliberately hostile environment (``ORT_DISABLE_TELEMETRY=0``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOOP_SECONDS = 30.0

CHILD = """
import sys, time
import trm_intent
clf = trm_intent.IntentClassifier()
texts = ["go to line 5", "and then we went home", "save file", "hello there how are you"]
seconds = float(sys.argv[1])
n = 0
end = time.monotonic() + seconds
while True:  # at least one classify
    r = clf.classify(texts[n % len(texts)], {"app_name": "Code"})
    assert r.intent in ("command", "dictation")
    n += 1
    if time.monotonic() >= end:
        break
    if n % 200 == 0:
        time.sleep(0.01)
print(n)
"""

# Internet sockets created, or connect/send* calls that name an internet address (AF_UNIX is fine).
INET_LINE = re.compile(r"\b(socket|connect|sendto|sendmsg|sendmmsg)\(.*\bAF_INET6?\b")


def _hostile_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env["HOME"] = str(home)
    env["ORT_DISABLE_TELEMETRY"] = "0"  # a user environment that asks for telemetry
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    return env


def _files_under(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*"))


def _probe(cmd: list[str]) -> str | None:
    """None when ``cmd`` runs; otherwise why not."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError as exc:
        return str(exc)
    return None if out.returncode == 0 else (out.stderr.strip() or f"exit {out.returncode}")


def _require_sandbox(tmp_path: Path) -> None:
    for tool in ("strace", "unshare"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (scripts/system_deps.sh installs it)")
    why = _probe(["unshare", "-n", "true"])
    if why:
        pytest.skip(f"`unshare -n` is not permitted here (needs root or user namespaces): {why}")
    why = _probe(["strace", "-f", "-o", str(tmp_path / "probe.strace"), "true"])
    if why:
        pytest.skip(f"strace cannot trace here (ptrace not permitted?): {why}")


@pytest.mark.slow
def test_no_network_and_no_files_for_30_seconds(tmp_path: Path) -> None:
    """Load the bundled model and classify for 30 s: no internet syscall, nothing under HOME."""
    _require_sandbox(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    trace = tmp_path / "net.strace"
    cmd = [
        "unshare",
        "-n",
        "strace",
        "-f",
        "-qq",
        "-o",
        str(trace),
        "-e",
        "trace=socket,connect,sendto,sendmsg,sendmmsg",
        sys.executable,
        "-c",
        CHILD,
        str(LOOP_SECONDS),
    ]
    started = time.monotonic()
    out = subprocess.run(
        cmd, capture_output=True, text=True, env=_hostile_env(home), cwd=tmp_path, timeout=LOOP_SECONDS + 120
    )
    assert out.returncode == 0, out.stderr[-4000:]
    assert time.monotonic() - started >= LOOP_SECONDS  # the loop really ran past the ~9 s lookup
    assert int(out.stdout.split()[-1]) > 0
    lines = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    offending = [line for line in lines if INET_LINE.search(line)]
    files = _files_under(home)
    problems = []
    if offending:
        problems.append(f"{len(offending)} internet syscalls, the first:\n" + "\n".join(offending[:12]))
    if files:
        problems.append(f"files written under HOME: {files}")
    assert not problems, "\n".join(problems)


def test_import_and_classify_write_nothing_under_home(tmp_path: Path) -> None:
    """``import trm_intent`` plus one classify, in a plain subprocess: HOME stays empty."""
    home = tmp_path / "home"
    home.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, "0"],
        capture_output=True,
        text=True,
        env=_hostile_env(home),
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    assert _files_under(home) == [], f"files written under HOME: {_files_under(home)}"
    assert "telemetry" not in out.stderr, out.stderr


def test_onnxruntime_imported_first_warns_once(tmp_path: Path) -> None:
    """Importing onnxruntime before trm_intent is too late to turn its telemetry off: say so, once."""
    code = "import onnxruntime\nimport trm_intent\nimport trm_intent._onnxruntime\n"
    home = tmp_path / "home"
    home.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_hostile_env(home),
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    assert out.stderr.count("ORT_DISABLE_TELEMETRY=1") == 1, out.stderr
