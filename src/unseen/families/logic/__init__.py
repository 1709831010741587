"""logic families."""
