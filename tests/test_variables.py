import pytest

from unseen.errors import UsageError
from unseen.variables import Choice, Flag, IntRange, state_space_size


def named(v, name):
    object.__setattr__(v, "name", name)
    return v


def test_int_range_defaults_and_validation():
    v = named(IntRange(2, 12, base=4), "num_terms")
    assert v.simplest == 2 and v.base in v.levels and v.size == 11
    assert v.validate(5) == 5 and v.parse(" 7 ") == 7
    with pytest.raises(UsageError, match=r"num_terms=1 is below the minimum of family chain_sum \(allowed 2..12\)"):
        v.validate(1, "chain_sum")
    with pytest.raises(UsageError, match="not an integer"):
        v.parse("x")
    assert v.step_toward_simplest(4) == 3 and v.step_toward_simplest(2) is None


def test_choice_and_flag():
    c = named(Choice(("a", "b", "c"), base="b", ordered=True), "c")
    assert c.step_toward_simplest("c") == "b" and c.rank("c") == 2
    u = named(Choice(("x", "y", "z"), base="z"), "u")
    assert u.step_toward_simplest("z") == "x"  # unordered: jump straight to the simplest
    with pytest.raises(UsageError, match="not an option"):
        c.parse("d")
    f = named(Flag(base=True), "f")
    assert f.parse("yes") is True and f.step_toward_simplest(True) is False
    with pytest.raises(UsageError):
        f.parse("maybe")
    assert state_space_size({"c": c, "u": u, "f": f}) == 18


@pytest.mark.parametrize("bad", [
    lambda: IntRange(5, 1, base=3), lambda: IntRange(1, 5, base=9), lambda: Choice(("a",), base="b"),
    lambda: IntRange(1, 5, base=2, role="style"), lambda: IntRange(1, 5, base=2, levels=(1, 8)),
])
def test_bad_declarations_fail_at_import(bad):
    """A bad variable is kept with its flaw and refused when its family is declared (at
    import): see tests/test_declaration.py for the message."""
    from unseen.author import AnswerType, family
    from unseen.errors import FamilyDeclarationError

    assert bad().flaw
    cls = type("Bad", (), {"v": bad(), "s": Choice(("a", "b"), base="a", role="surface"),
                           "generate": lambda self, p, rng: None, "solve": lambda self, pr: 0,
                           "check": lambda self, pr, a: None})
    with pytest.raises(FamilyDeclarationError, match="family 't_bad' .*variable v: "):
        family("t_bad", version=1, domain="test", purpose="x", answer=AnswerType.INTEGER)(cls)
