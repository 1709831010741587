"""text families."""
