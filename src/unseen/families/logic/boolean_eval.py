"""boolean_eval: evaluate a propositional formula under given truth values.

Formulas are trees (["var", name], ["not", t], [op, t1, t2, ...]) whose `depth` levels of
connectives run along one spine, with short side branches. With minimal parentheses
the reader must apply the stated precedence; full parentheses spell every grouping out.
"""

from __future__ import annotations

from random import Random

from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, hedge

_OPS = {"and_or": ["and", "or"], "implies": ["and", "or", "implies"],
        "xor_iff": ["and", "or", "implies", "xor", "iff"]}
_SYMBOLS = {
    "symbols": {"not": "!", "and": "&", "xor": "^", "or": "|", "implies": "->", "iff": "<->"},
    "words": {"not": "NOT ", "and": "AND", "xor": "XOR", "or": "OR", "implies": "IMPLIES", "iff": "IFF"},
    "math": {"not": "¬", "and": "∧", "xor": "⊕", "or": "∨", "implies": "→", "iff": "↔"},
}
_MEANING = {
    "not": ("NOT", "true when its operand is false"), "and": ("AND", "true when all its operands are true"),
    "xor": ("XOR", "true when an odd number of its operands are true"),
    "or": ("OR", "true when at least one of its operands is true"),
    "implies": ("IMPLIES", "A {s} B is false only when A is true and B is false, otherwise true"),
    "iff": ("IF AND ONLY IF", "true when both sides have the same value"),
}
_PREC = {"not": 5, "and": 4, "xor": 3, "or": 2, "implies": 1, "iff": 0}  # binds tightest first
_NAMES = {"letters": "p q r s t u w x y z a b c d".split(),
          "words": "rain wind snow sun fog frost hail storm cloud mist ice dusk dawn heat".split()}
_NEG = {"none": 0.0, "some": 0.2, "many": 0.45}


def draw_tree(rng: Random, height: int, ops: list[str], width: int, neg: float) -> list:
    if height == 0:
        node: list = ["var", ""]
    else:
        op = rng.choice(ops)
        arity = 2 if op in ("implies", "iff") else rng.randint(2, width)
        deep = rng.randrange(arity)
        node = [op] + [draw_tree(rng, height - 1 if i == deep else int(height > 1 and rng.random() < 0.3),
                                 ops, width, neg) for i in range(arity)]
    return ["not", node] if rng.random() < neg else node


def leaves(node: list) -> list[list]:
    return [node] if node[0] == "var" else [leaf for kid in node[1:] for leaf in leaves(kid)]


def evaluate(node: list, values: dict[str, bool]) -> bool:
    op = node[0]
    if op == "var":
        return values[node[1]]
    kids = [evaluate(k, values) for k in node[1:]]
    if op == "not":
        return not kids[0]
    if op == "implies":
        return not kids[0] or kids[1]
    if op == "iff":
        return kids[0] == kids[1]
    return {"and": all(kids), "or": any(kids), "xor": sum(kids) % 2 == 1}[op]


def postfix(node: list) -> list[list]:
    if node[0] == "var":
        return [["var", node[1]]]
    return [tok for kid in node[1:] for tok in postfix(kid)] + [["op", node[0], len(node) - 1]]


def show(node: list, sym: dict[str, str], full: bool) -> str:
    """The formula as text: parentheses everywhere (full) or only where precedence needs them.

    With full parentheses a negation that is an operand of a connective is bracketed too,
    `(!p) | q`, so how far the NOT reaches never rests on a precedence the prompt does not state."""
    op = node[0]
    if op == "var":
        return node[1]
    if op == "not":
        inner = show(node[1], sym, full)
        return sym["not"] + (inner if node[1][0] in ("var", "not") else f"({inner})")
    parts = []
    for kid in node[1:]:
        text = show(kid, sym, full)
        bare = kid[0] == "var" or not full and (  # NOT binds tightest, so minimal leaves it bare
            _PREC[kid[0]] > _PREC[op] or kid[0] == op and op in ("and", "or", "xor"))
        parts.append(text if bare else f"({text})")
    return f" {sym[op]} ".join(parts)


@family("boolean_eval", version=3, domain="logic", answer=AnswerType.BOOLEAN,
        purpose="Evaluate a propositional formula given the truth values of its variables.")
