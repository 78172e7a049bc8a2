"""The data schema: window context, labeled records, and classification results."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Label = Literal["command", "dictation"]
LABELS: tuple[Label, Label] = ("command", "dictation")


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

    @field_validator("transcript")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("transcript is empty")
        return value


class IntentResult(BaseModel):
    """What ``classify()`` decides for one utterance."""

    model_config = ConfigDict(frozen=True)

    intent: Label
    confidence: float = Field(description="Probability of `intent`.")
    halting_confidence: float = Field(description="Sigmoid of the halting head at the supervision step used.")
    probabilities: dict[str, float]
    steps: int = Field(description="Supervision steps run (early exit makes this smaller).")
