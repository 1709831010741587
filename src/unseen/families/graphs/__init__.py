"""graphs families."""
