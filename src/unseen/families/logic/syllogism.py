"""syllogism: does a categorical conclusion follow from a chain of premises?

Premises (All / Some / No / Some ... not) link the conclusion's two terms through a chain
of middle terms; distractor premises hang extra terms off the chain (a tree of them, so
they never change the answer). The prompt states the convention on empty kinds: either
every kind named has a member (existential import) or kinds may be empty. Half the
conclusions are valid; each instance's premises have both a valid and an invalid
conclusion between the chain's ends, so the premises alone never give the answer away.

Logic variables: ``premises`` (chain length), ``distractors``, ``quantifiers`` (which
premise forms occur), ``conclusion`` (its form), ``convention``, ``scrambled`` (premises
name their terms in either order) and ``trap`` (which invalid conclusion is asked).
Surface: ``language`` (en/fr/es/de), ``vocabulary`` (animals, letters, nonsense words) and
``order`` of the premises.

Label: a model-theoretic search with python-sat: a counter-model (premises, convention and
the negated conclusion all true) exists exactly when every existential requirement has a
witness region (a pattern of term memberships) allowed by the universal statements.
``check`` enumerates every Venn region explicitly (bit-parallel truth tables) and, for
two-premise syllogisms, also consults the table of valid moods and figures.
"""

from __future__ import annotations

from random import Random

from pysat.solvers import Minisat22

from unseen.author import AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, hedge, letter

_NEG = {"A": "O", "O": "A", "E": "I", "I": "E"}  # the contradictory of each form
_FORMS = {"all_no": "AE", "plus_some": "AEI", "all_four": "AEIO"}
_ANIMALS = [tuple(row.split()) for row in (  # en plural, fr sing/plural, es sing/plural, de plural (fr, es masculine)
    "cats chat chats gato gatos Katzen", "dogs chien chiens perro perros Hunde",
    "horses cheval chevaux caballo caballos Pferde", "wolves loup loups lobo lobos Wölfe",
    "foxes renard renards zorro zorros Füchse", "bears ours ours oso osos Bären",
    "monkeys singe singes mono monos Affen", "rabbits lapin lapins conejo conejos Kaninchen",
    "ducks canard canards pato patos Enten", "lions lion lions león leones Löwen",
    "tigers tigre tigres tigre tigres Tiger", "pigs cochon cochons cerdo cerdos Schweine")]
_NONSENSE = ["blicko", "dafo", "gorpo", "wembo", "frindo", "zorbo", "klimpo", "snurpo", "tazzo", "vibbo", "quendo",
             "jarvo"]
