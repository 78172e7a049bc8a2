"""Ablation report: every exported TRM variant under runs/ablation, the bundled model and the
baselines (TF-IDF + logistic regression, vozctl's rule matcher) side by side.

    python benchmarks/ablation.py [--models runs/ablation] [--out benchmarks/ABLATION.md] [--calls N]

Each model is scored on ITS OWN held-out split (val_fraction and seed from its trm_intent.json;
a different seed is a different split) and on ../shared/eval/dev_eval.jsonl when that file exists
(read only, never trained on). Measured: accuracy (ambiguous-tagged records left out, as
`trm-intent eval` counts it), macro-F1, ECE, accuracy per dev-eval source and per app kind, mean
confidence on ambiguous records, risk-coverage, robustness to recogniser-style perturbations, and
warm single-thread classify() p50. Writes the Markdown and accuracy_vs_latency.png beside it.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import math
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
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

from trm_intent import IntentClassifier, LabeledRecord, WindowContext, default_model_dir, load_records  # noqa: E402
from trm_intent.dataset import data_hash, split_records  # noqa: E402
from trm_intent.evaluate import AMBIGUOUS, score  # noqa: E402
from trm_intent.evaluate import predict as evaluate_predict  # noqa: E402

DATA, DEV_EVAL = suite.DATA, suite.DEV_EVAL
TRAIN_COMMAND = ("`python -m trm_intent.training.sweep --data data/labeled_intents.jsonl "
                 "--configs training/configs/ablation_core.json --out runs/ablation --jobs 2` "
                 "and the same with `training/configs/ablation_size.json` (depth and width: N_sup=2, "
                 "T, n, hidden 32/96/128), `training/configs/ablation_vocab.json` (BPE vocabulary 1,024 and "
                 "4,096) and `training/configs/ablation_long.json` (48 epochs, with the "
                 "24-epoch twins of seeds 2 and 3) "
                 "(this 2-core CPU; `ablation.json` holds the wider set, for a GPU: "
                 "`--device cuda`), "
                 "then `trm-intent export --checkpoint runs/ablation/<name>.run/best.pt "
                 "--out runs/ablation/<name> --data data/labeled_intents.jsonl` per model; "
                 "trm_t1n1 and trm_t1n1_seed1 (in ablation_core.json) are the 24-epoch recipe without "
                 "dropout, the default until 2026-11-24; `training/configs/ablation_dropout.json` adds "
                 "dropout 0.1 at 24 and 48 epochs (and 0.2, and hidden 96, at 48), and dropout10_e48* is the "
                 "shipped recipe "
                 "(`trm-intent train --seed N` with the defaults), and `ablation_recursion.json` repeats "
                 "once_l2, plain_l4 and no_context with it (the *_e48 names); the recipe variants against "
                 "mis-hearing (no_bpe_dropout*, letters*, "
                 "letters_bpe*, and letters35_e48* on the shipped recipe) are "
                 "`training/configs/recipe_mishear.json`, and the distilled kd_* are "
                 "`training/configs/distill.json` (teachers: the exported ablation models of the "
                 "same seed), trained the same way; member_init1/2 are `training/configs/ensemble.json` "
                 "(seed 0's split, init seeds 1 and 2) and the ens* models stack them with trm_t1n1: "
                 "`trm-intent export --checkpoint A.run/best.pt B.run/best.pt ... --out "
                 "runs/ablation/<name> --data data/labeled_intents.jsonl`; the shipped recipe's "
                 "seeded_bpe_dropout* (`trm-intent train --seed N`), member48_*, ens48_* and kd48_* "
                 "(`--models runs/ablation_ens --out benchmarks/ABLATION_shipped_runs.md`) are "
                 "`training/configs/ensemble_e48.json` and `distill_e48.json` trained into "
                 "runs/ablation_ens and exported the same way; the members and students were trained "
                 "with the tokenizers library's unseeded BPE-dropout, as the bundle was")
COVERAGES = (0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
BASELINES = ("tfidf", "rules")
SETS = ("val", "dev")
SEED_TWINS = (("trm_t1n1_seed1", "trm_t1n1"), ("letters_bpe_seed1", "letters_bpe"),
              ("letters_seed1", "letters"), ("no_bpe_dropout_seed1", "no_bpe_dropout"),
              ("context_bias_seed1", "context_bias"), ("nsup2_seed1", "nsup2"),
              ("t1n1_e48_seed1", "t1n1_e48"), ("kd_w08_seed1", "kd_w08"),
              ("trm_t1n1_seed2", "trm_t1n1"), ("trm_t1n1_seed3", "trm_t1n1"),
              ("t1n1_e48_seed2", "t1n1_e48"), ("t1n1_e48_seed3", "t1n1_e48"),
              ("member_init1", "trm_t1n1"), ("member_init2", "trm_t1n1"),
              ("dropout10_seed1", "dropout10"), ("dropout10_e48_seed1", "dropout10_e48"),
              ("dropout10_e48_seed2", "dropout10_e48"), ("dropout10_e48_seed3", "dropout10_e48"),
              ("dropout20_e48_seed1", "dropout20_e48"),
              ("dropout10_e48_hidden96_seed1", "dropout10_e48_hidden96"),
              ("letters35_e48_seed1", "letters35_e48"), ("once_l2_e48_seed1", "once_l2_e48"))
DISTILLED = ("kd_w05", "kd_w08", "kd_w08_rep")
# Dropout against the same seed without it: at 24 epochs, and the shipped 48-epoch recipe against
# the 24-epoch recipe it replaced and against 48 epochs without dropout.
DROPOUT_PAIRS = (("trm_t1n1", "dropout10"), ("trm_t1n1_seed1", "dropout10_seed1"),
                 *((f"trm_t1n1{s}", f"dropout10_e48{s}") for s in ("", "_seed1", "_seed2", "_seed3")),
                 *((f"t1n1_e48{s}", f"dropout10_e48{s}") for s in ("", "_seed1", "_seed2", "_seed3")))
# The recursion and context ablation repeated with the shipped recipe (ablation_recursion.json).
SHIPPED_ABLATION = ("once_l2_e48", "plain_l4_e48", "no_context_e48")
SHIPPED_PAIRS = tuple((f"dropout10_e48{s}", f"{v}{s}") for v in SHIPPED_ABLATION for s in ("", "_seed1"))
# Variations of the shipped recipe, each against the shipped recipe's run of the same seed.
RECIPE_VARIANTS = ("dropout20_e48", "dropout10_e48_hidden96", "letters35_e48")
RECIPE_PAIRS = tuple((f"dropout10_e48{s}", f"{v}{s}") for v in RECIPE_VARIANTS for s in ("", "_seed1"))
DISTILL_CONFIG = ROOT / "training" / "configs" / "distill.json"
ENSEMBLES = ("ens_s0_i1", "ens_s0_i2", "ens_i1_i2", "ens3")
# More runs of the shipped recipe, each against the bundle: two with the seeded BPE-dropout, three on
# seed 0's split (ensemble_e48.json), their ensembles and two students distilled from them
# (distill_e48.json).
RUNS_E48 = ("seeded_bpe_dropout", "seeded_bpe_dropout_seed1",
            "member48_init0", "member48_init1", "member48_init2")
ENSEMBLES_E48 = ("ens48_01", "ens48_12", "ens48_3")
DISTILLED_E48 = ("kd48_w05", "kd48_w08")
SIZE_VARIANTS = ("nsup2", "t1n2", "t2n1", "t2n2", "hidden32", "hidden96", "hidden128", "vocab1024",
                 "vocab4096")
log = logging.getLogger("ablation")

DESCRIPTIONS = {
    "bundled": "the bundled model (src/trm_intent/models/default)",
    "trm_t1n1": ("TRM T=1, n=1, N_sup=3, hidden 64, the 24-epoch recipe without dropout "
                 "(the bundle until 2026-11-24)"),
    "trm_t1n1_seed1": "24-epoch recipe, seed 1 (own split)",
    "trm_t1n1_seed2": "24-epoch recipe, seed 2 (own split)",
    "trm_t1n1_seed3": "24-epoch recipe, seed 3 (own split)",
    "no_bpe_dropout": "trm_t1n1 without BPE-dropout (an earlier bundle's recipe)",
    "no_bpe_dropout_seed1": "without BPE-dropout, seed 1 (own split)",
    "letters": "no BPE-dropout, letter slips (a letter dropped, swapped or doubled)",
    "letters_seed1": "no BPE-dropout, letter slips, seed 1 (own split)",
    "letters_bpe": "trm_t1n1 + letter slips",
    "letters_bpe_seed1": "trm_t1n1 + letter slips, seed 1 (own split)",
    "letters_bpe_seed2": "trm_t1n1 + letter slips, seed 2 (own split)",
    "letters_bpe_seed3": "trm_t1n1 + letter slips, seed 3 (own split)",
    "once_l2": "same 2-layer net applied once, no recursion",
    "plain_l4": "plain 4-layer transformer applied once",
    "no_context": "every window mapped to unknown",
    "once_l2_e48": "the shipped recipe, the 2-layer net applied once, no recursion",
    "once_l2_e48_seed1": "the shipped recipe, the 2-layer net applied once, seed 1 (own split)",
    "plain_l4_e48": "the shipped recipe, a plain 4-layer transformer applied once",
    "no_context_e48": "the shipped recipe, every window mapped to unknown",
    "context_bias": "context embedding added to all positions",
    "context_bias_seed1": "context_bias, seed 1 (own split)",
    "context_bias_t1n2": "context_bias with T=1, n=2",
    "nsup1": "N_sup=1 supervision step",
    "slip35": "trm_t1n1 with slip_p 0.35 (recogniser slips on 35% of transcripts)",
    "slip35_seed1": "slip_p 0.35, seed 1 (own split)",
    "hidden96_seed1": "hidden 96, seed 1 (own split)",
    "nsup2": "N_sup=2 supervision steps",
    "nsup2_seed1": "N_sup=2, seed 1 (own split)",
    "t1n2": "T=1, n=2",
    "t2n1": "T=2, n=1",
    "t2n2": "T=2, n=2",
    "hidden32": "hidden 32",
    "hidden96": "hidden 96",
    "hidden128": "hidden 128",
    "vocab1024": "BPE vocabulary 1,024 instead of 2,048",
    "vocab4096": "BPE vocabulary 4,096 instead of 2,048",
    "t1n1_e48": "trm_t1n1 trained 48 epochs instead of 24",
    "t2n1_e48": "T=2, n=1, trained 48 epochs instead of 24",
    "t1n1_e48_seed1": "trained 48 epochs, seed 1 (own split)",
    "t1n1_e48_seed2": "trained 48 epochs, seed 2 (own split)",
    "t1n1_e48_seed3": "trained 48 epochs, seed 3 (own split)",
    "kd_w05": "trm_t1n1 distilled from 5 seed-0 teachers, teacher_weight 0.5",
    "kd_w08": "trm_t1n1 distilled from 5 seed-0 teachers, teacher_weight 0.8",
    "kd_w08_rep": "kd_w08 trained again (same seed; BPE-dropout was not seeded then, so runs differed)",
    "kd_w08_seed1": "teacher_weight 0.8, seed 1 (own split), 3 seed-1 teachers",
    "member_init1": "24-epoch recipe, seed 0's split, init seed 1 (an ensemble member)",
    "member_init2": "24-epoch recipe, seed 0's split, init seed 2 (an ensemble member)",
    "ens_s0_i1": "ensemble of 2 in one graph: trm_t1n1 + member_init1",
    "ens_s0_i2": "ensemble of 2 in one graph: trm_t1n1 + member_init2",
    "ens_i1_i2": "ensemble of 2 in one graph: member_init1 + member_init2",
    "ens3": "ensemble of 3 in one graph: trm_t1n1 + member_init1 + member_init2",
    "seeded_bpe_dropout": ("the shipped recipe with BPE-dropout drawn from the run's seed (the default "
                           "since 2026-11-24), seed 0"),
    "seeded_bpe_dropout_seed1": "the same, seed 1 (own split)",
    "member48_init0": "the shipped recipe trained again, seed 0 (an ensemble member)",
    "member48_init1": "the shipped recipe, seed 0's split, init seed 1 (an ensemble member)",
    "member48_init2": "the shipped recipe, seed 0's split, init seed 2 (an ensemble member)",
    "ens48_01": "ensemble of 2 in one graph: member48_init0 + member48_init1",
    "ens48_12": "ensemble of 2 in one graph: member48_init1 + member48_init2",
    "ens48_3": "ensemble of 3 in one graph: member48_init0, 1 and 2",
    "kd48_w05": "the shipped recipe distilled from member48_init0, 1 and 2, teacher_weight 0.5",
    "kd48_w08": "the shipped recipe distilled from member48_init0, 1 and 2, teacher_weight 0.8",
    "dropout10": "trm_t1n1 + dropout 0.1 (embedding, attention and SwiGLU outputs)",
    "dropout10_seed1": "dropout 0.1, seed 1 (own split)",
    "dropout10_e48": "dropout 0.1, trained 48 epochs: the shipped recipe (this run is the bundle)",
    "dropout10_e48_seed1": "dropout 0.1, 48 epochs, seed 1 (own split)",
    "dropout10_e48_seed2": "dropout 0.1, 48 epochs, seed 2 (own split)",
    "dropout10_e48_seed3": "dropout 0.1, 48 epochs, seed 3 (own split)",
    "dropout20_e48": "dropout 0.2, 48 epochs",
    "dropout20_e48_seed1": "dropout 0.2, 48 epochs, seed 1 (own split)",
    "dropout10_e48_hidden96": "the shipped recipe, hidden 96 (SwiGLU 192)",
    "dropout10_e48_hidden96_seed1": "the shipped recipe, hidden 96, seed 1 (own split)",
    "letters35_e48": "the shipped recipe + letter slips on 35% of transcripts (not 20%)",
    "letters35_e48_seed1": "the shipped recipe + letter slips on 35%, seed 1 (own split)",
}


# -- perturbations ---------------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s']+")
HOMOPHONES = {
    "to": "two", "two": "to", "too": "to", "for": "four", "four": "for", "right": "write", "write": "right",
    "there": "their", "their": "there", "know": "no", "no": "know", "new": "knew", "line": "lion",
    "tab": "tap", "up": "app", "down": "town", "left": "lift", "next": "necks", "copy": "coffee",
    "paste": "based", "save": "safe", "find": "fine", "word": "world", "cut": "cat", "undo": "and do",
    "close": "clothes", "go": "so", "the": "a", "a": "the", "one": "won", "eight": "ate", "see": "sea",
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
    return w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2:]


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


def perturbed(records: Sequence[LabeledRecord],
              fns: Sequence[Callable[[str], str]]) -> tuple[list[LabeledRecord], int]:
    """One perturbed copy of ``records`` per function, concatenated; and how many records the
    first copy changed."""
    out = [r.model_copy(update={"transcript": fn(r.transcript)}) for fn in fns for r in records]
    return out, sum(o.transcript != r.transcript for o, r in zip(out, records))


# -- variants ----------------------------------------------------------------------------------------

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
    result: dict[str, Any] = field(default_factory=dict)


def _display(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def trm_variant(name: str, model_dir: Path,
                records: Sequence[LabeledRecord]) -> tuple[Variant, IntentClassifier]:
    clf = IntentClassifier(model_dir, threads=1)
    cfg, tr = clf.meta.config, clf.meta.training
    if tr.data_sha256 != data_hash(records):
        # Another data revision reshuffles the split: its held-out set would hold training records.
        raise ValueError(f"{model_dir} was trained on other data (data_sha256 {tr.data_sha256[:12]}...); "
                         f"retrain it first: {TRAIN_COMMAND}")
    split = split_records(records, tr.val_fraction, tr.seed)
    f = f"{cfg.T * (cfg.n + 1) if cfg.recursive else 1} (×{cfg.layers} layers)"

    def predict(recs: Sequence[LabeledRecord]) -> list[Any]:
        return evaluate_predict(clf, recs, batch=128)

    what = DESCRIPTIONS.get(name, f"T={cfg.T}, n={cfg.n}, N_sup={cfg.n_sup}, hidden {cfg.hidden}")
    return Variant(name, what, f, "trm", predict, clf.classify, split.val,
                   f"own split: val_fraction {tr.val_fraction}, seed {tr.seed}", n_sup=cfg.n_sup,
                   best_epoch=tr.epochs), clf


def baseline_variant(which: str, ref: IntentClassifier, train: Sequence[LabeledRecord],
                     val: list[LabeledRecord], note: str) -> Variant:
    peer = peers.tfidf_lr(ref, train) if which == "tfidf" else peers.rules()

    def predict(recs: Sequence[LabeledRecord]) -> list[Any]:
        labels = peer.predict_all([r.transcript for r in recs], [r.context for r in recs])
        return [SimpleNamespace(intent=lab, confidence=1.0, steps=0) for lab in labels]

    what = ("TF-IDF word 1-2 grams + context kind, logistic regression (benchmarks/peers.py)"
            if which == "tfidf" else "vozctl's rules (benchmarks/rule_matcher.py), ignores the window")
    return Variant(peer.name, what, "-", "baseline", predict, peer.predict, val, note, has_confidence=False)


# -- metrics -----------------------------------------------------------------------------------------------

def source_group(r: LabeledRecord) -> str:
    return (r.source or "-").split(":", 1)[0]


def coverage_acc(conf: np.ndarray, correct: np.ndarray, cov: float) -> float:
    """Accuracy on the most-confident ``cov`` share of the records (stable order on ties)."""
    k = max(1, int(round(cov * len(conf))))
    order = np.argsort(-conf, kind="stable")[:k]
    return float(correct[order].mean())


def set_metrics(recs: Sequence[LabeledRecord], results: Sequence[Any], kinds: Sequence[str],
                has_conf: bool) -> dict[str, Any]:
    rep = score(recs, results)
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
        "n": int(scored.sum()), "accuracy": rep.accuracy, "macro_f1": rep.macro_f1,
        "ece": rep.ece if has_conf else None,
        "mean_conf": rep.mean_confidence if has_conf else None,
        "mean_conf_ambiguous": rep.mean_confidence_ambiguous if has_conf else None,
        "n_ambiguous": int((~scored).sum()),
        "mean_steps": rep.mean_steps,
        "by_kind": {k: {"n": len(v), "accuracy": float(np.mean(v))} for k, v in sorted(by_kind.items())},
        "by_source": {k: {"n": len(v), "accuracy": float(np.mean(v))} for k, v in sorted(by_src.items())},
        "correct": correct[scored].tolist(),
    }
    if has_conf:
        m["coverage"] = {str(c): coverage_acc(conf[scored], correct[scored], c) for c in COVERAGES}
    return m


def mcnemar(a: Sequence[bool], b: Sequence[bool]) -> dict[str, float]:
    """Paired comparison on the same records: b01 = only A right, b10 = only B right; exact two-sided p."""
    only_a = sum(x and not y for x, y in zip(a, b))
    only_b = sum(y and not x for x, y in zip(a, b))
    n = only_a + only_b
    if n == 0:
        return {"only_a": 0, "only_b": 0, "p": 1.0}
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1)) / 2 ** n
    return {"only_a": only_a, "only_b": only_b, "p": min(1.0, 2 * tail)}


def measure_latency(variants: Sequence[Variant], items: Sequence[tuple[str, object]], calls: int,
                    rounds: int = 4) -> None:
    """Warm single-call p50 per variant, in interleaved rounds (load drifting on a shared machine hits
    every variant alike); all variants see the same utterances."""
    per_round = max(1, calls // rounds)
    times: dict[str, list[np.ndarray]] = {v.name: [] for v in variants}
    for v in variants:  # warm-up
        suite.time_calls(v.call, items, min(200, calls), warmup=50)
    bar = tqdm(total=rounds * len(variants), desc="latency", leave=False)
    for r in range(rounds):
        chunk = list(items[(r * per_round) % len(items):][:per_round]) or list(items[:per_round])
        for v in variants:
            times[v.name].append(suite.time_calls(v.call, chunk, per_round, warmup=20))
            bar.update()
    bar.close()
    for v in variants:
        s = suite.stats_ms(np.concatenate(times[v.name]))
        v.result["latency"] = s


def run_ablation(models: Sequence[tuple[str, Path]], *, baselines: Sequence[str] = BASELINES,
                 calls: int = 2000, data: Path = DATA, dev_path: Path = DEV_EVAL) -> dict[str, Any]:
    """Evaluate ``models`` ((name, dir) pairs; the first is the reference whose split trains the
    baselines) and the ``baselines``. Returns a JSON-able dict; ``variants`` holds one row each."""
    started = time.perf_counter()
    records, _ = load_records(data)
    dev = load_records(dev_path)[0] if dev_path.is_file() else None
    log.info("%d labeled records; dev-eval %s", len(records),
             f"{len(dev)} records" if dev else "not present (skipped)")
    variants: list[Variant] = []
    ref: IntentClassifier | None = None
    for name, d in tqdm(models, desc="loading models", leave=False):
        v, clf = trm_variant(name, d, records)
        variants.append(v)
        ref = ref or clf
    if ref is None:
        raise ValueError("no models given")
    ref_split = split_records(records, ref.meta.training.val_fraction, ref.meta.training.seed)
    note = (f"trained on the bundled model's training split ({len(ref_split.train)} records), scored on its "
            f"held-out split")
    for b in baselines:
        log.info("building baseline %s", b)
        variants.append(baseline_variant(b, ref, ref_split.train, ref_split.val, note))

    def kinds_of(recs: Sequence[LabeledRecord]) -> list[str]:
        return [ref.meta.context.kind(WindowContext.coerce(r.context)) for r in recs]

    dev_kinds = kinds_of(dev) if dev else []
    pert_dev = {p: perturbed(dev, fns) for p, fns in PERTURBATIONS.items()} if dev else {}
    for v in tqdm(variants, desc="accuracy + robustness"):
        val_kinds = kinds_of(v.val)
        sets: dict[str, tuple[list[LabeledRecord], list[str]]] = {"val": (v.val, val_kinds)}
        if dev:
            sets["dev"] = (dev, dev_kinds)
        for s, (recs, kinds) in sets.items():
            v.result[s] = set_metrics(recs, v.predict(recs), kinds, v.has_confidence)
        rob: dict[str, dict[str, Any]] = {}
        for p, fns in PERTURBATIONS.items():
            rob[p] = {}
            for s, (recs, _kinds) in sets.items():
                prec, changed = pert_dev[p] if s == "dev" else perturbed(recs, fns)
                acc = score(prec, v.predict(prec)).accuracy
                rob[p][s] = {"accuracy": acc, "drop_pts": 100 * (v.result[s]["accuracy"] - acc),
                             "changed": changed}
        v.result["robustness"] = rob
        log.info("%-28s held-out %.4f%s", v.name, v.result["val"]["accuracy"],
                 f"  dev {v.result['dev']['accuracy']:.4f}" if dev else "")

    log.info("latency: %d warm calls per variant, 1 thread, interleaved", calls)
    measure_latency(variants, latency.utterances(data), calls)

    rows = []
    for v in variants:
        rows.append({"name": v.name, "what": v.what, "kind": v.kind, "f_per_step": v.f_per_step,
                     "n_sup": v.n_sup, "best_epoch": v.best_epoch,
                     "split": v.split_note, "val_records": len(v.val), **v.result})
    R = {"rows": rows, "dev_present": dev is not None, "dev_records": len(dev) if dev else 0,
         "calls": calls, "machine": suite.machine(), "seconds": time.perf_counter() - started,
         "data": {"path": _display(data), "records": len(records), "sha256": data_hash(records)}}
    R["comparisons"] = comparisons(rows)
    return R


def comparisons(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Paired tests on records both rows were scored on (dev-eval always; held-out when same split)."""
    by = {r["name"]: r for r in rows}
    pairs = [("trm_t1n1", "once_l2"), ("trm_t1n1", "plain_l4"), ("trm_t1n1", "nsup1"),
             *(("trm_t1n1", n) for n in SIZE_VARIANTS), ("trm_t1n1", "no_context"),
             ("trm_t1n1", "context_bias"), *SHIPPED_PAIRS,
             ("trm_t1n1", "t1n1_e48"), ("t1n1_e48", "t2n1_e48"),
             ("trm_t1n1", "no_bpe_dropout"), ("trm_t1n1", "letters"), ("trm_t1n1", "letters_bpe"),
             *(("trm_t1n1", n) for n in DISTILLED), ("trm_t1n1_seed1", "kd_w08_seed1"),
             *(("trm_t1n1", n) for n in ENSEMBLES),
             *DROPOUT_PAIRS, *RECIPE_PAIRS,
             *(("bundled", n) for n in (*RUNS_E48, *ENSEMBLES_E48, *DISTILLED_E48)),
             ("bundled", "TF-IDF + logistic regression"), ("bundled", "rule matcher (vozctl)")]
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
            out.append({"a": a, "b": b, "set": s, "acc_a": by[a][s]["accuracy"],
                        "acc_b": by[b][s]["accuracy"], **t})
    return out


