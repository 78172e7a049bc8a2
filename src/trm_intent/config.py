"""The TRM's hyper-parameters and the training recipe (torch-free: the runtime reads them too)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .contract import WindowCut

SEED_RANGE = (-(2**63), 2**63 - 1)  # torch.manual_seed takes a 64-bit integer


class TRMConfig(BaseModel):
    """Size and recursion of a Tiny Recursive Model.

    One supervision step runs ``T`` cycles; a cycle updates the latent ``z`` ``n`` times
    (``z <- f(x + y + z)``) and then the answer once (``y <- f(y + z)``). Training runs up
    to ``n_sup`` supervision steps with a loss at each; inference stops early when the
    halting head is confident. Every size is bounded, so a model's JSON cannot ask for a
    7 TiB array or a loop that never ends.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    vocab_size: int = Field(default=2048, ge=16, le=1_000_000)
    max_tokens: int = Field(
        default=32, ge=4, le=4096, description="Tokens per utterance, context token included."
    )
    hidden: int = Field(default=64, ge=8, le=4096)
    heads: int = Field(default=4, ge=1, le=256)
    expansion: float = Field(default=2.0, gt=0, le=16, description="SwiGLU inner size / hidden.")
    layers: int = Field(default=2, ge=1, le=64)
    T: int = Field(default=1, ge=1, le=16)
    n: int = Field(default=1, ge=1, le=16)
    n_sup: int = Field(default=2, ge=1, le=64)
    num_labels: int = Field(default=2, ge=2, le=2)
    window_queries: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Learned queries that pool the window's token embeddings into its vector.",
    )
    norm_eps: float = Field(default=1e-5, gt=0, lt=1)
    recursive: bool = Field(
        default=True,
        description=("False makes the ablation baseline: y = f(x), one pass of the network, no recursion."),
    )

    @model_validator(mode="after")
    def _heads_divide_hidden(self) -> TRMConfig:
        if self.hidden % self.heads:
            raise ValueError(f"hidden ({self.hidden}) must be divisible by heads ({self.heads})")
        return self

    @property
    def inner(self) -> int:
        """SwiGLU inner width, rounded up to a multiple of 8."""
        return max(8, -(-int(self.hidden * self.expansion) // 8) * 8)


class TrainConfig(BaseModel):
    """Everything that decides a training run (saved with every checkpoint)."""

    model_config = ConfigDict(extra="forbid")

    model: TRMConfig = Field(default_factory=TRMConfig)
    epochs: int = Field(
        default=16,
        ge=1,
        le=10_000,
        description=(
            "16 (with n_sup 2) fits a training run on the 14,451 records in 10 minutes of one core of "
            "this project's 2-core machine (MODEL_CARD.md)."
        ),
    )
    batch_size: int = Field(default=64, ge=1, le=65_536)
    lr: float = Field(default=1e-3, gt=0, le=1)
    weight_decay: float = Field(default=0.05, ge=0)
    warmup_steps: int = Field(default=100, ge=0)
    ema_decay: float = Field(default=0.995, ge=0, lt=1)
    label_smoothing: float = Field(default=0.1, ge=0, lt=1)
    ambiguous_target: float = Field(
        default=0.7,
        gt=0.5,
        le=1,
        description="Probability the loss asks for on the label of an `ambiguous`-tagged record, "
        "so the model learns not to be sure of those (1: treat them like the rest).",
    )
    halt_weight: float = Field(default=1.0, ge=0)
    segment_weight: float = Field(
        default=1.0,
        ge=0,
        description="Weight of the per-token loss (is this token's word a command word?) beside the "
        "whole-utterance loss; 0 trains no segments.",
    )
    mixed_token_weight: float = Field(
        default=10.0,
        ge=0,
        description="Weight of a mixed record's words (a record whose words carry both labels) in the "
        "per-token loss, against 1 for the words of every other record: the few mixed records teach "
        "where the cuts go, the many plain ones only that there is none.",
    )
    keep_answer: bool = Field(
        default=False,
        description="Fine-tuning from trained weights only: the answer's target at each supervision "
        "step is the starting model's own answer for the same input (kept frozen beside the one "
        "trained), not the label, while the token and halting losses are as usual. So further "
        "epochs teach the per-word labels (the segments) and leave the whole-utterance decision "
        "where the starting model put it. Corrections (``--data`` after the first) are always "
        "trained toward their labels: what a user corrected is never kept.",
    )
    length_groups: int = Field(
        default=1,
        ge=1,
        le=64,
        description=(
            "Groups of similar length each batch runs through the network in, each padded only to its "
            "own longest record: the same loss and gradient as one padded batch, with less padding "
            "to compute (and other dropout draws). The published recipes ran 1."
        ),
    )
    augment_p: float = Field(default=0.5, ge=0, le=1)
    slip_p: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description=("Share of training transcripts given one recogniser slip per epoch (augment.slip)."),
    )
    bpe_dropout: float = Field(
        default=0.1,
        ge=0,
        lt=1,
        description=(
            "BPE-dropout on training transcripts (Provilkov et al. 2020): each merge is skipped with "
            "this probability, so a word is also seen in smaller pieces, as a mis-spelled word is. "
            "Drawn from the run's seeded random source (training.tokenizer.BPEDropoutEncoder)."
        ),
    )
    dropout: float = Field(
        default=0.1,
        ge=0,
        lt=1,
        description=(
            "Dropout on the input embedding and on each block's attention and SwiGLU outputs "
            "(training only; the exported graph has none)."
        ),
    )
    correction_weight: int = Field(
        default=16,
        ge=1,
        le=1000,
        description=(
            "Times each correction record (every data file after the first) is trained on per epoch. "
            "Corrections are never held out and win conflicts with the base data."
        ),
    )
    replay_fraction: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description=(
            "Share of the base training records drawn afresh into each epoch (1: all). A fine-tune "
            "replays a part of the base data beside the corrections, so nothing else moves."
        ),
    )
    window: WindowCut = Field(default_factory=WindowCut, description="Window tokens the model reads.")
    window_dropout: float = Field(
        default=0.1,
        ge=0,
        lt=1,
        description="Share of window tokens (all but the context id) left out of each training record.",
    )
    command_precision: float = Field(
        default=0.995,
        gt=0,
        le=1,
        description=(
            "Command precision the command threshold is chosen for on the held-out split: the lowest "
            "threshold that reaches it (when none does, the one with the highest precision), among "
            "those that keep command_recall."
        ),
    )
    command_recall: float = Field(
        default=0.97,
        ge=0,
        le=1,
        description=(
            "Command recall the command threshold must keep on the held-out split: the precision "
            "target is sought only among thresholds that keep it (0.5 always qualifies)."
        ),
    )
    val_fraction: float = Field(default=0.15, gt=0, lt=1)
    max_chars: int = Field(default=400, gt=0, le=100_000)
    halt_threshold: float = Field(default=0.5, gt=0, le=1)
    use_context: bool = Field(default=True, description="False: every window is unknown (ablation).")
    seed: int = Field(
        default=0,
        ge=SEED_RANGE[0],
        le=SEED_RANGE[1],
        description="Picks the held-out split; also seeds the run unless init_seed is given.",
    )
    init_seed: int | None = Field(
        default=None,
        ge=SEED_RANGE[0],
        le=SEED_RANGE[1],
        description=(
            "Seeds the weights' initialisation, the batch order and the augmentation, leaving the "
            "split to seed (None: seed): repeated runs of one recipe on one split."
        ),
    )


# The fine-tune recipe of ``trm-intent learn`` and ``train --init-from``: a few short epochs from the
# trained weights at a lower learning rate, a quarter of the base data replayed each epoch beside
# the corrections, and an EMA short enough to follow them. The replayed base records keep the
# starting model's answers (``keep_answer``), so the corrections are what moves the decision. Batches
# run in two length groups: the same gradient with less padding, so a user waits less.
FINE_TUNE = {
    "epochs": 4,
    "lr": 3e-4,
    "warmup_steps": 0,
    "ema_decay": 0.9,
    "replay_fraction": 0.25,
    "keep_answer": True,
    "length_groups": 2,
}


def fine_tune_config(cfg: TrainConfig | None = None) -> TrainConfig:
    """``cfg`` (default: the default recipe) with the fine-tune recipe's settings."""
    return (cfg or TrainConfig()).model_copy(update=FINE_TUNE)