_TEXT = {
    "en": {"A": "All {P} are {Q}.", "I": "Some {P} are {Q}.", "E": "No {P} are {Q}.", "O": "Some {P} are not {Q}.",
           "intro": "Consider the following statements.",
           "nonempty": "Assume that every kind named here has at least one member.",
           "empty": "Do not assume that the kinds named here have members: a kind may be empty, and 'All X are Y' "
                    "or 'No X are Y' is true when the kind X is empty.",
           "conclusion": "Conclusion:",
           "ask": "Does the conclusion follow logically from the statements? It follows if it is true in every "
                  "situation in which all the statements are true. 'Some' means at least one, possibly all."},
    "fr": {"A": "Tous les {P} sont des {Q}.", "I": "Certains {P} sont des {Q}.", "E": "Aucun {p} n'est un {q}.",
           "O": "Certains {P} ne sont pas des {Q}.", "intro": "Considérez les affirmations suivantes.",
           "nonempty": "Supposez que chaque catégorie nommée ici a au moins un membre.",
           "empty": "Ne supposez pas que les catégories nommées ici ont des membres : une catégorie peut être vide, "
                    "et « Tous les X sont des Y » ou « Aucun X n'est un Y » est vrai lorsque la catégorie X est vide.",
           "conclusion": "Conclusion :",
           "ask": "La conclusion découle-t-elle logiquement des affirmations ? Elle en découle si elle est vraie "
                  "dans toute situation où toutes les affirmations sont vraies. « Certains » signifie au moins un, "
                  "peut-être tous."},
    "es": {"A": "Todos los {P} son {Q}.", "I": "Algunos {P} son {Q}.", "E": "Ningún {p} es un {q}.",
           "O": "Algunos {P} no son {Q}.", "intro": "Considere las siguientes afirmaciones.",
           "nonempty": "Suponga que cada categoría nombrada aquí tiene al menos un miembro.",
           "empty": "No suponga que las categorías nombradas aquí tienen miembros: una categoría puede estar vacía, "
                    "y «Todos los X son Y» o «Ningún X es un Y» es verdadero cuando la categoría X está vacía.",
           "conclusion": "Conclusión:",
           "ask": "¿Se sigue lógicamente la conclusión de las afirmaciones? Se sigue si es verdadera en toda "
                  "situación en la que todas las afirmaciones son verdaderas. «Algunos» significa al menos uno, "
                  "posiblemente todos."},
    "de": {"A": "Alle {P} sind {Q}.", "I": "Einige {P} sind {Q}.", "E": "Keine {P} sind {Q}.",
           "O": "Einige {P} sind keine {Q}.", "intro": "Betrachten Sie die folgenden Aussagen.",
           "nonempty": "Nehmen Sie an, dass jede hier genannte Kategorie mindestens ein Mitglied hat.",
           "empty": "Nehmen Sie nicht an, dass die hier genannten Kategorien Mitglieder haben: Eine Kategorie kann "
                    "leer sein, und „Alle X sind Y“ oder „Keine X sind Y“ ist wahr, wenn die Kategorie X leer ist.",
           "conclusion": "Schlussfolgerung:",
           "ask": "Folgt die Schlussfolgerung logisch aus den Aussagen? Sie folgt, wenn sie in jeder Situation wahr "
                  "ist, in der alle Aussagen wahr sind. „Einige“ bedeutet mindestens eines, möglicherweise alle."},
}
# the valid moods per figure (major premise, minor premise, conclusion S-P), with and without existential import
_VALID_ALWAYS = {1: {"AAA", "EAE", "AII", "EIO"}, 2: {"EAE", "AEE", "EIO", "AOO"},
                 3: {"IAI", "AII", "OAO", "EIO"}, 4: {"AEE", "IAI", "EIO"}}
_VALID_WITH_IMPORT = {1: {"AAI", "EAO"}, 2: {"EAO", "AEO"}, 3: {"AAI", "EAO"}, 4: {"AAI", "EAO", "AEO"}}


def venn_consistent(k: int, statements: list[list], nonempty: bool) -> bool:
    """Whether some inhabitation of the 2^k Venn regions makes every statement true: the
    universal statements empty some regions, every existential one needs a region left."""
    full = (1 << (1 << k)) - 1
    member = []  # member[i]: bit r set when region r (bit i of r = inside term i) lies inside term i
    for i in range(k):
        pattern, period = 0, ((1 << (1 << i)) - 1) << (1 << i)
        for start in range(0, 1 << k, 2 << i):
            pattern |= period << start
        member.append(pattern)
    allowed, needs = full, [member[i] for i in range(k)] if nonempty else []
    for q, a, b in statements:
        inside_b = member[b] if q in "AI" else full ^ member[b]
        if q in "AE":
            allowed &= (full ^ member[a]) | inside_b
        else:
            needs.append(member[a] & inside_b)
    return all(allowed & need for need in needs)


def follows_by_witnesses(k: int, premises: list[list], conclusion: list, nonempty: bool) -> bool:
    """python-sat: the conclusion follows unless every existential requirement of the premises,
    the convention and the negated conclusion has a witness region allowed by the universals."""
    q, a, b = conclusion
    statements = [*premises, [_NEG[q], a, b]]
    clauses = [[-(x + 1), (y + 1) if s == "A" else -(y + 1)] for s, x, y in statements if s in "AE"]
    needs = [[x + 1, (y + 1) if s == "I" else -(y + 1)] for s, x, y in statements if s in "IO"]
    needs += [[i + 1] for i in range(k)] if nonempty else []
    with Minisat22(bootstrap_with=clauses) as solver:
        return not all(solver.solve(assumptions=need) for need in needs)


