"""Simulated models with known behaviour, deterministic given the run seed.

* ``sim/oracle``: always the reference answer.
* ``sim/noisy:p=0.7``: the reference with probability p, else a known-wrong answer.
* ``sim/threshold:var=ops,at=16[,below=1,above=0]``: accuracy ``below`` until variable
  ``var`` reaches level ``at`` (by the variable's order), ``above`` from there on.
  Several variables join with ``+`` (``var=ops+peeks,at=16+3``): the model fails only
  where *all* of them are at or past their levels. Families without them get ``below``;
  ``family=NAME`` limits the planted failure to one family.
* ``sim/random``: picks uniformly among the reference and the known-wrong answers.
* ``sim/memoriser:set=FILE[,p=0.2]``: has memorised a published set (a file written by
  ``unseen publish``): answers those prompts right, and elsewhere is right with
  probability p (a guesser).

Every kind also takes ``delay=MS``, a simulated latency per request. Answers are
written as ``Answer: ...`` lines, the form every prompt asks for.

A simulated model knows the answers only through the run's answer key, handed to it once
(``use_key``) before its first request; each request carries only the messages, the
options and the sample index. The answer to a prompt is drawn from (run seed, the key's
instance id for that prompt, sample), so the same seed gives the same answers. A prompt
that is not in the key is answered with an error naming that.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from unseen import registry
from unseen.errors import ModelError, UnseenError
from unseen.models.base import AnswerKey, Completion, KeyEntry, Request, parse_options
from unseen.registry import closest
from unseen.seeding import unit_float

KINDS = ("oracle", "noisy", "threshold", "random", "memoriser")
OPTIONS = {"oracle": set(), "noisy": {"p"}, "threshold": {"var", "at", "below", "above", "family"}, "random": set(),
           "memoriser": {"set", "p"}}


def _prob(opts: dict[str, str], key: str, default: float, spec: str) -> float:
    try:
        value = float(opts.get(key, default))
    except ValueError:
        raise ModelError(f"{key}={opts[key]!r} in model {spec!r} is not a number; use a value in 0..1") from None
    if not 0.0 <= value <= 1.0:
        raise ModelError(f"{key}={value} in model {spec!r} is outside 0..1; use a probability")
    return value


def load_published(path: str, spec: str) -> dict[str, str]:
    """prompt -> reference answer, from a published-set file."""
    p = Path(path)
    if not p.exists():
        raise ModelError(f"model {spec}: published set {path!r} does not exist; write one with `unseen publish`")
    if not p.is_file():
        raise ModelError(f"model {spec}: published set {path!r} is a folder; give the file `unseen publish` wrote")
    try:
        lines = [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
        return {d["prompt"]: d["reference"] for d in lines[1:]}
    except (ValueError, KeyError, TypeError):
        raise ModelError(f"model {spec}: {path!r} is not a published set written by `unseen publish`") from None
    except OSError as exc:
        raise ModelError(f"model {spec}: published set {path!r} cannot be read ({exc.strerror})") from None


class SimModel:
    cacheable = False  # answers depend on the run seed, not only on the prompt

    def __init__(self, spec: str, kind: str, opts: dict[str, str]):
        self.name = spec
        self.kind = kind
        extra = set(opts) - OPTIONS[kind] - {"delay"}
        if extra:
            raise ModelError(f"option {sorted(extra)[0]!r} is not an option of sim/{kind} (it takes "
                             f"{', '.join(sorted(OPTIONS[kind] | {'delay'}))})")
        self.p = _prob(opts, "p", 0.7 if kind == "noisy" else 0.2, spec)
        self.below = _prob(opts, "below", 1.0, spec)
        self.above = _prob(opts, "above", 0.0, spec)
        try:
            self.delay = float(opts.get("delay", 0)) / 1000.0
        except ValueError:
            raise ModelError(f"delay={opts['delay']!r} in model {spec!r} is not a number of milliseconds") from None
        if not 0 <= self.delay <= 60:
            raise ModelError(f"delay={opts['delay']!r} in model {spec!r} must be from 0 to 60000 milliseconds")
        self.family = opts.get("family")
        self.conditions: list[tuple[str, str]] = []
        if kind == "threshold":
            if not opts.get("var") or not opts.get("at"):
                raise ModelError(f"model {spec!r} needs var= and at=, e.g. sim/threshold:var=ops,at=16")
            names, levels = opts["var"].split("+"), opts["at"].split("+")
            if len(names) != len(levels):
                raise ModelError(f"model {spec!r} names {len(names)} variables but {len(levels)} levels; "
                                 "give one level per variable, joined with +")
            self.conditions = list(zip(names, levels, strict=True))
            for var, at in self.conditions:
                _check_condition(var, at, spec)
        self._rank_cache: dict[str, list[tuple[str, int]] | None] = {}
        if kind == "threshold":
            self._check_one_family_has_all()
        self.key: AnswerKey | None = None
        self.run_seed = 0
        self.memory: dict[str, str] = {}
        if kind == "memoriser":
            if not opts.get("set"):
                raise ModelError(f"model {spec!r} needs set=FILE, a published set from `unseen publish`")
            self.memory = load_published(opts["set"], spec)

    def use_key(self, key: AnswerKey, run_seed: int) -> None:
        """What this model knows: the run's answer key and seed (``KeyedModel``)."""
        self.key, self.run_seed = key, run_seed

    def accuracy_for(self, item: KeyEntry, prompt: str) -> float:
        if self.kind == "oracle":
            return 1.0
        if self.kind == "noisy":
            return self.p
        if self.kind == "random":
            return 1.0 / (1 + len(item.wrong))
        if self.kind == "memoriser":
            return 1.0 if self.memory.get(prompt) == item.reference else self.p
        if self.family and item.family != self.family:
            return self.below
        ranks = self._ranks(item.family)
        if ranks is None:
            return self.below
        fam = registry.get(item.family)
        for var, at_rank in ranks:
            if fam.variables[var].rank(item.params[var]) < at_rank:
                return self.below
        return self.above

    def _check_one_family_has_all(self) -> None:
        """The planted failure fires only in a family that has every named variable at its
        level: refuse an unknown ``family=``, or conditions no one family meets."""
        try:
            fams = [registry.get(self.family)] if self.family else registry.all_families()
        except UnseenError as exc:
            raise ModelError(f"family={self.family!r} in model {self.name!r}: {exc}") from None
        if not any(self._ranks(f.name) is not None for f in fams):
            where = f"family {self.family} has no" if self.family else "no one family has"
            raise ModelError(f"model {self.name!r} never fails: {where} {self._named()}; name variables "
                             "and levels of one family (`unseen show FAMILY` lists them)")

    def check_families(self, families: list[str]) -> None:
        """Before a run starts: refuse a planted failure that no planned family can show."""
        if self.kind != "threshold":
            return
        if not any(self._ranks(f) is not None for f in families if not self.family or f == self.family):
            raise ModelError(f"model {self.name!r} never fails in this plan: no planned family "
                             f"({', '.join(families)}) has {self._named()}; plan one that has (--family)")

    def _named(self) -> str:
        return " and ".join(f"{var}={at}" for var, at in self.conditions)

    def _ranks(self, family: str) -> list[tuple[str, int]] | None:
        """(variable, rank of its planted level) for ``family``, or None when the family
        lacks one of the variables (or has a same-named variable of another kind)."""
        if family not in self._rank_cache:
            fam = registry.get(family)
            try:
                self._rank_cache[family] = [
                    (var, fam.variables[var].rank(fam.variables[var].validate(at, fam.name)))
                    for var, at in self.conditions]
            except (KeyError, UnseenError):
                self._rank_cache[family] = None
        return self._rank_cache[family]

    async def complete(self, request: Request) -> Completion:
        item = self.key.lookup(request.messages) if self.key is not None else None
        if item is None:
            why = "it was handed no answer key" if self.key is None else "the prompt is not in its answer key"
            return Completion("", error=f"simulated model {self.name} cannot answer: {why} (a simulated "
                                        "model answers only the instances of the run it was handed)")
        if self.delay:
            await asyncio.sleep(self.delay)
        u = unit_float("sim", self.name, self.run_seed, item.instance_id, request.sample)
        if u < self.accuracy_for(item, request.messages[-1]["content"]) or not item.wrong:
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


def _check_condition(var: str, at: str, spec: str) -> None:
    """A threshold must name a variable some family has, at a level inside its domain in at
    least one of them; otherwise the planted failure never fires and the model is an oracle."""
    having = [f for f in registry.all_families() if var in f.variables]
    if not having:
        names = sorted({v for f in registry.all_families() for v in f.variables})
        hint = closest(var, names)
        tip = f"did you mean {hint!r}? " if hint else ""
        raise ModelError(f"var={var!r} in model {spec!r} is not a variable of any family; {tip}"
                         "`unseen families` lists them")
    for fam in having:
        try:
            fam.variables[var].validate(at, fam.name)
            return
        except UnseenError:
            continue
    domains = "; ".join(f"{f.name}: {f.variables[var].describe_domain()}" for f in having[:4])
    raise ModelError(f"at={at!r} in model {spec!r} is outside {var}'s domain in every family that has it "
                     f"({domains}); pick a level inside it")

