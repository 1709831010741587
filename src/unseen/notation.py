"""Notation normalised before matching, in one place for every family.

``normalise(text, answer_type)`` turns an extracted answer into plain text: markdown
emphasis and code marks, ``$...$``, ``\\(...\\)`` and ``\\[...\\]`` go; LaTeX is rendered
to text by pylatexenc (``\\frac{a}{b}`` -> ``a/b``, ``\\text{}``/``\\mathrm{}`` -> their
content, ``{,}`` -> ``,``, ``\\,`` and ``\\!`` -> nothing inside numbers), after
``\\dfrac``/``\\tfrac`` are read as ``\\frac`` and ``\\texttt`` as ``\\text`` (pylatexenc
renders those wrongly or drops them); dash minus signs (``−``, ``–``, ``—``) become
``-``; ``negative 5`` and ``minus 5`` become ``-5``; for numeric types, thousands
separators (``66,808``, ``66 808``, ``66'808``) are removed. A digit directly before
``\\frac`` (``1\\frac{1}{2}``) is kept apart, so a mixed number reads as two numbers
(wrong) rather than as ``11/2``.
"""

from __future__ import annotations

import re

from pylatexenc.latex2text import LatexNodes2Text

NUMERIC_TYPES = ("integer", "fraction", "decimal")
MAX_LATEX = 5_000  # longer answers are not rendered (no answer is that long)

_latex = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
_EMPHASIS = re.compile(r"\*\*|__|`+|^#+\s*|^>\s*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w])_(?=\w)|(?<=\w)_(?!\w)",
                       re.MULTILINE)
_MATH_DELIMS = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$?")
_DASHES = re.compile(r"[−–—‒﹣－]")
_SIGN_WORD = re.compile(r"(?:(?<=^)|(?<=[\s(=:]))(?:negative|minus)\s+(?=[\d.])", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:(?:,|\s|'|’|\u202f|\u00a0)\d{3})+(?![\d])")


def _render_latex(text: str) -> str:
    if "\\" not in text and "{" not in text:
        return text
    if len(text) > MAX_LATEX:
        return text
    t = re.sub(r"\\[dt]frac", r"\\frac", text)
    t = re.sub(r"\\texttt|\\textrm|\\textnormal|\\textsf", r"\\text", t)
    t = re.sub(r"(\d)\s*\\frac", r"\1 \\frac", t)
    t = t.replace("{,}", ",")
    t = re.sub(r"(\d)\\[,!;: ](\d)", r"\1\2", t)  # thin spaces inside numbers
    t = re.sub(r"\\[,!;:]", " ", t)
    try:
        return _latex.latex_to_text(t)
    except Exception:  # noqa: BLE001 - pylatexenc is forgiving, but never let it crash scoring
        return t


def normalise(text: str, answer_type: str = "string") -> str:
    """The plain-text form of an extracted answer (see the module docstring)."""
    t = _EMPHASIS.sub("", text)
    t = _MATH_DELIMS.sub(" ", t)
    t = _render_latex(t)
    t = t.replace("\u00a0", " ").replace("\u202f", " ")
    t = _DASHES.sub("-", t)
    t = _SIGN_WORD.sub("-", t)
    if answer_type in NUMERIC_TYPES:
        t = _THOUSANDS.sub(lambda m: re.sub(r"[^\d]", "", m.group(0)), t)
    return " ".join(t.split()) if answer_type != "grid" else "\n".join(" ".join(r.split()) for r in t.splitlines())
