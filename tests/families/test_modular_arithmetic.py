"""modular_arithmetic: the congruences read back from the prompt text (every language and notation), solved with
the test's own extended Euclid and CRT merging, give the reference; small moduli are also brute-forced."""

from __future__ import annotations

import math
import random
import re

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("modular_arithmetic")

_SYMBOLS = re.compile(r"(-?\d*[xr]) ≡ (\(?-?\d+\)?(?:\^\d+)?) \(mod (\d+)\)")
_WORDS = re.compile(r"(\(?-?\d+\)?\^\d+ - r|-?\d*x(?: [-+] \d+)?) (?:is a multiple of|est un multiple de|"
                    r"soit un multiple de|es un múltiplo de|sea un múltiplo de|ist ein Vielfaches von|"
                    r"ein Vielfaches von) (\d+)")


def linear_form(text: str, m: int) -> tuple[int, int]:
    """(coefficient of the unknown, constant) of an expression such as ``(-91)^766 - r`` or ``-126x + 24``."""
    coef = const = 0
    for sign, term in re.findall(r"(^|[-+] )(\S+)", text):
        s = -1 if sign.startswith("-") else 1
        power = re.fullmatch(r"\(?(-?\d+)\)?\^(\d+)", term)
        unknown = re.fullmatch(r"(-?\d*)([xr])", term)
        if power:
            const += s * pow(int(power.group(1)), int(power.group(2)), m)
        elif unknown:
            k = unknown.group(1)
            coef += s * (-1 if k == "-" else int(k) if k else 1)
        else:
            const += s * int(term)
    return coef, const


def constraints(prompt: str) -> list[tuple[int, int, int]]:
    """Each condition as (a, b, m): a * u = b (mod m)."""
    body = prompt.split("\nEnd with")[0]
    out = []
    for lhs, rhs, m in _SYMBOLS.findall(body):
        m = int(m)
        a1, c1 = linear_form(lhs, m)
        a2, c2 = linear_form(rhs, m)
        out.append((a1 - a2, c2 - c1, m))
    for expr, m in _WORDS.findall(body):
        m = int(m)
        a, c = linear_form(expr, m)
        out.append((a, -c, m))
    assert out and not (_SYMBOLS.search(body) and _WORDS.search(body)), body
    return out


def ext_gcd(a: int, b: int) -> tuple[int, int, int]:
    if b == 0:
        return a, 1, 0
    g, x, y = ext_gcd(b, a % b)
    return g, y, x - (a // b) * y


def least_solution(conds: list[tuple[int, int, int]]) -> int:
    u, mod = 0, 1  # u (mod mod) so far
    for a, b, m in conds:
        g, inv, _ = ext_gcd(a % m, m)
        assert b % g == 0, "unsolvable"
        m2 = m // g
        r = (b // g) * inv % m2  # u = r (mod m2)
        h, p, _ = ext_gcd(mod, m2)
        assert (r - u) % h == 0, "inconsistent"
        u = (u + (r - u) // h * p % (m2 // h) * mod) % (mod * m2 // h)
        mod = mod * m2 // h
    return u


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 400, 2):
        got = least_solution(constraints(problem.prompt))
        range_ = re.search(r"0 ≤ [xr] ≤ (\d+)", problem.prompt)
        if range_:
            assert got <= int(range_.group(1))
        assert got == FAM.solve(problem), (seed, params, problem.prompt)
        seen.add((params["kind"], params["language"], params["notation"]))
    assert len(seen) == 40


def test_small_moduli_brute_force():
    for params, seed, problem in random_instances(FAM, 200, 6, lambda r: {"digits": r.randint(1, 2)}):
        conds = constraints(problem.prompt)
        first = next(u for u in range(10**6) if all((a * u - b) % m == 0 for a, b, m in conds))
        assert first == FAM.solve(problem), (seed, params)


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 200, 12):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_shared_factors_really_share_and_a_later_solution_is_rejected():
    for seed in range(40):
        problem = FAM.generate({"kind": "congruence", "shared_factors": True, "digits": 2}, random.Random(seed))
        (a, b, m), = constraints(problem.prompt)
        solutions = [u for u in range(m) if (a * u - b) % m == 0]
        assert math.gcd(a, m) > 1 and len(solutions) == math.gcd(a, m) > 1
        assert FAM.judge_text(problem, str(solutions[0])).correct
        assert not FAM.judge_text(problem, str(solutions[1])).correct  # satisfies the congruence, not the least
        crt = FAM.generate({"kind": "crt3", "shared_factors": True, "digits": 2}, random.Random(seed))
        mods = [m for _, _, m in constraints(crt.prompt)]
        assert math.gcd(mods[0], mods[1]) > 1
        plain = FAM.generate({"kind": "crt3", "digits": 3}, random.Random(seed))
        mods = [m for _, _, m in constraints(plain.prompt)]
        assert all(math.gcd(x, y) == 1 for i, x in enumerate(mods) for y in mods[i + 1:])


def test_language_and_notation_leave_the_instance_unchanged():
    for kind in FAM.variable("kind").domain:
        for seed in range(10):
            params = {"kind": kind, "operands": "negative"}
            base = FAM.generate(params, random.Random(seed))
            for language in ("fr", "es", "de"):
                for notation in ("symbols", "words"):
                    other = FAM.generate({**params, "language": language, "notation": notation}, random.Random(seed))
                    assert other.data == base.data
                    assert least_solution(constraints(other.prompt)) == FAM.solve(base)


def test_operands_are_reduced_larger_or_negative_as_asked():
    for kind in ("power", "inverse", "congruence", "crt2"):
        for operands in FAM.variable("operands").domain:
            for seed in range(15):
                params = {"kind": kind, "operands": operands, "shared_factors": seed % 2 == 0, "digits": 1 + seed % 3}
                d = FAM.generate(params, random.Random(seed)).data
                shown = [r for r, _ in d["pairs"]] if kind == "crt2" else [d["a"]] + ([d["b"]] if "b" in d else [])
                mods = [m for _, m in d["pairs"]] if kind == "crt2" else [d["m"]] * len(shown)
                for v, m in zip(shown, mods, strict=True):
                    assert {"reduced": 0 <= v < m, "larger": v >= m, "negative": v < 0}[operands], (params, d)
