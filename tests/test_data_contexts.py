"""The generator's window pools against the model's kinds of window (``ContextRules``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from trm_intent.contract import CONTEXT_KINDS, ContextRules
from trm_intent.schema import WindowContext

GEN = Path(__file__).resolve().parents[1] / "data" / "gen"


@pytest.fixture(scope="module")
def gen():
    sys.path.insert(0, str(GEN))
    try:
        import contexts
        import generate

        yield contexts, generate
    finally:
        sys.path.remove(str(GEN))


# Windows whose pool is not the model's kind of them (see data/gen/contexts.py): (pool, app,
# the model's kind). Every other window of a pool is of the pool's kind.
POOL_IS_NOT_THE_KIND = {
    ("browser", "Google Chrome", "media"),  # YouTube
    ("other", "Figma", "document"),
    ("other", "Linear", "document"),
    ("other", "Calendar", "document"),
    ("other", "zoom.us", "chat"),
    ("unknown", "Code", "editor"),  # partial fallbacks: the app known, the title not
    ("unknown", "Slack", "chat"),
    ("unknown", "iTerm2", "terminal"),
    ("unknown", "Safari", "browser"),
}


def _windows(contexts):
    for pool, windows in contexts.BY_POOL.items():
        for window in windows:
            yield pool, window
    for window in [contexts.UNKNOWN, *contexts.PARTIAL_UNKNOWN]:
        yield "unknown", window


def test_pools_are_named_after_the_models_kinds(gen) -> None:
    contexts, _ = gen
    assert set(contexts.POOLS) | {"unknown"} <= set(CONTEXT_KINDS)


def test_pools_and_kinds_differ_only_where_the_generator_says(gen) -> None:
    contexts, _ = gen
    rules = ContextRules.default()
    differ = set()
    for pool, (app, bundle, title) in _windows(contexts):
        kind = rules.kind(WindowContext(app_name=app, bundle_id=bundle, window_title=title))
        assert contexts.model_kind((app, bundle, title)) == kind
        if kind != pool:
            differ.add((pool, app, kind))
    assert differ == POOL_IS_NOT_THE_KIND
    assert sum(t == "YouTube" for _, (_, _, t) in _windows(contexts)) == 1


def test_every_weight_names_a_pool(gen) -> None:
    contexts, generate = gen
    pools = set(contexts.POOLS) | {"unknown"}
    assert set(generate.COMMAND_DEFAULT) <= pools and set(generate.DICTATION_DEFAULT) <= pools
    for name, _quota, fn, weights in generate.all_families():
        assert set(weights or {}) <= pools, name
        for item in fn(random.Random(0)):
            assert set(item.kinds or {}) <= pools, (name, item.kinds)
            assert item.ctx is None or item.ctx in pools, (name, item.ctx)
