"""modular_arithmetic: a power, an inverse, a linear congruence or a Chinese-remainder system.

Tests modular reasoning: reducing a huge exponent (Fermat, Euler), inverting by the
extended Euclidean algorithm, dividing a congruence through by a common factor, and
combining congruences. Every answer is the least non-negative solution, so it is unique.

Logic variables: ``kind`` (power a^e mod m; inverse of a mod m; the least x with
ax = b mod m; two or three congruences x = r_i mod m_i), ``digits`` (each modulus has
that many digits; one digit means 3..9), ``exponent_digits`` (the exponent's length, for
powers), ``shared_factors`` (a composite modulus for powers and inverses; gcd(a, m) > 1
for a congruence, so it has several solutions mod m; moduli that are not coprime for a
system) and ``operands`` (numbers given reduced, larger than the modulus, or negative).
Surface: ``notation`` (the ``≡ (mod m)`` sign, or "... is a multiple of m" in words) and
``language`` (en, fr, es, de; the answer sentence stays English).

Label: Python's three-argument ``pow``, sympy ``mod_inverse`` and sympy
``solve_congruence``. ``check`` verifies the congruences directly: its own
square-and-multiply for powers, a*x - 1 divisible by m for inverses, and for the others
that every congruence holds and x lies below m/gcd(a, m) or below the moduli's lcm (two
solutions differ by a multiple of it, so only the least one does).
"""

from __future__ import annotations

import math
from random import Random

import sympy
from sympy.ntheory.modular import solve_congruence

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
    match_integer,
    wrong,
)

# language -> kind -> (symbols, words); {range} is 0 ≤ x ≤ m - 1, {lines} the congruences, one a line
_TEXT = {
    "en": {"power": ("Find the integer r with {range} such that r ≡ {pw} (mod {m}).",
                     "Find the whole number r with {range} such that {pw} - r is a multiple of {m}."),
           "inverse": ("Find the inverse of {a} modulo {m}: the integer x with {range} such that {ax} ≡ 1 (mod {m}).",
                       "Find the inverse of {a} modulo {m}: the whole number x with {range} such that {ax} - 1 is a "
                       "multiple of {m}."),
           "congruence": ("Find the smallest non-negative integer x such that {ax} ≡ {b} (mod {m}).",
                          "Find the smallest whole number x (0 or more) such that {axb} is a multiple of {m}."),
           "crt": ("Find the smallest non-negative integer x that satisfies all of these congruences:\n{lines}",
                   "Find the smallest whole number x (0 or more) such that all of these hold:\n{lines}"),
           "multiple": "{e} is a multiple of {m}"},
    "fr": {"power": ("Trouvez l'entier r tel que {range} et r ≡ {pw} (mod {m}).",
                     "Trouvez le nombre entier r tel que {range} et que {pw} - r soit un multiple de {m}."),
           "inverse": ("Trouvez l'inverse de {a} modulo {m}, c'est-à-dire l'entier x tel que {range} et "
                       "{ax} ≡ 1 (mod {m}).",
                       "Trouvez l'inverse de {a} modulo {m}, c'est-à-dire le nombre entier x tel que {range} et que "
                       "{ax} - 1 soit un multiple de {m}."),
           "congruence": ("Trouvez le plus petit entier positif ou nul x tel que {ax} ≡ {b} (mod {m}).",
                          "Trouvez le plus petit nombre entier x positif ou nul tel que {axb} soit un multiple "
                          "de {m}."),
           "crt": ("Trouvez le plus petit entier positif ou nul x qui vérifie toutes ces congruences :\n{lines}",
                   "Trouvez le plus petit nombre entier x positif ou nul qui vérifie toutes ces conditions :\n{lines}"),
           "multiple": "{e} est un multiple de {m}"},
    "es": {"power": ("Halla el entero r tal que {range} y r ≡ {pw} (mod {m}).",
                     "Halla el número entero r tal que {range} y {pw} - r sea un múltiplo de {m}."),
           "inverse": ("Halla el inverso de {a} módulo {m}, es decir, el entero x tal que {range} y "
                       "{ax} ≡ 1 (mod {m}).",
                       "Halla el inverso de {a} módulo {m}, es decir, el número entero x tal que {range} y {ax} - 1 "
                       "sea un múltiplo de {m}."),
           "congruence": ("Halla el menor entero no negativo x tal que {ax} ≡ {b} (mod {m}).",
                          "Halla el menor número entero x no negativo tal que {axb} sea un múltiplo de {m}."),
           "crt": ("Halla el menor entero no negativo x que cumple todas estas congruencias:\n{lines}",
                   "Halla el menor número entero x no negativo que cumple todas estas condiciones:\n{lines}"),
           "multiple": "{e} es un múltiplo de {m}"},
    "de": {"power": ("Bestimme die ganze Zahl r mit {range} und r ≡ {pw} (mod {m}).",
                     "Bestimme die ganze Zahl r mit {range}, für die {pw} - r ein Vielfaches von {m} ist."),
           "inverse": ("Bestimme das Inverse von {a} modulo {m}, also die ganze Zahl x mit {range} und "
                       "{ax} ≡ 1 (mod {m}).",
                       "Bestimme das Inverse von {a} modulo {m}, also die ganze Zahl x mit {range}, für die "
                       "{ax} - 1 ein Vielfaches von {m} ist."),
           "congruence": ("Bestimme die kleinste nichtnegative ganze Zahl x mit {ax} ≡ {b} (mod {m}).",
                          "Bestimme die kleinste nichtnegative ganze Zahl x, für die {axb} ein Vielfaches "
                          "von {m} ist."),
           "crt": ("Bestimme die kleinste nichtnegative ganze Zahl x, die alle diese Kongruenzen erfüllt:\n{lines}",
                   "Bestimme die kleinste nichtnegative ganze Zahl x, für die alle diese Bedingungen gelten:\n{lines}"),
           "multiple": "{e} ist ein Vielfaches von {m}"},
}


