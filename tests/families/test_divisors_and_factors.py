"""divisors_and_factors: the numbers read back from the prompt text, worked with the test's own arithmetic
(divisors by brute force where small), give the reference."""

from __future__ import annotations

import math
import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("divisors_and_factors")
_NUM = r"\d+(?: \d{3})*"
_ASKS = [("factorise", r"prime factors of|prime factorisation|Which primes"),
         ("count", r"How many positive whole numbers divide|number of positive divisors|In how many ways"),
         ("sum", r"sum of all positive|σ\(N\)|What is the sum of the numbers"),
         ("gcd", r"greatest common divisor|gcd\(|longest such piece"),
         ("lcm", r"least common multiple|lcm\(|next all blink")]


def read(prompt: str) -> tuple[str, list[int]]:
    body = prompt.split("\nEnd with")[0]
    (ask,) = [name for name, pattern in _ASKS if re.search(pattern, body)]
    if ask in ("gcd", "lcm"):
        listed = re.search(rf"(?:divisor of |multiple of |gcd\(|lcm\(|lengths |every )({_NUM}(?:(?:, | and ){_NUM})+)",
                           body).group(1)
        numbers = [int(x.replace(" ", "")) for x in re.split(r", | and ", listed)]
    else:
        found = re.search(rf"(?:factors of |N = |code is |divide |arranges |divides )({_NUM})\b", body).group(1)
        numbers = [int(found.replace(" ", ""))]
    return ask, numbers


def factor(n: int) -> list[int]:
    out, d = [], 2
    while n > 1:
        if d * d > n:
            out.append(n)
            break
        if n % d:
            d += 1
        else:
            out.append(d)
            n //= d
    return out


def answer(ask: str, numbers: list[int]) -> str:
    if ask == "factorise":
        return ", ".join(map(str, factor(numbers[0])))
    if ask in ("count", "sum"):
        exps: dict[int, int] = {}
        for q in factor(numbers[0]):
            exps[q] = exps.get(q, 0) + 1
        if ask == "count":
            return str(math.prod(e + 1 for e in exps.values()))
        return str(math.prod((q ** (e + 1) - 1) // (q - 1) for q, e in exps.items()))
    g = numbers[0]
    for x in numbers[1:]:
        g = math.gcd(g, x)
    if ask == "gcd":
        return str(g)
    lcm = 1
    for x in numbers:
        lcm = lcm * x // math.gcd(lcm, x)
    return str(lcm)


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 300, 21):
        ask, numbers = read(problem.prompt)
        assert answer(ask, numbers) == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        seen.add((params["ask"], params["phrasing"], params["digit_groups"]))
    assert len(seen) == 30


def test_small_numbers_by_brute_force():
    small = lambda r: {"prime_bits": 3, "max_exponent": 2, "distinct_primes": r.randint(1, 3)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 150, 4, small):
        ask, numbers = read(problem.prompt)
        if ask in ("count", "sum"):
            n = numbers[0]
            divisors = [d for d in range(1, n + 1) if n % d == 0]
            want = len(divisors) if ask == "count" else sum(divisors)
            assert want == FAM.solve(problem), (seed, params)
        elif ask in ("gcd", "lcm"):
            top = math.prod(numbers)
            if ask == "gcd":
                want = max(d for d in range(1, min(numbers) + 1) if all(x % d == 0 for x in numbers))
            else:
                want = next(m for m in range(max(numbers), top + 1, max(numbers)) if all(m % x == 0 for x in numbers))
            assert want == FAM.solve(problem), (seed, params)


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 200, 13):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_factorisation_check_wants_primes_in_order_that_multiply_back():
    problem = FAM.generate({"ask": "factorise", "distinct_primes": 3, "max_exponent": 2}, random.Random(8))
    primes = [int(x) for x in FAM.solve(problem)]
    assert FAM.judge_text(problem, ", ".join(map(str, primes))).correct
    assert not FAM.judge_text(problem, ", ".join(map(str, primes[::-1]))).correct
    merged = sorted([primes[0] * primes[1]] + primes[2:])
    assert not FAM.judge_text(problem, ", ".join(map(str, merged))).correct
    assert not FAM.judge_text(problem, ", ".join(map(str, primes + [1]))).correct


def test_gcd_is_never_one_and_numbers_are_distinct():
    for seed in range(100):
        params = {"ask": "gcd", "numbers": 2 + seed % 5, "distinct_primes": 1 + seed % 4, "max_exponent": 1 + seed % 3}
        problem = FAM.generate(params, random.Random(seed))
        numbers = read(problem.prompt)[1]
        assert len(set(numbers)) == len(numbers) >= 2
        assert FAM.solve(problem) > 1


def test_digit_groups_and_phrasing_leave_the_answer_unchanged():
    for ask in FAM.variable("ask").domain:
        for seed in range(10):
            base = FAM.generate({"ask": ask, "prime_bits": 10}, random.Random(seed))
            for phrasing in ("formal", "story"):
                other = FAM.generate({"ask": ask, "prime_bits": 10, "phrasing": phrasing, "digit_groups": "grouped"},
                                     random.Random(seed))
                assert other.data == base.data and read(other.prompt) == read(base.prompt)
