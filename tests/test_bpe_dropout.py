"""BPE-dropout from a seeded source: the same pieces as the tokenizer's, the same odds as the
`tokenizers` library's own dropout, and a training run that repeats bit for bit."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

import pytest

from .conftest import DATA, TINY_CONFIG

pytest.importorskip("torch")

from tokenizers import Tokenizer
from trm_intent.training.tokenizer import BPEDropoutEncoder

from trm_intent.contract import ContextRules, InputEncoder, WindowCut
from trm_intent.runtime import default_model_dir
from trm_intent.schema import WindowContext

TRANSCRIPTS = [json.loads(line)["transcript"] for line in DATA.read_text(encoding="utf-8").splitlines()]
ODD = ["naïve café 😀 über", "x" * 500, "[pad] hello [ctx_editor]", "  ", "ＦＵＬＬ width", "a"]
WINDOW = WindowContext(app_name="Code", bundle_id="com.microsoft.VSCode")


def _tokenizer() -> Tokenizer:
    return Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))


def _encoder(p: float, seed: int) -> BPEDropoutEncoder:
    return BPEDropoutEncoder(
        _tokenizer(), ContextRules.default(), 400, 32, WindowCut(), p, random.Random(seed)
    )


def test_without_dropout_it_is_the_tokenizer() -> None:
    plain = InputEncoder(_tokenizer(), ContextRules.default(), 400, 32, WindowCut())
    # A tiny p runs the merge loop (p = 0 returns the tokenizer's own ids directly).
    ours = _encoder(1e-12, 0)
    texts = TRANSCRIPTS + ODD
    assert ours.encode_batch(texts, [WINDOW] * len(texts)) == plain.encode_batch(texts, [WINDOW] * len(texts))


def test_dropout_splits_the_same_text_into_smaller_pieces_repeatably() -> None:
    tok = _tokenizer()
    texts = TRANSCRIPTS[::5]
    a = _encoder(0.1, 7).encode_batch(texts, [WINDOW] * len(texts))
    assert a == _encoder(0.1, 7).encode_batch(texts, [WINDOW] * len(texts))
    assert a != _encoder(0.1, 8).encode_batch(texts, [WINDOW] * len(texts))
    plain = [tok.encode(t, add_special_tokens=False) for t in texts]
    window = a[0].window_ids  # the window's tokens are never dropped
    assert window == InputEncoder(_tokenizer(), ContextRules.default(), 400, 32, WindowCut()).window_ids(
        WINDOW
    )
    changed = shorter = 0
    for row, ref in zip(a, plain):
        ids = row.ids
        assert row.window_ids == window
        assert ids[0] == tok.token_to_id("[ctx_editor]")
        if len(ids) - 1 < 31:  # not truncated: the pieces spell the same text
            assert tok.decode(ids[1:]) == tok.decode(ref.ids)
            # Skipping a merge can open a path to bigger pieces ("op lambda": Ġl am b d a without
            # dropout, Ġla mb d a with; the tokenizers library's own dropout gives it as often),
            # so a row may come out shorter: seldom.
            shorter += len(ids) - 1 < len(ref.ids)
        changed += ids[1:] != ref.ids
    assert shorter / len(texts) < 0.005
    assert sum(len(r.ids) - 1 for r in a) > sum(min(len(r.ids), 31) for r in plain)
    assert 0.3 < changed / len(texts) < 0.8


def test_same_odds_as_the_tokenizers_library() -> None:
    # The library's dropout draws from an unseeded source, so compare means over the data: an
    # algorithm that skips merges more often (re-drawing each step, say) makes 5% more tokens.
    texts = TRANSCRIPTS
    theirs_tok = _tokenizer()
    theirs_tok.model.dropout = 0.1
    theirs = InputEncoder(theirs_tok, ContextRules.default(), 400, 32, WindowCut()).encode_batch(
        texts, [WINDOW] * len(texts)
    )
    ours = _encoder(0.1, 0).encode_batch(texts, [WINDOW] * len(texts))
    mean_theirs = statistics.mean(len(x.ids) for x in theirs)
    mean_ours = statistics.mean(len(x.ids) for x in ours)
    assert abs(mean_ours - mean_theirs) / mean_theirs < 0.015


def test_training_with_bpe_dropout_repeats_bit_for_bit(tmp_path: Path, tiny_data: Path) -> None:
    import torch
    from trm_intent.training.train import TrainConfig, train

    cfg = TrainConfig.model_validate({**TINY_CONFIG, "epochs": 1})
    assert cfg.bpe_dropout > 0  # the default recipe
    runs = []
    for name in ("a", "b"):
        train([tiny_data], tmp_path / name, cfg, progress=False)
        runs.append(torch.load(tmp_path / name / "last.pt", weights_only=True)["state"]["model"])
    assert runs[0].keys() == runs[1].keys()
    assert all(torch.equal(runs[0][k], runs[1][k]) for k in runs[0])


def test_interrupted_and_resumed_training_repeats_the_straight_run(
    tmp_path: Path, tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import torch

    train_module = importlib.import_module("trm_intent.training.train")
    cfg = train_module.TrainConfig.model_validate({**TINY_CONFIG, "epochs": 2})
    train_module.train([tiny_data], tmp_path / "straight", cfg, progress=False)
    # The same run stopped after its first epoch (the loop sees one epoch of the two planned),
    # then resumed: the random state saved with last.pt must carry BPE-dropout on exactly.
    real = train_module._progress
    with monkeypatch.context() as m:
        m.setattr(train_module, "_progress", lambda it, *a, **k: iter(list(real(it, *a, **k))[:1]))
        train_module.train([tiny_data], tmp_path / "resumed", cfg, progress=False)
    assert torch.load(tmp_path / "resumed" / "last.pt", weights_only=True)["state"]["epoch"] == 1
    train_module.train([tiny_data], tmp_path / "resumed", cfg, resume=True, progress=False)
    a, b = (torch.load(tmp_path / d / "last.pt", weights_only=True)["state"] for d in ("straight", "resumed"))
    assert a["epoch"] == b["epoch"] == 2
    assert all(torch.equal(a["model"][k], b["model"][k]) for k in a["model"])
