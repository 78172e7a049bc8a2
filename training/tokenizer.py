"""Train the byte-level BPE tokenizer on the training transcripts.

Text is NFKC-normalised and lower-cased (case is the recogniser's style, not the
speaker's intent); punctuation stays, as its own tokens. Byte-level pieces mean an unseen
word, emoji or script degrades into sub-words and bytes, never into an unknown token.
The context tokens (``[ctx_editor]`` ...) are special tokens, never split.
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

from trm_intent.encoding import CONTEXT_KINDS, context_token

PAD = "[pad]"


def train_tokenizer(texts: Iterable[str], vocab_size: int, max_tokens: int) -> Tokenizer:
    """A BPE tokenizer over ``texts`` with at most ``vocab_size`` entries, truncating."""
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Lowercase(), normalizers.Strip()]
    )
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
    tok.enable_truncation(max_length=max_tokens - 1)  # the context token comes first
    return tok
