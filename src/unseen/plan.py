"""Plans: which families, which variable settings (cells), how many instances per cell.

Designs:
* ``oat``: one at a time. The base cell, then each swept variable over its levels with
  every other variable at its base (or at the value the plan fixes).
* ``grid``: the full product of the swept variables' levels.
* ``random``: ``cells`` settings drawn uniformly from every variable's whole domain.

Suites are named profiles with parents (``smoke`` inside ``standard`` inside
``thorough``): a child states only what it changes.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import MISSING, asdict, dataclass, field, fields
from random import Random
from typing import Any

from unseen import registry
from unseen.errors import UsageError
from unseen.family import Family
from unseen.seeding import canonical, derive_seed, sub_seed

DESIGNS = ("oat", "grid", "random")
MAX_CELLS = 20000


@dataclass(frozen=True)
class Cell:
    """One variable setting of one family."""

    family: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Item:
    """One planned instance: a cell and an index within it, with its derived seed."""

    item: int
    family: str
    version: int
    params: dict[str, Any]
    idx: int
    seed: int
    kind: str = "task"
    """``task``; ``probe_label`` (a real instance scored against a near miss); or
    ``probe_unsolvable`` (a needed fact deleted, scored against the old label)."""


@dataclass(frozen=True)
class Plan:
    """Everything needed, with the run seed, to rebuild every item of a run."""

    families: tuple[str, ...]
    design: str = "oat"
    n: int = 2
    """Instances per cell."""
    samples: int = 1
    """Repeated samples per instance."""
    fixed: dict[str, dict[str, Any]] = field(default_factory=dict)
    """family -> {variable: value} held fixed instead of the base (never swept)."""
    vary: tuple[str, ...] = ()
    """Variables to sweep (oat, grid); empty means every variable."""
    cells: int = 8
    """Cells per family for the random design."""
    anchor: str = "base"
    """oat: the setting the other variables sit at while one is swept: each variable's
    ``base`` or its ``simplest`` end (for small models, where base is already too hard)."""
    max_levels: int | None = None
    """oat/grid: sweep at most this many levels per variable, spread over its levels and
    always including the hardest (1 = base against the hardest level only)."""
    suite: str | None = None
    probes: float = 0.0
    """Share of extra probe items per family (a real instance scored against a near miss,
    to measure q_e); probes never count toward accuracy."""
    distinct: bool = True
    """Instances within a cell are distinct (a repeat is redrawn; see ``unseen.distinct``).
    False only for plans stored before that rule, so their runs rebuild as stored."""

    def __post_init__(self) -> None:
        if self.design not in DESIGNS:
            raise UsageError(f"design={self.design!r} is not a design; use one of {', '.join(DESIGNS)}")
        if self.anchor not in ("base", "simplest"):
            raise UsageError(f"anchor={self.anchor!r} is not an anchor; use base or simplest")
        if self.max_levels is not None and (not isinstance(self.max_levels, int) or self.max_levels < 1):
            raise UsageError(f"max_levels={self.max_levels!r} must be a whole number of at least 1")
        for name, value, lo, hi in (("n", self.n, 1, MAX_N), ("samples", self.samples, 1, MAX_SAMPLES),
                                    ("cells", self.cells, 1, MAX_CELLS)):
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                raise UsageError(f"{name}={value!r} must be a whole number from {lo} to {hi:,}")
        if not isinstance(self.probes, int | float) or not 0.0 <= self.probes <= 0.5:
            raise UsageError(f"probes={self.probes!r} must be a share between 0 and 0.5")
        if not self.families:
            raise UsageError("the plan names no families; pass --family NAME or a suite")
        for fam_name in self.families:
            fam = registry.get(fam_name)
            fam.resolve(self.fixed.get(fam_name, {}))
        for fam_name in self.fixed:
            if fam_name not in self.families:
                registry.get(fam_name)
                raise UsageError(f"params are given for family {fam_name!r}, which the plan does not run; "
                                 "add it with --family")
        for var in self.vary:
            if not any(var in registry.get(f).variables for f in self.families):
                raise UsageError(f"vary={var!r} is not a variable of any planned family; "
                                 "see `unseen show FAMILY` for the variables")
        size = self.size_bound()
        if size > MAX_ATTEMPTS:
            raise UsageError(f"the plan asks up to {size:,} attempts (limit {MAX_ATTEMPTS:,}); lower --n, "
                             "--samples or --cells, or sweep fewer variables with --vary")

    def size_bound(self) -> int:
        """The most attempts the plan can ask (cells x n x samples, before probes), computed
        without generating anything; the random design counts its ``cells`` draws."""
        total = 0
        for fam_name in self.families:
            fam = registry.get(fam_name)
            names = self.swept(fam)
            if self.design == "oat":
                cells = 1 + sum(len(self.levels_of(fam, n)) for n in names)
            elif self.design == "grid":
                cells = math.prod(len(self.levels_of(fam, n)) for n in names)
            else:
                cells = self.cells
            total += cells * self.n * self.samples
        return total

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["families"], d["vary"] = list(self.families), list(self.vary)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Plan:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["families"] = tuple(known.get("families", ()))
        known["vary"] = tuple(known.get("vary", ()))
        known.setdefault("distinct", False)  # stored before cells held distinct instances only
        return cls(**known)

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Plan:
        """A run's stored plan, for reading its record: not checked against the installed
        families (it was checked when the run was created, and a family may since have
        been uninstalled or changed). Use ``from_json`` to rebuild items."""
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["families"] = tuple(known.get("families", ()))
        known["vary"] = tuple(known.get("vary", ()))
        known.setdefault("distinct", False)
        plan = object.__new__(cls)
        for f in fields(cls):
            if f.name in known:
                value = known[f.name]
            else:
                value = f.default if f.default is not MISSING else f.default_factory()
            object.__setattr__(plan, f.name, value)
        return plan

    # ---- cells and items --------------------------------------------------------

    def base_for(self, fam: Family) -> dict[str, Any]:
        """The anchor setting (base or simplest) with this plan's fixed values applied."""
        start = fam.simplest_params() if self.anchor == "simplest" else {}
        return fam.resolve({**start, **self.fixed.get(fam.name, {})})

    def swept(self, fam: Family) -> list[str]:
        fixed = self.fixed.get(fam.name, {})
        names = [n for n in fam.variables if n not in fixed]
        return [n for n in names if n in self.vary] if self.vary else names

    def levels_of(self, fam: Family, name: str) -> list[Any]:
        """The sweep levels of a variable, thinned to ``max_levels`` (hardest kept)."""
        levels = list(fam.variables[name].levels)
        k = self.max_levels
        if k is None or k >= len(levels):
            return levels
        if k == 1:
            return levels[-1:]
        picks = sorted({round(i * (len(levels) - 1) / (k - 1)) for i in range(k)})
        return [levels[i] for i in picks]

    def cells_for(self, fam: Family, run_seed: int) -> list[Cell]:
        base = self.base_for(fam)
        out: list[dict[str, Any]] = []
        if self.design == "oat":
            out.append(base)
            for name in self.swept(fam):
                for level in self.levels_of(fam, name):
                    out.append({**base, name: level})
        elif self.design == "grid":
            names = self.swept(fam)
            levels = [self.levels_of(fam, n) for n in names]
            total = 1
            for lv in levels:
                total *= len(lv)
            if total > MAX_CELLS:
                raise UsageError(f"a grid over {', '.join(names)} of family {fam.name} has {total} cells "
                                 f"(limit {MAX_CELLS}); name fewer variables with --vary")
            for combo in itertools.product(*levels):
                out.append({**base, **dict(zip(names, combo, strict=True))})
        else:
            rng = Random(sub_seed("random-design", fam.name, run_seed))
            fixed = self.fixed.get(fam.name, {})
            for _ in range(self.cells):
                out.append({n: (base[n] if n in fixed else rng.choice(v.domain))
                            for n, v in fam.variables.items()})
        unique: dict[str, dict[str, Any]] = {}
        for params in out:
            unique.setdefault(canonical(params), params)
        return [Cell(fam.name, p) for p in unique.values()]

    def items(self, run_seed: int) -> list[Item]:
        """Every planned instance, tasks first, then probes, in a stable order."""
        out: list[Item] = []
        probe_cells: list[tuple[Family, list[Cell]]] = []
        for fam_name in self.families:
            fam = registry.get(fam_name)
            cells = self.cells_for(fam, run_seed)
            probe_cells.append((fam, cells))
            for cell in cells:
                for idx in range(self.n):
                    seed = derive_seed(fam.name, fam.version, cell.params, run_seed, idx)
                    out.append(Item(len(out), fam.name, fam.version, cell.params, idx, seed))
        if self.probes > 0:
            for fam, cells in probe_cells:
                count = max(1, math.ceil(self.probes * len(cells) * self.n))
                for j in range(count):
                    cell = cells[j % len(cells)]
                    idx = self.n + j // len(cells)  # past the task indices: never a task instance
                    seed = derive_seed(fam.name, fam.version, cell.params, run_seed, idx)
                    # families that can delete a needed fact alternate the two kinds of probe
                    kind = "probe_unsolvable" if fam.can_build_unsolvable and j % 2 else "probe_label"
                    out.append(Item(len(out), fam.name, fam.version, cell.params, idx, seed, kind))
        return out


