"""One exception root. Messages quote ``name=value``, say why it is wrong and what to do."""

from __future__ import annotations


class UnseenError(Exception):
    """Root of every error unseen raises on purpose; the CLI prints it as one line."""


class UsageError(UnseenError):
    """Bad user input: an unknown name, a value outside its domain, a malformed string."""


class StoreError(UnseenError):
    """The store file is not an unseen database, is too new, or the run asked for is missing."""


class ModelError(UnseenError):
    """A model spec that cannot be resolved, or a model that cannot be reached at start."""


class AnswerFormatError(UnseenError):
    """An answer that cannot be read as the requested type, or that names two candidates."""


class FamilyDeclarationError(UnseenError, ValueError):
    """A family declared wrongly (a missing function, an unknown answer type, no logic or no
    surface variable, a variable's base outside its domain, a class given to ``register``);
    raised when it is declared, with one line naming the family, the field and the fix."""


class GenerationError(UnseenError):
    """A family's ``generate`` returned something that is not a valid Problem of the family
    (not a Problem, or an answer type the family did not declare)."""
