"""MITRE's CWE catalog: official names, descriptions, hierarchy and mitigations.

A lookup is a dict access on data shipped with cwescan (built from MITRE's XML by
``scripts/build_cwe_catalog.py``); nothing is parsed or downloaded at run time.

    >>> from cwescan.cwe import get_catalog
    >>> get_catalog().name(78)
    "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')"
"""

from cwescan.cwe.catalog import (
    Catalog,
    CatalogError,
    CweEntry,
    Mitigation,
    format_entry,
    get_catalog,
    parse_cwe_id,
)

__all__ = [
    "Catalog",
    "CatalogError",
    "CweEntry",
    "Mitigation",
    "format_entry",
    "get_catalog",
    "parse_cwe_id",
]
