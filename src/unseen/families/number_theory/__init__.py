"""number_theory families."""
