"""Drivers that choose what to ask next from what has been seen: shrinking a failure to
its smallest setting, and finding a breaking point adaptively. They ask through the
normal pipeline (generate, verify, ask, score, store), so every call is recorded."""
