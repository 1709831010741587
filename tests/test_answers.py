from fractions import Fraction

import pytest

from unseen.answers import (
    AnswerFormatError,
    extract_lenient,
    extract_strict,
    match_decimal,
    match_fraction,
    match_grid,
    match_integer,
    match_sequence,
    match_set,
    match_string,
    parse,
    render,
)


@pytest.mark.parametrize("text,want", [
    ("Reasoning...\nAnswer: 42", "42"),
    ("**Answer:** 42.", "42"),
    ("answer: 42\nmore", "42"),
    ("Final answer: $\\boxed{17}$", "17"),
    ("The result is \\boxed{\\frac{1}{2}}", "1/2"),
    ("Answer: 1\nAnswer: 2", "2"),
    ("no marker here", None),
    ("Answer:   `a, b`  ", "a, b"),
])
def test_extract_strict(text, want):
    assert extract_strict(text, "string") == want


def test_lenient_fallbacks_are_the_documented_ones():
    assert extract_lenient("I think 12, no wait, 13", "integer") == "13"
    assert extract_lenient("it is False", "boolean") == "false"
    assert extract_lenient("first line\nlast line.", "string") == "last line"
    assert extract_lenient("Answer: 5\nbut 6", "integer") == "5"  # strict wins when present
    assert extract_lenient("nothing numeric", "integer") is None


@pytest.mark.parametrize("t,text,value", [
    ("integer", "42", 42), ("integer", "-7", -7), ("integer", "1,234", 1234), ("integer", "x = 5", 5),
    ("integer", "12.0", 12), ("fraction", "3/4", Fraction(3, 4)), ("fraction", "0.5", Fraction(1, 2)),
    ("decimal", "2.50", 2.5), ("sequence", "[a, b, c]", ["a", "b", "c"]), ("sequence", "1 2 3", ["1", "2", "3"]),
    ("set", "b, a, b", ["a", "b"]), ("grid", "1 2 / 3 4", [["1", "2"], ["3", "4"]]),
    ("string", "  Hello   World. ", "Hello World"), ("boolean", "True", True), ("boolean", "no", False),
])
def test_parse(t, text, value):
    assert parse(t, text) == value


@pytest.mark.parametrize("t,text", [
    ("integer", "12 or 13"), ("integer", "12, 13"), ("integer", "between 3 and 4"), ("integer", "3/4"),
    ("integer", "lots"), ("fraction", "1/2 or 1/3"), ("string", "Alice or Bob"), ("set", "Ann, Bo or Cy"),
    ("boolean", "maybe"), ("integer", ""),
])
def test_two_candidates_or_garbage_are_rejected(t, text):
    with pytest.raises(AnswerFormatError):
        parse(t, text)


def test_render_parse_round_trip():
    for t, v in [("integer", 5), ("fraction", Fraction(-3, 8)), ("sequence", ["x", "y"]), ("set", ["b", "a"]),
                 ("grid", [["1", "2"], ["2", "1"]]), ("boolean", False), ("string", "some words")]:
        back = parse(t, render(t, v))
        assert back == (sorted(v) if t == "set" else v)


def test_matchers():
    assert match_integer(3, 3) and not match_integer(4, 3) and not match_integer(True, 1)
    assert match_fraction(Fraction(2, 4), Fraction(1, 2))
    assert match_decimal(1.0000001, 1.0) and not match_decimal(1.01, 1.0)
    assert match_sequence(["A", "b"], ["a", "B"]) and not match_sequence(["a"], ["a", "b"])
    assert not match_sequence(["b", "a"], ["a", "b"]).correct
    assert match_set(["b", "a"], ["a", "b"]) and not match_set(["a"], ["a", "b"])
    assert match_grid([["1"]], [["1"]]) and not match_grid([["1"]], [["2"]])
    assert match_string("Hello  world", "hello world")
