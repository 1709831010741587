"""Declaration-time checks: a family declared wrongly is refused where it is declared, with
one line naming the family, the field and the fix; a problem of an undeclared answer type
is a generation error."""

from __future__ import annotations

from random import Random

import pytest

from unseen import registry
from unseen.author import AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, family, match_integer
from unseen.errors import FamilyDeclarationError, GenerationError, UnseenError
from unseen.family import Family


class Good:
    a = IntRange(1, 9, base=3)
    b = IntRange(1, 9, base=4)
    c = IntRange(0, 3, base=0)
    skin = Choice(("plain", "story"), base="plain", role="surface")
    answer_type = "integer"

    def generate(self, p: Params, rng: Random) -> Problem:
        return Problem(f"{p.a} + {p.b}? End with `Answer: N`.", {"n": p.a + p.b}, self.answer_type)

    def solve(self, problem: Problem) -> int:
        return problem.data["n"]

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, problem.data["n"])


def declare(cls: type, answer=AnswerType.INTEGER, name: str = "t_decl") -> type:
    try:
        return family(name, version=1, domain="test", purpose="a test family", answer=answer)(cls)
    finally:
        registry.unregister(name)


def refused(cls: type, *match: str, answer=AnswerType.INTEGER) -> str:
    with pytest.raises(FamilyDeclarationError) as info:
        declare(cls, answer)
    msg = str(info.value)
    assert "\n" not in msg and isinstance(info.value, UnseenError)
    for m in match:
        assert m in msg, msg
    return msg


def without(attr: str) -> type:
    return type("Broken", (Good,), {attr: None})


def test_a_good_family_is_accepted_and_records_its_answer_types():
    declare(Good)
    fam = Family(Good(), "t_ok", 1, "test", "x", (AnswerType.INTEGER, "set"))
    assert fam.answer_types == ("integer", "set")


@pytest.mark.parametrize("fn", ["generate", "solve", "check"])
def test_a_missing_function_is_refused(fn):
    refused(without(fn), "family 't_decl' (class Broken)", f"no {fn} method", f"define {fn}(self, ")


def test_no_answer_type_is_refused():
    refused(Good, "no answer type declared", "answer=AnswerType.INTEGER", answer=None)
    refused(Good, "no answer type declared", answer=())


@pytest.mark.parametrize("bad", ["intger", 3, "Integer", object()])
def test_an_unknown_answer_type_is_refused(bad):
    msg = refused(Good, "is not an AnswerType", "pass answer=AnswerType.", answer=bad)
    if bad == "intger":
        assert "did you mean AnswerType.INTEGER?" in msg


def test_no_logic_or_no_surface_variable_is_refused():
    only_logic = type("OnlyLogic", (Good,), {"skin": None})
    refused(only_logic, "(class OnlyLogic)", "no surface variable", "role='surface'")
    only_surface = type("OnlySurface", (Good,), {"a": None, "b": None, "c": None})
    refused(only_surface, "no logic variable", "role='logic'")


@pytest.mark.parametrize("var,field,fix", [
    (IntRange(1, 10, base=12), "base=12 is outside its domain 1..10", "set base to a whole number in 1..10"),
    (IntRange(5, 1, base=3), "lo=5 is above hi=1", "lo <= hi"),
    (IntRange(1, 5, base=2, levels=(1, 8)), "level 8 is outside its domain 1..5", "list only levels in 1..5"),
    (IntRange(1, 5, base=2, simplest=0), "simplest=0 is outside its domain 1..5", "set simplest in 1..5"),
    (IntRange(1, 5, base=2, role="style"), "role='style' is not 'logic' or 'surface'", "use role='logic'"),
    (Choice(("a", "b"), base="c"), "base='c' is not one of its options", "set base to one of them"),
    (Choice((), base="c"), "options are empty", "at least one option"),
    (Choice(("a", "a"), base="a"), "repeat a value", "give each option once"),
    (Flag(base=1), "base=1 is not a bool", "use True or False"),
])
def test_a_variable_outside_its_domain_is_refused_when_the_family_is_declared(var, field, fix):
    cls = type("Outside", (Good,), {"depth": var})  # the class body itself does not raise
    refused(cls, "family 't_decl' (class Outside): variable depth: ", field, fix)


def test_register_refuses_a_class_with_the_fix():
    plain = type("Plain", (Good,), {})
    with pytest.raises(FamilyDeclarationError, match=r"register\(\) was given the class Plain, not a Family; "
                                                     r"pass Family\(YourClass\(\)"):
        registry.register(plain)
    decorated = declare(type("Decorated", (Good,), {}), name="t_decorated")
    with pytest.raises(FamilyDeclarationError, match="@family already registered it as 't_decorated'; drop"):
        registry.register(decorated)
    with pytest.raises(FamilyDeclarationError, match=r"Family\(\) was given the class Good, not an instance; "
                                                     r"pass Good\(\)"):
        Family(Good, "t_cls", 1, "test", "x", AnswerType.INTEGER)


def test_a_class_that_needs_arguments_is_refused():
    needs = type("Needs", (Good,), {"__init__": lambda self, flaw: None})
    refused(needs, "(class Needs)", "give __init__'s arguments defaults")


def test_a_problem_of_an_undeclared_answer_type_is_a_generation_error():
    typo = type("Typo", (Good,), {"answer_type": "intger"})
    fam = Family(typo(), "t_typo", 1, "test", "x", AnswerType.INTEGER)
    with pytest.raises(GenerationError, match="answer type 'intger' is not one the family declares"):
        fam.generate({}, Random(1))
    fam = Family(Good(), "t_set", 1, "test", "x", AnswerType.SET)
    with pytest.raises(GenerationError, match=r"'integer' is not one the family declares \(set\)"):
        fam.generate({}, Random(1))
    not_problem = type("NotProblem", (Good,), {"generate": lambda self, p, rng: "a prompt"})
    with pytest.raises(GenerationError, match="generate returned str, not a Problem"):
        Family(not_problem(), "t_np", 1, "test", "x", AnswerType.INTEGER).generate({}, Random(1))
