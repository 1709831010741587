"""arith_expr: evaluate a nested integer expression, told in one of five notations.

The expression is a tree: a spine of ``depth`` nested operations, each with ``width``
operands (multiplications at most 3, divisions exactly 2), some operands being small
sub-expressions. Every division divides evenly. The notation (ASCII symbols, Unicode
symbols, English words, function calls, named steps) and the spacing only change the
telling: every rendering denotes the same tree.
"""

from __future__ import annotations

import re
from fractions import Fraction
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
    match_integer,
    wrong,
)

_OPSETS = {"add": "+", "add_sub": "+-", "add_sub_mul": "+-*", "all": "+-*/"}
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}
_GLYPHS = {"symbols": {"+": "+", "-": "-", "*": "*", "/": "/"},
           "unicode": {"+": "+", "-": "−", "*": "×", "/": "÷"},
           "words": {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}}
_FUNCS = {"+": "add", "-": "sub", "*": "mul", "/": "div"}
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion")


def in_words(n: int) -> str:
    if n < 0:
        return "negative " + in_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return _ONES[n // 100] + " hundred" + (" " + in_words(n % 100) if n % 100 else "")
    parts, i = [], 0
    while n:
        n, r = divmod(n, 1000)
        if r:
            parts.append(in_words(r) + _SCALES[i])
        i += 1
    return " ".join(reversed(parts))


def value(tree) -> int:
    """Reference: walk the tree; a node is [op, arg, arg, ...], a leaf an int."""
    if isinstance(tree, int):
        return tree
    op, *args = tree
    acc, *rest = [value(a) for a in args]
    for v in rest:
        acc = acc + v if op == "+" else acc - v if op == "-" else acc * v if op == "*" else acc // v
    return acc


class _Builder:
    def __init__(self, p: Params, rng: Random):
        self.p, self.rng, self.ops = p, rng, _OPSETS[p.ops]
        self.hi = 10 ** p.digits - 1

    def leaf(self) -> int:
        n = self.rng.randint(max(1, 10 ** (self.p.digits - 1)), self.hi)
        return -n if self.p.negatives and self.rng.random() < 0.3 else n

    def node(self, level: int, parent: str | None, arity: int | None = None) -> list:
        op = self.rng.choice([o for o in self.ops if o != parent] or list(self.ops))
        if op == "/":
            return self.divide(self.node(level - 1, op) if level > 1 else None, parent)
        n = arity or (self.p.width if op in "+-" else min(self.p.width, 3))
        spine = self.rng.randrange(n)
        args = []
        for i in range(n):
            if level > 1 and i == spine:
                args.append(self.node(level - 1, op))
            elif level > 1 and self.rng.random() < 0.3:
                args.append(self.node(1, op, arity=2))
            else:
                args.append(self.leaf())
        return [op, *args]

    def divide(self, dividend, parent: str | None) -> list:
        sign = -1 if self.p.negatives and self.rng.random() < 0.3 else 1
        if dividend is None:
            d = self.rng.randint(max(2, 10 ** (self.p.digits - 1)), max(2, self.hi))
            return ["/", self.leaf() * d, sign * d]
        v = abs(value(dividend))
        if v == 0:
            return ["/", dividend, sign * self.rng.randint(2, max(2, self.hi))]
        cands = [k for k in range(2, min(self.hi, 3000) + 1) if v % k == 0]
        if 3000 < v <= self.hi:
            cands.append(v)
        if not cands:  # no divisor in range: this node becomes another operation
            op = self.rng.choice([o for o in self.ops if o not in ("/", parent)])
            return [op, dividend, self.leaf()]
        big = [k for k in cands if k > self.hi // 10] or cands
        return ["/", dividend, sign * self.rng.choice(big)]


def _ops_in(tree) -> set[str]:
    return set() if isinstance(tree, int) else {tree[0]}.union(*(_ops_in(a) for a in tree[1:]))


def _needs_parens(child: str, parent: str, pos: int) -> bool:
    if _PREC[child] != _PREC[parent]:
        return _PREC[child] < _PREC[parent]
    return pos > 0 and not (parent == "+" or child == parent == "*")


def render(tree, style: str, full: bool, gap: str) -> str:
    """Infix text in ``style`` ('symbols', 'unicode' or 'words')."""
    if isinstance(tree, int):
        if style == "words":
            return in_words(tree)
        return f"({_GLYPHS[style]['-']}{-tree})" if tree < 0 else str(tree)
    op, *args = tree
    parts = []
    for i, a in enumerate(args):
        text = render(a, style, full, gap)
        if not isinstance(a, int) and (full or _needs_parens(a[0], op, i)):
            text = f"({text})"
        parts.append(text)
    sep = f" {_GLYPHS[style][op]} " if style == "words" else gap + _GLYPHS[style][op] + gap
    return sep.join(parts)


def render_call(tree, gap: str) -> str:
    if isinstance(tree, int):
        return str(tree)
    return _FUNCS[tree[0]] + "(" + ("," + gap).join(render_call(a, gap) for a in tree[1:]) + ")"


def render_steps(tree, gap: str, lines: list[str]) -> str:
    if isinstance(tree, int):
        return f"(-{-tree})" if tree < 0 else str(tree)
    parts = [render_steps(a, gap, lines) for a in tree[1:]]
    lines.append(f"t{len(lines) + 1} = " + (gap + tree[0] + gap).join(parts))
    return f"t{len(lines)}"


def evaluate_text(expr: str, flat: bool = False) -> Fraction:
    """Shunting-yard over ASCII infix text; ``flat`` gives every operator one rank."""
    out: list[Fraction] = []
    stack: list[str] = []
    prev, neg = "(", False

    def apply(op: str) -> None:
        b, a = out.pop(), out.pop()
        out.append(a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b)

    for tok in re.findall(r"\d+|[-+*/()]", expr):
        if tok.isdigit():
            out.append(Fraction(-int(tok) if neg else int(tok)))
            neg = False
        elif tok == "-" and prev == "(":
            neg = True
        elif tok == "(":
            stack.append(tok)
        elif tok == ")":
            while stack[-1] != "(":
                apply(stack.pop())
            stack.pop()
        else:
            while stack and stack[-1] != "(" and (flat or _PREC[stack[-1]] >= _PREC[tok]):
                apply(stack.pop())
            stack.append(tok)
        prev = tok
    while stack:
        apply(stack.pop())
    return out[0]


@family("arith_expr", version=2, domain="arithmetic", answer=AnswerType.INTEGER,
        purpose="Evaluate a nested integer arithmetic expression told in symbols, words, calls or steps.")
class ArithExpr:
    depth = IntRange(1, 10, base=3, levels=(1, 2, 3, 5, 7, 10), help="nesting depth of the expression tree")
    width = IntRange(2, 8, base=3, levels=(2, 3, 4, 6, 8), help="operands per + or - (x at most 3, / 2)")
    digits = IntRange(1, 9, base=2, levels=(1, 2, 3, 4, 6, 9), help="digits of each operand")
    ops = Choice(("add", "add_sub", "add_sub_mul", "all"), base="add_sub_mul", ordered=True,
                 help="operator set; 'all' adds exact division")
    negatives = Flag(base=False, help="some operands are negative numbers")
    parens = Choice(("full", "minimal"), base="minimal", ordered=True,
                    help="bracket every sub-expression, or only where precedence needs it")
    notation = Choice(("symbols", "unicode", "words", "functions", "steps"), base="symbols", role="surface",
                      help="how the same tree is written")
    spacing = Choice(("spaced", "compact"), base="spaced", role="surface",
                     help="spaces around operators or none (not used by words)")

    def generate(self, p: Params, rng: Random) -> Problem:
        tree = _Builder(p, rng).node(p.depth, None)
        full, gap = p.parens == "full", " " if p.spacing == "spaced" else ""
        used = _ops_in(tree)
        if p.notation == "functions":
            doc = {"+": "add(a, b, ...) is a + b + ...", "-": "sub(a, b, c, ...) is a - b - c - ...",
                   "*": "mul(a, b, ...) is a × b × ...", "/": "div(a, b) is a divided by b"}
            rules = "; ".join(doc[o] for o in "+-*/" if o in used) + "."
            body = ("Evaluate this nested function expression over the integers:\n\n"
                    f"{render_call(tree, gap)}\n\n{rules}")
        elif p.notation == "steps":
            lines: list[str] = []
            last = render_steps(tree, gap, lines)
            body = ("Compute step by step. Each line defines a new value from numbers and earlier values "
                    "(* is multiplication, / is division):\n\n" + "\n".join(lines)
                    + f"\n\nWhat is the value of {last}?")
        else:
            g = _GLYPHS[p.notation]
            kind = "written in words" if p.notation == "words" else "over the integers"
            body = (f"Evaluate this expression {kind}:\n\n{render(tree, p.notation, full, gap)}\n\n"
                    f"Use the usual order of operations: brackets first, then '{g['*']}' and '{g['/']}', "
                    f"then '{g['+']}' and '{g['-']}'; operations of equal rank go from left to right.")
        if "/" in used:
            body += " Every division comes out exact, with no remainder."
        prompt = body + "\n\nGive the exact integer value. " + AnswerType.INTEGER.sentence("the value")
        return Problem(prompt, {"tree": tree, "expr": render(tree, "symbols", full, " ")}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        return value(problem.data["tree"])

    def check(self, problem: Problem, answer) -> Verdict:
        # Independent: re-read the stored ASCII text with a shunting-yard parser over Fractions.
        exact = evaluate_text(problem.data["expr"])
        if exact.denominator != 1:
            return wrong("problem error: the expression is not an integer")
        return match_integer(answer, int(exact))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        flat = evaluate_text(problem.data["expr"], flat=True)
        cands = [str(int(flat))] if flat.denominator == 1 else []
        other = str(right + rng.choice((1, -1)))
        cands += [str(right + 1), str(-right), str(right - 1), hedge(str(right), other)]
        return distinct(str(right), cands)[:5]
