"""unit_conversion: the amount, units and factors read back from the prompt text (every language and layout),
solved by the test's own bookkeeping of prime exponents, give the reference."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("unit_conversion")
_INTRO = re.compile(r"^(?:Convert (\S+) (\S+) to (\S+)\.|Convertissez (\S+) (\S+) en (\S+)\.|"
                    r"Convierte (\S+) (\S+) a (\S+)\.|Rechne (\S+) (\S+) in (\S+) um\.)")
_FACT = re.compile(r"1 ([A-Za-z]+)([²³]?) = (\S+) ([A-Za-z]+)([²³]?)")
_POW = {"": 1, "²": 2, "³": 3}


def read(prompt: str):
    m = _INTRO.match(prompt)
    amount, source, target = [g for g in m.groups() if g]
    facts = [(a, _POW[pa], Fraction(k), b, _POW[pb]) for a, pa, k, b, pb in _FACT.findall(prompt.split("\n\n")[1])]
    return Fraction(amount), unit(source), unit(target), facts


def unit(text: str) -> dict[str, int]:
    top, _, low = text.partition("/")
    out = {re.sub("[²³]", "", top): _POW[top[-1] if top[-1] in "²³" else ""]}
    if low:
        out[low] = -1
    return out


def primes(x: Fraction) -> dict:
    out: dict = {}
    for n, sign in ((x.numerator, 1), (x.denominator, -1)):
        d = 2
        while d * d <= n:
            while n % d == 0:
                out[d] = out.get(d, 0) + sign
                n //= d
            d += 1
        if n > 1:
            out[n] = out.get(n, 0) + sign
    return out


def combine(*terms: tuple[dict, Fraction]) -> dict:
    out: dict = {}
    for vec, scale in terms:
        for key, e in vec.items():
            out[key] = out.get(key, 0) + scale * e
    return {k: e for k, e in out.items() if e}


def convert(amount, source, target, facts) -> Fraction:
    """Every unit as a vector of rational exponents over primes and free 'root' units; a stated factor
    1 A^pa = k B^pb gives one unit from the other. The result must come out rational and free of roots."""
    value: dict[str, dict] = {}
    names = [u for f in facts for u in (f[0], f[3])] + list(source) + list(target)
    while len(value) < len(set(names)):
        grew = True
        while grew:
            grew = False
            for a, pa, k, b, pb in facts:
                if b in value and a not in value:
                    value[a] = combine((primes(k), Fraction(1, pa)), (value[b], Fraction(pb, pa)))
                    grew = True
                elif a in value and b not in value:
                    value[b] = combine((value[a], Fraction(pa, pb)), (primes(k), Fraction(-1, pb)))
                    grew = True
        fresh = next((u for u in names if u not in value), None)
        if fresh:
            value[fresh] = {("root", fresh): Fraction(1)}
    total = combine((primes(amount), Fraction(1)), *[(value[u], Fraction(p)) for u, p in source.items()],
                    *[(value[u], Fraction(-p)) for u, p in target.items()])
    assert all(not isinstance(k, tuple) for k in total) and all(e.denominator == 1 for e in total.values()), total
    out = Fraction(1)
    for q, e in total.items():
        out *= Fraction(q) ** int(e)
    return out


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 300, 17):
        got = convert(*read(problem.prompt))
        assert render("fraction", got) == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        seen.add((params["compound"], params["language"], params["layout"]))
    assert len(seen) == 32


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 200, 5):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_every_distractor_is_unneeded_and_every_other_factor_is_needed():
    for params, seed, problem in random_instances(FAM, 120, 9):
        amount, source, target, facts = read(problem.prompt)
        needed = 0
        for i in range(len(facts)):
            try:
                convert(amount, source, target, facts[:i] + facts[i + 1:])
            except AssertionError:  # the units no longer meet: this factor is on the way
                needed += 1
        assert len(facts) - needed == params["distractors"], (seed, params, problem.prompt)
        assert 1 <= needed <= params["steps"] or (needed == 0 and source == target)


def test_the_unit_table_holds_the_exact_definitions():
    units = {u: v[2] for u, v in __import__("unseen.families.units.unit_conversion",
                                            fromlist=["UNITS"]).UNITS.items()}
    F = Fraction
    exact = [("in", F(254, 10000)), ("ft", 12 * units["in"]), ("yd", 3 * units["ft"]), ("rd", F(11, 2) * units["yd"]),
             ("ch", 22 * units["yd"]), ("fur", 220 * units["yd"]), ("mi", 1760 * units["yd"]), ("km", F(1000)),
             ("lb", F(45359237, 10**8)), ("oz", units["lb"] / 16), ("gr", units["lb"] / 7000),
             ("dr", units["oz"] / 16), ("st", 14 * units["lb"]), ("cwt", 112 * units["lb"]), ("t", F(1000)),
             ("gal", 231 * units["in"] ** 3), ("qt", units["gal"] / 4), ("pt", units["qt"] / 2),
             ("cup", units["pt"] / 2), ("tbsp", units["cup"] / 16), ("tsp", units["tbsp"] / 3),
             ("L", F(1, 1000)), ("mL", F(1, 10**6)), ("ac", 4840 * units["yd"] ** 2), ("ha", F(10**4)),
             ("wk", 7 * 24 * 3600 * F(1)), ("d", F(86400)), ("h", F(3600)), ("min", F(60))]
    for name, value in exact:
        assert units[name] == value, name
    assert units["gal"] * 1000 == F("3.785411784") and units["ac"] == F("4046.8564224")


def test_surface_leaves_the_instance_unchanged():
    for compound in FAM.variable("compound").domain:
        for seed in range(8):
            params = {"compound": compound, "steps": 4, "distractors": 3, "amount": "decimal"}
            base = FAM.generate(params, random.Random(seed))
            for language in ("fr", "es", "de"):
                other = FAM.generate({**params, "language": language, "layout": "inline"}, random.Random(seed))
                assert other.data == base.data
                assert convert(*read(other.prompt)) == FAM.solve(base)
