"""Puzzle families: constraint puzzles with a unique solution."""
