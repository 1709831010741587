"""knights_knaves: brute force over every assignment finds exactly one, the one solve gives."""

from __future__ import annotations

import itertools
import random
import re

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("knights_knaves")


def small_params(r: random.Random) -> dict:
    return {"people": r.randint(2, 5), "nesting": r.randint(1, 3),
            "statement_kinds": r.choice(FAM.variable("statement_kinds").domain),
            "quiet": r.randint(0, 2), "self_reference": r.random() < 0.5,
            "knights": r.choice(["random", "few", "many"]), "extra_statements": r.randint(0, 1),
            "names": r.choice(["classic", "letters"]), "island": r.choice(["knights", "angels"])}


def value(tree, kind: dict[int, bool]) -> bool:
    """A statement's truth under one assignment (kind[p] is True for a knight)."""
    op = tree[0]
    if op == "is":
        return kind[tree[1]] is bool(tree[2])
    if op == "exactly":
        return [kind[q] for q in tree[2]].count(True) == tree[1]
    if op == "not":
        return not value(tree[1], kind)
    a, b = value(tree[1], kind), value(tree[2], kind)
    return {"and": a and b, "or": a or b, "if": b if a else True, "iff": a is b}[op]


def consistent_assignments(problem) -> list[list[str]]:
    names = problem.data["names"]
    found = []
    for bits in itertools.product([False, True], repeat=len(names)):
        kind = dict(enumerate(bits))
        if all(value(tree, kind) is kind[s] for s, tree in problem.data["statements"]):
            found.append(sorted(n for n, b in zip(names, bits, strict=True) if b) or ["none"])
    return found


def test_brute_force_finds_one_assignment_equal_to_solve():
    r = random.Random(5)
    for seed in range(220):
        params = small_params(r)
        problem = FAM.generate(params, random.Random(seed))
        found = consistent_assignments(problem)
        assert len(found) == 1, (seed, params, found)
        assert FAM.solve(problem) == found[0]
        assert verify(FAM, problem, seed).ok


def test_every_speaker_is_quoted_and_quiet_ones_named():
    problem = FAM.generate({"people": 5, "quiet": 2}, random.Random(2))
    speakers = {problem.data["names"][s] for s, _ in problem.data["statements"]}
    assert len(speakers) == 3
    for name in problem.data["names"]:
        assert (f"{name} says:" in problem.prompt) == (name in speakers)
    assert "say nothing." in problem.prompt


def test_checker_rejects_unknown_names_and_wrong_sets_accepts_any_order():
    problem = FAM.generate({"people": 4, "nesting": 2}, random.Random(9))
    right = FAM.solve(problem)
    names = problem.data["names"]
    knights = [x for x in right if x != "none"]
    assert FAM.judge_text(problem, ", ".join(reversed(right)).upper() if knights else "none")
    assert not FAM.check(problem, right + ["Zed"])
    complement = [n for n in names if n not in knights] or ["none"]
    assert not FAM.check(problem, complement)
    assert not FAM.check(problem, names if knights != sorted(names) else ["none"])
    for miss in FAM.near_misses(problem, random.Random(0)):
        assert not FAM.judge_text(problem, miss)


def test_two_people_and_no_knights():
    for seed in range(60):
        problem = FAM.generate({"people": 2, "knights": "few"}, random.Random(seed))
        if FAM.solve(problem) == ["none"]:
            assert FAM.judge_text(problem, "none")
            assert not FAM.judge_text(problem, problem.data["names"][0])
            return
    raise AssertionError("no two-person instance without knights")


# ---- the answer from the prompt text alone ---------------------------------------------

def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i = i + len(sep)
            continue
        i += 1
    return parts + [text[start:]]


def _wrapped(text: str) -> bool:
    """True when the whole text is one parenthesised group."""
    if not text.startswith("("):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return i == len(text) - 1
    raise AssertionError(f"unbalanced {text!r}")


def read_statement(text: str, me: str, types: dict[str, bool]):
    """A statement's text as a function of the assignment (name -> True for the truthful type)."""
    low = text[0].lower() + text[1:]
    if _wrapped(low):
        return read_statement(low[1:-1], me, types)
    if low.startswith("it is not true that "):
        inner = read_statement(low[len("it is not true that "):], me, types)
        return lambda kind: not inner(kind)
    if low.startswith("if "):
        cond, then = _split_top(low[3:], ", then ")
        a, b = read_statement(cond, me, types), read_statement(then, me, types)
        return lambda kind: (not a(kind)) or b(kind)
    m = re.fullmatch(r"exactly (one|two) of (.+) (?:is|are) (.+)", low)
    if m:
        k = ["one", "two"].index(m[1]) + 1
        group = [me if g == "me" else g for g in re.split(r", | and ", m[2])]
        good = types[m[3]]
        return lambda kind: sum(kind[g] is good for g in group) == k
    for word, op in ((" if and only if ", "iff"), (" and ", "and"), (" or ", "or")):
        parts = _split_top(low, word)
        if len(parts) > 1:
            assert len(parts) == 2, f"{word.strip()!r} chains need brackets: {text!r}"
            a, b = (read_statement(x, me, types) for x in parts)
            return {"iff": lambda kind, a=a, b=b: a(kind) == b(kind),
                    "and": lambda kind, a=a, b=b: a(kind) and b(kind),
                    "or": lambda kind, a=a, b=b: a(kind) or b(kind)}[op]
    m = re.fullmatch(r"(?:i am|(\S+) is) (an? [\w-]+)", low)
    assert m, f"cannot read {text!r}"
    who, good = m[1] or me, types[m[2]]
    who = next(n for n in types["__names__"] if n.lower() == who.lower())
    return lambda kind: kind[who] is good


def answer_from_prompt(prompt: str) -> list[str]:
    m = re.search(r"either (an? [\w-]+) or (an? [\w-]+): ([\w-]+) always tell the truth and ([\w-]+) "
                  r"always lie\. You meet (\d+) inhabitants: (.+)\.\n", prompt)
    names = m[6].split(", ")
    assert len(names) == int(m[5])
    types = {m[1]: True, m[2]: False, m[3]: True, m[4]: False, "__names__": names}
    said = [(who, read_statement(text, who, types))
            for who, text in re.findall(r'^(\S+) (?:also )?says: "(.+)\."$', prompt, re.MULTILINE)]
    fits = []
    for bits in itertools.product([False, True], repeat=len(names)):
        kind = dict(zip(names, bits, strict=True))
        if all(st(kind) is kind[who] for who, st in said):
            fits.append(sorted(n for n in names if kind[n]) or ["none"])
    assert len(fits) == 1, f"{len(fits)} assignments fit the statements"
    assert f"Who are the {m[3]}?" in prompt
    return fits[0]


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 77):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
