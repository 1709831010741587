"""Score one response two ways: strict (the final answer by the resolution rule in
``unseen.resolve``) and lenient (the documented fallback in ``unseen.answers``). An answer
that hedges or qualifies its value is wrong in both. Both are stored; reports show both."""

from __future__ import annotations

from dataclasses import dataclass

from unseen.answers import AnswerFormatError, Reading, parse, read, render
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


def _committed(judge, text: str | None, uncommitted: str | None) -> Verdict:
    """An uncommitted answer (hedged or qualified) is wrong whatever its value."""
    if text is not None and uncommitted is not None:
        return Verdict(False, f"uncommitted: {uncommitted}")
    return judge(text)


def score(fam: Family, problem: Problem, text: str, probe_label: str | None = None,
          reading: Reading | None = None) -> Score:
    """Score a response; with ``probe_label``, score it against that wrong label instead.
    ``reading``: the response already read with ``unseen.answers.read`` (read here if None)."""
    reading = reading or read(text, problem.answer_type)
    strict, lenient = reading.strict, reading.lenient
    if probe_label is not None:
        judge = lambda t: matches_label(problem, t, probe_label)  # noqa: E731
    else:
        judge = lambda t: fam.judge_text(problem, t)  # noqa: E731
    v_strict = _committed(judge, strict, reading.strict_uncommitted)
    v_lenient = v_strict if lenient == strict else _committed(judge, lenient, reading.lenient_uncommitted)
    reason = v_strict.reason if strict is not None else f"no Answer: line; lenient: {v_lenient.reason}"
    return Score(strict, lenient, v_strict.correct, v_lenient.correct, reason if not v_strict.correct else "")
