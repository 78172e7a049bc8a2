"""The data schema: window context, labeled records, and classification results."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Label = Literal["command", "dictation"]
LABELS: tuple[Label, Label] = ("command", "dictation")

_M = TypeVar("_M", bound=BaseModel)
_set = object.__setattr__


def trusted(cls: type[_M], values: dict[str, Any]) -> _M:
    """``cls`` holding ``values`` (every field, the library's own values) without validation.

    What ``model_construct`` does for a model with no defaults left to fill, aliases, extras or
    private attributes, in a third of its time: the results of the hot path are built so
    (``tests/test_runtime.py`` checks that they equal validated ones).
    """
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


class WindowContext(BaseModel):
    """The frontmost window as the OS reports it.

    Any field may be empty or ``"unknown"``: the macOS client falls back to that when the
    accessibility API fails, and the model then decides from the words alone.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    app_name: str = "unknown"
    bundle_id: str = "unknown"
    window_title: str = ""

    @field_validator("app_name", "bundle_id", "window_title", mode="before")
    @classmethod
    def _stripped_or_unknown(cls, value: Any, info: Any) -> Any:
        """Python's ``str.strip()`` (the contract's whitespace); ``None`` means unknown."""
        if value is None:
            return "" if info.field_name == "window_title" else "unknown"
        return value.strip() if isinstance(value, str) else value

    @classmethod
    def coerce(cls, context: Any) -> WindowContext:
        """Accept a WindowContext, a mapping, ``None``, or any object with the three attributes.

        vozctl passes its own ``AppContext``; a mapping may miss fields (they default to
        unknown). Raises ``TypeError`` for anything else, ``pydantic.ValidationError`` for
        fields of the wrong type.
        """
        if context is None:
            return UNKNOWN_CONTEXT
        if isinstance(context, WindowContext):
            return context
        if isinstance(context, dict):
            return cls.model_validate(context)
        fields = ("app_name", "bundle_id", "window_title")
        if any(hasattr(context, name) for name in fields):
            return cls.model_validate({name: getattr(context, name, None) for name in fields})
        raise TypeError(
            "context must be a WindowContext, a dict, None, or an object with app_name, "
            f"bundle_id and window_title attributes; got {type(context).__name__}"
        )


UNKNOWN_CONTEXT = WindowContext()


class LabeledSegment(BaseModel):
    """One piece of a mixed utterance: consecutive words and their label (LABELING.md, "Mixed
    utterances: segments")."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    text: str
    label: Label

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.split():
            raise ValueError("segment text is empty")
        return value


class LabeledRecord(BaseModel):
    """One line of a labeled JSONL file (see LABELING.md)."""

    # Built on first use: the runtime never validates records.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    transcript: str
    context: WindowContext
    label: Label
    id: str | None = None
    source: str | None = None
    tags: list[str] = Field(default_factory=list)
    note: str | None = None
    segments: list[LabeledSegment] | None = Field(
        default=None,
        description="The utterance cut into labelled pieces; their words, joined by single spaces, "
        "are the transcript's words. Omitted: one segment with the record's label.",
    )

    @field_validator("transcript")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("transcript is empty")
        return value

    @model_validator(mode="after")
    def _segments_cover_the_transcript(self) -> LabeledRecord:
        if self.segments is None:
            return self
        if not self.segments:
            raise ValueError("segments is empty (omit it for a single segment)")
        words = [w for seg in self.segments for w in seg.text.split()]
        if words != self.transcript.split():
            raise ValueError(
                "the segments' words are not the transcript's words in order "
                f"({' '.join(words)!r} vs {' '.join(self.transcript.split())!r})"
            )
        expected = "command" if any(seg.label == "command" for seg in self.segments) else "dictation"
        if self.label != expected:
            raise ValueError(f"label is {self.label!r} but the segments make it {expected!r}")
        return self

    def word_labels(self) -> list[Label]:
        """The label of each word of the transcript (``str.split()`` words)."""
        if self.segments is None:
            return [self.label] * len(self.transcript.split())
        return [seg.label for seg in self.segments for _ in seg.text.split()]


class Segment(BaseModel):
    """A span of the transcript the model labels as one thing: consecutive words, in order."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="transcript[start:end]: whole words, with their punctuation.")
    intent: Label
    confidence: float = Field(description="Probability of `intent`, the least sure word's.")
    start: int = Field(description="Offset of the first character in the transcript as given.")
    end: int = Field(description="Offset after the last character.")


class IntentResult(BaseModel):
    """What ``classify()`` decides for one utterance."""

    model_config = ConfigDict(frozen=True)

    intent: Label
    confidence: float = Field(description="Probability of `intent`.")
    halting_confidence: float = Field(description="Sigmoid of the halting head at the supervision step used.")
    probabilities: dict[str, float]
    steps: int = Field(description="Supervision steps run (early exit makes this smaller).")
    segments: list[Segment] = Field(
        default_factory=list,
        description="The transcript's words cut into consecutive command and dictation spans, in order; "
        "one span for a plain command or plain text (none for an empty transcript).",
    )