class BooleanEval:
    variables = IntRange(1, 10, base=4, help="distinct variables (all used if the formula has enough slots)")
    depth = IntRange(1, 8, base=3, levels=(1, 2, 3, 5, 8), help="levels of connectives along the spine")
    operators = Choice(tuple(_OPS), base="implies", ordered=True,
                       help="connectives used: and/or, + implies, + xor/iff")
    negations = Choice(tuple(_NEG), base="some", ordered=True, help="how often a part is negated")
    width = IntRange(2, 4, base=2, help="most operands of one and/or/xor")
    parentheses = Choice(("full", "minimal"), base="full", ordered=True,
                         help="every grouping bracketed, or only where the precedence rules need it")
    distractors = IntRange(0, 4, base=0, help="extra variables given a value but not in the formula")
    notation = Choice(tuple(_SYMBOLS), base="symbols", role="surface", help="operator symbols")
    naming = Choice(tuple(_NAMES), base="letters", role="surface", help="variable names")

    def generate(self, p: Params, rng: Random) -> Problem:
        tree = draw_tree(rng, p.depth, _OPS[p.operators], p.width, _NEG[p.negations])
        names = _NAMES[p.naming][:p.variables + p.distractors]
        used, spots = names[:p.variables], leaves(tree)
        order = rng.sample(used, len(used))
        for i, leaf in enumerate(spots):  # in reading order: all names first, no name twice in a row
            prev = spots[i - 1][1] if i else ""
            leaf[1] = order[i] if i < len(order) else rng.choice([u for u in used if u != prev] or used)
        want = rng.random() < 0.5
        for _ in range(30):  # aim at a coin-flip answer, so always guessing one value scores half
            values = {nm: rng.random() < 0.5 for nm in names}
            if evaluate(tree, values) == want:
                break
        sym = _SYMBOLS[p.notation]
        shown = sorted(_OPS[p.operators] + (["not"] if p.negations != "none" else []), key=_PREC.get,
                       reverse=True)
        meaning = "; ".join(f"{sym[o].strip()}" + ("" if p.notation == "words" else f" ({_MEANING[o][0]})")
                            + ": " + _MEANING[o][1].format(s=sym[o]) for o in shown)
        prec = ("\nParentheses show every grouping." if p.parentheses == "full" else
                "\nParentheses are written only where needed. Precedence, from tightest to loosest: "
                + ", ".join(sym[o].strip() for o in shown) + ". A chain of the same "
                + " or ".join(sym[o] for o in shown if o in ("and", "or", "xor")) + " groups either way.")
        prompt = ("Evaluate the boolean formula below, given the values of its variables.\n\n"
                  f"Formula: {show(tree, sym, p.parentheses == 'full')}\n\n"
                  "Values: " + ", ".join(f"{nm} = {str(values[nm]).lower()}" for nm in names) + "\n\n"
                  f"Operators: {meaning}.{prec}\n"
                  "Is the formula true or false? " + AnswerType.BOOLEAN.sentence())
        return Problem(prompt, {"tree": tree, "postfix": postfix(tree), "values": values}, AnswerType.BOOLEAN)

    def solve(self, problem: Problem) -> bool:
        return evaluate(problem.data["tree"], problem.data["values"])

    def check(self, problem: Problem, answer) -> Verdict:
        # A stack machine over the stored postfix form, independent of the tree recursion.
        stack: list[bool] = []
        for kind, *rest in problem.data["postfix"]:
            if kind == "var":
                stack.append(problem.data["values"][rest[0]])
                continue
            op, k = rest
            args, stack = stack[-k:], stack[:-k]
            if op in ("not", "implies"):  # NOT a is (a IMPLIES false); a IMPLIES b is (NOT a) OR b
                args = [not args[0], *args[1:]] if op == "implies" else [not args[0]]
                op = "or"
            if op == "iff":
                stack.append(args[0] == args[1])
            else:
                ones = args.count(True)
                stack.append(ones == k if op == "and" else ones > 0 if op == "or" else ones % 2 == 1)
        if not isinstance(answer, bool):
            return Verdict(False, f"expected true or false, got {answer!r}")
        return Verdict(answer == stack[0], "" if answer == stack[0] else f"got {answer}, expected {stack[0]}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = "true" if self.solve(problem) else "false"
        other = "false" if right == "true" else "true"
        return distinct(right, [other, hedge(right, other)])
