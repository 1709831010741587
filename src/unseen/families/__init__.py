"""Built-in task families, one per file, grouped by domain folder."""
