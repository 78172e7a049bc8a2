"""onnxruntime with its telemetry off. Every import of onnxruntime in trm_intent goes through here.

Recent onnxruntime releases (1.32 seen) send telemetry of their own: a DNS lookup of a
Microsoft host a few seconds after a model loads, and a device id plus an event queue (OS,
CPU, memory, Python path) written under ``~/.cache/Microsoft``, even for a plain classify.
``disable_telemetry_events()`` alone does not stop that; ``ORT_DISABLE_TELEMETRY=1`` does,
but only when it is set before onnxruntime is imported. So this module forces it (whatever
the user's environment says) and then imports onnxruntime. When onnxruntime was already
imported by someone else, that is too late: it logs one warning saying so.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("trm_intent")

_IMPORTED_BEFORE = "onnxruntime" in sys.modules

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # forced, not setdefault: trm_intent stays local

import onnxruntime as ort  # noqa: E402  (must come after the variable above)

if hasattr(ort, "disable_telemetry_events"):
    ort.disable_telemetry_events()

if _IMPORTED_BEFORE:
    log.warning(
        "onnxruntime was imported before trm_intent, so its telemetry may be on (a DNS lookup and "
        "files under ~/.cache/Microsoft). Import trm_intent first, or set ORT_DISABLE_TELEMETRY=1 "
        "in the environment before Python starts."
    )

__all__ = ["ort"]
