"""trm-intent: is a spoken utterance a command to execute or dictation to type?

>>> from trm_intent import IntentClassifier, WindowContext
>>> clf = IntentClassifier()
>>> clf.classify("Go to line 50.", WindowContext(app_name="Code")).intent
'command'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .artifacts import ModelError, ModelMeta
from .config import TRMConfig
from .runtime import IntentClassifier, classify, classify_batch, default_model_dir
from .schema import LABELS, IntentResult, LabeledRecord, Segment, WindowContext

if TYPE_CHECKING:
    from .dataset import DataError, load_records

# The data loader is for training and evaluation; classify() never needs it, so it is
# imported on first use and ``import trm_intent`` stays as light as the runtime.
_LAZY = {"DataError": "dataset", "load_records": "dataset"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "DataError",
    "IntentClassifier",
    "IntentResult",
    "LabeledRecord",
    "ModelError",
    "ModelMeta",
    "Segment",
    "TRMConfig",
    "WindowContext",
    "__version__",
    "classify",
    "classify_batch",
    "default_model_dir",
    "load_records",
]
