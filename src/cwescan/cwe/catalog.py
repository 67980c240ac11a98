"""Lookups in MITRE's CWE catalog, from the compact data file shipped with cwescan.

The data (``data/cwe-catalog.json.gz``) is generated from MITRE's official CWE XML by
``scripts/build_cwe_catalog.py``; here it is only read, once, on first use. CWE content is
© The MITRE Corporation and used under the CWE Terms of Use (``data/CWE-TERMS-OF-USE.txt``).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CATALOG_FILE = "cwe-catalog.json.gz"
TERMS_FILE = "CWE-TERMS-OF-USE.txt"
# Must match FORMAT_VERSION in scripts/build_cwe_catalog.py.
FORMAT_VERSION = 1

_CWE_ID = re.compile(r"\s*(?:cwe-)?([0-9]{1,7})\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Mitigation:
    """One of MITRE's potential mitigations for a weakness."""

    phases: tuple[str, ...]
    strategy: str | None
    description: str


@dataclass(frozen=True)
class CweEntry:
    """One catalog entry: a weakness, a category or a view.

    ``parents`` and ``children`` follow view 1000 (Research Concepts); ``categories``
    lists every category the entry is a member of; ``owasp_top10_2021`` holds labels
    such as ``"A03:2021 - Injection"`` for the OWASP categories that list it directly.
    """

    id: int
    kind: str
    name: str
    abstraction: str | None
    status: str | None
    description: str
    extended_description: str
    mitigations: tuple[Mitigation, ...]
    parents: tuple[int, ...]
    children: tuple[int, ...]
    categories: tuple[int, ...]
    owasp_top10_2021: tuple[str, ...]
    top25_2023: bool

    @property
    def url(self) -> str:
        """The entry's page on MITRE's CWE site."""
        return f"https://cwe.mitre.org/data/definitions/{self.id}.html"

    @property
    def label(self) -> str:
        """``CWE-89: Improper Neutralization ...``, the way findings name a CWE."""
        return f"CWE-{self.id}: {self.name}"


class CatalogError(Exception):
    """The shipped catalog data is missing or unreadable (a broken installation)."""


def _entry_from_json(raw: Mapping[str, Any]) -> CweEntry:
    return CweEntry(
        id=int(raw["id"]),
        kind=raw["kind"],
        name=raw["name"],
        abstraction=raw["abstraction"],
        status=raw["status"],
        description=raw["description"],
        extended_description=raw["extended_description"],
        mitigations=tuple(
            Mitigation(phases=tuple(m["phases"]), strategy=m["strategy"],
                       description=m["description"])
            for m in raw["mitigations"]
        ),
        parents=tuple(raw["parents"]),
        children=tuple(raw["children"]),
        categories=tuple(raw["categories"]),
        owasp_top10_2021=tuple(raw["owasp_top10_2021"]),
        top25_2023=bool(raw["top25_2023"]),
    )


class Catalog:
    """The CWE catalog: entries by numeric id, plus the release it came from."""

    def __init__(self, data: Mapping[str, Any], source: str = "<memory>") -> None:
        """Build a catalog from the decoded JSON document ``data``.

        ``source`` names where the data came from, for error messages.
        """
        if data.get("format") != FORMAT_VERSION:
            raise CatalogError(f"{source}: catalog format {data.get('format')!r} is not "
                               f"the supported format {FORMAT_VERSION}; rebuild it with "
                               f"scripts/build_cwe_catalog.py")
        try:
            info = data["catalog"]
            self.version: str = info["version"]
            self.release_date: str = info["date"]
            self._entries: dict[int, CweEntry] = {
                int(key): _entry_from_json(raw) for key, raw in data["entries"].items()
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogError(f"{source}: malformed catalog data ({exc!r}); rebuild it with "
                               f"scripts/build_cwe_catalog.py") from None

    @classmethod
    def from_file(cls, path: Path) -> Catalog:
        """Load a catalog from a gzip-compressed JSON file written by the build script."""
        try:
            with gzip.open(path, "rb") as stream:
                data = json.load(stream)
        except (OSError, EOFError, ValueError) as exc:
            raise CatalogError(f"{path}: cannot read the CWE catalog ({exc}); reinstall "
                               f"cwescan or rebuild it with scripts/build_cwe_catalog.py"
                               ) from None
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: malformed catalog data (not a JSON object)")
        return cls(data, source=str(path))

    def get(self, cwe_id: int) -> CweEntry | None:
        """The entry for ``cwe_id``, or None when the catalog has no such id."""
        return self._entries.get(cwe_id)

    def name(self, cwe_id: int) -> str:
        """The official name of ``cwe_id``, or an empty string when it is unknown."""
        entry = self._entries.get(cwe_id)
        return entry.name if entry is not None else ""

    def parents(self, cwe_id: int) -> tuple[int, ...]:
        """The direct parents of ``cwe_id`` in view 1000 (empty when unknown or a root)."""
        entry = self._entries.get(cwe_id)
        return entry.parents if entry is not None else ()

    def ancestors(self, cwe_id: int) -> list[int]:
        """Every ancestor of ``cwe_id`` in view 1000, nearest first, each listed once.

        Breadth-first, so all parents come before any grandparent; a weakness with two
        parents (view 1000 is a graph, not a tree) gets both lines of ancestry.
        """
        seen = {cwe_id}
        order: list[int] = []
        frontier = list(self.parents(cwe_id))
        while frontier:
            next_frontier: list[int] = []
            for parent in frontier:
                if parent in seen:
                    continue
                seen.add(parent)
                order.append(parent)
                next_frontier.extend(self.parents(parent))
            frontier = next_frontier
        return order

    def __contains__(self, cwe_id: object) -> bool:
        return cwe_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CweEntry]:
        """Entries in ascending id order."""
        return (self._entries[key] for key in sorted(self._entries))


