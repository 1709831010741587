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
from unseen.errors import FamilyDeclarationError, GenerationError, UsageError
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


REQUIRED = {
    "generate": "generate(self, p: Params, rng: Random) -> Problem, which draws then builds the problem",
    "solve": "solve(self, problem: Problem), which computes the answer from problem.data",
    "check": "check(self, problem: Problem, answer) -> Verdict, which judges an answer by the problem's own rules",
}


class Family:
    """A registered family: metadata, declared variables, and the four functions.

    Raises ``FamilyDeclarationError`` (one line: the family, the field, the fix) when ``impl``
    is a class rather than an instance, lacks ``generate``, ``solve`` or ``check``, declares
    no answer type or one that is not an ``AnswerType``, declares no logic or no surface
    variable, or has a variable whose base, simplest end or levels lie outside its domain.
    """

    def __init__(self, impl: Any, name: str, version: int, domain: str, purpose: str,
                 answer: str | tuple[str, ...] | None = None):
        who = f"family {name!r}"
        if isinstance(impl, type):
            raise FamilyDeclarationError(
                f"{who}: Family() was given the class {impl.__qualname__}, not an instance; pass "
                f"{impl.__qualname__}() (or decorate the class with @family)")
        who += f" (class {type(impl).__qualname__})"
        self.impl = impl
        self.name = name
        self.version = version
        self.domain = domain
        self.purpose = purpose
        for fn, how in REQUIRED.items():
            if not callable(getattr(impl, fn, None)):
                raise FamilyDeclarationError(f"{who}: no {fn} method; define {how}")
        self.answer_types: tuple[str, ...] = _answer_types(who, answer)
        """The answer types the family's problems use (each an ``AnswerType`` value)."""
        self.variables: dict[str, Variable] = {}
        for klass in reversed(type(impl).__mro__):
            for attr, value in vars(klass).items():
                if isinstance(value, IntRange | Choice | Flag):
                    object.__setattr__(value, "name", attr)
                    self.variables[attr] = value
                elif attr in self.variables:  # a subclass replaced the variable with something else
                    del self.variables[attr]
        for attr, value in self.variables.items():
            if value.flaw:
                raise FamilyDeclarationError(f"{who}: variable {attr}: {value.flaw}")
        roles = [v.role for v in self.variables.values()]
        for role, does in (("logic", "changes the reasoning a task needs"), ("surface", "only changes the telling")):
            if role not in roles:
                raise FamilyDeclarationError(
                    f"{who}: no {role} variable; declare at least one variable with role={role!r} (one that {does})")

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
        """The family's problem for ``params`` (validated) drawn with ``rng``; raises
        GenerationError when ``generate`` returns something that is not a Problem or a
        Problem of an answer type the family did not declare."""
        full = self.resolve(params)
        problem = self.impl.generate(Params(full), rng)
        if not isinstance(problem, Problem):
            raise GenerationError(f"family {self.name}: generate returned {type(problem).__name__}, not a Problem")
        if problem.answer_type not in self.answer_types:
            raise GenerationError(
                f"family {self.name}: the problem's answer type {problem.answer_type!r} is not one the family "
                f"declares ({', '.join(self.answer_types)}); declare it in @family(answer=...) or use a declared one")
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


def _answer_types(who: str, answer: Any) -> tuple[str, ...]:
    from unseen.registry import closest

    known = list(answers.ANSWER_TYPES)
    fix = "pass answer=AnswerType.INTEGER (from unseen.author), or a tuple of AnswerTypes when it varies"
    if answer is None or (isinstance(answer, tuple | list) and not answer):
        raise FamilyDeclarationError(f"{who}: no answer type declared; {fix}")
    out = []
    for a in (answer,) if isinstance(answer, str) else answer if isinstance(answer, tuple | list) else (answer,):
        if not isinstance(a, str) or a not in known:
            hint = closest(a, known) if isinstance(a, str) else None
            tip = f" (did you mean AnswerType.{hint.upper()}?)" if hint else ""
            raise FamilyDeclarationError(f"{who}: answer={a!r} is not an AnswerType{tip}; {fix}")
        out.append(str(a))
    return tuple(dict.fromkeys(out))


def family(name: str, *, version: int, domain: str, purpose: str,
           answer: str | tuple[str, ...] | None = None):
    """Class decorator: declare and register a family. ``answer``: the answer type (an
    ``unseen.author.AnswerType``) its problems use, or a tuple of them when it varies.
    Returns the class unchanged; raises ``FamilyDeclarationError`` (see ``Family``) or
    ``registry.DuplicateFamilyError`` when the family is declared wrongly."""

    def wrap(cls: type) -> type:
        from unseen.registry import register

        if not isinstance(cls, type):
            raise FamilyDeclarationError(f"family {name!r}: @family decorates a class, not {type(cls).__name__}; "
                                         "put it on the line above `class ...:`")
        try:
            impl = cls()
        except TypeError as exc:
            raise FamilyDeclarationError(f"family {name!r} (class {cls.__qualname__}): @family builds the class with "
                                         f"no arguments and that failed ({exc}); give __init__'s arguments defaults"
                                         ) from None
        register(Family(impl, name, version, domain, purpose, answer))
        cls.__unseen_family__ = name
        return cls

    return wrap
