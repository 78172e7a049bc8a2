"""Ablation report: a set of exported models, the bundled model and the baselines (TF-IDF +
logistic regression, vozctl's rule matcher) side by side.

    python benchmarks/ablation.py [--configs training/configs/ablation_recursion.json]
                                  [--models runs/ablation] [--out benchmarks/ABLATION.md] [--calls N]

What is compared is data: ``--configs`` is a configurations file of
``python -m trm_intent.training.sweep`` (``{name: TrainConfig fields}``), whose entries may carry a
``description`` (shown in the report) and ``against`` (the run it is paired with in the McNemar
tests). The models are the exported runs ``MODELS/<name>`` of that file; any other model directory
under ``--models`` is reported too, without a pairing. The default is the current ablation, the
shipped recipe against the network applied once, a plain 4-layer transformer and no window context.

Each model is scored on ITS OWN held-out split (val_fraction and seed from its trm_intent.json;
a different seed is a different split) and on ../shared/eval/dev_eval.jsonl when that file exists
(read only, never trained on). Measured: accuracy (ambiguous-tagged records left out, as
`trm-intent eval` counts it), macro-F1, ECE, accuracy per dev-eval source and per app kind, mean
confidence on ambiguous records, risk-coverage, robustness to recogniser-style perturbations,
paired McNemar tests, and warm single-thread classify() p50. Writes the Markdown and
accuracy_vs_latency.png beside it. Findings are written by people, in the model card.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import math
import os
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from tqdm import tqdm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import latency  # noqa: E402  (benchmarks/ is not a package)
import peers  # noqa: E402
import suite  # noqa: E402
from trm_intent.training.augment import digits_to_words, edit_random_word, words_to_digits  # noqa: E402
from trm_intent.training.sweep import read_configs  # noqa: E402

from trm_intent import IntentClassifier, LabeledRecord, WindowContext, default_model_dir, load_records  # noqa: E402
from trm_intent.dataset import data_hash, split_records  # noqa: E402
from trm_intent.evaluate import AMBIGUOUS, mcnemar, score  # noqa: E402
from trm_intent.evaluate import predict as evaluate_predict  # noqa: E402

DATA, DEV_EVAL = suite.DATA, suite.DEV_EVAL
CONFIGS = ROOT / "training" / "configs" / "ablation_recursion.json"
MODELS = ROOT / "runs" / "ablation"
COVERAGES = (0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
BASELINES = ("fasttext", "tfidf", "rules")
SETS = ("val", "dev")
log = logging.getLogger("ablation")


# -- perturbations ---------------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s']+")
HOMOPHONES = {
    "to": "two",
    "two": "to",
    "too": "to",
    "for": "four",
    "four": "for",
    "right": "write",
    "write": "right",
    "there": "their",
    "their": "there",
    "know": "no",
    "no": "know",
    "new": "knew",
    "line": "lion",
    "tab": "tap",
    "up": "app",
    "down": "town",
    "left": "lift",
    "next": "necks",
    "copy": "coffee",
    "paste": "based",
    "save": "safe",
    "find": "fine",
    "word": "world",
    "cut": "cat",
    "undo": "and do",
    "close": "clothes",
    "go": "so",
    "the": "a",
    "a": "the",
    "one": "won",
    "eight": "ate",
    "see": "sea",
}


def mishear(text: str, seed: int = 0) -> str:
    """One word replaced by a plausible mis-hearing: a homophone-table entry when the utterance has
    one, else one letter of a random 3+-letter word dropped or two adjacent letters swapped. Seeded by
    the text itself, so every model sees the same perturbed copy."""
    rng = random.Random(f"{seed}:{text}")
    words = text.split(" ")
    homo = [i for i, w in enumerate(words) if w.lower().strip(".,!?;:") in HOMOPHONES]
    if homo:
        i = rng.choice(homo)
        core = words[i].lower().strip(".,!?;:")
        words[i] = words[i].lower().replace(core, HOMOPHONES[core], 1)
        return " ".join(words)
    return edit_random_word(text, rng, lambda w: _drop_or_swap_letter(w, rng))


def _drop_or_swap_letter(w: str, rng: random.Random) -> str:
    j = rng.randrange(len(w) - 1)
    return w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2 :]


MISHEAR_DRAWS = 3
PERTURBATIONS: dict[str, list[Callable[[str], str]]] = {
    "lower-case": [str.lower],
    "no punctuation": [lambda t: " ".join(_PUNCT.sub(" ", t).split()) or t],
    "numbers as words": [digits_to_words],
    "numbers as digits": [words_to_digits],
    # Which word is mis-heard is a draw; three draws per record keep one unlucky draw from
    # moving the figure by a point.
    "one mis-heard word": [functools.partial(mishear, seed=i) for i in range(MISHEAR_DRAWS)],
}


def perturbed(
    records: Sequence[LabeledRecord], fns: Sequence[Callable[[str], str]]
) -> tuple[list[LabeledRecord], int]:
    """One perturbed copy of ``records`` per function, concatenated; and how many records the
    first copy changed."""
    out = [r.model_copy(update={"transcript": fn(r.transcript)}) for fn in fns for r in records]
    return out, sum(o.transcript != r.transcript for o, r in zip(out, records))


# -- the models of an ablation ---------------------------------------------------------------------


@dataclass
class Ablation:
    """What to run: (name, model directory) pairs, their descriptions, the (A, B) pairs to test."""

    models: list[tuple[str, Path]]
    descriptions: dict[str, str]
    pairs: list[tuple[str, str]]
    how: str  # how the models were made, for the report


def _display(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def is_model_dir(d: Path) -> bool:
    return d.is_dir() and all(
        (d / name).is_file() for name in ("model.onnx", "window.onnx", "trm_intent.json")
    )


def ablation_of(configs: Path, models_dir: Path) -> Ablation:
    """The bundled model, then the runs of ``configs`` exported under ``models_dir`` (file order),
    then any other model directory there; the pairs are the runs' ``against`` entries."""
    runs = read_configs(configs)
    models = [("bundled", default_model_dir())]
    descriptions = {"bundled": "the bundled model (src/trm_intent/models/default)"}
    found: dict[str, Path] = {}
    if models_dir.is_dir():
        found = {d.name: d for d in sorted(models_dir.iterdir()) if is_model_dir(d)}
    missing = [n for n in runs if n not in found]
    if missing:
        log.warning("%s: no exported model %s", _display(models_dir), ", ".join(missing))
    for name, run in runs.items():
        if name in found:
            models.append((name, found[name]))
            descriptions[name] = run.description
    models += [(n, d) for n, d in found.items() if n not in runs]
    pairs = [(r.against, n) for n, r in runs.items() if r.against and {n, r.against} <= found.keys()]
    how = (
        f"the runs of `{_display(configs)}`, trained with `python -m trm_intent.training.sweep --data "
        f"data/labeled_intents.jsonl --configs {_display(configs)} --out {_display(models_dir)}` and "
        f"exported with `trm-intent export --checkpoint {_display(models_dir)}/<name>.run/best.pt --out "
        f"{_display(models_dir)}/<name> --data data/labeled_intents.jsonl`; `bundled` is "
        "src/trm_intent/models/default"
    )
    return Ablation(models, descriptions, pairs, how)


