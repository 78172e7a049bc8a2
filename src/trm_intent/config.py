"""The TRM's hyper-parameters (shared by training, export and the runtime's metadata)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TRMConfig(BaseModel):
    """Size and recursion of a Tiny Recursive Model.

    One supervision step runs ``T`` cycles; a cycle updates the latent ``z`` ``n`` times
    (``z <- f(x + y + z)``) and then the answer once (``y <- f(y + z)``). Training runs up
    to ``n_sup`` supervision steps with a loss at each; inference stops early when the
    halting head is confident.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    vocab_size: int = Field(default=2048, ge=16)
    max_tokens: int = Field(default=32, ge=4, description="Tokens per utterance, context token included.")
    hidden: int = Field(default=64, ge=8)
    heads: int = Field(default=4, ge=1)
    expansion: float = Field(default=2.0, gt=0, description="SwiGLU inner size / hidden.")
    layers: int = Field(default=2, ge=1)
    T: int = Field(default=1, ge=1)
    n: int = Field(default=1, ge=1)
    n_sup: int = Field(default=3, ge=1)
    num_labels: int = 2
    norm_eps: float = 1e-5
    recursive: bool = Field(default=True, description=(
        "False makes an ablation baseline: y = f(x), one pass of the network, no recursion."))
    context_bias: bool = Field(default=False, description=(
        "Also add the context token's embedding to every position of x."))

    @property
    def inner(self) -> int:
        """SwiGLU inner width, rounded up to a multiple of 8."""
        return max(8, -(-int(self.hidden * self.expansion) // 8) * 8)
