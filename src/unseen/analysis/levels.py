"""Accuracy at a variable level: the one definition summary, analyse, report and search use.

* ``--design oat`` (one at a time): a level's accuracy is that of the *slice*: the
  attempts whose every other variable sits at the plan's anchor (``base``, or
  ``simplest`` for the smoke suite, with the plan's fixed values applied). The anchor
  cell counts at its level of every variable.
* ``--design grid`` and ``--design random``: a level's accuracy is the *marginal* over
  every cell at that level (in a full grid, averaged evenly over the other variables'
  levels).

Anchors and level order come from the declarations the run recorded, never from the
installed families.
"""

from __future__ import annotations

from typing import Any

from unseen.plan import Plan
from unseen.store.declarations import FamilyDecl


def anchor(plan: Plan, decl: FamilyDecl) -> dict[str, Any]:
    """The plan's anchor setting of a family, in JSON form (as stored params read)."""
    start = decl.simplest_params() if plan.anchor == "simplest" else decl.base_params()
    return {**start, **plan.fixed.get(decl.name, {})}


class LevelRule:
    """Which variables' curves an instance with given params counts in."""

    def __init__(self, plan: Plan, decls: dict[str, FamilyDecl]):
        self.marginal = plan.design != "oat"
        self.anchors = {f: anchor(plan, d) for f, d in decls.items()}

    @property
    def name(self) -> str:
        return "marginal over every cell at the level" if self.marginal else "one at a time: others at the anchor"

    def variables(self, family: str, params: dict[str, Any]) -> list[str]:
        """Every variable for a grid or random design; for one at a time, the one variable
        off the anchor, every variable in the anchor cell, none off the anchor twice."""
        if self.marginal:
            return list(params)
        base = self.anchors.get(family)
        if base is None:
            return []
        off = [v for v in params if params[v] != base.get(v)]
        if len(off) > 1:
            return []
        return off or list(params)


def level_key(value: Any) -> Any:
    """A hashable key for a level value (a list level reads as a tuple)."""
    return tuple(value) if isinstance(value, list) else value