@dataclass
class Variant:
    name: str
    what: str
    f_per_step: str
    kind: str  # "trm" or "baseline"
    predict: Callable[[Sequence[LabeledRecord]], list[Any]]  # -> objects with intent, confidence, steps
    call: Callable[[str, object], Any]  # one timed call
    val: list[LabeledRecord]
    split_note: str
    has_confidence: bool = True
    n_sup: int | None = None
    best_epoch: int | None = None  # the epoch kept (best held-out accuracy); TRMs only
    planned_epochs: int | None = None  # the epochs the run was configured for; TRMs only
    soup_members: int = 0  # a weight soup: the runs averaged (it has no epoch of its own)
    command_threshold: float = 0.5  # the decision the results were made at (a TRM's own threshold)
    result: dict[str, Any] = field(default_factory=dict)


def trm_variant(
    name: str, model_dir: Path, records: Sequence[LabeledRecord], what: str = ""
) -> tuple[Variant, IntentClassifier]:
    clf = IntentClassifier(model_dir, threads=1)
    cfg, tr = clf.meta.config, clf.meta.training
    if tr.data_sha256 != data_hash(records):
        # Another data revision reshuffles the split: its held-out set would hold training records.
        raise ValueError(
            f"{model_dir} was trained on other data (data_sha256 {tr.data_sha256[:12]}...); "
            "train and export it again on this data"
        )
    split = split_records(records, tr.val_fraction, tr.seed)
    f = f"{cfg.T * (cfg.n + 1) if cfg.recursive else 1} (×{cfg.layers} layers)"

    def predict(recs: Sequence[LabeledRecord]) -> list[Any]:
        return evaluate_predict(clf, recs, batch=128)

    what = what or (
        f"T={cfg.T}, n={cfg.n}, N_sup={cfg.n_sup}, {cfg.layers} layers, hidden {cfg.hidden}"
        + ("" if cfg.recursive else ", applied once")
    )
    variant = Variant(
        name,
        what,
        f,
        "trm",
        predict,
        clf.classify,
        split.val,
        f"own split: val_fraction {tr.val_fraction}, seed {tr.seed}",
        n_sup=cfg.n_sup,
        best_epoch=tr.epochs,
        planned_epochs=tr.planned_epochs,
        soup_members=len(tr.soup),
        command_threshold=clf.command_threshold,
    )
    return variant, clf


