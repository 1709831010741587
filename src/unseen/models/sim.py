"""Simulated models with known behaviour, deterministic given the run seed.

* ``sim/oracle``: always the reference answer.
* ``sim/noisy:p=0.7``: the reference with probability p, else a known-wrong answer.
* ``sim/threshold:var=ops,at=16[,below=1,above=0]``: accuracy ``below`` while variable
  ``var`` is under level ``at`` (by the variable's order), ``above`` from there on.
  Items of families without ``var`` get ``below``.
* ``sim/random``: picks uniformly among the reference and the known-wrong answers.

Every kind also takes ``delay=MS``, a simulated latency per request.

Answers are written as ``Answer: ...`` lines, the form every prompt asks for.
"""

from __future__ import annotations

import asyncio

from unseen import registry
from unseen.errors import ModelError
from unseen.models.base import Completion, ItemInfo, Request, parse_options
from unseen.seeding import unit_float

KINDS = ("oracle", "noisy", "threshold", "random")


def _prob(opts: dict[str, str], key: str, default: float, spec: str) -> float:
    try:
        value = float(opts.get(key, default))
    except ValueError:
        raise ModelError(f"{key}={opts[key]!r} in model {spec!r} is not a number; use a value in 0..1") from None
    if not 0.0 <= value <= 1.0:
        raise ModelError(f"{key}={value} in model {spec!r} is outside 0..1; use a probability")
    return value


class SimModel:
    def __init__(self, spec: str, kind: str, opts: dict[str, str]):
        self.name = spec
        self.kind = kind
        self.opts = opts
        self.p = _prob(opts, "p", 0.7, spec)
        self.below = _prob(opts, "below", 1.0, spec)
        self.above = _prob(opts, "above", 0.0, spec)
        try:
            self.delay = float(opts.get("delay", 0)) / 1000.0
        except ValueError:
            raise ModelError(f"delay={opts['delay']!r} in model {spec!r} is not a number of milliseconds") from None
        self.var = opts.get("var")
        self.at = opts.get("at")
        if kind == "threshold" and (not self.var or self.at is None):
            raise ModelError(f"model {spec!r} needs var= and at=, e.g. sim/threshold:var=ops,at=16")
        allowed = {"noisy": {"p"}, "threshold": {"var", "at", "below", "above"}}.get(kind, set()) | {"delay"}
        extra = set(opts) - allowed
        if extra:
            raise ModelError(f"option {sorted(extra)[0]!r} is not an option of sim/{kind}"
                             + f" (it takes {', '.join(sorted(allowed))})")

    def accuracy_for(self, item: ItemInfo) -> float:
        if self.kind == "oracle":
            return 1.0
        if self.kind == "noisy":
            return self.p
        if self.kind == "random":
            return 1.0 / (1 + len(item.wrong))
        fam = registry.get(item.family)
        if self.var not in fam.variables:
            return self.below
        variable = fam.variables[self.var]
        at = variable.validate(self.at, fam.name)
        return self.above if variable.rank(item.params[self.var]) >= variable.rank(at) else self.below

    async def complete(self, request: Request) -> Completion:
        item = request.item
        if item is None:
            return Completion("", error="simulated models need the item record")
        if self.delay:
            await asyncio.sleep(self.delay)
        u = unit_float("sim", self.name, item.run_seed, item.instance_id, item.sample)
        if u < self.accuracy_for(item) or not item.wrong:
            answer = item.reference
        else:
            answer = item.wrong[int(unit_float("sim-wrong", u) * len(item.wrong))]
        return Completion(f"Working it out.\nAnswer: {answer}", prompt_tokens=0, completion_tokens=0,
                          latency_ms=0.0, finish_reason="stop")

    async def aclose(self) -> None:
        return None


def make_sim(rest: str, spec: str) -> SimModel:
    kind, _, optstr = rest.partition(":")
    if kind not in KINDS:
        raise ModelError(f"simulated model {kind!r} in {spec!r} is unknown; use one of "
                         + ", ".join(f"sim/{k}" for k in KINDS))
    return SimModel(spec, kind, parse_options(optstr, spec))
