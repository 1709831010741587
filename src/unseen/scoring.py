"""Score one response two ways: strict (the requested ``Answer:`` form) and lenient (the
documented fallback in ``unseen.answers``). Both are stored; reports show both."""

from __future__ import annotations

from dataclasses import dataclass

from unseen.answers import extract_lenient, extract_strict
from unseen.family import Family
from unseen.problem import Problem


@dataclass(frozen=True)
class Score:
    answer_strict: str | None
    """The answer read in the requested form, None when the response has none."""
    answer_lenient: str | None
    """The fallback reading (equal to the strict one when that exists)."""
    pass_strict: bool
    pass_lenient: bool
    reason: str
    """The checker's reason for the strict verdict (or the lenient one when strict found nothing)."""


def score(fam: Family, problem: Problem, text: str) -> Score:
    strict = extract_strict(text, problem.answer_type)
    lenient = extract_lenient(text, problem.answer_type)
    v_strict = fam.judge_text(problem, strict)
    v_lenient = v_strict if lenient == strict else fam.judge_text(problem, lenient)
    reason = v_strict.reason if strict is not None else f"no Answer: line; lenient: {v_lenient.reason}"
    return Score(strict, lenient, v_strict.correct, v_lenient.correct, reason if not v_strict.correct else "")