def baseline_variant(
    which: str, ref: IntentClassifier, train: Sequence[LabeledRecord], val: list[LabeledRecord], note: str
) -> Variant:
    build = {"fasttext": lambda: peers.fasttext_peer(ref, train), "tfidf": lambda: peers.tfidf_lr(ref, train)}
    peer = build.get(which, peers.rules)()

    def predict(recs: Sequence[LabeledRecord]) -> list[Any]:
        labels = peer.predict_all([r.transcript for r in recs], [r.context for r in recs])
        # A label without a probability: the one it gives is certain (score() reads probabilities).
        return [
            SimpleNamespace(
                intent=lab,
                confidence=1.0,
                steps=0,
                probabilities={"command": float(lab == "command"), "dictation": float(lab != "command")},
                segments=[],  # one span: the whole transcript has the label
            )
            for lab in labels
        ]

    what = {
        "fasttext": "fastText: word bigrams, char n-grams 2-5, dim 64, context kind (benchmarks/peers.py)",
        "tfidf": "TF-IDF word 1-2 grams + context kind, logistic regression (benchmarks/peers.py)",
    }.get(which, "vozctl's rules (benchmarks/rule_matcher.py), ignores the window")
    return Variant(peer.name, what, "-", "baseline", predict, peer.predict, val, note, has_confidence=False)


# -- metrics -----------------------------------------------------------------------------------------------


def source_group(r: LabeledRecord) -> str:
    return (r.source or "-").split(":", 1)[0]


def coverage_acc(conf: np.ndarray, correct: np.ndarray, cov: float) -> float:
    """Accuracy on the most-confident ``cov`` share of the records (stable order on ties)."""
    k = max(1, int(round(cov * len(conf))))
    order = np.argsort(-conf, kind="stable")[:k]
    return float(correct[order].mean())


def set_metrics(
    recs: Sequence[LabeledRecord],
    results: Sequence[Any],
    kinds: Sequence[str],
    has_conf: bool,
    command_threshold: float = 0.5,
) -> dict[str, Any]:
    """Metrics of ``results``, decided at ``command_threshold`` (the model's own)."""
    rep = score(recs, results, command_threshold)
    scored = np.array([AMBIGUOUS not in r.tags for r in recs])
    correct = np.array([r.label == p.intent for r, p in zip(recs, results)])
    conf = np.array([p.confidence for p in results])
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_src: dict[str, list[bool]] = defaultdict(list)
    for r, k, ok, s in zip(recs, kinds, correct, scored):
        if s:
            by_kind[k].append(bool(ok))
            by_src[source_group(r)].append(bool(ok))
    m: dict[str, Any] = {
        "n": int(scored.sum()),
        "accuracy": rep.accuracy,
        "macro_f1": rep.macro_f1,
        "ece": rep.ece if has_conf else None,
        "mean_conf": rep.mean_confidence if has_conf else None,
        "mean_conf_ambiguous": rep.mean_confidence_ambiguous if has_conf else None,
        "n_ambiguous": int((~scored).sum()),
        "mean_steps": rep.mean_steps,
        "by_kind": {k: {"n": len(v), "accuracy": float(np.mean(v))} for k, v in sorted(by_kind.items())},
        "by_source": {k: {"n": len(v), "accuracy": float(np.mean(v))} for k, v in sorted(by_src.items())},
        "correct": correct[scored].tolist(),
        "segments": rep.segmentation.model_dump(exclude={"by_source"}),
    }
    if has_conf:
        m["coverage"] = {str(c): coverage_acc(conf[scored], correct[scored], c) for c in COVERAGES}
    return m


