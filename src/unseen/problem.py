"""Problem and Verdict: the records a family produces and returns."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One generated task instance."""

    prompt: str
    """The full text shown to the model, ending with the exact answer form."""
    data: dict[str, Any]
    """The structured data that ``solve`` and ``check`` read (JSON-serialisable)."""
    answer_type: str
    """One of ``answers.ANSWER_TYPES``: how an answer string is parsed."""
    params: dict[str, Any] = field(default_factory=dict)
    """The realised variable values this instance was built from."""

    def __post_init__(self) -> None:
        if isinstance(self.answer_type, str) and type(self.answer_type) is not str:
            object.__setattr__(self, "answer_type", str(self.answer_type))  # an AnswerType is its string

    def to_json(self) -> str:
        # a plain dict, not dataclasses.asdict: asdict deep-copies data (a third of the
        # runner's CPU in the throughput benchmark)
        fields = {"prompt": self.prompt, "data": self.data, "answer_type": self.answer_type, "params": self.params}
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Problem:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class Verdict:
    """Whether a candidate answer is right, and why not when it is not."""

    correct: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.correct


RIGHT = Verdict(True)


def wrong(reason: str) -> Verdict:
    return Verdict(False, reason)
