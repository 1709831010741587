"""Building blocks for near misses: the wrong answers a careless model would give.

Each returns an answer *string* in the form a model would write after ``Answer:``.
``distinct`` drops candidates that render the same as the right answer, so a family's
near-miss list never contains the right answer by accident.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from random import Random
from typing import Any

from unseen.answers import render


def hedge(right: str, other: str) -> str:
    """Two candidates at once ("12 or 13"): always wrong, even if one is right."""
    return f"{right} or {other}"


def off_by(n: int, delta: int = 1) -> str:
    return str(n + delta)


def swap_one(items: Sequence[Any], rng: Random) -> list[Any]:
    """The sequence with one adjacent pair of different items swapped."""
    out = list(items)
    spots = [i for i in range(len(out) - 1) if out[i] != out[i + 1]]
    if spots:
        i = rng.choice(spots)
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def distinct(right: str, candidates: Iterable[str]) -> list[str]:
    """Candidates that differ from ``right`` and from each other, in order."""
    seen = {right.strip()}
    out = []
    for c in candidates:
        c = c.strip()
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out


def sequence_misses(right: Sequence[Any], rng: Random, answer_type: str = "sequence") -> list[str]:
    """Reversed, truncated, one pair swapped, one item dropped from the middle."""
    r = list(right)
    cands = [r[::-1], r[:-1], swap_one(r, rng)]
    if len(r) > 2:
        k = rng.randrange(1, len(r) - 1)
        cands.append(r[:k] + r[k + 1:])
    return distinct(render(answer_type, r), (render(answer_type, c) for c in cands if c))
