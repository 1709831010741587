"""units families."""
