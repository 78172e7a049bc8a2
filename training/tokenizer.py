"""Train the byte-level BPE tokenizer on the training transcripts and their windows' fields.

Text is NFKC-normalised and lower-cased (case is the recogniser's style, not the
speaker's intent); punctuation stays, as its own tokens. Byte-level pieces mean an unseen
word, emoji or script degrades into sub-words and bytes, never into an unknown token.
The context tokens (``[ctx_editor]`` ...) and ``[pad]`` are vocabulary entries that no text
can produce: the saved tokenizer has no added tokens (see ``contract.without_added_tokens``).
"""

from __future__ import annotations

import heapq
import json
import random
from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

from trm_intent.contract import (
    CONTEXT_KINDS,
    ContextRules,
    InputEncoder,
    ModelInput,
    WindowCut,
    context_token,
    without_added_tokens,
)
from trm_intent.schema import WindowContext

PAD = "[pad]"


def train_tokenizer(texts: Iterable[str], vocab_size: int, max_tokens: int) -> Tokenizer:
    """A BPE tokenizer over ``texts`` with at most ``vocab_size`` entries, truncating."""
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase(), normalizers.Strip()])
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    specials = [PAD] + [context_token(k) for k in CONTEXT_KINDS]
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    # The special entries stay in the vocabulary, but not as added tokens: text is never one.
    tok = without_added_tokens(tok.to_str())
    tok.enable_truncation(max_length=max_tokens - 1)  # the context token comes first
    return tok


class BPEDropoutEncoder(InputEncoder):
    """An :class:`InputEncoder` with BPE-dropout (Provilkov et al. 2020) drawn from ``rng``.

    The algorithm of the ``tokenizers`` BPE model with its ``dropout`` set (each merge it
    would apply is skipped with probability ``p``), but that model draws from its own random
    source, which cannot be seeded; this one makes a training run repeatable. With ``p`` 0
    it gives the tokenizer's own ids.
    """

    def __init__(
        self,
        tokenizer: Tokenizer,
        rules: ContextRules,
        max_chars: int,
        max_tokens: int,
        window: WindowCut,
        p: float,
        rng: random.Random,
    ) -> None:
        super().__init__(tokenizer, rules, max_chars, max_tokens, window)
        model = json.loads(tokenizer.to_str())["model"]
        if model.get("type") != "BPE":
            raise ValueError(f"BPE-dropout needs a BPE tokenizer, not {model.get('type')}")
        self.p, self.rng, self.max_ids = p, rng, max_tokens - 1
        self.vocab: dict[str, int] = model["vocab"]
        self.ranks = {
            tuple(m.split(" ") if isinstance(m, str) else m): i for i, m in enumerate(model["merges"])
        }

    def _merge(self, word: str) -> list[int]:
        # The tokenizers library's algorithm (models/bpe/word.rs), step for step: a queue of
        # (rank, position) merges; each one popped is skipped with probability p, and the
        # skipped ones go back into the queue once any pop is not skipped (a stale one too).
        text = list(word)
        prev = list(range(-1, len(word) - 1))
        nxt = [*range(1, len(word)), -1]
        queue = [
            (rank, i, word[i] + word[i + 1])
            for i in range(len(word) - 1)
            if (rank := self.ranks.get((word[i], word[i + 1]))) is not None
        ]
        heapq.heapify(queue)
        skipped: list[tuple[int, int, str]] = []
        while queue:
            top = heapq.heappop(queue)
            if self.rng.random() < self.p:
                skipped.append(top)
                continue
            for item in skipped:
                heapq.heappush(queue, item)
            skipped.clear()
            _, at, merged = top
            right = nxt[at]
            if not text[at] or right == -1 or text[at] + text[right] != merged:
                continue  # a merge made stale by an earlier one
            text[at], text[right] = merged, ""
            nxt[at] = nxt[right]
            if nxt[at] != -1:
                prev[nxt[at]] = at
            for left, this in ((prev[at], at), (at, nxt[at])):
                if left != -1 and this != -1:
                    rank = self.ranks.get((text[left], text[this]))
                    if rank is not None:
                        heapq.heappush(queue, (rank, left, text[left] + text[this]))
        return [self.vocab[t] for t in text if t]

    def transcript_ids(self, transcript: str) -> tuple[list[int], list[int]]:
        """The transcript's token ids, before the context token (the window's are not dropped),
        and the word (of the normalized text's ``split()``) each belongs to."""
        text = transcript[: self.max_chars]
        if self.p == 0:
            return super().transcript_ids(transcript)
        normalized = self.tokenizer.normalizer.normalize_str(text)
        ids: list[int] = []
        words: list[int] = []
        for piece, (_, end) in self.tokenizer.pre_tokenizer.pre_tokenize_str(normalized):
            merged = self._merge(piece)
            ids.extend(merged)
            words.extend([max(0, len(normalized[:end].split()) - 1)] * len(merged))
            if len(ids) >= self.max_ids:
                break
        return ids[: self.max_ids], words[: self.max_ids]

    def encode_batch(self, transcripts: list[str], contexts: list[WindowContext]) -> list[ModelInput]:
        return [self.encode(t, c) for t, c in zip(transcripts, contexts)]
