"""unseen: a generative evaluation engine for language models.

Every run generates fresh task instances, verifies each label by code, asks a model,
and tells you which task variables make it fail.
"""

from unseen.family import Family, Params, family
from unseen.problem import Problem, Verdict
from unseen.variables import Choice, Flag, IntRange

__version__ = "0.1.0"
__all__ = ["Choice", "Family", "Flag", "IntRange", "Params", "Problem", "Verdict", "family", "__version__"]
