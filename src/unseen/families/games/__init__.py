"""games families."""
