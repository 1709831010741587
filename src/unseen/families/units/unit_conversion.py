"""unit_conversion: chained unit conversions of lengths, masses, volumes, rates and areas.

Tests chaining stated conversion factors, squaring or cubing a length factor for areas and
volumes, converting numerator and denominator of a rate, and ignoring factors not needed.
Every factor the answer needs is stated in the prompt (all are the exact real ones), so no
outside knowledge is needed; the answer is an exact fraction.

Logic variables: ``steps`` (stated factors on the way, 1..8, capped by the units a system
has), ``compound`` (one quantity; a rate per unit of time; an area from squared lengths,
hectares and acres; a volume from cubed lengths and volume units), ``system`` (metric,
imperial/US, or a mix, which crosses between them), ``distractors`` (0..9 true factors
that are not needed), ``amount`` (a whole number, a decimal or a fraction),
``amount_digits`` (its size) and ``reciprocal`` (about half of the factors stated the
other way round, as 1 in = 1/12 ft). Surface: ``layout`` (a list or one line) and
``language`` (en, fr, es, de; decimals use a point, which the prompt says; the answer
sentence stays English).

Label: exact Fraction arithmetic along networkx shortest paths through the stated factors
(read back from the stated numbers), with exact square and cube roots where a path crosses
from an area or volume unit to a length. ``check`` multiplies the units' exact SI values
with their exponents (dimensional bookkeeping), never reading the stated factors.
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from random import Random

import networkx as nx

from unseen.author import (
    AnswerType,
    Choice,
    Flag,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    match_fraction,
)

# symbol -> (kind, system, exact value in SI base units: m, kg, s, m^2, m^3)
_LB, _IN = F("0.45359237"), F("0.0254")
UNITS = {
    "mm": ("length", "metric", F(1, 1000)), "cm": ("length", "metric", F(1, 100)), "dm": ("length", "metric", F(1, 10)),
    "m": ("length", "metric", F(1)), "dam": ("length", "metric", F(10)), "hm": ("length", "metric", F(100)),
    "km": ("length", "metric", F(1000)), "in": ("length", "imperial", _IN), "ft": ("length", "imperial", 12 * _IN),
    "yd": ("length", "imperial", 36 * _IN), "rd": ("length", "imperial", 198 * _IN),
    "ch": ("length", "imperial", 792 * _IN), "fur": ("length", "imperial", 7920 * _IN),
    "mi": ("length", "imperial", 63360 * _IN),
    "mg": ("mass", "metric", F(1, 10**6)), "g": ("mass", "metric", F(1, 1000)), "kg": ("mass", "metric", F(1)),
    "t": ("mass", "metric", F(1000)), "gr": ("mass", "imperial", _LB / 7000), "dr": ("mass", "imperial", _LB / 256),
    "oz": ("mass", "imperial", _LB / 16), "lb": ("mass", "imperial", _LB), "st": ("mass", "imperial", 14 * _LB),
    "cwt": ("mass", "imperial", 112 * _LB),
    "s": ("time", "both", F(1)), "min": ("time", "both", F(60)), "h": ("time", "both", F(3600)),
    "d": ("time", "both", F(86400)), "wk": ("time", "both", F(604800)),
    "mL": ("volume", "metric", F(1, 10**6)), "cL": ("volume", "metric", F(1, 10**5)),
    "dL": ("volume", "metric", F(1, 10**4)), "L": ("volume", "metric", F(1, 1000)),
    "hL": ("volume", "metric", F(1, 10)), "gal": ("volume", "imperial", 231 * _IN**3),
    "qt": ("volume", "imperial", 231 * _IN**3 / 4), "pt": ("volume", "imperial", 231 * _IN**3 / 8),
    "cup": ("volume", "imperial", 231 * _IN**3 / 16), "tbsp": ("volume", "imperial", 231 * _IN**3 / 256),
    "tsp": ("volume", "imperial", 231 * _IN**3 / 768),
    "ha": ("area", "metric", F(10000)), "ac": ("area", "imperial", 4840 * (36 * _IN) ** 2),
}
_KIND_POWER = {"length": 1, "mass": 1, "time": 1, "area": 2, "volume": 3}  # power of the SI base unit
_POWERED = {"area": ("mm", "cm", "dm", "m", "km", "in", "ft", "yd", "mi"),  # lengths squared or cubed in practice
            "volume": ("mm", "cm", "dm", "m", "in", "ft", "yd")}
_SUP = {1: "", 2: "²", 3: "³"}
_TEXT = {
    "en": ("Convert {q} to {t}. Use only the conversion factors below; each is exact, and some may not be needed.",
           "Factors", "", "Give the amount in {t}."),
    "fr": ("Convertissez {q} en {t}. Utilisez uniquement les facteurs de conversion ci-dessous ; chacun est "
           "exact, et certains peuvent être inutiles.", "Facteurs",
           "Les nombres décimaux sont écrits avec un point décimal.", "Donnez la quantité en {t}."),
    "es": ("Convierte {q} a {t}. Usa solo los factores de conversión de abajo; cada uno es exacto, y puede que "
           "algunos no hagan falta.", "Factores", "Los números decimales se escriben con punto decimal.",
           "Da la cantidad en {t}."),
    "de": ("Rechne {q} in {t} um. Verwende nur die folgenden Umrechnungsfaktoren; jeder ist exakt, und manche werden "
           "vielleicht nicht gebraucht.", "Faktoren", "Dezimalzahlen werden mit einem Dezimalpunkt geschrieben.",
           "Gib die Menge in {t} an."),
}


def number(x: F) -> str:
    """An exact number as text: whole, a terminating decimal, or p/q."""
    if x.denominator == 1:
        return str(x.numerator)
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    places = max(twos, fives)
    digits = str(abs(x.numerator) * 10**places // x.denominator).rjust(places + 1, "0")
    return ("-" if x < 0 else "") + (digits[:-places] + "." + digits[-places:]).rstrip("0").rstrip(".")


def si(node: list) -> F:
    return UNITS[node[0]][2] ** node[1]


def chain_nodes(kind: str, system: str, powered: bool) -> list[list]:
    """Candidate [unit, power] nodes of one kind, smallest first; ``powered`` adds squared or cubed lengths."""
    def ok(u: str) -> bool:
        return system == "mixed" or UNITS[u][1] in (system, "both")
    nodes = [[u, 1] for u, v in UNITS.items() if v[0] == kind and ok(u)]
    if powered:
        nodes += [[u, _KIND_POWER[kind]] for u in _POWERED[kind] if ok(u)]
    return sorted(nodes, key=si)


def draw_chain(rng: Random, kind: str, system: str, steps: int, powered: bool = False) -> list[list]:
    """steps + 1 nodes in increasing size (fewer when the system has fewer); a mix has both systems, and a
    powered chain has two powered lengths side by side (so a length factor must be squared or cubed); when
    no such choice of that length turns up, a shorter chain is drawn."""
    nodes = chain_nodes(kind, system, powered)
    k = min(steps + 1, len(nodes))
    for tries in range(10**4):  # two nodes of each kind always qualify, so shortening ends the search
        if tries and tries % 50 == 0:
            k = max(2, k - 1)
        picked = [nodes[i] for i in sorted(rng.sample(range(len(nodes)), k))]
        systems = {UNITS[u][1] for u, _ in picked}
        if system == "mixed" and kind != "time" and not {"metric", "imperial"} <= systems:
            continue
        if not powered or any(a[1] > 1 and b[1] > 1 for a, b in zip(picked, picked[1:], strict=False)):
            return picked
    raise AssertionError("unreachable: a chain of two nodes always qualifies")


def statement(a: list, b: list, flip: bool) -> dict:
    """A true factor between neighbouring nodes: two powers of lengths are told as the plain length factor."""
    if a[1] == b[1] and UNITS[a[0]][0] == UNITS[b[0]][0] == "length":
        a, b = [a[0], 1], [b[0], 1]
    big, small = (a, b) if si(a) >= si(b) else (b, a)
    k = si(big) / si(small)
    if flip or "/" in number(k):  # state it smaller-first when asked, or when that is the terminating way
        big, small, k = small, big, 1 / k
    return {"a": big[0], "pa": big[1], "k": number(k), "b": small[0], "pb": small[1]}


def unit_text(unit: dict) -> str:
    top = " ".join(u + _SUP[p] for u, p in unit.items() if p > 0)
    low = [u for u, p in unit.items() if p < 0]
    return top + (f"/{low[0]}" if low else "")


def nth_root(x: F, n: int) -> F:
    """The exact n-th root of a positive fraction (Newton's method on integers); raises if it is not rational."""
    def root(v: int) -> int:
        r = 1 << -(-v.bit_length() // n)
        while True:
            s = ((n - 1) * r + v // r ** (n - 1)) // n
            if s >= r:
                break
            r = s
        assert r ** n == v, "no exact root"
        return r
    return F(root(x.numerator), root(x.denominator))


def convert(statements: list[dict], source: dict, target: dict, amount: F) -> F:
    """Reference: each unit as coefficient * root^e in its component (root: a length when it has one), along
    networkx shortest paths through the stated factors; then amount * source / target."""
    g = nx.Graph()
    g.add_nodes_from([*source, *target])  # a unit the answer keeps (min/min) is its own root
    for s in statements:
        g.add_edge(s["a"], s["b"], s=s)
    value: dict[str, tuple[F, str, F]] = {}
    for comp in nx.connected_components(g):
        root = min(comp, key=lambda u: (UNITS[u][0] != "length", u))
        for unit, path in nx.single_source_shortest_path(g, root).items():
            coef, power = F(1), F(1)
            for here, there in zip(path, path[1:], strict=False):
                s = g.edges[here, there]["s"]
                if s["a"] == here:  # here^pa = k there^pb
                    coef, power = nth_root(coef ** s["pa"] / F(s["k"]), s["pb"]), power * s["pa"] / s["pb"]
                else:
                    coef, power = nth_root(F(s["k"]) * coef ** s["pb"], s["pa"]), power * s["pb"] / s["pa"]
            value[unit] = (coef, root, power)
    total, roots = amount, {}
    for unit, sign in [(source, 1), (target, -1)]:
        for u, p in unit.items():
            coef, root, power = value[u]
            total *= coef ** (sign * p)
            roots[root] = roots.get(root, 0) + sign * p * power
    assert not any(roots.values()), roots
    return total


@family("unit_conversion", version=1, domain="units", answer=AnswerType.FRACTION,
        purpose="Convert a quantity, rate, area or volume through a chain of stated exact conversion factors.")
class UnitConversion:
    steps = IntRange(1, 8, base=2, help="stated factors the conversion needs (capped by the system's units)")
    compound = Choice(("single", "rate", "area", "volume"), base="single", ordered=True,
                      help="one quantity; per unit of time; squared lengths; cubed lengths and volume units")
    system = Choice(("metric", "imperial", "mixed"), base="metric", ordered=True, help="which units are used")
    distractors = IntRange(0, 9, base=1, levels=(0, 1, 3, 6, 9), help="true factors that are not needed")
    amount = Choice(("integer", "decimal", "fraction"), base="integer", ordered=True, help="how the amount is written")
    amount_digits = IntRange(1, 4, base=2, help="digits of the amount")
    reciprocal = Flag(base=False, help="about half the factors stated the other way round (1 in = 1/12 ft)")
    layout = Choice(("list", "inline"), base="list", role="surface", help="factors one a line, or in one line")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="the language of the prompt")

    def generate(self, p: Params, rng: Random) -> Problem:
        parts: list[tuple[list[list], int]] = []  # (chain smallest first, the power its units carry in the answer)
        if p.compound == "rate":
            t = rng.randint(0, min(4, p.steps - 1))
            parts.append((draw_chain(rng, rng.choice(["length", "mass", "volume"]), p.system, p.steps - t), 1))
            parts.append((draw_chain(rng, "time", p.system, t), -1))
        else:
            kind = rng.choice(["length", "mass", "volume"]) if p.compound == "single" else p.compound
            parts.append((draw_chain(rng, kind, p.system, p.steps, p.compound != "single"), 1))
        source: dict[str, int] = {}
        target: dict[str, int] = {}
        statements = []
        for chain, sign in parts:
            if rng.random() < 0.5:
                chain = chain[::-1]
            source[chain[0][0]] = sign * chain[0][1]
            target[chain[-1][0]] = sign * chain[-1][1]
            statements += [statement(a, b, p.reciprocal and rng.random() < 0.5)
                           for a, b in zip(chain, chain[1:], strict=False)]
        used = {s[key] for s in statements for key in ("a", "b")} | set(source) | set(target)
        for _ in range(p.distractors):  # each adds one unused unit beside a unit of its kind: no shortcut appears
            fresh = [u for u in UNITS if u not in used and UNITS[u][0] in ("length", "mass", "time", "volume")]
            if not fresh:
                break
            new = rng.choice(fresh)
            anchors = [u for u in sorted(used) if UNITS[u][0] == UNITS[new][0]]
            other = rng.choice(anchors) if anchors else rng.choice([u for u in fresh if u != new and
                                                                     UNITS[u][0] == UNITS[new][0]])
            statements.append(statement([new, 1], [other, 1], p.reciprocal and rng.random() < 0.5))
            used |= {new, other}
        rng.shuffle(statements)
        if p.amount == "integer":
            amount = F(rng.randint(10 ** (p.amount_digits - 1), 10 ** p.amount_digits - 1))
        elif p.amount == "decimal":
            places = rng.randint(1, 2)
            amount = F(rng.randint(10 ** (p.amount_digits - 1), 10 ** p.amount_digits - 1) * 10 + rng.randint(1, 9),
                       10 ** places)
        else:
            q, n = rng.randint(2, 9), 1
            while math.gcd(n, q) != 1 or n < 10 ** (p.amount_digits - 1):
                n = rng.randint(10 ** (p.amount_digits - 1), 10 ** p.amount_digits - 1)
            amount = F(n, q)
        intro, head, point, ask = _TEXT[p.language]
        facts = [f"1 {s['a']}{_SUP[s['pa']]} = {s['k']} {s['b']}{_SUP[s['pb']]}" for s in statements]
        lines = ("\n".join(f"- {f}" for f in facts) if p.layout == "list" else f"{head}: " + "; ".join(facts) + ".")
        q, t = f"{number(amount)} {unit_text(source)}", unit_text(target)
        decimals = "." in q or any("." in s["k"] for s in statements)
        body = intro.format(q=q, t=t) + (f" {point}" if point and decimals else "")
        prompt = f"{body}\n\n{lines}\n\n{ask.format(t=t)}\n" + AnswerType.FRACTION.sentence(f"the amount in {t}")
        data = {"statements": statements, "source": source, "target": target, "amount": str(amount)}
        return Problem(prompt, data, AnswerType.FRACTION)

    def solve(self, problem: Problem) -> F:
        d = problem.data
        return convert(d["statements"], d["source"], d["target"], F(d["amount"]))

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        want = F(d["amount"])
        for unit, sign in ((d["source"], 1), (d["target"], -1)):
            for u, p in unit.items():
                want *= UNITS[u][2] ** (sign * p)
        return match_fraction(answer, want)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        amount = F(d["amount"])
        cands = [number(amount * amount / right) if right else "1"]  # every factor applied the wrong way round
        square = [s for s in d["statements"] if s["pa"] == s["pb"] == 1 and s["a"] in {**d["source"], **d["target"]}
                  and abs({**d["source"], **d["target"]}[s["a"]]) > 1]
        if square:  # a length factor used once for an area or volume
            k = F(square[0]["k"])
            p = abs({**d["source"], **d["target"]}[square[0]["a"]])
            cands.append(number(right / k ** (p - 1)))
            cands.append(number(right * k ** (p - 1)))
        cands += [number(right * 10), number(right + 1), hedge(number(right), number(right * 10))]
        return distinct(number(right), cands)
