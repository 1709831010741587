"""Verification before asking: the reference must pass the checker, near misses must not.

An instance whose reference answer fails ``check`` (after a render-and-parse round
trip, the same path a model's answer takes) is a generation error: it is counted
toward epsilon and never asked. A near miss that ``check`` accepts is a false pass of
the checker itself; it is counted too, and the instance is not asked either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from unseen.answers import AnswerFormatError, parse
from unseen.family import Family
from unseen.problem import Problem
from unseen.seeding import sub_seed


@dataclass(frozen=True)
class Verification:
    """The outcome of verifying one instance."""

    ok: bool
    """True when the reference passes and every near miss fails."""
    reference: str
    """The reference answer as an answer string (empty when solve raised)."""
    reason: str = ""
    """Why verification failed, empty when it passed."""
    near_misses: list[str] = field(default_factory=list)
    """The near misses tried."""
    false_passes: list[str] = field(default_factory=list)
    """Near misses the checker wrongly accepted (must stay empty)."""


def verify(fam: Family, problem: Problem, seed: int) -> Verification:
    """Solve, round-trip the reference through parse and check, and try the near misses."""
    try:
        reference = fam.render(problem, fam.solve(problem))
    except Exception as exc:  # a family bug is a generation error, not a crash of the run
        return Verification(False, "", f"solve raised {type(exc).__name__}: {exc}")
    try:
        verdict = fam.check(problem, parse(problem.answer_type, reference))
    except AnswerFormatError as exc:
        return Verification(False, reference, f"reference does not parse: {exc}")
    except Exception as exc:
        return Verification(False, reference, f"check raised {type(exc).__name__}: {exc}")
    if not verdict.correct:
        return Verification(False, reference, f"check rejects the reference: {verdict.reason}")
    from unseen.scoring import score  # the whole response path: resolution, notation, commitment

    written = score(fam, problem, f"Working.\nAnswer: {reference}")
    if not written.pass_strict:
        return Verification(False, reference, f"the reference as a final `Answer:` line does not score: "
                            f"{written.reason}")
    try:
        misses = fam.near_misses(problem, Random(sub_seed("near", seed)))
    except Exception as exc:
        return Verification(False, reference, f"near_misses raised {type(exc).__name__}: {exc}")
    false_passes = [m for m in misses if fam.judge_text(problem, m).correct]
    if false_passes:
        return Verification(False, reference, f"check accepts near miss {false_passes[0]!r}",
                            misses, false_passes)
    return Verification(True, reference, "", misses, [])
