"""Training of the TRM (needs the ``train`` extra: torch)."""

from .model import TRM
from .train import TrainConfig, train

__all__ = ["TRM", "TrainConfig", "train"]
