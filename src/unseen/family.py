"""The family contract: Problem, Verdict, Params and the ``@family`` decorator.

A family draws its variables, then builds a Problem from them (``generate``); solves it
from the structured data (``solve``); judges a candidate answer by the problem's own
rules (``check``), independently of ``solve``; and offers plausible wrong answers
(``near_misses``) that ``check`` must reject.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from random import Random
from typing import Any

from unseen import answers
from unseen.errors import UsageError
from unseen.problem import Problem, Verdict, wrong
from unseen.variables import Choice, Flag, IntRange, Variable, state_space_size


class Params(Mapping[str, Any]):
    """A full, validated variable setting with attribute access (``p.depth``)."""

    def __init__(self, values: dict[str, Any]):
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


class Family:
    """A registered family: metadata, declared variables, and the four functions."""

    def __init__(self, impl: Any, name: str, version: int, domain: str, purpose: str,
                 answer: str | tuple[str, ...] | None = None):
        self.impl = impl
        self.name = name
        self.version = version
        self.domain = domain
        self.purpose = purpose
        self.answer_types: tuple[str, ...] = (
            () if answer is None else tuple(str(a) for a in ((answer,) if isinstance(answer, str) else answer)))
        """The answer types the family's problems use (declared; empty when not declared)."""
        self.variables: dict[str, Variable] = {}
        for klass in reversed(type(impl).__mro__):
            for attr, value in vars(klass).items():
                if isinstance(value, IntRange | Choice | Flag):
                    object.__setattr__(value, "name", attr)
                    self.variables[attr] = value
        if not self.variables:
            raise ValueError(f"family {name} declares no variables")

    def __repr__(self) -> str:
        return f"<family {self.name} v{self.version}>"

    @property
    def state_space_size(self) -> int:
        return state_space_size(self.variables)

    def base_params(self) -> dict[str, Any]:
        return {n: v.base for n, v in self.variables.items()}

    def simplest_params(self) -> dict[str, Any]:
        return {n: v.simplest for n, v in self.variables.items()}

    def variable(self, name: str) -> Variable:
        if name not in self.variables:
            from unseen.registry import closest

            hint = closest(name, list(self.variables))
            tip = f"; did you mean {hint!r}?" if hint else ""
            raise UsageError(
                f"variable {name!r} is not a variable of family {self.name} "
                f"(it has {', '.join(self.variables)}){tip}"
            )
        return self.variables[name]

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Base params with ``overrides`` applied and validated; raises UsageError."""
        params = self.base_params()
        for key, value in (overrides or {}).items():
            params[key] = self.variable(key).validate(value, self.name)
        return params

    def generate(self, params: Mapping[str, Any], rng: Random) -> Problem:
        full = self.resolve(params)
        problem = self.impl.generate(Params(full), rng)
        if problem.params != full:
            problem = Problem(problem.prompt, problem.data, problem.answer_type, full)
        return problem

    def solve(self, problem: Problem) -> Any:
        return self.impl.solve(problem)

    def check(self, problem: Problem, answer: Any) -> Verdict:
        return self.impl.check(problem, answer)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        """Wrong answers as answer strings, in the form a model would write them."""
        fn = getattr(self.impl, "near_misses", None)
        return list(fn(problem, rng)) if fn else []

    @property
    def can_build_unsolvable(self) -> bool:
        return hasattr(self.impl, "unsolvable")

    def unsolvable(self, problem: Problem, rng: Random) -> Problem | None:
        """The problem with a needed fact deleted so that no answer follows, or None."""
        fn = getattr(self.impl, "unsolvable", None)
        return fn(problem, rng) if fn else None

    def render(self, problem: Problem, answer: Any) -> str:
        return answers.render(problem.answer_type, answer)

    def judge_text(self, problem: Problem, text: str | None) -> Verdict:
        """Parse an extracted answer string with the problem's type, then ``check`` it."""
        if text is None:
            return wrong("no answer found")
        try:
            value = answers.parse(problem.answer_type, text)
        except answers.AnswerFormatError as exc:
            return wrong(str(exc))
        try:
            return self.check(problem, value)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            return wrong(f"answer could not be checked: {exc}")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "version": self.version, "domain": self.domain,
            "purpose": self.purpose, "state_space_size": self.state_space_size,
            "answer_types": list(self.answer_types),
            "variables": [v.to_json() for v in self.variables.values()],
        }


def family(name: str, *, version: int, domain: str, purpose: str,
           answer: str | tuple[str, ...] | None = None):
    """Class decorator: declare and register a family. ``answer``: the answer type (an
    ``unseen.author.AnswerType``) its problems use, or a tuple of them when it varies.
    Returns the class unchanged."""

    def wrap(cls: type) -> type:
        from unseen.registry import register

        register(Family(cls(), name, version, domain, purpose, answer))
        return cls

    return wrap
