"""Score one response two ways: strict (the requested ``Answer:`` form) and lenient (the
documented fallback in ``unseen.answers``). Both are stored; reports show both."""

from __future__ import annotations

from dataclasses import dataclass

from unseen.answers import AnswerFormatError, extract_lenient, extract_strict, parse, render
from unseen.family import Family
from unseen.problem import Problem, Verdict


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


def matches_label(problem: Problem, text: str | None, label: str) -> Verdict:
    """A probe's verdict: does the answer equal the (wrong) label it is scored against?"""
    if text is None:
        return Verdict(False, "no answer found")
    try:
        got = render(problem.answer_type, parse(problem.answer_type, text))
    except AnswerFormatError as exc:
        return Verdict(False, str(exc))
    want = render(problem.answer_type, parse(problem.answer_type, label))
    return Verdict(got.casefold() == want.casefold(), "")


def score(fam: Family, problem: Problem, text: str, probe_label: str | None = None) -> Score:
    """Score a response; with ``probe_label``, score it against that wrong label instead."""
    strict = extract_strict(text, problem.answer_type)
    lenient = extract_lenient(text, problem.answer_type)
    if probe_label is not None:
        judge = lambda t: matches_label(problem, t, probe_label)  # noqa: E731
    else:
        judge = lambda t: fam.judge_text(problem, t)  # noqa: E731
    v_strict = judge(strict)
    v_lenient = v_strict if lenient == strict else judge(lenient)
    reason = v_strict.reason if strict is not None else f"no Answer: line; lenient: {v_lenient.reason}"
    return Score(strict, lenient, v_strict.correct, v_lenient.correct, reason if not v_strict.correct else "")