@functools.lru_cache(maxsize=1)
def get_catalog() -> Catalog:
    """The catalog shipped with cwescan, loaded on first call and shared afterwards."""
    resource = resources.files("cwescan.cwe").joinpath("data", CATALOG_FILE)
    with resources.as_file(resource) as path:
        return Catalog.from_file(path)


def parse_cwe_id(text: str) -> int:
    """Read a CWE id written as ``CWE-89``, ``cwe-89`` or ``89``.

    Raises ValueError naming the text and the accepted forms otherwise.
    """
    match = _CWE_ID.fullmatch(text)
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"not a CWE id: {text!r} (expected a form like 'CWE-89' or '89')")
    return int(match.group(1))


# --- the `cwescan explain CWE-N` page ------------------------------------------------

_WIDTH = 88
_EXTENDED_LIMIT = 1200
_MITIGATION_LIMIT = 500
_MAX_MITIGATIONS = 5


def _shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a paragraph or word boundary."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    paragraph_end = cut.rfind("\n\n")
    if paragraph_end >= limit // 2:
        return cut[:paragraph_end] + " […]"
    return cut.rsplit(None, 1)[0].rstrip(",;:") + " […]"


def _wrap(text: str, indent: str = "") -> str:
    """Wrap each line of ``text`` to the page width, keeping list indentation."""
    lines = []
    for line in text.splitlines():
        if not line.strip():
            lines.append("")
            continue
        stripped = line.lstrip(" ")
        lead = indent + line[: len(line) - len(stripped)]
        # Continuation lines of a list item line up with the item's text.
        marker = re.match(r"(- |\d+\. )", stripped)
        hang = lead + " " * (len(marker.group(1)) if marker else 0)
        lines.append(textwrap.fill(stripped, width=_WIDTH, initial_indent=lead,
                                   subsequent_indent=hang, break_long_words=False,
                                   break_on_hyphens=False))
    return "\n".join(lines)


def _cwe_list(ids: tuple[int, ...], catalog: Catalog) -> list[str]:
    return [f"CWE-{cwe_id}: {catalog.name(cwe_id) or '(not in this catalog)'}"
            for cwe_id in ids]


def format_entry(entry: CweEntry, catalog: Catalog) -> str:
    """The plain-text page that ``cwescan explain CWE-N`` prints for ``entry``."""
    out = [f"CWE-{entry.id}: {entry.name}"]
    facts = []
    if entry.kind != "weakness":
        facts.append(f"Kind: {entry.kind}")
    if entry.abstraction:
        facts.append(f"Abstraction: {entry.abstraction}")
    if entry.status:
        facts.append(f"Status: {entry.status}")
    if facts:
        out.append("   ".join(facts))

    if entry.description:
        out += ["", _wrap(entry.description)]
    if entry.extended_description:
        out += ["", _wrap(_shorten(entry.extended_description, _EXTENDED_LIMIT))]

    parents = _cwe_list(entry.parents, catalog)
    if parents:
        label = "Parent" if len(parents) == 1 else "Parents"
        out += ["", f"{label} (Research Concepts view):"]
        out += [_wrap(f"- {parent}", indent="  ") for parent in parents]

    lists = []
    if entry.owasp_top10_2021:
        lists.append(f"OWASP Top Ten 2021: {', '.join(entry.owasp_top10_2021)}")
    if entry.top25_2023:
        lists.append("CWE Top 25 Most Dangerous Software Weaknesses (2023): yes")
    if lists:
        out += [""] + lists

    if entry.mitigations:
        out += ["", "Common mitigations:"]
        for mitigation in entry.mitigations[:_MAX_MITIGATIONS]:
            heading = ", ".join(mitigation.phases) or "Any phase"
            if mitigation.strategy:
                heading += f" / {mitigation.strategy}"
            first, *rest = _shorten(mitigation.description, _MITIGATION_LIMIT).split("\n")
            # Later paragraphs are indented under the "- " so they read as the same item.
            item = "\n".join([f"- {heading}: {first}"] + [f"  {line}" if line else ""
                                                           for line in rest])
            out.append(_wrap(item, indent="  "))
        remaining = len(entry.mitigations) - _MAX_MITIGATIONS
        if remaining > 0:
            plural = "s" if remaining > 1 else ""
            out.append(f"  ({remaining} more mitigation{plural} on the CWE page)")

    out += [
        "",
        entry.url,
        "",
        _wrap(f"From MITRE's Common Weakness Enumeration (CWE {catalog.version}, "
              f"{catalog.release_date}), © The MITRE Corporation; used under the CWE "
              f"Terms of Use ({TERMS_FILE} in the cwescan package)."),
    ]
    return "\n".join(out) + "\n"