def modulus(rng: Random, digits: int, prime: bool | None) -> int:
    """A modulus with ``digits`` digits (3..9 for one digit): prime, composite, or either (None)."""
    lo, hi = (3, 9) if digits == 1 else (10 ** (digits - 1), 10 ** digits - 1)
    while True:
        m = rng.randint(lo, hi)
        if prime is None or sympy.isprime(m) == prime:
            return m


def show(rng: Random, value: int, m: int, operands: str) -> int:
    """``value`` (in 0..m-1) as shown: itself, plus 1..9 times m, or minus 1..3 times m (negative)."""
    if operands == "larger":
        return value + rng.randint(1, 9) * m
    if operands == "negative":
        return value - rng.randint(1, 3) * m
    return value


def linear(a: int, var: str, b: int | None = None) -> str:
    """``ax``, ``-5x``, ``x``; with b, ``ax - b`` or ``ax + |b|``."""
    head = var if a == 1 else f"-{var}" if a == -1 else f"{a}{var}"
    if b is None or b == 0:
        return head
    return f"{head} - {b}" if b > 0 else f"{head} + {-b}"


def square_and_multiply(a: int, e: int, m: int) -> int:
    result, base = 1 % m, a % m
    while e:
        if e & 1:
            result = result * base % m
        base = base * base % m
        e >>= 1
    return result


@family("modular_arithmetic", version=1, domain="number_theory", answer=AnswerType.INTEGER,
        purpose="Compute a modular power or inverse, solve a linear congruence, or a Chinese-remainder system.")
