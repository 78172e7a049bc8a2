"""ONNX export of trained TRMs (needs the ``train`` extra: torch and onnx)."""

from .export import (
    ExportError,
    export_model,
    load_weights,
    model_from_checkpoint,
    parity,
    weights_from_model_dir,
)
from .graph import build_step_graph, build_window_graph, state_from_onnx

__all__ = [
    "ExportError",
    "build_step_graph",
    "build_window_graph",
    "export_model",
    "load_weights",
    "model_from_checkpoint",
    "parity",
    "state_from_onnx",
    "weights_from_model_dir",
]