# ---- suites: named profiles with parents ----------------------------------------------

@dataclass(frozen=True)
class Suite:
    name: str
    parent: str | None
    settings: dict[str, Any]
    help: str


SUITES: dict[str, Suite] = {
    s.name: s for s in (
        Suite("smoke", None, {"design": "oat", "n": 1, "samples": 1, "max_levels": 1, "anchor": "simplest"},
              "every family at its simplest setting, then each variable alone at its hardest level, "
              "1 instance per cell (sized to finish in minutes on a small local model)"),
        Suite("standard", "smoke", {"n": 10, "max_levels": None, "anchor": "base"},
              "every family, one variable at a time over all its levels, 10 instances per cell"),
        Suite("thorough", "standard", {"n": 80, "probes": 0.05},
              "as standard, 80 instances per cell (enough to find a 30-point drop, see the validity "
              "suite) and 5% probe items for q_e"),
    )
}


MAX_N, MAX_SAMPLES = 100_000, 1_000
MAX_ATTEMPTS = 2_000_000
"""Upper bounds on a plan's sizes: larger values are refused before anything is written
(a plan of 10^9 instances would otherwise hang while generating)."""

DEFAULT_SETTINGS: dict[str, Any] = {"design": "oat", "n": 2, "samples": 1}
"""What a plan gets when it names no suite (``unseen run`` with no plan options at all
runs the ``smoke`` suite instead)."""


