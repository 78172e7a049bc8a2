"""trm-intent: is a spoken utterance a command to execute or dictation to type?

>>> from trm_intent import IntentClassifier, WindowContext
>>> clf = IntentClassifier()
>>> clf.classify("Go to line 50.", WindowContext(app_name="Code")).intent
'command'
"""

from .artifacts import ModelError, ModelMeta
from .config import TRMConfig
from .dataset import DataError, load_records
from .runtime import IntentClassifier, classify, classify_batch, default_model_dir
from .schema import LABELS, IntentResult, LabeledRecord, WindowContext

__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "DataError",
    "IntentClassifier",
    "IntentResult",
    "LabeledRecord",
    "ModelError",
    "ModelMeta",
    "TRMConfig",
    "WindowContext",
    "__version__",
    "classify",
    "classify_batch",
    "default_model_dir",
    "load_records",
]
