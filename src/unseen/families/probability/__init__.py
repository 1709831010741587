"""Probability families: exact probabilities of chance events."""
