"""Taint models as data, one module per framework, and the loader that indexes them.

`load_models(user)` returns the built-in models (standard library, Flask, Django,
FastAPI, Tornado, aiohttp, Pyramid, Sanic, Falcon, Bottle, common third-party libraries)
plus the user's own from
`[tool.cwescan.taint-models]`, indexed for the engine. The built-in set is built once
per process.
"""

from __future__ import annotations

from functools import lru_cache

from cwescan.analysis.models import (
    aiohttp,
    bottle,
    django,
    falcon,
    fastapi,
    flask,
    pyramid,
    sanic,
    stdlib,
    thirdparty,
    tornado,
)
from cwescan.analysis.models.base import ModelSet
from cwescan.analysis.models.user import UserModels, validate_taint_models

__all__ = ["ModelSet", "UserModels", "load_models", "validate_taint_models"]

_FRAMEWORKS = (
    stdlib,
    flask,
    django,
    fastapi,
    tornado,
    aiohttp,
    pyramid,
    sanic,
    falcon,
    bottle,
    thirdparty,
)


@lru_cache(maxsize=8)
def load_models(user: UserModels | None = None) -> ModelSet:
    """The indexed models: every framework module's records, then the user's."""
    models = ModelSet()
    for module in _FRAMEWORKS:
        models.add(module.RECORDS)
        module.TABLES.apply(models)
    if user is not None:
        models.add(user.records)
    return models
