"""Reports: the terminal view (rich tables); the HTML report comes later."""