def mood_table(premises: list[list], conclusion: list, nonempty: bool) -> bool | None:
    """The classical verdict for a two-premise syllogism in S, M, P (None otherwise)."""
    (q1, a1, b1), (q2, a2, b2) = premises
    q, s, p = conclusion
    major, minor = ((q1, a1, b1), (q2, a2, b2)) if p in (a1, b1) else ((q2, a2, b2), (q1, a1, b1))
    if p not in major[1:] or s not in minor[1:] or len({s, p, *major[1:], *minor[1:]}) != 3:
        return None
    m_first_major, m_first_minor = major[1] != p, minor[1] != s
    figure = {(True, False): 1, (False, False): 2, (True, True): 3, (False, True): 4}[(m_first_major, m_first_minor)]
    mood = major[0] + minor[0] + q
    return mood in _VALID_ALWAYS[figure] or (nonempty and mood in _VALID_WITH_IMPORT[figure])


def _term_forms(vocabulary: str, names: list) -> list[dict[str, str]]:
    forms = []
    for t in names:
        if vocabulary == "animals":
            en, fs, fp, es_s, es_p, de = t
            forms.append({"en": (en, en), "fr": (fs, fp), "es": (es_s, es_p), "de": (de, de)})
        elif vocabulary == "nonsense":
            forms.append({lang: (t, t + "s") for lang in ("en", "fr", "es")} | {"de": (t.title(), t.title() + "s")})
        else:
            forms.append({lang: (t, t) for lang in ("en", "fr", "es", "de")})
    return forms


def say(statement: list, forms: list[dict], language: str) -> str:
    q, a, b = statement
    (ps, pp), (qs, qp) = forms[a][language], forms[b][language]
    return _TEXT[language][q].format(P=pp, Q=qp, p=ps, q=qs)


@family("syllogism", version=1, domain="logic", answer=AnswerType.BOOLEAN,
        purpose="Decide whether a categorical conclusion follows from a chain of All/Some/No premises.")
