"""ONNX export of trained TRMs (needs the ``train`` extra: torch and onnx)."""

from .export import ExportError, check_members, export_model, model_from_checkpoint, parity
from .graph import build_step_graph, member_states_from_onnx, state_from_onnx

__all__ = ["ExportError", "build_step_graph", "check_members", "export_model",
           "member_states_from_onnx", "model_from_checkpoint", "parity", "state_from_onnx"]
