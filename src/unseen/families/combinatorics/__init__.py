"""Combinatorics families: counting arrangements and distributions."""