class Syllogism:
    premises = IntRange(2, 6, base=2, help="premises on the chain between the conclusion's two terms")
    distractors = IntRange(0, 4, base=1, simplest=0, help="extra premises about extra terms hanging off the chain")
    quantifiers = Choice(("all_no", "plus_some", "all_four"), base="all_four", ordered=True,
                         help="premise forms: All/No, also Some, also Some-not (all_no with particular conclusions "
                              "and empty kinds allowed has one Some premise: nothing particular follows otherwise)")
    conclusion = Choice(("any", "universal", "particular"), base="any", help="the conclusion's form")
    convention = Choice(("nonempty", "may_be_empty"), base="nonempty",
                        help="the stated convention: every kind has a member, or kinds may be empty")
    scrambled = Flag(base=True, simplest=False, help="premises name their two terms in either order")
    trap = Choice(("random", "converse", "stronger", "import"), base="random",
                  help="the invalid conclusion asked: any, the converse or a stronger form of a valid one, or one "
                       "valid only if kinds are non-empty (falls back to any when the premises give none)")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="language of the prompt")
    vocabulary = Choice(("animals", "letters", "nonsense"), base="nonsense", role="surface", help="term words")
    order = Choice(("chain", "reversed", "shuffled"), base="shuffled", role="surface", help="order of the premises")

    def _draw(self, p: Params, rng: Random) -> tuple[list[list], list[list], list[list]]:
        """Chain premises with both a valid and an invalid conclusion between the chain's ends."""
        k, nonempty = p.premises + 1, p.convention == "nonempty"
        allowed = "AEIO" if p.conclusion == "any" else "AE" if p.conclusion == "universal" else "IO"
        # with only All/No premises and empty kinds allowed, no particular conclusion ever follows: one Some
        forced_some = allowed == "IO" and not nonempty and p.quantifiers == "all_no"
        cands = [[q, a, b] for q in allowed for a, b in ((0, k - 1), (k - 1, 0))]
        # a particular premise never lets a universal conclusion follow: such chains are not drawn
        forms = _FORMS[p.quantifiers] if allowed != "AE" else _FORMS[p.quantifiers][:2]
        for attempt in range(401):
            chain, ahead = [], rng.random() < 0.5
            for i in range(p.premises):
                q = "A" if rng.random() < 0.5 else rng.choice(forms)
                q = "I" if forced_some and i == 0 else q
                forward = not p.scrambled or rng.random() < (0.5 if q != "A" else 0.8 if ahead else 0.2)
                chain.append([q, i, i + 1] if forward else [q, i + 1, i])
            if attempt == 400:  # rare: Some-or-All then All along the chain, which always works
                chain = [["I" if allowed == "IO" else "A", 0, 1]] + [["A", i, i + 1] for i in range(1, p.premises)]
            valid = [c for c in cands if not venn_consistent(k, [*chain, [_NEG[c[0]], c[1], c[2]]], nonempty)]
            if valid and len(valid) < len(cands):
                break
        return chain, valid, [c for c in cands if c not in valid]

    def generate(self, p: Params, rng: Random) -> Problem:
        chain, valid, invalid = self._draw(p, rng)
        k, nonempty = p.premises + 1, p.convention == "nonempty"
        if rng.random() < 0.5:
            conclusion = rng.choice(valid)
        else:
            converse = [c for c in invalid if c[0] in "AO" and [c[0], c[2], c[1]] in valid]
            stronger = [c for c in invalid if [{"A": "I", "E": "O"}.get(c[0]), c[1], c[2]] in valid]
            imported = [c for c in invalid
                        if not venn_consistent(k, [*chain, [_NEG[c[0]], c[1], c[2]]], True)] if not nonempty else []
            pool = {"random": invalid, "converse": converse, "stronger": stronger, "import": imported}[p.trap]
            conclusion = rng.choice(pool or invalid)
        premises = [*chain]
        for j in range(p.distractors):  # each new term hangs off one earlier term: a tree, answer unchanged
            anchor, new = rng.randrange(k + j), k + j
            q = rng.choice(_FORMS[p.quantifiers])
            premises.append([q, anchor, new] if rng.random() < 0.5 else [q, new, anchor])
        n_terms = k + p.distractors
        # surface only from here on: the words, then the order
        pool_words = {"animals": _ANIMALS, "nonsense": _NONSENSE,
                      "letters": [letter(i) for i in range(20)]}[p.vocabulary]
        forms = _term_forms(p.vocabulary, rng.sample(pool_words, n_terms))
        if p.order == "shuffled":
            shown = rng.sample(premises, len(premises))
        else:  # the chain in order, each distractor after the first statement that names its anchor
            shown = list(chain)
            for st in premises[len(chain):]:
                at = next(i for i, s in enumerate(shown) if (set(s[1:]) & set(st[1:])))
                shown.insert(at + 1, st)
            shown = shown[::-1] if p.order == "reversed" else shown
        t = _TEXT[p.language]
        lines = [f"{i}. {say(s, forms, p.language)}" for i, s in enumerate(shown, 1)]
        prompt = (f"{t['intro']} {t['nonempty' if nonempty else 'empty']}\n\n" + "\n".join(lines)
                  + f"\n\n{t['conclusion']} {say(conclusion, forms, p.language)}\n\n{t['ask']}\n"
                  + AnswerType.BOOLEAN.sentence())
        return Problem(prompt, {"terms": n_terms, "premises": shown, "conclusion": conclusion,
                                "nonempty": nonempty, "words": [f["en"][1] for f in forms]}, AnswerType.BOOLEAN)

    def solve(self, problem: Problem) -> bool:
        d = problem.data
        return follows_by_witnesses(d["terms"], d["premises"], d["conclusion"], d["nonempty"])

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        q, a, b = d["conclusion"]
        follows = not venn_consistent(d["terms"], [*d["premises"], [_NEG[q], a, b]], d["nonempty"])
        if len(d["premises"]) == 2 and d["terms"] == 3:
            classic = mood_table(d["premises"], d["conclusion"], d["nonempty"])
            if classic is not None and classic != follows:
                raise ValueError("the Venn regions and the mood table disagree")
        if answer is follows:
            return Verdict(True)
        return Verdict(False, f"got {answer}, but the conclusion {'follows' if follows else 'does not follow'}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = "true" if self.solve(problem) else "false"
        other = "false" if right == "true" else "true"
        return distinct(right, [other, hedge(right, other)])
