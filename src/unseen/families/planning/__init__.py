"""Planning families: find a sequence of actions that reaches a goal."""
