"""The final-answer resolution rule, notation and commitment, on the shapes real models
write (issue: every verdict on a real model's response is right). Each case is a response
and the verdict a careful grader gives against the reference."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unseen import registry
from unseen.answers import parse
from unseen.family import Family
from unseen.problem import Problem, Verdict
from unseen.scoring import score


class _Typed:
    """A minimal family whose check compares with a fixed typed reference."""

    def __init__(self, answer_type: str, ref):
        self.answer_type, self.ref = answer_type, ref

    def check(self, problem, answer) -> Verdict:
        if self.answer_type in ("sequence", "set", "grid"):
            ok = [str(x).casefold() for x in (answer if self.answer_type != "set" else sorted(answer))] == \
                 [str(x).casefold() for x in self.ref]
        elif self.answer_type == "string":
            ok = str(answer).casefold() == str(self.ref).casefold()
        else:
            ok = answer == self.ref
        return Verdict(ok, "" if ok else f"got {answer!r}")


def verdict(answer_type: str, ref, text: str, mode: str = "strict") -> bool:
    impl = _Typed(answer_type, ref)
    fam = Family.__new__(Family)
    fam.check = impl.check  # judge_text parses with the type, then calls check
    s = score(fam, Problem("p", {}, answer_type), text)
    return s.pass_strict if mode == "strict" else s.pass_lenient


RIGHT = [  # (type, ref, response): each must pass in strict mode
    ("integer", 8, "<think>maybe 9</think> Answer: 8"),
    ("integer", 9, "<think>... So Answer: 8 ... let me recheck.</think> The answer is: 9"),
    ("integer", 8, "Let me think.\n**Answer:** 8"),
    ("integer", 8, "**Answer**: 8"),
    ("integer", 8, "*Answer:* 8"),
    ("integer", 8, "**Answer:**\n8"),
    ("integer", 8, "Answer:\n```\n8\n```"),
    ("integer", 8, "```\nAnswer: 8\n```"),
    ("integer", 66808, "Answer: 66808, in total"),
    ("integer", 66808, "Answer: 66808 in total"),
    ("integer", 66808, "$\\boxed{66{,}808}$"),
    ("integer", 66808, "The total is $66\\,808$.\n\nAnswer: $66\\,808$"),
    ("integer", 66808, "Answer: 66,808"),
    ("integer", -279955, "Answer: –279955"),
    ("integer", -7, "Answer: minus 7"),
    ("integer", -191608, "Answer: negative 191608"),
    ("integer", 8, "Answer: \\boxed{8 \\text{ apples}}"),
    ("integer", 8, "Answer: 8 apples"),
    ("fraction", Fraction(17, 18), "Answer: \\frac{17}{18}"),
    ("fraction", Fraction(1, 4), "So the probability is $\\dfrac{1}{4}$.\n\nAnswer: $\\dfrac{1}{4}$"),
    ("fraction", Fraction(1, 4), "\\boxed{\\tfrac{1}{4}}"),
    ("boolean", True, "\\boxed{\\text{true}}"),
    ("boolean", False, "Answer: **false**"),
    ("string", "Alice", "Answer: Bob\nWait, I made a mistake. \\boxed{Alice}"),
    ("set", ["Alice", "Bob", "Carol"], "Answer: Alice, Bob, and Carol"),
    ("set", ["A", "C"], "Answer: A and C"),
    ("set", ["none"], "Answer: []"),
    ("set", ["none"], "Answer: none"),
    ("sequence", ["3", "1", "2"], "Answer: [3, 1, 2]"),
    ("grid", [["1", "2"], ["3", "4"]], "Answer: 1 2 / 3 4\nThat completes the grid."),
    ("grid", [["1", "2"], ["3", "4"]], "Answer: [[1, 2], [3, 4]]"),
    ("grid", [["1", "2"], ["3", "4"]], "Answer:\n1 2\n3 4\n\nEach row and column holds 1 to 2."),
    ("string", "1969-04-29", "Answer: 1969-04-29"),
]

WRONG = [  # each must fail in strict mode (a right value that is hedged, qualified or superseded)
    ("integer", 8, "<think>... So Answer: 8 ... let me recheck.</think> The answer is: 9"),
    ("string", "Bob", "Answer: Bob\nWait, I made a mistake. \\boxed{Alice}"),
    ("integer", 66808, "Answer: not 66808"),
    ("integer", 8, "Answer: at least 8"),
    ("integer", 66808, "Answer: less than 66808"),
    ("integer", 191608, "Answer: negative 191608"),
    ("integer", 7, "Answer: minus 7"),
    ("integer", 8, "Answer: approximately 8"),
    ("integer", 8, "Answer: 8 or 9"),
    ("integer", 8, "Answer: 8\n(or possibly 9)"),
    ("string", "1969-04-29", "Answer: 1969-04-29\n(or possibly 1969-04-30)"),
    ("integer", 8, "Answer: ≈ 8"),
    ("set", ["A", "C"], "Answer: A or C"),
    ("boolean", True, "Answer: not true"),
    ("fraction", Fraction(3, 2), "Answer: 1\\frac{1}{2}"),  # a mixed number never reads as 11/2
    ("integer", 8, "<think>Answer: 8</think>"),  # only reasoning: no final answer
    ("integer", 8, "Answer: 3/0"),
    ("integer", 8, "Answer: 0/0"),
]

LENIENT_WRONG = [
    ("integer", 7, "It is either 8 or 7."),
    ("integer", 7, "It lies between 8 and 7."),
    ("boolean", True, "The formula is not true."),
    ("integer", 8, "There are at least 8."),
]


@pytest.mark.parametrize("answer_type, ref, text", RIGHT)
def test_right_answers_in_real_shapes_pass(answer_type, ref, text):
    assert verdict(answer_type, ref, text), text


@pytest.mark.parametrize("answer_type, ref, text", WRONG)
def test_uncommitted_or_superseded_answers_fail_in_both_modes(answer_type, ref, text):
    assert not verdict(answer_type, ref, text, "strict"), text
    assert not verdict(answer_type, ref, text, "lenient"), text


@pytest.mark.parametrize("answer_type, ref, text", LENIENT_WRONG)
def test_lenient_fallback_obeys_the_commitment_rule(answer_type, ref, text):
    assert not verdict(answer_type, ref, text, "lenient"), text


def test_lenient_fallback_reads_a_committed_last_number():
    assert verdict("integer", 12, "So she has 12 apples left.", "lenient")
    assert not verdict("integer", 12, "So she has 12 apples left.", "strict")


HOSTILE = st.one_of(
    st.text(max_size=300),
    st.builds(lambda d: "Answer: " + "9" * d, st.integers(4000, 20000)),
    st.builds(lambda a, b: f"Answer: {a}/{b}", st.integers(-10**6, 10**6), st.just(0)),
    st.builds(lambda d: "\\boxed{" * d + "1" + "}" * d, st.integers(1, 3000)),
    st.builds(lambda d: "Answer: \\frac{" * d + "1" + "}{2}" * d, st.integers(1, 400)),
    st.builds(lambda s: "Answer: " + s, st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=200)),
    st.builds(lambda n: ("Answer: 1 or 2 " * n) + "\n<think>" * 3, st.integers(1, 5000)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE, fam_name=st.sampled_from(sorted(f.name for f in registry.all_families())))
def test_hostile_text_gets_a_verdict_fast_from_every_family(text, fam_name):
    from random import Random

    fam = registry.get(fam_name)
    problem = fam.generate(fam.base_params(), Random(1))
    start = time.perf_counter()
    s = score(fam, problem, text)
    assert isinstance(s.pass_strict, bool) and isinstance(s.pass_lenient, bool)
    assert time.perf_counter() - start < 2.0


def test_megabytes_of_text_are_scored_in_bounded_time():
    fam = registry.get("arith_expr")
    from random import Random

    problem = fam.generate(fam.base_params(), Random(2))
    text = ("Let me think about this step by step. 12 + 7 = 19. " * 40_000) + "\nAnswer: 5"
    start = time.perf_counter()
    score(fam, problem, text)
    assert time.perf_counter() - start < 5.0, "a 2 MB response must not stall the run"


def test_parse_rejects_huge_numbers_and_division_by_zero_cleanly():
    from unseen.errors import AnswerFormatError

    for bad in ("9" * 5000, "3/0", "0/0"):
        with pytest.raises(AnswerFormatError):
            parse("integer", bad)


def _real(family: str, seed: int, template: str):
    from random import Random

    from unseen.verify import verify

    fam = registry.get(family)
    problem = fam.generate(fam.base_params(), Random(seed))
    ref = verify(fam, problem, seed).reference
    return score(fam, problem, template.replace("REF", ref))


BREAKER_WRONG = [  # found by a fresh reviewer trying to break the scorer: each passed before
    ("word_problem", 5, "Answer: REF\n\nHmm, let me double-check. Actually the correct total is 300."),
    ("word_problem", 5, "Answer: REF\nActually no — 320."),
    ("word_problem", 5, "\\boxed{REF}\n\nHmm, wait, that's not right. Recomputing: the total should be 320."),
    ("dice_probability", 5, "Answer: REF\n\nActually, recounting, there are 7 favourable outcomes, so it's 7/30."),
    ("boolean_eval", 5, "Answer: REF\n\nWait, no. So the formula is the other way round."),
    ("word_problem", 5, "First pass: Answer: REF\n\nRe-checking, I'll go with the recount.\n\n`Answer: 320`"),
    ("word_problem", 5, "Answer: REF\n\nWait, re-reading it.\n\n\"Answer: 427\""),
    ("knights_knaves", 2, "**Answer:**\nREF\nCarol"),
    ("reachability", 37, "**Answer:**\nREF\nB"),
    ("reachability", 37, "Answer: REF,\nB"),
    ("list_transform", 5, "Answer: REF,\n204"),
    ("arith_expr", 5, "**Answer:**\n- 32536"),
    ("word_problem", 5, "Answer: REF at minimum"),
    ("word_problem", 5, "Answer: upwards of REF"),
    ("word_problem", 5, "Answer: REF max"),
    ("word_problem", 5, "Answer: REFish"),
    ("word_problem", 5, "Answer: near REF"),
    ("word_problem", 5, "Answer: REF, presumably"),
    ("word_problem", 5, "Answer: REF unless I misread the question"),
    ("word_problem", 5, "Answer: REF, I believe"),
    ("word_problem", 5, "Answer: REF is wrong"),
    ("word_problem", 5, "Answer: REF million"),
]

BREAKER_RIGHT = [  # right answers in the asked form that a reviewer's shapes showed failing
    ("word_problem", 5, "Working it out.\n\n`Answer: REF`"),
    ("word_problem", 5, "*Answer: REF*"),
    ("word_problem", 5, "Answer: *REF*"),
    ("word_problem", 5, "Answer:\n> REF"),
    ("arith_expr", 5, "**Answer:**\n- REF"),
    ("reachability", 37, "Answer:\n- D\n- H"),
    ("list_transform", 5, "Answer:\n1. 285\n2. 267\n3. 252"),
    ("cipher_decode", 5, "Answer: *REF*"),
]


@pytest.mark.parametrize("family, seed, template", BREAKER_WRONG)
def test_reviewer_found_false_passes_stay_fixed(family, seed, template):
    s = _real(family, seed, template)
    assert not s.pass_strict and not s.pass_lenient, (template, s)


@pytest.mark.parametrize("family, seed, template", BREAKER_RIGHT)
def test_reviewer_found_right_shapes_pass(family, seed, template):
    assert _real(family, seed, template).pass_strict, template
