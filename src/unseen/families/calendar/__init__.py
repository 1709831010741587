"""Calendar families: date arithmetic and weekdays."""
