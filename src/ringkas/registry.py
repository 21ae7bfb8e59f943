"""Small plugin registries with lazy imports.

Each plugin kind (reader, translator backend, summariser method, metric ...) has one :class:`Registry`.
Entries are ``"module:attribute"`` strings, so listing or choosing a plugin imports nothing heavy; the
module is imported when the plugin is first built. A missing optional dependency surfaces as a
:class:`MissingDependency` naming what to install.
"""

from __future__ import annotations

import importlib
from typing import Any


class RegistryError(LookupError):
    pass


class MissingDependency(ImportError):
    """An optional dependency is not installed; the message says what to install."""

    def __init__(self, what: str, install: str):
        super().__init__(f"{what} needs a package that is not installed: run `{install}`")
        self.install = install


class Registry:
    def __init__(self, kind: str, entries: dict[str, str] | None = None):
        self.kind = kind
        self._entries: dict[str, str] = dict(entries or {})

    def register(self, name: str, target: str) -> None:
        self._entries[name] = target

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def get(self, name: str) -> Any:
        try:
            target = self._entries[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise RegistryError(f"unknown {self.kind} {name!r} (known: {known})") from None
        module_name, _, attr = target.partition(":")
        module = importlib.import_module(module_name)
        return getattr(module, attr)

    def build(self, name: str, **kwargs: Any) -> Any:
        return self.get(name)(**kwargs)


def require(module: str, what: str, install: str) -> Any:
    """Import ``module`` or raise :class:`MissingDependency` saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(what, install) from exc


class DataRegistry(Registry):
    """A registry whose entries are data, read from a packaged TOML file on first use and built by ``build``
    (``build(name, table) -> entry``). Names keep the file's order: the first is the default."""

    def __init__(self, kind: str, resource: str, build: Any):
        super().__init__(kind)
        self._resource, self._build = resource, build
        self._objects: dict[str, Any] | None = None

    def _loaded(self) -> dict[str, Any]:
        if self._objects is None:
            from importlib import resources

            from ringkas._toml import tomllib

            package, _, name = self._resource.partition(":")
            table = tomllib.loads(resources.files(package).joinpath(name).read_text("utf-8"))
            self._objects = {key: self._build(key, entry) for key, entry in table.items()}
        return self._objects

    def register(self, name: str, target: Any) -> None:
        self._loaded()[name] = target

    def names(self) -> list[str]:
        return list(self._loaded())

    def __contains__(self, name: object) -> bool:
        return name in self._loaded()

    def get(self, name: str) -> Any:
        try:
            return self._loaded()[name]
        except KeyError:
            raise RegistryError(f"unknown {self.kind} {name!r} (known: {', '.join(self.names())})") from None
