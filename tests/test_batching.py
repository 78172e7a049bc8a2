"""How training batches run: length groups give the whole batch's loss and gradient, and the answers
``keep_answer`` keeps are each record's own, whatever batch it was run in (a correction's: its
label)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from trm_intent.dataset import load_records

pytest.importorskip("torch")

import torch
from tokenizers import Tokenizer
from trm_intent.export import weights_from_model_dir

from trm_intent.config import TrainConfig
from trm_intent.contract import InputEncoder

from .conftest import TINY_CONFIG

# The package re-exports train(), which hides the module of the same name.
train_module = importlib.import_module("trm_intent.training.train")


def _encoded(model_dir: Path, data: Path, n: int, corrections: list[bool] | None = None):
    from trm_intent.training.tokenizer import PAD

    weights = weights_from_model_dir(model_dir)
    tok = Tokenizer.from_str(weights.tokenizer)
    cfg = TrainConfig.model_validate(TINY_CONFIG)
    encoder = InputEncoder(tok, weights.context, cfg.max_chars, weights.config.max_tokens, cfg.window)
    records = load_records(data)[0][:n]
    data = train_module.Encoded(records, encoder, tok.token_to_id(PAD), corrections=corrections or ())
    return weights, data


class _Gradients(torch.optim.SGD):
    """An optimiser that never moves (each step sees the same weights) and keeps each step's
    gradients."""

    def __init__(self, params) -> None:  # type: ignore[no-untyped-def]
        super().__init__(params, lr=0.0)
        self.seen: list[list[torch.Tensor]] = []

    def step(self, closure=None):  # type: ignore[no-untyped-def, override]
        self.seen.append([p.grad.detach().clone() for g in self.param_groups for p in g["params"]])
        return super().step(closure)


def test_length_groups_cover_the_batch_once_shortest_first() -> None:
    lengths = [5, 1, 9, 3, 3, 7, 2]
    groups = train_module.length_groups(lengths, 3)
    assert sorted(p for g in groups for p in g) == list(range(len(lengths)))
    assert len(groups) == 3
    flat = [lengths[p] for g in groups for p in g]
    assert flat == sorted(lengths)
    assert train_module.length_groups(lengths, 1) == [list(range(7))]  # as the published runs had it
    assert len(train_module.length_groups(lengths[:2], 5)) == 2  # never an empty group


@pytest.mark.parametrize("keep_answer", [False, True])
def test_length_groups_give_the_whole_batchs_gradient(
    tiny_model: Path, tiny_data: Path, keep_answer: bool
) -> None:
    from trm_intent.training.model import TRM

    weights, data = _encoded(tiny_model, tiny_data, 48)
    index = list(range(0, 48, 2)) + list(range(1, 48, 2))  # not in the data's order
    lengths = {len(data.inputs[i].ids) for i in index}
    assert len(lengths) > 3  # groups that really differ in padding
    answers = torch.softmax(torch.randn(len(index), weights.config.n_sup, 2), -1) if keep_answer else None
    grads = []
    for groups in (1, 3):
        cfg = TrainConfig.model_validate({**TINY_CONFIG, "dropout": 0.0, "length_groups": groups})
        model = TRM(weights.config)
        model.load_state_dict(weights.ema)
        model.train()
        opt = _Gradients(model.parameters())
        loss = train_module.deep_supervision_loss(model, data, index, cfg, opt, lambda: None, answers)
        grads.append((loss, opt.seen))
    (loss_one, one), (loss_three, three) = grads
    assert len(one) == len(three) == weights.config.n_sup
    assert loss_three == pytest.approx(loss_one, rel=1e-5)
    for a, b in zip(one, three):
        for x, y in zip(a, b):
            torch.testing.assert_close(y, x, rtol=1e-4, atol=1e-6)


def test_kept_answers_are_each_records_own(tiny_model: Path, tiny_data: Path) -> None:
    from trm_intent.training.model import TRM

    fixes = [i % 5 == 0 for i in range(40)]
    weights, data = _encoded(tiny_model, tiny_data, 40, fixes)
    teacher = TRM(weights.config)
    teacher.load_state_dict(weights.ema)
    teacher.eval()
    cfg = TrainConfig.model_validate(TINY_CONFIG)
    kept = train_module.kept_answers(teacher, data, cfg, batch_size=16)
    assert kept.shape == (40, weights.config.n_sup, 2)
    with torch.no_grad():
        for i in range(40):
            if fixes[i]:  # a correction's answer is its label at every step, not the teacher's
                label = data.targets([i], cfg)[0]
                assert int(label.argmax()) == int(data.labels[i])
                assert all(torch.equal(step, label) for step in kept[i])
                continue
            alone = teacher(*data.batch([i])[0])[0].softmax(-1)[0]
            torch.testing.assert_close(kept[i], alone, rtol=1e-4, atol=1e-6)