# -- Markdown ------------------------------------------------------------------------------------------------

def _pct(x: float | None, digits: int = 1) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.{digits}f}"


def _f(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def render(R: dict[str, Any], png_name: str) -> str:  # noqa: PLR0912, PLR0915 - one report, top to bottom
    rows, m, dev = R["rows"], R["machine"], R["dev_present"]
    main_set = "dev" if dev else "val"
    set_name = "dev-eval" if dev else "held-out"
    L: list[str] = []
    add = L.append
    add("# Ablation: what each part of the TRM buys\n")
    add("Generated by `python benchmarks/ablation.py` "
        f"(--calls {R['calls']}) on {m['date']}, in {R['seconds']:.0f} s.\n")
    add(f"- **Models:** {TRAIN_COMMAND}. `bundled` is src/trm_intent/models/default.")
    if "data" in R:
        d = R["data"]
        add(f"- **Data:** {d['path']}, {d['records']} records (sha256 {d['sha256'][:12]}); every model "
            "here was trained on exactly this data (the report refuses any other). Reports made on "
            "earlier data versions, with the variants not retrained since, are the "
            "`ABLATION_data_v*.md` files beside this one.")
    add(f"- **Machine:** {m['cpu']}, {m['usable_cores']} usable cores, Python {m['python']}, onnxruntime "
        f"{m['onnxruntime']}, scikit-learn {m['sklearn']}. A small shared machine: other jobs may have "
        f"been running (load average at start {m['load_avg']}), so latencies are noisy; they are measured "
        "in interleaved rounds so drift hits every variant alike.")
    add("- **Held-out:** each TRM on its OWN held-out split (val_fraction and seed from its "
        "trm_intent.json; a different seed is a different split, so seed-1 rows are not on the same "
        "records). The baselines are trained on the bundled model's training split and scored on its "
        "held-out split. Each run kept the epoch with the best held-out accuracy (best.pt), so held-out "
        "numbers are optimistic (the split chose the checkpoint, and the shipped recipe was chosen on it); "
        "dev-eval played no part in training or selection.")
    add("- **Dev-eval:** " + (f"../shared/eval/dev_eval.jsonl ({R['dev_records']} records, read only, "
                              "never trained on), the same records for every row." if dev else
                              "../shared/eval/dev_eval.jsonl is not present here: skipped."))
    add("- **Accuracy** leaves out records tagged `ambiguous` (as `trm-intent eval` does). Baselines "
        "give labels only, so they have no ECE, confidence or risk-coverage.\n")

    add("## All variants\n")
    add(f"Macro-F1 and ECE on {set_name}. *f per step*: applications of the network per supervision step "
        "(T·(n+1) for the TRM; 1 for a single pass), its depth in brackets; *steps*: mean supervision steps "
        f"run on {set_name} (early exit) / N_sup; *epoch*: the epoch kept (best held-out accuracy; how "
        "many epochs were run is in the variant's config, 24 unless its description says more). "
        f"p50: warm classify() (or the baseline's per-call predict), 1 thread, {R['calls']} calls on "
        "the same utterances.\n")
    add("| variant | what it is | f per step | steps | epoch | held-out acc % | dev-eval acc % | macro-F1 | "
        "ECE | p50 ms |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        steps = f"{r[main_set]['mean_steps']:.2f} / {r['n_sup']}" if r["kind"] == "trm" else "-"
        epoch = str(r["best_epoch"]) if r.get("best_epoch") else "-"
        add(f"| {r['name']} | {r['what']} | {r['f_per_step']} | {steps} | {epoch} | "
            f"{_pct(r['val']['accuracy'])} (n={r['val']['n']}) | "
            f"{_pct(r['dev']['accuracy']) if dev else '-'} | "
            f"{_f(r[main_set]['macro_f1'])} | {_f(r[main_set]['ece'])} | {r['latency']['p50_ms']:.3f} |")
    if dev:
        add(f"\nOne dev-eval record is {100 / rows[0]['dev']['n']:.2f} points; the binomial standard error "
            f"of a ~95% accuracy on {rows[0]['dev']['n']} records is about "
            f"{100 * math.sqrt(0.95 * 0.05 / rows[0]['dev']['n']):.1f} points "
            f"(held-out, {rows[0]['val']['n']} records: about "
            f"{100 * math.sqrt(0.95 * 0.05 / rows[0]['val']['n']):.1f}).")
    add(f"\n![accuracy vs latency]({png_name})\n")

    add("## Paired comparisons\n")
    add("Exact McNemar test on the records both were scored on (held-out only where the splits are the "
        "same). *only A* / *only B*: records only that one gets right.\n")
    add("| A | B | set | acc A % | acc B % | only A | only B | p |")
    add("|---|---|---|---|---|---|---|---|")
    for c in R["comparisons"]:
        add(f"| {c['a']} | {c['b']} | {'dev-eval' if c['set'] == 'dev' else 'held-out'} | "
            f"{_pct(c['acc_a'])} | {_pct(c['acc_b'])} | {c['only_a']} | {c['only_b']} | {c['p']:.3f} |")

    add(f"\n## Slices ({set_name})\n")
    srcs = sorted({k for r in rows for k in r[main_set]["by_source"]})
    kinds = sorted({k for r in rows for k in r[main_set]["by_kind"]},
                   key=lambda k: -rows[0][main_set]["by_kind"].get(k, {"n": 0})["n"])
    ref = rows[0][main_set]
    add("Accuracy % per source repository and per app kind (the bundled model's context tables); "
        "mean confidence on `ambiguous`-tagged records against the rest.\n")
    head = ([f"{s} (n={ref['by_source'].get(s, {'n': 0})['n']})" for s in srcs]
            + [f"{k} ({ref['by_kind'].get(k, {'n': 0})['n']})" for k in kinds])
    add("| variant | " + " | ".join(head) + " | conf ambiguous | conf rest |")
    add("|---|" + "---|" * (len(head) + 2))
    for r in rows:
        s = r[main_set]
        cells = ([_pct(s["by_source"].get(k, {}).get("accuracy")) for k in srcs]
                 + [_pct(s["by_kind"].get(k, {}).get("accuracy")) for k in kinds])
        add(f"| {r['name']} | " + " | ".join(cells) +
            f" | {_f(s['mean_conf_ambiguous'])} (n={s['n_ambiguous']}) | {_f(s['mean_conf'])} |")

    add("\n## Risk-coverage\n")
    trm_rows = [r for r in rows if r["kind"] == "trm"]
    b = rows[0]
    add("The bundled model: accuracy % on the most-confident share of the (non-ambiguous) records.\n")
    add("| set | " + " | ".join(f"{int(100 * c)}%" for c in COVERAGES) + " |")
    add("|---|" + "---|" * len(COVERAGES))
    for s in SETS:
        if s in b:
            add(f"| {'dev-eval' if s == 'dev' else 'held-out'} | "
                + " | ".join(_pct(b[s]["coverage"][str(c)]) for c in COVERAGES) + " |")
    add("\nEvery TRM variant: accuracy % at 90% coverage (the 10% least-confident answers dropped) "
        "against all.\n")
    add("| variant | held-out 90% | held-out 100% | dev-eval 90% | dev-eval 100% |")
    add("|---|---|---|---|---|")
    for r in trm_rows:
        dv = (f"{_pct(r['dev']['coverage']['0.9'])} | {_pct(r['dev']['coverage']['1.0'])}" if dev
              else "- | -")
        add(f"| {r['name']} | {_pct(r['val']['coverage']['0.9'])} | {_pct(r['val']['coverage']['1.0'])} "
            f"| {dv} |")

    add("\n## Robustness to recogniser noise\n")
    add("Drop in accuracy points from the clean set (positive = worse), held-out / dev-eval. Lower-case: "
        "the whole transcript; no punctuation: `[^\\w\\s']` removed; numbers as words / digits: "
        "training/augment.py's digits_to_words / words_to_digits; one mis-heard word: a small homophone "
        "table (to/two, right/write, line/lion, copy/coffee, ...) when the utterance has such a word, "
        "else one letter of a random 3+-letter word dropped or two adjacent letters swapped (seeded by "
        f"the text, the same copies for every model; {MISHEAR_DRAWS} draws per record, the drop is "
        "over all copies). The letters* variants train with slips that also drop, swap or double a "
        "letter (training/augment.py, `letter_slips`), so for them that half of the mis-hearing is in "
        "the training distribution; the other recipes' slips swap a sound, add or drop a plural s or "
        "drop a filler word, and no recipe trains on the homophone table. "
        "Records the perturbation changes (the first draw), of "
        "held-out / dev-eval: "
        + "; ".join(f"{p}: {b['robustness'][p]['val']['changed']}"
                    + (f" / {b['robustness'][p]['dev']['changed']}" if dev else "")
                    for p in PERTURBATIONS) + ".\n")
    add("| variant | " + " | ".join(PERTURBATIONS) + " |")
    add("|---|" + "---|" * len(PERTURBATIONS))
    for r in rows:
        cells = []
        for p in PERTURBATIONS:
            x = r["robustness"][p]
            cells.append(f"{x['val']['drop_pts']:+.1f}" + (f" / {x['dev']['drop_pts']:+.1f}" if dev else ""))
        add(f"| {r['name']} | " + " | ".join(cells) + " |")

    add("\n## Reading\n")
    add(reading(R))
    return "\n".join(L) + "\n"


def teachers_of(student: str) -> str:
    """The teachers a distilled variant names in training/configs/distill.json."""
    runs = json.loads(DISTILL_CONFIG.read_text(encoding="utf-8"))
    return ", ".join(Path(t).name for t in runs[student]["teachers"])


def reading(R: dict[str, Any]) -> str:
    """Plain statements drawn from the numbers (paired tests decide 'differs'; p < 0.05)."""
    rows = {r["name"]: r for r in R["rows"]}
    s = "dev" if R["dev_present"] else "val"
    sname = "dev-eval" if s == "dev" else "held-out"
    comps = {(c["a"], c["b"], c["set"]): c for c in R["comparisons"]}
    out: list[str] = []

    def verdict(a: str, b: str) -> str:
        parts = []
        for st in SETS:
            c = comps.get((a, b, st))
            if c is None:
                continue
            d = 100 * (c["acc_a"] - c["acc_b"])
            sig = "significant" if c["p"] < 0.05 else "not significant"
            where = "dev-eval" if st == "dev" else "held-out"
            parts.append(f"{where} {_pct(c['acc_a'])} vs {_pct(c['acc_b'])} "
                         f"({d:+.1f} pts, {c['only_a']} vs {c['only_b']} discordant, p={c['p']:.2f}, {sig})")
        return "; ".join(parts) if parts else "not compared"

    sets = [st for st in SETS if st in R["rows"][0]]

    def mean_of(base: str) -> str:
        """Accuracy and mis-heard drop averaged over a variant and its _seedN twins."""
        fam = [r for r in R["rows"] if r["name"] == base or r["name"].startswith(f"{base}_seed")]
        acc = [sum(r[st]["accuracy"] for r in fam) / len(fam) for st in sets]
        drop = [sum(r["robustness"]["one mis-heard word"][st]["drop_pts"] for r in fam) / len(fam)
                for st in sets]
        return (f"{base} ({len(fam)} seeds) {' / '.join(_pct(a) for a in acc)}%, mis-heard drop "
                + " / ".join(f"{d:+.1f}" for d in drop) + " pts")

    shipped = [(a, b) for a, b in SHIPPED_PAIRS if {a, b} <= rows.keys()]
    if shipped:
        out.append("- **Recursion and context, shipped recipe** (the shipped recipe's run against each "
                   "variant of the same seed, same split): "
                   + "; ".join(f"{a} against {b} ({DESCRIPTIONS[b].removeprefix('the shipped recipe, ')}): "
                               f"{verdict(a, b)}" for a, b in shipped)
                   + f". {shipped[0][0]} ran {rows[shipped[0][0]][s]['mean_steps']:.2f} supervision steps "
                   f"on average on {sname}.")
    if {"trm_t1n1", "once_l2", "plain_l4"} <= rows.keys():
        out.append("- **Recursion.** trm_t1n1 against once_l2 (same net, one pass): "
                   f"{verdict('trm_t1n1', 'once_l2')}. "
                   f"Against plain_l4 (same compute as one TRM step): {verdict('trm_t1n1', 'plain_l4')}. "
                   f"Against nsup1: {verdict('trm_t1n1', 'nsup1')}. trm_t1n1 ran "
                   f"{rows['trm_t1n1'][s]['mean_steps']:.2f} supervision steps on average on {sname}.")
        rec = [r for r in R["rows"] if r["kind"] == "trm" and r["name"] != "bundled"]
        accs = [100 * r[s]["accuracy"] for r in rec]
        out.append(f"- **Spread.** The {len(rec)} ablation models span {min(accs):.1f}-{max(accs):.1f}% on "
                   f"{sname}; the retrains on another seed differ from their seed-0 twins by "
                   + ", ".join(f"{100 * (rows[a][s]['accuracy'] - rows[b][s]['accuracy']):+.1f} pts ({a})"
                               for a, b in SEED_TWINS if a in rows and b in rows)
                   + ": a difference of about that size between two variants is within what a reseed "
                   "alone produces.")
        steps = [r[s]["mean_steps"] for r in rec if (r["n_sup"] or 1) > 1]
        if steps:
            out.append(f"- **Halting.** Variants with N_sup > 1 ran {min(steps):.2f}-{max(steps):.2f} "
                       f"supervision steps on average on {sname} (halt threshold reached after the first "
                       "step almost always), so at inference the extra supervision steps are rarely run; "
                       "N_sup changes training (deep supervision), not the inference path.")
    sizes = [n for n in SIZE_VARIANTS if n in rows]
    if "trm_t1n1" in rows and sizes:
        base = rows["trm_t1n1"]
        out.append("- **Depth, width and vocabulary** (against trm_t1n1, T=1, n=1, N_sup=3, hidden 64, "
                   "vocabulary 2,048; p50 "
                   f"{base['latency']['p50_ms']:.3f} ms): "
                   + "; ".join(f"{n} ({rows[n]['what']}, p50 {rows[n]['latency']['p50_ms']:.3f} ms): "
                               f"{verdict('trm_t1n1', n)}" for n in sizes) + ".")
        if "nsup2_seed1" in rows:
            out.append("  N_sup=2 against N_sup=3, means over seeds ("
                       + " / ".join("held-out" if st == "val" else "dev-eval" for st in sets) + "): "
                       f"{mean_of('nsup2')}; {mean_of('trm_t1n1')}.")
    if {"trm_t1n1", "t1n1_e48", "t2n1_e48"} <= rows.keys():
        out.append("- **Training length** (does deeper recursion only need longer training?): "
                   f"trm_t1n1 against t1n1_e48 (48 epochs): {verdict('trm_t1n1', 't1n1_e48')}. "
                   f"t1n1_e48 against t2n1_e48 (T=2, 48 epochs): {verdict('t1n1_e48', 't2n1_e48')}. "
                   "Epoch kept (best held-out): "
                   + ", ".join(f"{n} {rows[n]['best_epoch']}"
                               for n in ("trm_t1n1", "t1n1_e48", "t2n1_e48", "t2n1") if n in rows) + "."
                   + (f" Means over seeds: {mean_of('t1n1_e48')}; {mean_of('trm_t1n1')}."
                      if "t1n1_e48_seed1" in rows else ""))
    students = [n for n in DISTILLED if n in rows]
    if "trm_t1n1" in rows and students:
        out.append(f"- **Distillation** (teachers: {teachers_of('kd_w08')}; their mean probability "
                   "is mixed into each training target): "
                   + "; ".join(f"trm_t1n1 against {n}: {verdict('trm_t1n1', n)}" for n in students)
                   + "." + (f" At seed 1 (teachers {teachers_of('kd_w08_seed1')}): "
                            f"trm_t1n1_seed1 against kd_w08_seed1: "
                            f"{verdict('trm_t1n1_seed1', 'kd_w08_seed1')}. Means over seeds: "
                            f"{mean_of('kd_w08')}; {mean_of('trm_t1n1')}."
                            if {"kd_w08_seed1", "trm_t1n1_seed1"} <= rows.keys() else ""))
    def traits(n: str) -> str:
        r = rows[n]
        return (f"p50 {r['latency']['p50_ms']:.3f} ms, ECE "
                + " / ".join(_f(r[st]["ece"]) for st in sets) + ", mis-heard drop "
                + " / ".join(f"{r['robustness']['one mis-heard word'][st]['drop_pts']:+.1f}"
                             for st in sets) + " pts, confidence on ambiguous records "
                + " / ".join(_f(r[st]["mean_conf_ambiguous"]) for st in sets)
                + (", accuracy at 90% coverage " + " / ".join(_pct(r[st]["coverage"]["0.9"]) for st in sets)
                   if "coverage" in r[sets[0]] else ""))

    ensembles = [n for n in ENSEMBLES if n in rows]
    if "trm_t1n1" in rows and ensembles:
        out.append("- **Ensembles** (members trained on seed 0's split, stacked into one graph, "
                   "answering with their mean at one shared held-out temperature; "
                   + " / ".join("held-out" if st == "val" else "dev-eval" for st in sets)
                   + f"): trm_t1n1 {traits('trm_t1n1')}; "
                   + "; ".join(f"{n} ({traits(n)}): against trm_t1n1: {verdict('trm_t1n1', n)}"
                               for n in ensembles) + ".")
    shipped_ens = [n for n in (*RUNS_E48, *ENSEMBLES_E48, *DISTILLED_E48) if n in rows]
    if "bundled" in rows and shipped_ens:
        out.append("- **Runs, ensembles and students of the shipped recipe** (seed 0's split unless "
                   "seed 1 is named, each against the bundle; "
                   + " / ".join("held-out" if st == "val" else "dev-eval" for st in sets)
                   + f"): bundled {traits('bundled')}; "
                   + "; ".join(f"{n} ({traits(n)}): {verdict('bundled', n)}" for n in shipped_ens) + ".")
    dropped = [(a, b) for a, b in DROPOUT_PAIRS if {a, b} <= rows.keys()]
    if dropped:
        out.append("- **Dropout** (0.1 on the input embedding and each block's attention and SwiGLU "
                   "outputs, training only; each against a twin of the same seed, same split): "
                   + "; ".join(f"{a} against {b}: {verdict(a, b)}" for a, b in dropped) + "."
                   + (f" Means over seeds: {mean_of('dropout10_e48')}; {mean_of('t1n1_e48')}; "
                      f"{mean_of('trm_t1n1')}." if "dropout10_e48_seed3" in rows else ""))
    varied = [(a, b) for a, b in RECIPE_PAIRS if {a, b} <= rows.keys()]
    if varied:
        out.append("- **Variations of the shipped recipe** (each against the shipped recipe's run of the "
                   "same seed, same split): "
                   + "; ".join(f"{a} against {b}: {verdict(a, b)}" for a, b in varied) + ".")
    recipes = [n for n in ("no_bpe_dropout", "letters", "letters_bpe") if n in rows]
    if "trm_t1n1" in rows and recipes:
        out.append("- **Recipe against mis-hearing** (means over seeds, "
                   + " / ".join("held-out" if st == "val" else "dev-eval" for st in sets) + "): "
                   + "; ".join(mean_of(n) for n in ("trm_t1n1", *recipes)) + ". Paired at seed 0: "
                   + "; ".join(f"{n}: {verdict('trm_t1n1', n)}" for n in recipes) + ".")
    if {"trm_t1n1", "no_context"} <= rows.keys():
        bias = (f" context_bias against trm_t1n1: {verdict('trm_t1n1', 'context_bias')} (A = trm_t1n1)."
                if "context_bias" in rows else "")
        out.append(f"- **Context.** trm_t1n1 against no_context: {verdict('trm_t1n1', 'no_context')}.{bias}")
    b = rows.get("bundled") or R["rows"][0]
    slices = {f"source {k}": v for k, v in b[s]["by_source"].items()}
    slices.update({f"app kind {k}": v for k, v in b[s]["by_kind"].items() if v["n"] >= 20})
    if slices:
        worst = sorted(slices.items(), key=lambda kv: kv[1]["accuracy"])[:3]
        out.append(f"- **Weakest ({b['name']}, {sname}).** " + "; ".join(
            f"{k}: {_pct(v['accuracy'])}% (n={v['n']})" for k, v in worst)
            + " (app kinds with at least 20 records).")
    rob = b["robustness"]
    worst_p = max(PERTURBATIONS, key=lambda p: rob[p][s]["drop_pts"])
    out.append(f"- **Noise.** The worst perturbation for {b['name']} is *{worst_p}*: "
               f"{rob[worst_p][s]['drop_pts']:+.1f} pts on {sname}. Lower-casing changes nothing for the "
               "TRM " + ("(its tokenizer lower-cases)." if abs(rob['lower-case'][s]['drop_pts']) < 1e-9
                         else f"({rob['lower-case'][s]['drop_pts']:+.1f} pts)."))
    tf = rows.get("TF-IDF + logistic regression")
    if tf:
        out.append(f"- **Against TF-IDF.** {verdict(b['name'], tf['name'])}. TF-IDF p50 "
                   f"{tf['latency']['p50_ms']:.3f} ms against {b['latency']['p50_ms']:.3f} ms; worst TF-IDF "
                   f"perturbation drop {max(tf['robustness'][p][s]['drop_pts'] for p in PERTURBATIONS):+.1f} "
                   "pts.")
    rm = rows.get("rule matcher (vozctl)")
    if rm:
        out.append(f"- **Against the rules.** {verdict(b['name'], rm['name'])}.")
    return "\n".join(out) + "\n"


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
            color = ("tab:red" if r["kind"] == "baseline"
                     else "tab:green" if r["name"] == "bundled" else "tab:blue")
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


def discover(models_dir: Path) -> list[tuple[str, Path]]:
    return [(d.name, d) for d in sorted(models_dir.iterdir())
            if d.is_dir() and (d / "model.onnx").is_file() and (d / "trm_intent.json").is_file()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", type=Path, default=ROOT / "runs" / "ablation",
                   help="directory of exported model directories")
    p.add_argument("--out", type=Path, default=HERE / "ABLATION.md", help="Markdown to write (PNG beside it)")
    p.add_argument("--calls", type=int, default=2000, help="warm timed calls per variant")
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--json", type=Path, help="also write the raw results here")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    models = [("bundled", default_model_dir())]
    if args.models.is_dir():
        models += discover(args.models)
    else:
        log.warning("%s: not a directory; only the bundled model and the baselines", args.models)
    log.info("%d models: %s", len(models), ", ".join(n for n, _ in models))
    R = run_ablation(models, calls=args.calls, data=args.data)
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
