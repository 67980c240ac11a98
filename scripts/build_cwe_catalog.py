#!/usr/bin/env python3
"""Build cwescan's compact CWE catalog from MITRE's official CWE XML.

Reads the CWE XML (by default the copy shipped in the ``cwe2`` wheel, or ``--xml PATH``)
and writes two files into ``src/cwescan/cwe/data/`` (or ``--out-dir``):

- ``cwe-catalog.json.gz``: one JSON object with the catalog version and date and an
  entry per weakness, category and view (id, kind, name, abstraction, status,
  description, extended description as plain text, potential mitigations, parents and
  children in view 1000 "Research Concepts", category memberships, OWASP Top Ten 2021
  categories, Top 25 (2023) membership). Output is deterministic — sorted keys, no
  timestamp or file name in the gzip header — so rebuilding from the same XML gives
  identical bytes and ``tests/test_cwe_catalog.py`` can check the shipped file is current.
- ``CWE-TERMS-OF-USE.txt``: MITRE's copyright notice and terms of use, which the CWE
  licence requires to travel with any copy of CWE content.

cwescan never parses XML at run time; ``cwescan.cwe`` only reads the JSON.

Usage::

    python scripts/build_cwe_catalog.py                 # needs: pip install cwe2==3.0.0
    python scripts/build_cwe_catalog.py --xml cwec_v4.14.xml --terms cwe-tou.LICENSE
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CWE_NS = "http://cwe.mitre.org/cwe-7"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# Views whose ids the catalog depends on. Their names are checked against the XML so a
# future catalog that renumbers them fails the build instead of silently mis-mapping.
RESEARCH_VIEW = 1000
OWASP_2021_VIEW = 1344
TOP25_2023_VIEW = 1425
EXPECTED_VIEW_NAMES = {
    RESEARCH_VIEW: "Research Concepts",
    OWASP_2021_VIEW: "Weaknesses in OWASP Top Ten (2021)",
    TOP25_2023_VIEW: "Weaknesses in the 2023 CWE Top 25 Most Dangerous Software Weaknesses",
}
OWASP_CATEGORY_PREFIX = "OWASP Top Ten 2021 Category "

# Bump when the JSON layout changes; cwescan.cwe.catalog refuses other versions.
FORMAT_VERSION = 1

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "cwescan" / "cwe" / "data"
CATALOG_FILE = "cwe-catalog.json.gz"
TERMS_FILE = "CWE-TERMS-OF-USE.txt"

# Next to cwe2's XML: the copyright designation (NOTICE) and the licence proper. The
# licence asks that both be reproduced, so both go into the terms file, in this order.
TERMS_SOURCE_NAMES = ("cwe.NOTICE", "cwe-tou.LICENSE")


class BuildError(Exception):
    """A problem with the input that the person running the build can fix."""


def _q(tag: str) -> str:
    """Qualify a CWE schema tag name with its namespace."""
    return f"{{{CWE_NS}}}{tag}"


# --- XHTML to plain text -------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "ul", "ol", "li", "br", "table", "tr", "pre", "blockquote"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def flatten_xhtml(element: ET.Element | None) -> str:
    """Turn a CWE structured-text element into plain text.

    Paragraphs and blocks are separated by a blank line; list items become ``- item``
    lines (``1. item`` in ordered lists, indented two spaces per nesting level) with
    consecutive items on consecutive lines. Inline markup such as ``<b>`` is dropped and
    runs of whitespace collapse to one space, as a browser would render them.
    """
    if element is None:
        return ""
    # Each block is (list number or None, text). Blocks of the same top-level list are
    # joined by single newlines so its items stay together; anything else by a blank line.
    blocks: list[tuple[int | None, str]] = []
    list_count = [0]
    pending: list[str] = []
    # The prefix of the list item whose text is being collected, if any.
    item_prefix: list[str] = []

    def flush() -> None:
        text = _collapse("".join(pending))
        pending.clear()
        if not text:
            return
        if item_prefix and item_prefix[-1]:
            blocks.append((list_count[0], item_prefix[-1] + text))
            # The marker belongs to the item's first line only; continuation blocks
            # inside the same item are indented to line up under it.
            item_prefix[-1] = ""
        else:
            indent = "  " * len(item_prefix)
            blocks.append((list_count[0] if item_prefix else None, indent + text))

    def walk(node: ET.Element, list_stack: list[list[int]]) -> None:
        name = _local(node.tag)
        is_block = name in _BLOCK_TAGS
        if is_block:
            flush()
        if name == "li":
            depth = max(len(list_stack) - 1, 0)
            if list_stack and list_stack[-1][0] >= 0:
                list_stack[-1][0] += 1
                marker = f"{list_stack[-1][0]}. "
            else:
                marker = "- "
            item_prefix.append("  " * depth + marker)
        if node.text:
            pending.append(node.text)
        for child in node:
            child_name = _local(child.tag)
            if child_name in ("ul", "ol") and not list_stack:
                list_count[0] += 1
            if child_name == "ul":
                walk(child, [*list_stack, [-1]])
            elif child_name == "ol":
                walk(child, [*list_stack, [0]])
            else:
                walk(child, list_stack)
            if child.tail:
                pending.append(child.tail)
        if is_block:
            flush()
        if name == "li":
            item_prefix.pop()

    walk(element, [])
    flush()
    out: list[str] = []
    for index, (group, text) in enumerate(blocks):
        if index:
            same_list = group is not None and group == blocks[index - 1][0]
            out.append("\n" if same_list else "\n\n")
        out.append(text)
    return "".join(out)


# --- reading the catalog -------------------------------------------------------------


def _int_attr(element: ET.Element, name: str, where: str) -> int:
    value = element.get(name)
    if value is None or not value.isdigit():
        raise BuildError(f"{where}: <{_local(element.tag)}> has no numeric {name} ({value!r})")
    return int(value)


def _entries(root: ET.Element) -> Iterator[tuple[str, ET.Element]]:
    for section, kind in (("Weaknesses", "weakness"), ("Categories", "category"),
                          ("Views", "view")):
        container = root.find(_q(section))
        if container is None:
            raise BuildError(f"the XML has no <{section}> section; is it a CWE catalog?")
        for element in container:
            yield kind, element


def _mitigations(element: ET.Element) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    container = element.find(_q("Potential_Mitigations"))
    if container is None:
        return result
    for mitigation in container.findall(_q("Mitigation")):
        strategy_el = mitigation.find(_q("Strategy"))
        strategy = _collapse(strategy_el.text or "") if strategy_el is not None else ""
        result.append({
            "phases": [_collapse(p.text or "") for p in mitigation.findall(_q("Phase"))],
            "strategy": strategy or None,
            "description": flatten_xhtml(mitigation.find(_q("Description"))),
        })
    return result


def build_catalog(xml_path: Path) -> dict[str, Any]:
    """Parse MITRE's CWE XML at ``xml_path`` into the catalog's JSON-ready structure."""
    try:
        root = ET.parse(xml_path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise BuildError(f"{xml_path}:{line}:{column}: not well-formed XML: {exc}") from None
    if root.tag != _q("Weakness_Catalog"):
        raise BuildError(f"{xml_path}: root element is {root.tag}, expected a CWE "
                         f"Weakness_Catalog in namespace {CWE_NS}")
    version = root.get("Version")
    date = root.get("Date")
    if not version or not date:
        raise BuildError(f"{xml_path}: <Weakness_Catalog> lacks a Version or Date attribute")

    entries: dict[int, dict[str, Any]] = {}
    elements: dict[int, ET.Element] = {}
    for kind, element in _entries(root):
        cwe_id = _int_attr(element, "ID", str(xml_path))
        if cwe_id in entries:
            raise BuildError(f"{xml_path}: CWE-{cwe_id} is defined twice")
        if kind == "weakness":
            description_el = element.find(_q("Description"))
        elif kind == "category":
            description_el = element.find(_q("Summary"))
        else:
            description_el = element.find(_q("Objective"))
        entries[cwe_id] = {
            "id": cwe_id,
            "kind": kind,
            "name": _collapse(element.get("Name", "")),
            "abstraction": element.get("Abstraction"),
            "status": element.get("Status"),
            "description": flatten_xhtml(description_el),
            "extended_description": flatten_xhtml(element.find(_q("Extended_Description"))),
            "mitigations": _mitigations(element),
            "parents": [],
            "children": [],
            "categories": [],
            "owasp_top10_2021": [],
            "top25_2023": False,
        }
        elements[cwe_id] = element

    for view_id, expected in EXPECTED_VIEW_NAMES.items():
        view = entries.get(view_id)
        if view is None or view["kind"] != "view" or view["name"] != expected:
            found = "missing" if view is None else f"{view['kind']} {view['name']!r}"
            raise BuildError(f"{xml_path}: expected CWE-{view_id} to be the view {expected!r}, "
                             f"found {found}; update the view ids in {Path(__file__).name}")

    # Parents: ChildOf in the Research Concepts view; an entry with none there (e.g. some
    # deprecated ones) falls back to ChildOf in any view so it is still navigable.
    for cwe_id, element in elements.items():
        if entries[cwe_id]["kind"] != "weakness":
            continue
        in_research: list[int] = []
        anywhere: list[int] = []
        for related in element.iter(_q("Related_Weakness")):
            if related.get("Nature") != "ChildOf":
                continue
            parent = _int_attr(related, "CWE_ID", f"{xml_path}: CWE-{cwe_id}")
            if parent not in anywhere:
                anywhere.append(parent)
            if related.get("View_ID") == str(RESEARCH_VIEW) and parent not in in_research:
                in_research.append(parent)
        entries[cwe_id]["parents"] = [p for p in (in_research or anywhere) if p in entries]
    for cwe_id, entry in entries.items():
        for parent in entry["parents"]:
            entries[parent]["children"].append(cwe_id)

    # Category membership is recorded only on the category side (Has_Member).
    for cwe_id, element in elements.items():
        if entries[cwe_id]["kind"] != "category":
            continue
        for member in element.iter(_q("Has_Member")):
            member_id = _int_attr(member, "CWE_ID", f"{xml_path}: CWE-{cwe_id}")
            if member_id in entries and cwe_id not in entries[member_id]["categories"]:
                entries[member_id]["categories"].append(cwe_id)

    owasp_view = elements[OWASP_2021_VIEW]
    for member in owasp_view.iter(_q("Has_Member")):
        category_id = _int_attr(member, "CWE_ID", f"{xml_path}: CWE-{OWASP_2021_VIEW}")
        category = entries.get(category_id)
        if category is None or not category["name"].startswith(OWASP_CATEGORY_PREFIX):
            raise BuildError(f"{xml_path}: view {OWASP_2021_VIEW} member CWE-{category_id} "
                             f"is not an '{OWASP_CATEGORY_PREFIX}...' category")
        label = category["name"][len(OWASP_CATEGORY_PREFIX):]
        for weakness in elements[category_id].iter(_q("Has_Member")):
            weakness_id = _int_attr(weakness, "CWE_ID", f"{xml_path}: CWE-{category_id}")
            if weakness_id in entries:
                entries[weakness_id]["owasp_top10_2021"].append(label)

    for member in elements[TOP25_2023_VIEW].iter(_q("Has_Member")):
        member_id = _int_attr(member, "CWE_ID", f"{xml_path}: CWE-{TOP25_2023_VIEW}")
        if member_id in entries:
            entries[member_id]["top25_2023"] = True

    for entry in entries.values():
        entry["children"].sort()
        entry["categories"].sort()
        entry["owasp_top10_2021"] = sorted(set(entry["owasp_top10_2021"]))

    return {
        "format": FORMAT_VERSION,
        "catalog": {"name": root.get("Name", "CWE"), "version": version, "date": date,
                    "source": xml_path.name},
        "entries": {str(cwe_id): entries[cwe_id] for cwe_id in sorted(entries)},
    }


# --- writing -------------------------------------------------------------------------


def encode_catalog(catalog: dict[str, Any]) -> bytes:
    """Serialize the catalog as gzip-compressed JSON, byte-for-byte reproducibly."""
    payload = json.dumps(catalog, sort_keys=True, ensure_ascii=False,
                         separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    # filename="" and mtime=0 keep the build path and time out of the gzip header.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9,
                       mtime=0) as stream:
        stream.write(payload)
    return buffer.getvalue()


def read_terms(paths: list[Path]) -> str:
    """Join MITRE's notice and licence files into one terms-of-use text."""
    parts = []
    for path in paths:
        try:
            parts.append(path.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise BuildError(f"{path}: cannot read the CWE terms of use: {exc.strerror}") from None
    return "\n\n".join(parts) + "\n"


def _default_xml() -> Path:
    try:
        from cwe2.mappings import xml_database_path  # type: ignore[import-untyped]
    except ImportError:
        raise BuildError("no --xml given and the cwe2 package is not installed; "
                         "run `pip install cwe2==3.0.0` or pass --xml PATH") from None
    return Path(xml_database_path)


def _write_atomically(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so an interrupted build never leaves a
    # half-written data file that the package would then fail to load.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xml", type=Path, help="CWE XML file (default: the copy in cwe2)")
    parser.add_argument("--terms", type=Path, action="append",
                        help="MITRE terms-of-use file(s) to ship (default: cwe.NOTICE and "
                             "cwe-tou.LICENSE next to the XML); repeat for several")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR,
                        help=f"output directory (default: {DEFAULT_OUT_DIR})")
    args = parser.parse_args(argv)

    try:
        xml_path: Path = args.xml or _default_xml()
        if not xml_path.is_file():
            raise BuildError(f"{xml_path}: no such file")
        terms_paths: list[Path] = args.terms or [
            xml_path.with_name(name) for name in TERMS_SOURCE_NAMES
            if xml_path.with_name(name).is_file()
        ]
        if not terms_paths:
            raise BuildError(f"no MITRE terms-of-use file next to {xml_path} "
                             f"(looked for {', '.join(TERMS_SOURCE_NAMES)}); pass --terms PATH")
        catalog = build_catalog(xml_path)
        terms = read_terms(terms_paths)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(args.out_dir / CATALOG_FILE, encode_catalog(catalog))
        _write_atomically(args.out_dir / TERMS_FILE, terms.encode("utf-8"))
    except BuildError as exc:
        print(f"build_cwe_catalog: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"build_cwe_catalog: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1

    counts: dict[str, int] = {}
    for entry in catalog["entries"].values():
        counts[entry["kind"]] = counts.get(entry["kind"], 0) + 1
    plural = {"weakness": "weaknesses", "category": "categories", "view": "views"}
    summary = ", ".join(f"{counts.get(kind, 0)} {plural[kind]}" for kind in plural)
    info = catalog["catalog"]
    print(f"CWE {info['version']} ({info['date']}): {summary} -> "
          f"{args.out_dir / CATALOG_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
