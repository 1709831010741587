"""base_conversion: convert numbers between bases 2..16, or add or multiply in one base.

Tests positional notation: repeated division for the digits of a number in a base,
Horner evaluation for its value, and carrying in a base other than ten.

Logic variables: ``task`` (base b to decimal, decimal to base b, base b to another base c,
add two base-b numbers, multiply two), ``base`` (b, any of 2..16 but 10), ``digits``
(length of the base-b number: the given one, the answer for decimal to base b, each
operand) and ``high_digits`` (every digit from the upper half of the base: more letters
and more carries). Surface: ``notation`` (1A3₁₆, (1A3)_16, or the base only in words),
``case`` (letters A-F or a-f in the given numbers) and ``language`` (en, fr, es, de; the
answer sentence stays English).

Label: Python ``int(text, base)`` for the given numbers, and repeated ``divmod`` for the
answer's digits. ``check`` reads the answer digit by digit in the target base (Horner,
its own digit table) and compares its value with the operands read the same way.
"""

from __future__ import annotations

import re
from random import Random

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
    wrong,
)

_BASES = (2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16)
_DIGITS = "0123456789ABCDEF"
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_TEXT = {
    "en": {"to_decimal": "Convert the base-{b} number {x} to base 10 (decimal).",
           "from_decimal": "Write the decimal number {x} in base {c}.",
           "between": "Convert the base-{b} number {x} to base {c}.",
           "add": "Add the base-{b} numbers {x} and {y}, and give the sum in base {c}.",
           "multiply": "Multiply the base-{b} numbers {x} and {y}, and give the product in base {c}.",
           "letters": "Digits above 9 are written as letters: {letters}."},
    "fr": {"to_decimal": "Convertissez le nombre {x}, écrit en base {b}, en base 10 (décimale).",
           "from_decimal": "Écrivez le nombre décimal {x} en base {c}.",
           "between": "Convertissez le nombre {x}, écrit en base {b}, en base {c}.",
           "add": "Additionnez les nombres {x} et {y}, écrits en base {b}, et donnez la somme en base {c}.",
           "multiply": "Multipliez les nombres {x} et {y}, écrits en base {b}, et donnez le produit en base {c}.",
           "letters": "Les chiffres au-delà de 9 s'écrivent avec des lettres : {letters}."},
    "es": {"to_decimal": "Convierte el número {x}, escrito en base {b}, a base 10 (decimal).",
           "from_decimal": "Escribe el número decimal {x} en base {c}.",
           "between": "Convierte el número {x}, escrito en base {b}, a base {c}.",
           "add": "Suma los números {x} y {y}, escritos en base {b}, y da el resultado en base {c}.",
           "multiply": "Multiplica los números {x} y {y}, escritos en base {b}, y da el producto en base {c}.",
           "letters": "Las cifras mayores que 9 se escriben con letras: {letters}."},
    "de": {"to_decimal": "Wandle die Zahl {x} aus dem Stellenwertsystem zur Basis {b} in das Dezimalsystem "
                         "(Basis 10) um.",
           "from_decimal": "Schreibe die Dezimalzahl {x} im Stellenwertsystem zur Basis {c}.",
           "between": "Wandle die Zahl {x} aus dem Stellenwertsystem zur Basis {b} in die Basis {c} um.",
           "add": "Addiere die Zahlen {x} und {y} zur Basis {b} und gib die Summe zur Basis {c} an.",
           "multiply": "Multipliziere die Zahlen {x} und {y} zur Basis {b} und gib das Produkt zur Basis {c} an.",
           "letters": "Ziffern über 9 werden als Buchstaben geschrieben: {letters}."},
}


def to_base(n: int, base: int) -> str:
    """The digits of n >= 0 in ``base``, upper-case letters above 9, by repeated divmod."""
    out = ""
    while True:
        n, r = divmod(n, base)
        out = _DIGITS[r] + out
        if n == 0:
            return out


def read_digits(text: str, base: int) -> int | None:
    """Horner evaluation with this module's own digit table; None when a character is not a digit of ``base``."""
    value = 0
    for ch in text.upper():
        d = "0123456789ABCDEF".find(ch)
        if d < 0 or d >= base:
            return None
        value = value * base + d
    return value


def draw_digits(rng: Random, base: int, n: int, high: bool) -> str:
    lo = (base + 1) // 2 if high else 0
    first = rng.randint(max(1, lo), base - 1)
    return _DIGITS[first] + "".join(_DIGITS[rng.randint(lo, base - 1)] for _ in range(n - 1))


@family("base_conversion", version=1, domain="number_theory", answer=AnswerType.STRING,
        purpose="Convert a number between bases 2..16, or add or multiply two numbers written in one base.")
