"""algebra families."""
