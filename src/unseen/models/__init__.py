"""Model adapters. ``resolve_model(spec)`` turns a spec like ``sim/noisy:p=0.7`` into a Model."""

from unseen.models.base import Completion, Model, Request, resolve_model

__all__ = ["Completion", "Model", "Request", "resolve_model"]
