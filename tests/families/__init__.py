"""Shared helpers for the family tests."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from unseen.family import Family
from unseen.problem import Problem


def random_instances(fam: Family, n: int, seed: int,
                     also: Callable[[random.Random], dict[str, Any]] | None = None,
                     ) -> Iterator[tuple[dict[str, Any], int, Problem]]:
    """``n`` (params, seed, problem) triples, each variable drawn from its whole domain;
    ``also(rng)`` then overrides some of them (e.g. a range wider than the sweep levels)."""
    rng = random.Random(seed)
    for s in range(n):
        params = {name: rng.choice(var.domain) for name, var in fam.variables.items()}
        if also is not None:
            params.update(also(rng))
        yield params, s, fam.generate(params, random.Random(s))