def measure_latency(
    variants: Sequence[Variant], items: Sequence[tuple[str, object]], calls: int, rounds: int = 4
) -> None:
    """Warm single-call p50 per variant, in interleaved rounds (load drifting on a shared machine hits
    every variant alike); all variants see the same utterances."""
    per_round = max(1, calls // rounds)
    times: dict[str, list[np.ndarray]] = {v.name: [] for v in variants}
    for v in variants:  # warm-up
        suite.time_calls(v.call, items, min(200, calls), warmup=50)
    bar = tqdm(total=rounds * len(variants), desc="latency", leave=False)
    for r in range(rounds):
        chunk = list(items[(r * per_round) % len(items) :][:per_round]) or list(items[:per_round])
        for v in variants:
            times[v.name].append(suite.time_calls(v.call, chunk, per_round, warmup=20))
            bar.update()
    bar.close()
    for v in variants:
        s = suite.stats_ms(np.concatenate(times[v.name]))
        v.result["latency"] = s


def run_ablation(
    models: Sequence[tuple[str, Path]],
    *,
    descriptions: Mapping[str, str] | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    how: str = "",
    baselines: Sequence[str] = BASELINES,
    calls: int = 2000,
    data: Path = DATA,
    dev_path: Path = DEV_EVAL,
) -> dict[str, Any]:
    """Evaluate ``models`` ((name, dir) pairs; the first is the reference whose split trains the
    baselines and which is paired with each baseline) and the ``baselines``; ``pairs`` are the
    (A, B) model names to test against each other. Returns a JSON-able dict, one row per variant."""
    started = time.perf_counter()
    descriptions = descriptions or {}
    records, _ = load_records(data)
    dev = load_records(dev_path)[0] if dev_path.is_file() else None
    log.info(
        "%d labeled records; dev-eval %s",
        len(records),
        f"{len(dev)} records" if dev else "not present (skipped)",
    )
    variants: list[Variant] = []
    ref: IntentClassifier | None = None
    for name, d in tqdm(models, desc="loading models", leave=False):
        v, clf = trm_variant(name, d, records, descriptions.get(name, ""))
        variants.append(v)
        ref = ref or clf
    if ref is None:
        raise ValueError("no models given")
    ref_split = split_records(records, ref.meta.training.val_fraction, ref.meta.training.seed)
    note = (
        f"trained on the {models[0][0]} model's training split ({len(ref_split.train)} records), scored on "
        "its held-out split"
    )
    for b in baselines:
        log.info("building baseline %s", b)
        variants.append(baseline_variant(b, ref, ref_split.train, ref_split.val, note))

    def kinds_of(recs: Sequence[LabeledRecord]) -> list[str]:
        return [ref.meta.context.kind(WindowContext.coerce(r.context)) for r in recs]

    dev_kinds = kinds_of(dev) if dev else []
    pert_dev = {p: perturbed(dev, fns) for p, fns in PERTURBATIONS.items()} if dev else {}
    for v in tqdm(variants, desc="accuracy + robustness"):
        sets: dict[str, tuple[list[LabeledRecord], list[str]]] = {"val": (v.val, kinds_of(v.val))}
        if dev:
            sets["dev"] = (dev, dev_kinds)
        for s, (recs, kinds) in sets.items():
            v.result[s] = set_metrics(recs, v.predict(recs), kinds, v.has_confidence, v.command_threshold)
        rob: dict[str, dict[str, Any]] = {}
        for p, fns in PERTURBATIONS.items():
            rob[p] = {}
            for s, (recs, _kinds) in sets.items():
                prec, changed = pert_dev[p] if s == "dev" else perturbed(recs, fns)
                acc = score(prec, v.predict(prec), v.command_threshold).accuracy
                rob[p][s] = {
                    "accuracy": acc,
                    "drop_pts": 100 * (v.result[s]["accuracy"] - acc),
                    "changed": changed,
                }
        v.result["robustness"] = rob
        log.info(
            "%-28s held-out %.4f%s",
            v.name,
            v.result["val"]["accuracy"],
            f"  dev {v.result['dev']['accuracy']:.4f}" if dev else "",
        )

    log.info("latency: %d warm calls per variant, 1 thread, interleaved", calls)
    measure_latency(variants, latency.utterances(data), calls)

    rows = [
        {
            "name": v.name,
            "what": v.what,
            "kind": v.kind,
            "f_per_step": v.f_per_step,
            "n_sup": v.n_sup,
            "best_epoch": v.best_epoch,
            "planned_epochs": v.planned_epochs,
            "soup_members": v.soup_members,
            "command_threshold": v.command_threshold,
            "split": v.split_note,
            "val_records": len(v.val),
            **v.result,
        }
        for v in variants
    ]
    baseline_names = [v.name for v in variants if v.kind == "baseline"]
    return {
        "rows": rows,
        "comparisons": comparisons(rows, [*pairs, *((rows[0]["name"], b) for b in baseline_names)]),
        "how": how,
        "dev_present": dev is not None,
        "dev_records": len(dev) if dev else 0,
        "calls": calls,
        "machine": suite.machine(),
        "seconds": time.perf_counter() - started,
        "load_end": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "data": {"path": _display(data), "records": len(records), "sha256": data_hash(records)},
    }


def comparisons(rows: Sequence[dict[str, Any]], pairs: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Paired tests of each (A, B) in ``pairs`` on the records both were scored on: dev-eval always;
    held-out when both are on the same split (a baseline is on its reference model's split)."""
    by = {r["name"]: r for r in rows}
    out = []
    for a, b in pairs:
        if a not in by or b not in by:
            continue
        for s in SETS:
            if s not in by[a] or s not in by[b]:
                continue
            if s == "val" and by[a]["split"] != by[b]["split"] and by[b]["kind"] == "trm":
                continue
            t = mcnemar(by[a][s]["correct"], by[b][s]["correct"])
            out.append(
                {"a": a, "b": b, "set": s, "acc_a": by[a][s]["accuracy"], "acc_b": by[b][s]["accuracy"], **t}
            )
    return out


# -- Markdown ------------------------------------------------------------------------------------------------


def _pct(x: float | None, digits: int = 1) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.{digits}f}"


def _f(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def render(R: dict[str, Any], png_name: str) -> str:
    """The report, top to bottom: figures only (findings are written by people, in the model card)."""
    rows, m, dev = R["rows"], R["machine"], R["dev_present"]
    main_set = "dev" if dev else "val"
    set_name = "dev-eval" if dev else "held-out"
    L: list[str] = []
    add = L.append
    add("# Ablation: what each part of the TRM buys\n")
    add(
        "Generated by `python benchmarks/ablation.py` "
        f"(--calls {R['calls']}) on {m['date']}, in {R['seconds']:.0f} s.\n"
    )
    add(f"- **Models:** {R['how'] or ', '.join(r['name'] for r in rows if r['kind'] == 'trm')}.")
    d = R["data"]
    add(
        f"- **Data:** {d['path']}, {d['records']} records (sha256 {d['sha256'][:12]}); every model "
        "here was trained on exactly this data (the report refuses any other)."
    )
    add(
        "- **Machine** (latencies are measured in interleaved rounds, so load drifting during the run "
        "hits every variant alike):"
    )
    L.extend("  " + line for line in suite.machine_lines(m, R.get("load_end")))
    add(
        "- **Held-out:** each TRM on its OWN held-out split (val_fraction and seed from its "
        "trm_intent.json; a different seed is a different split, so seed-1 rows are not on the same "
        f"records). The baselines are trained on {rows[0]['name']}'s training split and scored on its "
        "held-out split. Each run kept the epoch with the best held-out accuracy (best.pt), so held-out "
        "numbers are optimistic (the split chose the checkpoint); "
        "dev-eval played no part in training or selection."
    )
    add(
        "- **Dev-eval:** "
        + (
            f"../shared/eval/dev_eval.jsonl ({R['dev_records']} records, read only, "
            "never trained on), the same records for every row."
            if dev
            else "../shared/eval/dev_eval.jsonl is not present here: skipped."
        )
    )
    add(
        "- **Accuracy** leaves out records tagged `ambiguous` (as `trm-intent eval` does); each TRM "
        "decides at its own command threshold (trm_intent.json's `command_threshold`: "
        + ", ".join(f"{r['name']} {r['command_threshold']:.4f}" for r in rows if r["kind"] == "trm")
        + "). Baselines give labels only, so they have no ECE, confidence or risk-coverage.\n"
    )

    add("## All variants\n")
    add(
        f"Macro-F1 and ECE on {set_name}. *f per step*: applications of the network per supervision step "
        "(T·(n+1) for the TRM; 1 for a single pass), its depth in brackets; *steps*: mean supervision steps "
        f"run on {set_name} (early exit) / N_sup; *epoch*: the epoch kept (best held-out accuracy) / the "
        "epochs the run was configured for (a weight soup: how many runs' weights it averages). "
        f"p50: warm classify() (or the baseline's per-call predict), 1 thread, {R['calls']} calls on "
        "the same utterances.\n"
    )
    add(
        "| variant | what it is | f per step | steps | epoch | held-out acc % | dev-eval acc % | macro-F1 | "
        "ECE | p50 ms |"
    )
    add("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        steps = f"{r[main_set]['mean_steps']:.2f} / {r['n_sup']}" if r["kind"] == "trm" else "-"
        if r.get("soup_members"):
            epoch = f"soup of {r['soup_members']}"
        elif r.get("best_epoch"):
            epoch = f"{r['best_epoch']} / {r['planned_epochs'] or '?'}"
        else:
            epoch = "-"
        add(
            f"| {r['name']} | {r['what']} | {r['f_per_step']} | {steps} | {epoch} | "
            f"{_pct(r['val']['accuracy'])} (n={r['val']['n']}) | "
            f"{_pct(r['dev']['accuracy']) if dev else '-'} | "
            f"{_f(r[main_set]['macro_f1'])} | {_f(r[main_set]['ece'])} | {r['latency']['p50_ms']:.3f} |"
        )
    if dev:
        add(
            f"\nOne dev-eval record is {100 / rows[0]['dev']['n']:.2f} points; the binomial standard error "
            f"of a ~95% accuracy on {rows[0]['dev']['n']} records is about "
            f"{100 * math.sqrt(0.95 * 0.05 / rows[0]['dev']['n']):.1f} points "
            f"(held-out, {rows[0]['val']['n']} records: about "
            f"{100 * math.sqrt(0.95 * 0.05 / rows[0]['val']['n']):.1f})."
        )
    add(f"\n![accuracy vs latency]({png_name})\n")

    add("## Segments\n")
    add(
        "Held-out, each TRM at its own threshold: on the mixed records (words of both labels), the share "
        "of words labelled right and of records cut exactly right; boundary precision and recall over all "
        "records; the share of one-label records answered with one segment (held-out / dev-eval). "
        "Baselines give one segment.\n"
    )
    add("| variant | mixed records | word accuracy | exact | boundary P | boundary R | one segment (plain) |")
    add("|---|---|---|---|---|---|---|")
    for r in rows:
        sv, sd = r["val"]["segments"], r["dev"]["segments"] if dev else None
        plain = f"{_f(sv['one_segment_plain'])} / {_f(sd['one_segment_plain']) if sd else '-'}"
        add(
            f"| {r['name']} | {sv['mixed']} | {_f(sv['word_accuracy_mixed'])} | {_f(sv['exact_mixed'])} | "
            f"{_f(sv['boundary_precision'])} | {_f(sv['boundary_recall'])} | {plain} |"
        )
    add("")

    add("## Paired comparisons\n")
    add(
        "Exact McNemar test on the records both were scored on (held-out only where the splits are the "
        "same). *only A* / *only B*: records only that one gets right.\n"
    )
    add("| A | B | set | acc A % | acc B % | only A | only B | p |")
    add("|---|---|---|---|---|---|---|---|")
    for c in R["comparisons"]:
        add(
            f"| {c['a']} | {c['b']} | {'dev-eval' if c['set'] == 'dev' else 'held-out'} | "
            f"{_pct(c['acc_a'])} | {_pct(c['acc_b'])} | {c['only_a']} | {c['only_b']} | {c['p']:.3f} |"
        )

    add(f"\n## Slices ({set_name})\n")
    srcs = sorted({k for r in rows for k in r[main_set]["by_source"]})
    kinds = sorted(
        {k for r in rows for k in r[main_set]["by_kind"]},
        key=lambda k: -rows[0][main_set]["by_kind"].get(k, {"n": 0})["n"],
    )
    ref = rows[0][main_set]
    add(
        f"Accuracy % per source repository and per app kind ({rows[0]['name']}'s context tables); "
        "mean confidence on `ambiguous`-tagged records against the rest.\n"
    )
    head = [f"{s} (n={ref['by_source'].get(s, {'n': 0})['n']})" for s in srcs] + [
        f"{k} ({ref['by_kind'].get(k, {'n': 0})['n']})" for k in kinds
    ]
    add("| variant | " + " | ".join(head) + " | conf ambiguous | conf rest |")
    add("|---|" + "---|" * (len(head) + 2))
    for r in rows:
        s = r[main_set]
        cells = [_pct(s["by_source"].get(k, {}).get("accuracy")) for k in srcs] + [
            _pct(s["by_kind"].get(k, {}).get("accuracy")) for k in kinds
        ]
        add(
            f"| {r['name']} | "
            + " | ".join(cells)
            + f" | {_f(s['mean_conf_ambiguous'])} (n={s['n_ambiguous']}) | {_f(s['mean_conf'])} |"
        )

    add("\n## Risk-coverage\n")
    trm_rows = [r for r in rows if r["kind"] == "trm"]
    b = rows[0]
    add(f"{b['name']}: accuracy % on the most-confident share of the (non-ambiguous) records.\n")
    add("| set | " + " | ".join(f"{int(100 * c)}%" for c in COVERAGES) + " |")
    add("|---|" + "---|" * len(COVERAGES))
    for s in SETS:
        if s in b:
            add(
                f"| {'dev-eval' if s == 'dev' else 'held-out'} | "
                + " | ".join(_pct(b[s]["coverage"][str(c)]) for c in COVERAGES)
                + " |"
            )
    add(
        "\nEvery TRM variant: accuracy % at 90% coverage (the 10% least-confident answers dropped) "
        "against all.\n"
    )
    add("| variant | held-out 90% | held-out 100% | dev-eval 90% | dev-eval 100% |")
    add("|---|---|---|---|---|")
    for r in trm_rows:
        dv = f"{_pct(r['dev']['coverage']['0.9'])} | {_pct(r['dev']['coverage']['1.0'])}" if dev else "- | -"
        add(
            f"| {r['name']} | {_pct(r['val']['coverage']['0.9'])} | {_pct(r['val']['coverage']['1.0'])} "
            f"| {dv} |"
        )

    add("\n## Robustness to recogniser noise\n")
    add(
        "Drop in accuracy points from the clean set (positive = worse), held-out / dev-eval. Lower-case: "
        "the whole transcript; no punctuation: `[^\\w\\s']` removed; numbers as words / digits: "
        "training/augment.py's digits_to_words / words_to_digits; one mis-heard word: a small homophone "
        "table (to/two, right/write, line/lion, copy/coffee, ...) when the utterance has such a word, "
        "else one letter of a random 3+-letter word dropped or two adjacent letters swapped (seeded by "
        f"the text, the same copies for every model; {MISHEAR_DRAWS} draws per record, the drop is "
        "over all copies). Training's slips (training/augment.py) swap a sound, add or drop a plural s "
        "or drop a filler word; no recipe trains on the homophone table. "
        "Records the perturbation changes (the first draw), of "
        "held-out / dev-eval: "
        + "; ".join(
            f"{p}: {b['robustness'][p]['val']['changed']}"
            + (f" / {b['robustness'][p]['dev']['changed']}" if dev else "")
            for p in PERTURBATIONS
        )
        + ".\n"
    )
    add("| variant | " + " | ".join(PERTURBATIONS) + " |")
    add("|---|" + "---|" * len(PERTURBATIONS))
    for r in rows:
        cells = []
        for p in PERTURBATIONS:
            x = r["robustness"][p]
            cells.append(f"{x['val']['drop_pts']:+.1f}" + (f" / {x['dev']['drop_pts']:+.1f}" if dev else ""))
        add(f"| {r['name']} | " + " | ".join(cells) + " |")
    return "\n".join(L) + "\n"


def plot(R: dict[str, Any], path: Path) -> None:
    """Left: every variant and baseline (log x). Right: the TRM variants zoomed in, each labelled."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = "dev" if R["dev_present"] else "val"
    fig, (ax_all, ax_trm) = plt.subplots(1, 2, figsize=(13, 6), gridspec_kw={"width_ratios": [1, 1.4]})
    for ax, rows in ((ax_all, R["rows"]), (ax_trm, [r for r in R["rows"] if r["kind"] == "trm"])):
        for i, r in enumerate(sorted(rows, key=lambda r: r["latency"]["p50_ms"])):
            x, y = r["latency"]["p50_ms"], 100 * r[s]["accuracy"]
            color = (
                "tab:red"
                if r["kind"] == "baseline"
                else "tab:green"
                if r["name"] == "bundled"
                else "tab:blue"
            )
            ax.scatter([x], [y], color=color, s=30, zorder=3)
            if ax is ax_trm or r["kind"] == "baseline" or r["name"] == "bundled":
                dy = (6, -10)[i % 2] if ax is ax_trm else 4
                ax.annotate(r["name"], (x, y), textcoords="offset points", xytext=(4, dy), fontsize=7)
        ax.grid(alpha=0.3)
        ax.set_xlabel("p50 latency per call, ms (1 thread, warm)")
    ax_all.set_xscale("log")
    ax_all.set_title("all variants and baselines", fontsize=9)
    ax_trm.set_title("TRM variants (zoomed)", fontsize=9)
    ax_all.set_ylabel(f"{'dev-eval' if s == 'dev' else 'held-out'} accuracy % (ambiguous left out)")
    fig.suptitle(f"trm-intent ablation: accuracy vs latency - {R['machine']['cpu']}", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--configs",
        type=Path,
        default=CONFIGS,
        help=f"the ablation: a sweep configurations file (default {_display(CONFIGS)})",
    )
    p.add_argument(
        "--models", type=Path, default=MODELS, help="directory of the exported runs (MODELS/<name>)"
    )
    p.add_argument("--out", type=Path, default=HERE / "ABLATION.md", help="Markdown to write (PNG beside it)")
    p.add_argument("--calls", type=int, default=2000, help="warm timed calls per variant")
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--json", type=Path, help="also write the raw results here")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    try:
        ab = ablation_of(args.configs, args.models)
    except ValueError as exc:
        p.error(str(exc))
    log.info("%d models: %s", len(ab.models), ", ".join(n for n, _ in ab.models))
    R = run_ablation(
        ab.models, descriptions=ab.descriptions, pairs=ab.pairs, how=ab.how, calls=args.calls, data=args.data
    )
    # ABLATION.md's plot is accuracy_vs_latency.png; ABLATION_<x>.md's is accuracy_vs_latency_<x>.png.
    suffix = args.out.stem.removeprefix("ABLATION").lstrip("_")
    png = args.out.with_name(f"accuracy_vs_latency{'_' + suffix if suffix else ''}.png")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plot(R, png)
    args.out.write_text(render(R, png.name), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(R, indent=1, default=str), encoding="utf-8")
    log.info("wrote %s and %s (%.0f s)", args.out, png, R["seconds"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
