"""automata families."""
