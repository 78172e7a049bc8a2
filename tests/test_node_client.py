"""The Node.js client (clients/node) against the Python runtime: the model-directory contract, proved twice.

Every record of the committed data and a set of odd inputs go through one ``node classify.mjs``
process; its answers must equal ``IntentClassifier.classify()``'s (intent and steps exactly,
probabilities and halting confidence within 1e-6). Skipped only where node cannot be had: no
``node`` binary, or no ``node_modules`` and ``npm ci`` impossible. ``TRM_NODE_MODEL_DIR`` names one
more model directory to compare on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trm_intent import IntentClassifier, WindowContext
from trm_intent.artifacts import FORMAT_VERSION, sha256_file
from trm_intent.runtime import default_model_dir

from .conftest import DATA, ROOT

NODE_DIR = ROOT / "clients" / "node"
CLIENT = NODE_DIR / "classify.mjs"
TOLERANCE = 1e-6

MODEL_DIRS = [default_model_dir()]
if os.environ.get("TRM_NODE_MODEL_DIR"):
    MODEL_DIRS.append(Path(os.environ["TRM_NODE_MODEL_DIR"]))

# Characters around window fields: Python strips some that JS trim() keeps, and the reverse.
SPACES = [" ", "\t", "\n", "\x85", "\xa0", "\u2028", "\ufeff", "\x1f", "\x1c", "\u3000", "\u200b"]


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, with the client's packages installed (``npm ci`` if they are not)."""
    binary = shutil.which("node")
    if binary is None:
        pytest.skip("no `node` binary on PATH: the Node.js client cannot run here")
    major = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    if not major.startswith("v") or int(major[1:].split(".")[0]) < 18:
        pytest.skip(f"node {major} is too old for clients/node (needs 18 or later)")
    if not (NODE_DIR / "node_modules").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("clients/node/node_modules is missing and there is no `npm` to run `npm ci`")
        env = {**os.environ, "ONNXRUNTIME_NODE_INSTALL": "skip"}
        try:
            done = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"],
                cwd=NODE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("`npm ci` in clients/node did not finish in 10 minutes (no registry?)")
        if done.returncode != 0:
            pytest.skip(f"`npm ci` in clients/node failed (no registry?): {done.stderr.strip()[-600:]}")
    return binary


def run_client(node: str, model_dir: Path, records: list[dict]) -> tuple[int, list[dict], str]:
    """All records through one client process: exit status, one answer per record, stderr."""
    lines = "".join(_line(r) for r in records)
    done = subprocess.run(
        [node, str(CLIENT), str(model_dir)], input=lines.encode("utf-8"), capture_output=True, timeout=300
    )
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
    return done.returncode, out, done.stderr.decode("utf-8", "replace")


