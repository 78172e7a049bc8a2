"""The Tiny Recursive Model (Jolicoeur-Martineau, 2025) for command/dictation decisions.

x = embedded tokens (context token first) plus the context (position embeddings plus the window's
vector, computed once per window), y = current answer,
z = latent reasoning state, all of shape (batch, tokens, hidden). One small network ``f``
(``layers`` post-norm blocks) is applied again and again; the answer is read from y at the first
position. The window's vector pools the embeddings of its tokens (app name, bundle id, title)
with ``window_queries`` learned queries, so titles and apps nobody listed are evidence too.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from trm_intent.config import TRMConfig
from trm_intent.contract import StepFn, WindowFn

MASKED = -1e9  # the score of a padded window position (the graph uses the same)


class Block(nn.Module):
    """Post-norm transformer block: RMSNorm(h + attn(h)), RMSNorm(h + SwiGLU(h)).

    ``dropout`` drops from the attention and SwiGLU outputs before they join the residual
    stream (training only: in eval mode, and in the exported graph, there is none).
    """

    def __init__(self, cfg: TRMConfig, dropout: float = 0.0) -> None:
        super().__init__()
        d, self.heads = cfg.hidden, cfg.heads
        self.q = nn.Linear(d, d, bias=False)
        self.k = nn.Linear(d, d, bias=False)
        self.v = nn.Linear(d, d, bias=False)
        self.o = nn.Linear(d, d, bias=False)
        self.gate = nn.Linear(d, cfg.inner, bias=False)
        self.up = nn.Linear(d, cfg.inner, bias=False)
        self.down = nn.Linear(cfg.inner, d, bias=False)
        self.norm1 = nn.RMSNorm(d, eps=cfg.norm_eps)
        self.norm2 = nn.RMSNorm(d, eps=cfg.norm_eps)
        self.drop = nn.Dropout(dropout)

    def forward(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, d = h.shape
        q, k, v = (
            proj(h).view(b, t, self.heads, d // self.heads).transpose(1, 2)
            for proj in (self.q, self.k, self.v)
        )
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        h = self.norm1(h + self.drop(self.o(a.transpose(1, 2).reshape(b, t, d))))
        return self.norm2(h + self.drop(self.down(F.silu(self.gate(h)) * self.up(h))))


class TRM(nn.Module):
    """Embedding, the shared network f, and the answer and halting heads.

    ``dropout`` (training only) drops from the input embedding x and inside every block.
    """

    def __init__(self, cfg: TRMConfig, dropout: float = 0.0) -> None:
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab_size, cfg.hidden)
        self.pos = nn.Parameter(torch.zeros(cfg.max_tokens, cfg.hidden))
        self.window_query = nn.Parameter(torch.zeros(cfg.hidden, cfg.window_queries))
        self.window_proj = nn.Linear(cfg.window_queries * cfg.hidden, cfg.hidden, bias=False)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(cfg, dropout) for _ in range(cfg.layers))
        self.head = nn.Linear(cfg.hidden, cfg.num_labels)
        self.token_head = nn.Linear(cfg.hidden, 1)  # per token: is its word a command word?
        self.halt = nn.Linear(cfg.hidden, 1)
        self.apply(self._init)
        nn.init.normal_(self.pos, std=0.02)
        nn.init.normal_(self.window_query, std=1.0 / math.sqrt(cfg.hidden))
        nn.init.zeros_(self.halt.weight)
        nn.init.constant_(self.halt.bias, -2.0)

    @staticmethod
    def _init(m: nn.Module) -> None:
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=1.0 / math.sqrt(m.in_features))
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.trunc_normal_(m.weight, std=1.0)

    def f(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            h = block(h, mask)
        return h

    def window_vector(self, window_ids: torch.Tensor, window_mask: torch.Tensor) -> torch.Tensor:
        """(batch, w) window ids -> (batch, hidden): attention pooling with learned queries."""
        e = self.embed(window_ids)  # (b, w, d)
        scores = (e @ self.window_query).masked_fill(~window_mask.bool()[..., None], MASKED)  # (b, w, q)
        pooled = scores.softmax(1).transpose(1, 2) @ e  # (b, q, d)
        return self.window_proj(pooled.flatten(1))

    def context(
        self, window_ids: torch.Tensor, window_mask: torch.Tensor, t: int | None = None
    ) -> torch.Tensor:
        """(batch, t, hidden): the position embeddings (the first ``t``, default all) plus the
        window's vector at every position (the window graph; ``t`` cuts it as a client does)."""
        return (
            self.pos[: self.cfg.max_tokens if t is None else t]
            + self.window_vector(window_ids, window_mask)[:, None]
        )

    def embed_tokens(self, ids: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        """x: the token embeddings plus the context (batch, t, hidden), dropout in training."""
        return self.drop(self.embed(ids) + context)

    @staticmethod
    def attention_mask(mask: torch.Tensor) -> torch.Tensor:
        """(batch, t) 1/0 -> the boolean mask (batch, 1, query, key) that onnxruntime's Attention
        wants (the query axis spelled out)."""
        t = mask.shape[1]
        return mask.bool()[:, None, None, :].expand(-1, 1, t, t)

    def embed_input(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor,
        window_ids: torch.Tensor,
        window_mask: torch.Tensor,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """x (token embeddings + context) and the boolean attention mask: what the two graphs compute."""
        context = self.context(window_ids, window_mask, ids.shape[1])
        return self.embed_tokens(ids, context), self.attention_mask(attention_mask)

    def initial_state(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """y and z start at zero."""
        return torch.zeros_like(x), torch.zeros_like(x)

    def cycle(
        self, x: torch.Tensor, y: torch.Tensor, z: torch.Tensor, mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        for _ in range(self.cfg.n):
            z = self.f(x + y + z, mask)
        return self.f(y + z, mask), z

    def step(
        self, x: torch.Tensor, y: torch.Tensor, z: torch.Tensor, mask: torch.Tensor, *, grad: bool = True
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """One supervision step: T cycles, the first T-1 without gradients.

        Returns (logits (b, labels), halt_logit (b,), token_logits (b, t), y, z): the answer and
        halting heads read y at the first position, the token head every position.
        """
        if not self.cfg.recursive:  # ablation: the network applied once
            y = self.f(x, mask)
        else:
            with torch.no_grad():
                for _ in range(self.cfg.T - 1):
                    y, z = self.cycle(x, y, z, mask)
            with torch.set_grad_enabled(grad and torch.is_grad_enabled()):
                y, z = self.cycle(x, y, z, mask)
        r = y[:, 0]
        return self.head(r), self.halt(r).squeeze(-1), self.token_head(y).squeeze(-1), y, z

    def forward(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor,
        window_ids: torch.Tensor,
        window_mask: torch.Tensor,
        steps: int | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Run ``steps`` supervision steps (default n_sup); per-step logits and halt logits."""
        x, mask = self.embed_input(ids, attention_mask, window_ids, window_mask)
        y, z = self.initial_state(x)
        logits, halts = [], []
        for _ in range(steps or self.cfg.n_sup):
            lg, hl, _, y, z = self.step(x, y, z, mask)
            logits.append(lg)
            halts.append(hl)
        return torch.stack(logits, 1), torch.stack(halts, 1)


def window_fn(model: TRM, device: str = "cpu") -> WindowFn:
    """``model``'s context as the contract's window function over numpy arrays (the window graph)."""

    @torch.inference_mode()
    def window(window_ids: np.ndarray, window_mask: np.ndarray) -> np.ndarray:
        ids, mask = (torch.from_numpy(a).to(device) for a in (window_ids, window_mask))
        return model.context(ids, mask).cpu().numpy()

    return window


def step_fn(model: TRM, device: str = "cpu") -> StepFn:
    """``model`` as the contract's step function over numpy arrays (what the step graph computes).

    Used by training's evaluation, export's parity check and the benchmarks' torch peer, all
    through :func:`trm_intent.contract.run_steps`, with :func:`window_fn` for the contexts.
    """

    @torch.inference_mode()
    def step(
        ids: np.ndarray, context: np.ndarray, mask: np.ndarray, y: np.ndarray, z: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        x = model.embed_tokens(torch.from_numpy(ids).to(device), torch.from_numpy(context).to(device))
        m = model.attention_mask(torch.from_numpy(mask).to(device))
        logits, halt, tokens, y_out, z_out = model.step(
            x, torch.from_numpy(y).to(device), torch.from_numpy(z).to(device), m, grad=False
        )
        return (
            torch.softmax(logits, -1).cpu().numpy(),
            torch.sigmoid(halt).cpu().numpy(),
            torch.sigmoid(tokens).cpu().numpy(),
            y_out.cpu().numpy(),
            z_out.cpu().numpy(),
        )

    return step
