"""Analysis reads the store, never the models."""