class ModularArithmetic:
    kind = Choice(("power", "inverse", "congruence", "crt2", "crt3"), base="power",
                  help="a^e mod m; a^-1 mod m; ax = b mod m; two or three congruences x = r mod m")
    digits = IntRange(1, 9, base=2, levels=(1, 2, 3, 5, 9), help="digits of each modulus")
    exponent_digits = IntRange(1, 50, base=3, levels=(1, 3, 10, 25, 50), help="digits of the exponent (powers)")
    shared_factors = Flag(base=False, help="composite modulus / gcd(a, m) > 1 / moduli that are not coprime")
    operands = Choice(("reduced", "larger", "negative"), base="reduced", ordered=True,
                      help="operands in 0..m-1, larger than m, or negative")
    notation = Choice(("symbols", "words"), base="symbols", role="surface",
                      help="congruences with ≡ (mod m), or as '... is a multiple of m'")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="the language of the prompt")

    def generate(self, p: Params, rng: Random) -> Problem:
        text = _TEXT[p.language]
        words = p.notation == "words"
        kind = "crt" if p.kind.startswith("crt") else p.kind
        if kind == "crt":
            k = int(p.kind[-1])
            while True:  # distinct moduli, none dividing another; the first two share a factor when asked
                mods = [modulus(rng, p.digits, None) for _ in range(k)]
                pairs_ok = all(a % b and b % a for i, a in enumerate(mods) for b in mods[i + 1:])
                coprime = [math.gcd(a, b) == 1 for i, a in enumerate(mods) for b in mods[i + 1:]]
                if pairs_ok and (math.gcd(mods[0], mods[1]) > 1 if p.shared_factors else all(coprime)):
                    break
            x = rng.randrange(math.lcm(*mods))
            pairs = [[show(rng, x % m, m, p.operands), m] for m in mods]
            lines = "\n".join(f"({i}) " + (text["multiple"].format(e=linear(1, "x", r), m=m) if words
                                            else f"x ≡ {r} (mod {m})") for i, (r, m) in enumerate(pairs, 1))
            body = text["crt"][words].format(lines=lines)
            data = {"kind": "crt", "pairs": pairs}
            var = "x"
        else:
            if kind == "congruence":  # gcd(a, m) > 1 needs a composite modulus
                m = modulus(rng, p.digits, False if p.shared_factors else None)
            else:
                m = modulus(rng, p.digits, not p.shared_factors)
            a0 = rng.randint(2, m - 1)
            if kind == "inverse" or (kind == "congruence" and not p.shared_factors):
                while math.gcd(a0, m) != 1:
                    a0 = rng.randint(2, m - 1)
            elif kind == "congruence":
                while math.gcd(a0, m) == 1:
                    a0 = rng.randint(2, m - 1)
            a = show(rng, a0, m, p.operands)
            data = {"kind": kind, "a": a, "m": m}
            rng_text = f"0 ≤ x ≤ {m - 1}"
            if kind == "power":
                e = rng.randint(max(2, 10 ** (p.exponent_digits - 1)), 10 ** p.exponent_digits - 1)
                data["e"] = e
                pw = f"({a})^{e}" if a < 0 else f"{a}^{e}"
                body = text["power"][words].format(range=rng_text.replace("x", "r"), pw=pw, m=m)
                var = "r"
            elif kind == "inverse":
                body = text["inverse"][words].format(range=rng_text, a=a, ax=linear(a, "x"), m=m)
                var = "x"
            else:
                g = math.gcd(a0, m)
                b = show(rng, a0 * rng.randrange(m // g) % m, m, p.operands)
                data["b"] = b
                body = text["congruence"][words].format(ax=linear(a, "x"), b=b, axb=linear(a, "x", b), m=m)
                var = "x"
        prompt = body + "\n" + AnswerType.INTEGER.sentence(f"the value of {var}")
        return Problem(prompt, data, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        d = problem.data
        if d["kind"] == "power":
            return pow(d["a"], d["e"], d["m"])
        if d["kind"] == "inverse":
            return int(sympy.mod_inverse(d["a"], d["m"]))
        if d["kind"] == "crt":
            return int(solve_congruence(*[tuple(pair) for pair in d["pairs"]])[0])
        a, b, m = d["a"] % d["m"], d["b"] % d["m"], d["m"]
        g = math.gcd(a, m)
        return int(b // g * sympy.mod_inverse(a // g, m // g) % (m // g))

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        if answer < 0:
            return wrong("the answer must not be negative")
        if d["kind"] == "power":
            return match_integer(answer, square_and_multiply(d["a"], d["e"], d["m"]))
        if d["kind"] == "inverse":
            ok = answer < d["m"] and (d["a"] * answer - 1) % d["m"] == 0
            return Verdict(ok, "" if ok else f"{d['a']} * {answer} is not 1 mod {d['m']} (or not below {d['m']})")
        if d["kind"] == "crt":
            for r, m in d["pairs"]:
                if (answer - r) % m:
                    return wrong(f"x = {r} (mod {m}) fails")
            bound = math.lcm(*(m for _, m in d["pairs"]))
        else:
            if (d["a"] * answer - d["b"]) % d["m"]:
                return wrong("the congruence fails")
            bound = d["m"] // math.gcd(d["a"], d["m"])
        ok = answer < bound
        return Verdict(ok, "" if ok else f"a smaller solution is {answer % bound}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        cands = []
        if d["kind"] == "power":
            a, e, m = d["a"], d["e"], d["m"]
            cands += [str(pow(a, e % m, m)), str(pow(a, e % (m - 1) or m - 1, m)), str((m - right) % m)]
        elif d["kind"] == "inverse":
            cands += [str((d["m"] - right) % d["m"]), str(d["a"] % d["m"])]
        elif d["kind"] == "crt":
            bound = math.lcm(*(m for _, m in d["pairs"]))
            cands += [str(right + bound), str(sum(r for r, _ in d["pairs"]))]  # a solution, but not the least
        else:
            m = d["m"]
            cands += [str(right + m // math.gcd(d["a"], m)), str(d["a"] * d["b"] % m)]
        cands += [str(right + 1), hedge(str(right), str(right + 1))]
        return distinct(str(right), [c for c in cands if not c.startswith("-")])
