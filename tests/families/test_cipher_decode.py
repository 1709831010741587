"""cipher_decode: an independent table-driven decoder, reading the prompt's steps, agrees with solve."""

from __future__ import annotations

import random
import re
import string

from families import random_instances
from unseen import registry
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("cipher_decode")
ABC = string.ascii_lowercase


def steps_from_prompt(prompt: str) -> list[tuple[str, str]]:
    """(kind, key) for each numbered step line of the prompt."""
    out = []
    for line in re.findall(r"^\d+\. (.+)$", prompt, re.MULTILINE):
        if line.startswith("Reverse"):
            out.append(("reverse", ""))
        elif line.startswith("Atbash"):
            out.append(("atbash", ""))
        elif line.startswith("Caesar"):
            out.append(("caesar", re.match(r"Caesar shift by (\d+)", line)[1]))
        else:
            out.append(("vigenere", re.match(r"Vigenere with key '([a-z]+)'", line)[1]))
    return out


def undo(text: str, kind: str, key: str) -> str:
    if kind == "reverse":
        return "".join(reversed(text))
    if kind == "atbash":
        return text.translate(str.maketrans(ABC, ABC[::-1]))
    if kind == "caesar":
        k = int(key) % 26
        return text.translate(str.maketrans(ABC[k:] + ABC[:k], ABC))
    letters = [c for c in text if c != " "]
    plain = iter(ABC[(ABC.index(c) - ABC.index(key[i % len(key)])) % 26] for i, c in enumerate(letters))
    return "".join(c if c == " " else next(plain) for c in text)


def small_params(rng: random.Random) -> dict:
    return {"cipher": rng.choice(["reverse", "caesar", "atbash", "vigenere"]), "steps": rng.randint(1, 3),
            "words": rng.randint(1, 5), "shift": rng.randint(1, 25), "key_length": rng.randint(1, 4),
            "topic": rng.choice(["animals", "kitchen", "weather", "travel", "music"]),
            "case_style": rng.choice(["lower", "upper", "title"])}


def test_table_decoder_agrees_with_solve():
    rng = random.Random(7)
    for seed in range(300):
        params = small_params(rng)
        problem = FAM.generate(params, random.Random(seed))
        text = problem.prompt.split("The encrypted text is:\n\n")[1].split("\n")[0].lower()
        steps = steps_from_prompt(problem.prompt)
        assert len(steps) == params["steps"] and params["cipher"] in [k for k, _ in steps]
        for kind, key in reversed(steps):
            text = undo(text, kind, key)
        assert text == FAM.solve(problem), problem.prompt
        assert len(text.split()) == params["words"] and " or " not in f" {text} "
        assert text != problem.data["ciphertext"].lower()
        assert verify(FAM, problem, seed).ok


def test_known_caesar_and_vigenere():
    p = Problem("p", {"steps": [{"kind": "caesar", "shift": 3}], "ciphertext": "KHOOR ZRUOG"}, "string")
    assert FAM.solve(p) == "hello world"
    assert FAM.check(p, "hello world").correct
    assert FAM.check(p, "  Hello   WORLD ").correct  # case and spacing do not matter
    assert FAM.judge_text(p, "**Hello World.**").correct
    for bad in ("world hello", "khoor zruog", "gdkkn vnqkc", "hello", "hello world world", "hello w0rld",
                "", "42"):
        assert not FAM.check(p, bad).correct
    assert not FAM.judge_text(p, "hello world or hello word").correct
    steps = [{"kind": "vigenere", "key": "lemon"}]
    v = Problem("v", {"steps": steps, "ciphertext": "lxfopv ef rnhr"}, "string")
    assert FAM.solve(v) == "attack at dawn" and FAM.check(v, "ATTACK AT DAWN").correct


def test_reverse_then_atbash_and_near_misses():
    p = Problem("p", {"steps": [{"kind": "reverse"}, {"kind": "atbash"}], "ciphertext": "gzx tlw"}, "string")
    assert FAM.solve(p) == "dog cat"
    misses = FAM.near_misses(p, random.Random(1))
    assert 2 <= len(misses) <= 5 and "cat dog" in misses
    assert all(not FAM.judge_text(p, m).correct for m in misses)


def test_surface_keeps_the_message():
    for seed in range(30):
        params = [{"case_style": c, "cipher": "vigenere", "steps": 2} for c in ("lower", "upper", "title")]
        msgs = {FAM.solve(FAM.generate(p, random.Random(seed))) for p in params}
        assert len(msgs) == 1


# ---- the answer from the prompt text alone, over the whole domains -------------------------

def _forward(letter: str, k: int) -> str:
    return ABC[(ABC.index(letter) + k) % 26]


def answer_from_prompt(prompt: str) -> str:
    """Read every step's description (kind, key, the worked examples it gives), then undo the steps
    last first; the result must be the announced number of lower-case words."""
    count = int(re.search(r"A message of (\d+) lower-case English words? was encrypted", prompt)[1])
    text = prompt.split("The encrypted text is:\n\n")[1].split("\n")[0]
    assert "The letter case of the encrypted text carries no meaning." in prompt
    text = text.lower()
    steps = re.findall(r"^\d+\. (.+)$", prompt, re.MULTILINE)
    assert "in order, step 1 first" in prompt and steps
    for line in reversed(steps):
        caesar = re.fullmatch(r"Caesar shift by (\d+): every letter was moved \1 places? forward in the "
                              r"alphabet, wrapping around from z to a \(so a->([a-z]), z->([a-z])\)\. "
                              r"Spaces were kept\.", line)
        vigenere = re.fullmatch(r"Vigenere with key '([a-z]+)': the key is written repeatedly under the "
                                r"letters of the text \(spaces are skipped and use up no key letter\), and each "
                                r"letter was moved forward in the alphabet by the value of the key letter under "
                                r"it \(a=0, b=1, \.\.\., z=25\), wrapping around from z to a\.", line)
        if line.startswith("Reverse: the whole text, letters and spaces, was written backwards"):
            text = text[::-1]
        elif line.startswith("Atbash: every letter was replaced by its mirror in the alphabet (a<->z, b<->y"):
            text = "".join(ABC[25 - ABC.index(ch)] if ch != " " else ch for ch in text)
        elif caesar:
            k = int(caesar[1])
            assert (caesar[2], caesar[3]) == (_forward("a", k), _forward("z", k)), "the example disagrees"
            text = "".join(_forward(ch, -k) if ch != " " else ch for ch in text)
        else:
            assert vigenere, f"unknown step {line!r}"
            key = iter(vigenere[1] * len(text))
            text = "".join(ch if ch == " " else _forward(ch, -ABC.index(next(key))) for ch in text)
    assert re.fullmatch(r"[a-z]+( [a-z]+)*", text) and len(text.split()) == count, text
    return text


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 23):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