class BaseConversion:
    task = Choice(("to_decimal", "from_decimal", "between", "add", "multiply"), base="from_decimal",
                  simplest="to_decimal", help="what is done with the number(s)")
    base = Choice(_BASES, base=7, ordered=True, help="the base b (2..16, not 10)")
    digits = IntRange(1, 32, base=6, levels=(2, 4, 6, 10, 16, 24, 32), help="digits of the base-b number(s)")
    high_digits = Flag(base=False, help="every digit from the upper half of the base")
    notation = Choice(("subscript", "parenthesised", "words"), base="subscript", role="surface",
                      help="1A3₁₆, (1A3)_16, or the base named only in the sentence")
    case = Choice(("upper", "lower"), base="upper", role="surface", help="letter digits in the given numbers")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="the language of the prompt")

    def generate(self, p: Params, rng: Random) -> Problem:
        b = p.base
        x = draw_digits(rng, b, p.digits, p.high_digits)
        y = draw_digits(rng, b, p.digits, p.high_digits) if p.task in ("add", "multiply") else None
        if p.task == "to_decimal":
            source, target = b, 10
        elif p.task == "from_decimal":
            source, target = 10, b
            x = str(read_digits(x, b))  # a decimal number with ``digits`` digits in base b
        elif p.task == "between":
            source, target = b, rng.choice([c for c in _BASES if c != b])
        else:
            source, target = b, b

        def shown(digits: str, base: int) -> str:
            digits = digits.lower() if p.case == "lower" else digits
            if p.notation == "subscript":
                return digits + str(base).translate(_SUB)
            return f"({digits})_{base}" if p.notation == "parenthesised" else digits

        text = _TEXT[p.language]
        body = text[p.task].format(b=source, c=target, x=shown(x, source), y=shown(y, source) if y else "")
        if max(source, target) > 10:
            letters = ", ".join(f"{_DIGITS[k]} = {k}" for k in range(10, max(source, target)))
            body += " " + text["letters"].format(letters=letters.lower() if p.case == "lower" else letters)
        prompt = body + "\n" + AnswerType.STRING.sentence(
            f"the result in base {target}, digits only (no base subscript or prefix)")
        data = {"task": p.task, "x": x, "y": y, "source": source, "target": target}
        return Problem(prompt, data, AnswerType.STRING)

    def _value(self, d: dict) -> int:
        x = int(d["x"], d["source"])
        if d["task"] == "add":
            return x + int(d["y"], d["source"])
        return x * int(d["y"], d["source"]) if d["task"] == "multiply" else x

    def solve(self, problem: Problem) -> str:
        return to_base(self._value(problem.data), problem.data["target"])

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        text = answer.strip()  # digits, perhaps with the base as a subscript: 1A3₁₆, 1A3_16, (1A3)_16
        m = (re.fullmatch(r"\(([0-9A-Za-z ]+)\)(?:_?\{?(\d+)\}?|([₀-₉]+))?", text)  # the scorer drops _ in (X)_16
             or re.fullmatch(r"([0-9A-Za-z ]+?)(?:_\{?(\d+)\}?|([₀-₉]+))?", text))
        if not m:
            return wrong(f"{answer!r} is not a number in base {d['target']}")
        marker = m.group(2) or (m.group(3) or "").translate(str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789"))
        if marker and int(marker) != d["target"]:
            return wrong(f"{answer!r} is marked as base {marker}, not base {d['target']}")
        value = read_digits(m.group(1).replace(" ", ""), d["target"])
        if value is None:
            return wrong(f"{answer!r} has a character that is not a base-{d['target']} digit")
        x = read_digits(d["x"], d["source"])
        want = x if d["task"] in ("to_decimal", "from_decimal", "between") else (
            x + read_digits(d["y"], d["source"]) if d["task"] == "add" else x * read_digits(d["y"], d["source"]))
        return Verdict(value == want, "" if value == want else f"{answer!r} is {value}, not {want}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right, value, c = self.solve(problem), self._value(d), d["target"]
        cands = [right[::-1], to_base(value + 1, c), to_base(max(value - 1, 0), c)]
        if d["task"] == "add":  # every carry dropped
            a, b = d["x"].rjust(len(d["y"]), "0"), d["y"].rjust(len(d["x"]), "0")
            cands.append("".join(_DIGITS[(int(p, 16) + int(q, 16)) % d["source"]] for p, q in zip(a, b, strict=True)))
        if d["task"] == "to_decimal" and d["x"].isdigit():
            cands.append(d["x"])  # the digits copied as if already decimal
        if d["task"] == "between":
            cands.append(to_base(value, 10))  # stopped at the decimal value
        wrong_values = [s for s in distinct(right, cands) if read_digits(s, c) != value]
        return wrong_values + [hedge(right, to_base(value + 1, c))]
