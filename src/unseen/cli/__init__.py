def main():
    raise SystemExit("cli not built yet")
