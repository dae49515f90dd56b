"""Theme stages registered by name, so settings can choose them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from .stages import Assigner, Clusterer, Grouper, Labeler, Reducer, Representer, Selector

T = TypeVar("T")


class StageRegistry(Generic[T]):
    """Factories of one kind of stage (a class or a function taking the stage's parameters)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str, factory: Callable[..., T]) -> Callable[..., T]:
        """Add ``factory`` under ``name``; a name is registered once."""
        if name in self._factories:
            raise ValueError(f"a {self.kind} named {name!r} is already registered")
        self._factories[name] = factory
        return factory

    def names(self) -> tuple[str, ...]:
        """Registered names, in registration order."""
        return tuple(self._factories)

    def create(self, name: str, params: Mapping[str, Any] | None = None) -> T:
        """A new stage ``name`` built with ``params``."""
        if name not in self._factories:
            known = ", ".join(self._factories)
            raise KeyError(f"no {self.kind} named {name!r}; known: {known}")
        return self._factories[name](**dict(params or {}))


SELECTORS: StageRegistry[Selector] = StageRegistry("selector")
REDUCERS: StageRegistry[Reducer] = StageRegistry("reducer")
CLUSTERERS: StageRegistry[Clusterer] = StageRegistry("clusterer")
LABELERS: StageRegistry[Labeler] = StageRegistry("labeler")
REPRESENTERS: StageRegistry[Representer] = StageRegistry("representer")
ASSIGNERS: StageRegistry[Assigner] = StageRegistry("assigner")
GROUPERS: StageRegistry[Grouper] = StageRegistry("grouper")
