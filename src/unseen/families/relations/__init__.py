"""relations families."""
