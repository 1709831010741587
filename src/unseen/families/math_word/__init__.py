"""math_word families."""
