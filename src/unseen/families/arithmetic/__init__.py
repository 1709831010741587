"""arithmetic families."""