def _line(record: dict) -> str:
    """One JSONL line, raw UTF-8 where it can be (lone surrogates need escapes)."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def odd_records() -> list[dict]:
    """Inputs where a second client is most likely to part from the Python one."""
    chrome = {"app_name": "Google Chrome", "bundle_id": "com.google.Chrome"}
    recs: list[dict] = []
    for ch in SPACES:
        for pad in (ch, ch * 3 + " ", " " + ch):
            recs += [
                {
                    "transcript": "git status",
                    "context": {"app_name": pad + "Terminal" + pad, "bundle_id": pad, "window_title": pad},
                },
                {
                    "transcript": "new paragraph",
                    "context": {"app_name": "x", "bundle_id": pad + "com.apple.Terminal" + pad},
                },
                {"transcript": "reply thanks", "context": {**chrome, "window_title": pad + "Gmail" + pad}},
                {"transcript": "scroll down", "context": {**chrome, "window_title": pad}},
                {"transcript": "close tab", "context": {"app_name": pad, "bundle_id": pad}},
                {"transcript": pad + "undo that" + pad, "context": {"app_name": pad + "Slack"}},
                {"transcript": pad},  # empty for Python only where str.strip() removes it all
                {"transcript": "\t" + pad + "\n"},
            ]
    # Fields cut at 256 (app, bundle) or 512 (title) code points, before or after stripping.
    for lead in (" " * 300, "\x1f" * 300, "\x1f" * 10, "🎉" * 300, "\ufeff"):
        recs += [
            {"transcript": "go to line ten", "context": {"bundle_id": lead + "com.apple.Terminal"}},
            {"transcript": "go to line ten", "context": {"app_name": lead + "Visual Studio Code"}},
            {"transcript": "go to line ten", "context": {"app_name": "Terminal" + lead}},
            {"transcript": "archive this", "context": {**chrome, "window_title": lead + "Gmail"}},
            {"transcript": "archive this", "context": {**chrome, "window_title": lead + "x" * 500 + "gmail"}},
        ]
    for context in (
        None,
        {},
        {"app_name": None, "bundle_id": None, "window_title": None},
        {"app_name": "Terminal"},
        {"bundle_id": "com.apple.Terminal"},
        {"window_title": "Gmail"},
        {"app_name": "unknown", "bundle_id": "UNKNOWN"},
        {"app_name": "", "bundle_id": ""},
        {"app_name": "Some New App"},
        {"app_name": "constructor"},
        {"bundle_id": "__proto__"},
        {"app_name": "toString"},
        {"app_name": "hasOwnProperty", "bundle_id": "valueOf"},
        {"app_name": "\u212aitty"},
        {"app_name": "TERMINAL", "bundle_id": "COM.APPLE.TERMINAL"},
        {"app_name": "İTerm2"},
        {"app_name": "Safari", "window_title": "İnbox – Gmail"},
    ):
        for transcript in ("delete the last word", "I think we should meet on Friday"):
            recs.append({"transcript": transcript, "context": context})
    recs.append({"transcript": "open settings"})  # no context key at all
    recs.append({"transcript": "open settings", "context": {"app_name": "Terminal", "pid": 42}, "label": "x"})
    recs.append({"transcript": "a" * 400 + "\ud800", "context": None})  # the lone surrogate is cut off
    for title in (
        "Gmail - Inbox (3)",
        "#general | Slack",
        "YouTube",
        "github.dev/foo",
        "Google Docs",
        "Notion – Roadmap",
        "Codespaces",
        "WhatsApp",
        "Confluence",
        "Messenger",
        "Outlook",
        "Hacker News",
        "",
        "GMAIL",
        "my inbox zero tips",
        "Slack and Gmail",
    ):
        for app in (chrome, {"app_name": "Safari"}, {"app_name": "Arc"}, {"app_name": "Terminal"}):
            recs.append({"transcript": "mark as read", "context": {**app, "window_title": title}})
    texts = [
        "",
        " ",
        "\t\n",
        "\x85",
        "\u2028\u2029",
        "\x1c\x1d\x1e\x1f",
        "\ufeff",
        "\u200b",
        "\xa0\u3000",
        "[ctx_terminal] git status",
        "[ctx_editor]",
        "[pad]",
        "[pad] [pad] [pad]",
        "[ctx_unknown] hello",
        "Öffne die Datei bitte",
        "打开终端",
        "новая строка",
        "café ﬁle ① Ⅻ",
        "send 👍 to bob 🎉🎉",
        "😀" * 50,
        "e\u0301 ñ",
        "tab\there",
        "line\r\nbreak",
        "in\u2028side",
        "İSTANBUL ΑΣ",
        "word " * 120,
        "a" * 399 + "🎉🎉 delete",
        "🎉" * 450 + " delete line",
        "select all and delete it then save the file and close the window please " * 8,
        "x" * 5000,
        "Delete.",
        "SCROLL UP",
        "  move the cursor to the end of the line  ",
    ]
    for text in texts:
        for context in (
            None,
            {"app_name": "Code", "bundle_id": "com.microsoft.VSCode"},
            {**chrome, "window_title": "Slack"},
        ):
            recs.append({"transcript": text, "context": context})
    return recs


def data_records() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(clf: IntentClassifier, records: list[dict], answers: list[dict]) -> tuple[list[str], float]:
    """Disagreements (described) and the largest difference of any probability."""
    assert len(answers) == len(records), f"{len(records)} records but {len(answers)} answers"
    problems, worst = [], 0.0
    for record, got in zip(records, answers):
        want = clf.classify(record["transcript"], record.get("context")).model_dump()
        if "error" in got:
            problems.append(f"{record!r}: client error {got['error']}")
            continue
        diffs = [abs(got[key] - want[key]) for key in ("confidence", "halting_confidence")]
        diffs += [abs(got["probabilities"][k] - p) for k, p in want["probabilities"].items()]
        worst = max(worst, *diffs)
        if (got["intent"], got["steps"]) != (want["intent"], want["steps"]) or max(diffs) > TOLERANCE:
            problems.append(f"{record!r}: node {got} != python {want}")
    return problems, worst


@pytest.mark.parametrize("model_dir", MODEL_DIRS, ids=lambda p: p.name)
def test_node_client_answers_as_python_on_all_data_and_odd_inputs(node: str, model_dir: Path) -> None:
    clf = IntentClassifier(model_dir)
    records = data_records() + odd_records()
    rc, answers, stderr = run_client(node, model_dir, records)
    assert rc == 0, stderr
    problems, worst = compare(clf, records, answers)
    print(
        f"\n{model_dir}: {len(records)} records compared, max probability difference {worst:.3g}",
        file=sys.stderr,
    )
    assert not problems, f"{len(problems)} disagreements, e.g.\n" + "\n".join(problems[:10])


def copy_model(
    src: Path, dst: Path, *, format_version: int | None = None, strip_added_tokens: bool = False
) -> Path:
    """A copy of a model directory, optionally re-stamped, with its hashes updated."""
    shutil.copytree(src, dst)
    meta = json.loads((dst / "trm_intent.json").read_text(encoding="utf-8"))
    if strip_added_tokens:
        spec = json.loads((dst / "tokenizer.json").read_text(encoding="utf-8"))
        spec["added_tokens"] = []
        (dst / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    if format_version is not None:
        meta["format_version"] = format_version
    meta["tokenizer_sha256"] = sha256_file(dst / "tokenizer.json")
    (dst / "trm_intent.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return dst


def test_node_client_on_a_tokenizer_without_added_tokens(node: str, tmp_path: Path) -> None:
    """The contract's tokenizer (no added tokens: "[ctx_terminal]" in a transcript is plain text),
    stamped with the format this trm-intent reads; the client reads formats 1 and 2 alike."""
    model_dir = copy_model(
        default_model_dir(), tmp_path / "plain", format_version=FORMAT_VERSION, strip_added_tokens=True
    )
    clf = IntentClassifier(model_dir)
    records = odd_records()
    rc, answers, stderr = run_client(node, model_dir, records)
    assert rc == 0, stderr
    problems, _ = compare(clf, records, answers)
    assert not problems, f"{len(problems)} disagreements, e.g.\n" + "\n".join(problems[:10])
    other = copy_model(model_dir, tmp_path / "other", format_version=3 - FORMAT_VERSION)
    assert run_client(node, other, records[:50])[1] == answers[:50]


def test_node_client_strips_window_fields_as_python_does(node: str) -> None:
    """The client's whitespace set is Python's str.strip(), which WindowContext applies too."""
    script = (
        "import * as m from './classify.mjs';"
        "const cps = (s) => [...s].map((c) => c.codePointAt(0));"
        "console.log(JSON.stringify(cps(m.PY_STRIP)));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=NODE_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    py_space = [c for c in range(0x110000) if chr(c).isspace()]
    assert sorted(json.loads(done.stdout)) == py_space
    candidates = py_space + [0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    window = [c for c in candidates if WindowContext(app_name=f"{chr(c)}a{chr(c)}").app_name == "a"]
    assert window == py_space


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("tokenizer", "tokenizer.json: SHA-256"),
        ("onnx", "model.onnx: SHA-256"),
        ("format", "format_version 99 is not supported"),
    ],
)
def test_node_client_refuses_a_broken_model_directory(
    node: str, tmp_path: Path, change: str, message: str
) -> None:
    model_dir = copy_model(default_model_dir(), tmp_path / "broken")
    meta_path = model_dir / "trm_intent.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if change == "tokenizer":
        with (model_dir / "tokenizer.json").open("a", encoding="utf-8") as fh:
            fh.write(" ")
    elif change == "onnx":
        meta["onnx_sha256"] = "0" * 64
    else:
        meta["format_version"] = 99
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    rc, answers, stderr = run_client(node, model_dir, [{"transcript": "git status"}])
    assert rc != 0 and not answers
    assert message in stderr and str(model_dir) in stderr


def test_node_client_refuses_what_python_refuses(node: str) -> None:
    """A record Python cannot classify is an error line (the others are answered); exit status 1."""
    bad = [
        {"transcript": "abc\ud800def"},
        {"transcript": "\udc00"},
        {"transcript": 5},
        {"transcript": None},
        {"context": {"app_name": "Terminal"}},
        {"transcript": "git status", "context": "Terminal"},
        {"transcript": "git status", "context": ["Terminal"]},
        {"transcript": "git status", "context": {"app_name": 5}},
        {"transcript": "git status", "context": {"window_title": {"a": 1}}},
    ]
    clf = IntentClassifier()
    for record in bad:
        with pytest.raises((TypeError, ValueError, KeyError)):
            clf.classify(record["transcript"], record.get("context"))
    good = {"transcript": "git status", "context": {"app_name": "Terminal"}}
    records = [good, *bad, good]
    rc, answers, _ = run_client(node, default_model_dir(), records)
    assert rc == 1 and len(answers) == len(records)
    assert [("error" in a) for a in answers] == [False] + [True] * len(bad) + [False]
    problems, _ = compare(clf, [good, good], [answers[0], answers[-1]])
    assert not problems, problems