def suite_settings(name: str) -> dict[str, Any]:
    """A suite's settings with its parents' filled in."""
    if name not in SUITES:
        hint = registry.closest(name, list(SUITES))
        tip = f"did you mean {hint!r}?" if hint else f"use one of {', '.join(SUITES)}"
        raise UsageError(f"suite {name!r} does not exist; {tip}")
    chain: list[Suite] = []
    s: Suite | None = SUITES[name]
    while s is not None:
        chain.append(s)
        s = SUITES[s.parent] if s.parent else None
    merged: dict[str, Any] = {}
    for s in reversed(chain):
        merged.update(s.settings)
    return merged


def parse_params(text: str) -> dict[str, str]:
    """Parse ``name=value,name=value`` (values are checked later against the family)."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, eq, value = part.partition("=")
        if not eq or not name.strip() or not value.strip():
            raise UsageError(f"params string {text!r} is malformed at {part!r}; write name=value,name=value")
        out[name.strip()] = value.strip()
    return out


def build_plan(*, families: list[str], suite: str | None, design: str | None, n: int | None,
               samples: int | None, params: list[str], vary: list[str], cells: int | None,
               probes: float | None = None) -> Plan:
    """Assemble a Plan from CLI-level options; raises UsageError on any bad input."""
    settings = suite_settings(suite) if suite else dict(DEFAULT_SETTINGS)
    names = list(dict.fromkeys(families)) or [f.name for f in registry.all_families()]  # -f x -f x is x once
    for name in names:
        registry.get(name)
    fixed: dict[str, dict[str, Any]] = {}
    for spec in params:
        fam_name, colon, rest = spec.partition(":")
        if colon:
            targets = [fam_name.strip()]
        else:
            targets, rest = names, spec
        parsed = parse_params(rest)
        if len(targets) > 1:
            missing = [k for k in parsed if not any(k in registry.get(x).variables for x in targets)]
            if missing:
                raise UsageError(f"variable {missing[0]!r} is not a variable of any planned family; "
                                 "prefix params with a family, e.g. --params stack_queue:ops=8")
        for t in targets:
            fam = registry.get(t)
            chosen = {k: v for k, v in parsed.items() if k in fam.variables or len(targets) == 1}
            full = fam.resolve(chosen)  # names and values checked against the family
            fixed.setdefault(t, {}).update({k: full[k] for k in chosen})
    for key, value in (("design", design), ("n", n), ("samples", samples), ("cells", cells), ("probes", probes)):
        if value is not None:
            settings[key] = value
    return Plan(families=tuple(names), fixed=fixed, vary=tuple(vary), suite=suite, **settings)


def plan_from_file(path: str) -> dict[str, Any]:
    """Read a plan file (JSON or TOML) into keyword arguments for ``build_plan``: every key
    known and of its type, ``families``, ``params`` and ``vary`` as lists of strings."""
    import tomllib
    from pathlib import Path

    p = Path(path)
    if not p.exists():
        raise UsageError(f"plan file {path!r} does not exist")
    if not p.is_file():
        raise UsageError(f"plan file {path!r} is a folder; give a .toml or .json file")
    try:
        text = p.read_bytes().decode("utf-8")
        data = json.loads(text) if p.suffix == ".json" else tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError(f"plan file {path!r} is not UTF-8 text; give a .toml or .json file") from None
    except OSError as exc:
        raise UsageError(f"plan file {path!r} cannot be read ({exc.strerror}); check its permissions") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"plan file {path!r} is malformed: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"plan file {path!r} holds {_kind(data)}, not keys; write e.g. "
                         'families = ["stack_queue"] and n = 10')
    allowed = {"families", "suite", "design", "n", "samples", "params", "vary", "cells", "probes"}
    unknown = set(data) - allowed
    if unknown:
        raise UsageError(f"plan file {path!r} has unknown key {sorted(unknown)[0]!r}; "
                         f"allowed keys: {', '.join(sorted(allowed))}")
    out = dict(data)
    for key, example in (("families", '["stack_queue"]'), ("vary", '["ops"]'), ("params", '["ops=8"]')):
        value = data.get(key)
        if value is None and key not in data:
            continue
        if isinstance(value, str):
            value = [value]
        if key == "params" and isinstance(value, dict):  # a table: family = "name=value,..."
            value = [f"{k}:{v}" if isinstance(v, str) else v for k, v in value.items()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            shown = value if not isinstance(value, list) else next(v for v in value if not isinstance(v, str))
            raise UsageError(f"plan file {path!r}: {key} holds {json.dumps(shown)} ({_kind(shown)}); write "
                             f"strings, e.g. {key} = {example}")
        out[key] = value
    for key, kinds, what in (("suite", str, "a name"), ("design", str, "a name"), ("n", int, "a whole number"),
                             ("samples", int, "a whole number"), ("cells", int, "a whole number"),
                             ("probes", (int, float), "a number")):
        if key in data and (not isinstance(data[key], kinds) or isinstance(data[key], bool)):
            raise UsageError(f"plan file {path!r}: {key} = {json.dumps(data[key])} is {_kind(data[key])}; "
                             f"write {what}, e.g. {key} = {_EXAMPLES[key]}")
    return out


_EXAMPLES = {"suite": '"standard"', "design": '"oat"', "n": "10", "samples": "1", "cells": "8", "probes": "0.05"}


def _kind(value: Any) -> str:
    """How a plan file's value reads to its author (TOML and JSON names)."""
    if isinstance(value, bool):
        return "a true/false value"
    for kinds, name in ((int, "an integer"), (float, "a decimal number"), (str, "a string"), (list, "a list"),
                        (dict, "a table")):
        if isinstance(value, kinds):
            return name
    return "empty" if value is None else f"a {type(value).__name__}"
