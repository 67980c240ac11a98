"""General observations: what a reviewer notes beside the defects.

Importing this package registers every observation kind. `observation_pass` joins the
shared per-file walk; `cwescan rules --observations` lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

from cwescan.analysis.names import NameResolver
from cwescan.analysis.parsing import ParsedModule
from cwescan.observations import (  # noqa: F401  (imported for their registrations)
    exceptions,
    identifiers,
    network,
    polling,
    secrets_output,
    suppressions,
    test_security,
    todos,
)
from cwescan.observations.framework import (
    OBSERVATIONS,
    ObservationKind,
    ObservationPass,
    ObservationRegistry,
    drop_superseded,
    observation_sort_key,
)
from cwescan.observations.suppressions import review_suppressions

__all__ = [
    "ObservationKind",
    "ObservationRegistry",
    "all_observation_kinds",
    "observation_pass",
    "drop_superseded",
    "observation_sort_key",
    "review_suppressions",
]


def all_observation_kinds() -> ObservationRegistry:
    """The registry holding every declared observation kind."""
    return OBSERVATIONS



def observation_pass(
    module: ParsedModule,
    resolver: NameResolver,
    *,
    is_test: bool,
    skips: Iterable[str] = (),
) -> ObservationPass:
    """The observation kinds not named in `skips`, as a pass of the shared per-file walk."""
    skipped = {s.lower() for s in skips}
    kinds = [k for k in OBSERVATIONS if k.id not in skipped]
    return ObservationPass(module, resolver, kinds, is_test=is_test)
