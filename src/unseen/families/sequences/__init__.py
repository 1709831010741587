"""Sequence families: predict terms of integer sequences."""
