"""Family declarations as the run record keeps them.

A run stores the declaration of every family it used (each variable's kind, role, order,
domain, base, simplest and sweep levels; the family's version, domain and purpose) when
it is created. Summary and analysis read the declaration from the record, never from
the installed family: a run of an uninstalled plugin still reads, and a later change to
a declaration (a new ``base``, new levels) does not change an old run's analysis.

Values are kept as JSON gives them back (a tuple option reads as a list), which is how a
run's stored params read too, so the two compare equal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from unseen.errors import StoreError


@dataclass(frozen=True)
class VariableDecl:
    """One declared variable. ``domain`` is ``[lo, hi]`` for kind ``int``, the options in
    order for ``choice``, ``[False, True]`` for ``flag``."""

    name: str
    kind: str
    role: str
    ordered: bool
    domain: tuple[Any, ...]
    base: Any
    simplest: Any
    levels: tuple[Any, ...]
    help: str = ""

    def rank(self, value: Any) -> int:
        """Position of ``value`` along the declared order (0 at the first); raises
        ValueError for a value outside the domain."""
        if self.kind == "int":
            lo, hi = self.domain
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                raise ValueError(f"{self.name}={value!r} is outside {lo}..{hi}")
            return value - lo
        if self.kind == "flag":
            if not isinstance(value, bool):
                raise ValueError(f"{self.name}={value!r} is not a flag")
            return int(value)
        return list(self.domain).index(value)

    @property
    def size(self) -> int:
        return self.domain[1] - self.domain[0] + 1 if self.kind == "int" else len(self.domain)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "role": self.role, "ordered": self.ordered,
                "domain": list(self.domain), "base": self.base, "simplest": self.simplest,
                "levels": list(self.levels), "help": self.help}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> VariableDecl:
        return cls(d["name"], d["kind"], d["role"], bool(d["ordered"]), tuple(d["domain"]), d["base"],
                   d["simplest"], tuple(d["levels"]), d.get("help", ""))


@dataclass(frozen=True)
class FamilyDecl:
    """One family's declaration at the time of a run."""

    name: str
    version: int
    domain: str
    purpose: str
    variables: dict[str, VariableDecl]
    answer_types: tuple[str, ...] = ()
    """The declared answer types (empty for families declared before they were stated)."""
    source: str = "record"
    """``record`` when read from the run; ``installed`` when a run stored before
    declarations were recorded (schema 6) had to take it from the installed family."""

    def base_params(self) -> dict[str, Any]:
        return {n: v.base for n, v in self.variables.items()}

    def simplest_params(self) -> dict[str, Any]:
        return {n: v.simplest for n, v in self.variables.items()}

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "domain": self.domain, "purpose": self.purpose,
                "answer_types": list(self.answer_types), "variables": [v.to_json() for v in self.variables.values()]}

    @classmethod
    def from_json(cls, d: dict[str, Any], source: str = "record") -> FamilyDecl:
        variables = [VariableDecl.from_json(v) for v in d["variables"]]
        return cls(d["name"], int(d["version"]), d.get("domain", ""), d.get("purpose", ""),
                   {v.name: v for v in variables}, tuple(d.get("answer_types", ())), source)

    @classmethod
    def of(cls, family: Any) -> FamilyDecl:
        """The declaration of an installed ``unseen.family.Family`` (read through its
        ``to_json``, so values are in their JSON form)."""
        return cls.from_json(json.loads(json.dumps(family.to_json())), source="installed")


def load_declarations(con: Any, run_id: str, versions: dict[str, int]) -> dict[str, FamilyDecl]:
    """family -> declaration for a run, from its ``declarations`` rows. A family the run
    did not record (a run stored before schema 6) is taken from the installed family if
    its version matches the run's; otherwise StoreError names the family and the fix."""
    out = {r[0]: FamilyDecl.from_json(json.loads(r[1]))
           for r in con.execute("SELECT family, declaration_json FROM declarations WHERE run_id=?", (run_id,))}
    missing = [f for f in versions if f not in out]
    if missing:
        from unseen import registry

        for fam_name in missing:
            try:
                fam = registry.get(fam_name)
            except Exception:  # noqa: BLE001 - any lookup failure means the same to the reader
                fam = None
            if fam is None or fam.version != versions[fam_name]:
                have = "is not installed" if fam is None else f"is installed at version {fam.version}"
                raise StoreError(
                    f"run {run_id} was stored before runs recorded their families' declarations, and its "
                    f"family {fam_name} (version {versions[fam_name]}) {have}; install that version to read it")
            out[fam_name] = FamilyDecl.of(fam)
    return out
