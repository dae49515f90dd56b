"""The ``Renderer`` extension point: one object per brief format, registered by name."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from ..model import Brief


@runtime_checkable
class Renderer(Protocol):
    """Turns a brief into the bytes of one file format.

    ``name`` keys the registry (``"markdown"``); ``suffix`` names the file (``".md"``).
    ``render`` must be deterministic: equal briefs give equal bytes.
    """

    @property
    def name(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    def render(self, brief: Brief) -> bytes: ...


_REGISTRY: dict[str, Renderer] = {}


def register(renderer: Renderer, *, replace: bool = False) -> Renderer:
    """Add a renderer under its name (formats are written in registration order)."""
    if not isinstance(renderer, Renderer):
        raise TypeError(f"not a Renderer: {renderer!r}")
    taken = _REGISTRY.get(renderer.name)
    if taken is not None and not replace:
        raise ValueError(f"a renderer named {renderer.name!r} is already registered")
    clash = [r.name for r in _REGISTRY.values() if r.suffix == renderer.suffix]
    if clash and clash != [renderer.name]:
        raise ValueError(f"suffix {renderer.suffix!r} is already written by {clash[0]!r}")
    _REGISTRY[renderer.name] = renderer
    return renderer


def unregister(name: str) -> None:
    """Remove a renderer (tests that register a toy one clean up with this)."""
    del _REGISTRY[name]


def renderer_names() -> tuple[str, ...]:
    """Names of the registered formats, in registration order."""
    return tuple(_REGISTRY)


def renderers() -> tuple[Renderer, ...]:
    """The registered renderers, in registration order."""
    return tuple(_REGISTRY.values())


def get_renderer(name: str) -> Renderer:
    """The renderer registered under ``name``; ``KeyError`` names the known ones."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no renderer {name!r}; known: {', '.join(_REGISTRY)}") from None


def brief_path(folder: Path, slug: str, suffix: str) -> Path:
    """Where the brief of NoE ``slug`` in the format with ``suffix`` lives below ``folder``."""
    if not suffix.startswith("."):
        raise ValueError(f"a suffix starts with a dot: {suffix!r}")
    return Path(folder) / f"{slug}{suffix}"
