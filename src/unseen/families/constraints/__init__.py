"""constraints families."""
