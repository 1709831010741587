"""Family registry: name -> Family. Refuses duplicates, suggests the closest name on a
miss, and loads third-party families from the ``unseen.families`` entry-point group (a
module to import, or a function called with ``register``). A plugin that fails to import
or to declare is skipped with one warning line; ``UNSEEN_NO_PLUGINS=1`` leaves plugins out.

Built-in families are registered through the same path as plugins: importing their
module runs the ``@family`` decorator, which calls ``register``.
"""

from __future__ import annotations

import difflib
import importlib
import os
import pkgutil
import sys
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from unseen.errors import FamilyDeclarationError, UnseenError, UsageError

if TYPE_CHECKING:
    from unseen.family import Family

ENTRY_POINT_GROUP = "unseen.families"
_FAMILIES: dict[str, Family] = {}
_loaded = False


class DuplicateFamilyError(UnseenError):
    """Two families claim the same name."""


def register(fam: Family) -> None:
    """Add a family; a second family with the same name is refused (DuplicateFamilyError),
    and anything but a ``Family`` (a class, say) with FamilyDeclarationError."""
    from unseen.family import Family

    if not isinstance(fam, Family):
        what = f"the class {fam.__qualname__}" if isinstance(fam, type) else f"a {type(fam).__name__}"
        done = vars(fam).get("__unseen_family__") if isinstance(fam, type) else None
        fix = (f"@family already registered it as {done!r}; drop the register call" if done else
               "pass Family(YourClass(), name, version=..., domain=..., purpose=..., answer=...) "
               "or decorate the class with @family(...)")
        raise FamilyDeclarationError(f"register() was given {what}, not a Family; {fix}")
    existing = _FAMILIES.get(fam.name)
    if existing is not None:
        if type(existing.impl).__qualname__ == type(fam.impl).__qualname__ and \
                type(existing.impl).__module__ == type(fam.impl).__module__:
            return  # the same class imported twice (e.g. module reloaded): not a clash
        raise DuplicateFamilyError(
            f"family name {fam.name!r} is already registered by "
            f"{type(existing.impl).__module__}; give the new family another name"
        )
    _FAMILIES[fam.name] = fam


def unregister(name: str) -> None:
    """Remove a family (for tests and plugin reloading)."""
    _FAMILIES.pop(name, None)


def closest(name: str, names: list[str]) -> str | None:
    match = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return match[0] if match else None


def load_all() -> None:
    """Import every built-in family module, then every entry-point plugin, once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import unseen.families as pkg

    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
    if plugins_disabled():
        return
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        _load_plugin(ep)


def plugins_disabled() -> bool:
    """True when ``UNSEEN_NO_PLUGINS`` is set (to anything but empty or 0): installed
    family and model plugins are then left out (unseen's own tests set it)."""
    return os.environ.get("UNSEEN_NO_PLUGINS", "") not in ("", "0")


def plugin_failure(kind: str, ep: object, exc: BaseException) -> str:
    """One line naming a plugin that failed, why, and the fix (uninstalling its package)."""
    dist = getattr(getattr(ep, "dist", None), "name", None)
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]
    return (f"{kind} {getattr(ep, 'name', '?')!r} ({getattr(ep, 'value', '?')}) {{}}{what}; fix the plugin or "
            f"uninstall it{f' (pip uninstall {dist})' if dist else ''}")


def _load_plugin(ep: object) -> None:
    """Import one plugin (and call it with ``register`` when it is a function). A plugin that
    fails to import or whose families fail to declare is skipped whole, with one warning
    line on stderr: the families it did register are removed, every other family stays."""
    before = set(_FAMILIES)
    try:
        obj = ep.load()  # type: ignore[attr-defined]
        if callable(obj) and not isinstance(obj, type):
            obj(register)
    except Exception as exc:  # a broken plugin must not take anything else down
        for name in set(_FAMILIES) - before:
            del _FAMILIES[name]
        line = plugin_failure("plugin", ep, exc).format("skipped, its families are not loaded: ")
        print(f"warning: {line}", file=sys.stderr, flush=True)


def all_families() -> list[Family]:
    load_all()
    return sorted(_FAMILIES.values(), key=lambda f: (f.domain, f.name))


def get(name: str) -> Family:
    """The family called ``name``; an unknown name raises UsageError with a did-you-mean."""
    load_all()
    if name in _FAMILIES:
        return _FAMILIES[name]
    hint = closest(name, list(_FAMILIES))
    tip = f"did you mean {hint!r}?" if hint else "run `unseen families` to list them"
    raise UsageError(f"family {name!r} is not registered; {tip}")
