"""Training of the TRM (needs the ``train`` extra: torch)."""

from trm_intent.config import TrainConfig

from .model import TRM
from .train import train

__all__ = ["TRM", "TrainConfig", "train"]
