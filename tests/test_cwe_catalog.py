"""The shipped CWE catalog: real lookups, the explain page, and that the data is current."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from cwescan.cwe import Catalog, CatalogError, format_entry, get_catalog, parse_cwe_id
from cwescan.cwe.catalog import CATALOG_FILE, TERMS_FILE

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "scripts" / "build_cwe_catalog.py"
DATA_DIR = REPO / "src" / "cwescan" / "cwe" / "data"

SQLI_NAME = "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return get_catalog()


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cwe_catalog", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- lookups -------------------------------------------------------------------------


def test_release_and_size(catalog: Catalog) -> None:
    assert catalog.version == "4.14"
    assert catalog.release_date == "2024-02-29"
    # 963 weaknesses + 409 categories + 54 views in CWE 4.14.
    assert len(catalog) == 1426
    kinds = [entry.kind for entry in catalog]
    assert (kinds.count("weakness"), kinds.count("category"), kinds.count("view")) == (
        963, 409, 54)


def test_official_names(catalog: Catalog) -> None:
    assert catalog.name(89) == SQLI_NAME
    assert catalog.name(328) == "Use of Weak Hash"
    assert catalog.name(78) == ("Improper Neutralization of Special Elements used in an OS "
                                "Command ('OS Command Injection')")


def test_sql_injection_entry(catalog: Catalog) -> None:
    entry = catalog.get(89)
    assert entry is not None
    assert (entry.kind, entry.abstraction, entry.status) == ("weakness", "Base", "Stable")
    assert entry.description.startswith("The product constructs all or part of an SQL command")
    assert entry.parents == (943,)
    assert 564 in entry.children  # SQL Injection: Hibernate
    assert 1347 in entry.categories  # OWASP Top Ten 2021 A03
    assert entry.url == "https://cwe.mitre.org/data/definitions/89.html"
    parameterization = [m for m in entry.mitigations if m.strategy == "Parameterization"]
    assert parameterization and parameterization[0].phases == ("Architecture and Design",)
    assert "prepared statements" in parameterization[0].description


def test_hierarchy_follows_research_view(catalog: Catalog) -> None:
    assert catalog.parents(95) == (94,)
    entry = catalog.get(94)
    assert entry is not None and 95 in entry.children
    ancestors = catalog.ancestors(95)
    assert ancestors[0] == 94  # nearest first
    assert 74 in ancestors and ancestors[-1] in (707, 664)  # ends at the pillars
    assert len(ancestors) == len(set(ancestors))
    # CWE-328 has two parents in view 1000; both come before any grandparent.
    assert set(catalog.parents(328)) == {326, 327}
    assert set(catalog.ancestors(328)[:2]) == {326, 327}
    assert catalog.parents(707) == ()  # a pillar is a root


def test_owasp_and_top25(catalog: Catalog) -> None:
    xss = catalog.get(79)
    assert xss is not None
    assert xss.top25_2023 is True
    assert xss.owasp_top10_2021 == ("A03:2021 - Injection",)
    weak_hash = catalog.get(328)
    assert weak_hash is not None
    assert weak_hash.top25_2023 is False
    assert weak_hash.owasp_top10_2021 == ("A02:2021 - Cryptographic Failures",)
    assert sum(entry.top25_2023 for entry in catalog) == 25


def test_categories_and_views_are_entries(catalog: Catalog) -> None:
    category = catalog.get(1347)
    assert category is not None and category.kind == "category"
    assert category.name == "OWASP Top Ten 2021 Category A03:2021 - Injection"
    view = catalog.get(1000)
    assert view is not None and (view.kind, view.name) == ("view", "Research Concepts")
    assert view.description  # a view's Objective serves as its description


def test_extended_description_is_plain_text(catalog: Catalog) -> None:
    entry = catalog.get(79)
    assert entry is not None
    text = entry.extended_description
    assert "\n\n1. Untrusted data enters a web application" in text
    assert "\n2. The web application" in text
    assert "<" not in text and "xhtml" not in text


def test_unknown_id(catalog: Catalog) -> None:
    assert catalog.get(999999) is None
    assert catalog.name(999999) == ""
    assert catalog.parents(999999) == ()
    assert catalog.ancestors(999999) == []
    assert 999999 not in catalog
    assert 89 in catalog


def test_catalog_is_loaded_once() -> None:
    assert get_catalog() is get_catalog()


# --- parse_cwe_id --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["CWE-89", "cwe-89", "89", " CWE-89\n", "Cwe-089"])
def test_parse_cwe_id_accepts(text: str) -> None:
    assert parse_cwe_id(text) == 89


@pytest.mark.parametrize(
    "text", ["PY-SQLI-001", "", "CWE-", "CWE89", "CWE-0", "-89", "89.0", "CWE-89x", "٨٩"])
def test_parse_cwe_id_rejects(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_cwe_id(text)
    message = str(excinfo.value)
    assert repr(text) in message and "CWE-89" in message


# --- the explain page ----------------------------------------------------------------


def test_explain_page_for_sql_injection(catalog: Catalog) -> None:
    entry = catalog.get(89)
    assert entry is not None
    page = format_entry(entry, catalog)
    lines = page.splitlines()
    assert lines[0] == f"CWE-89: {SQLI_NAME}"
    assert "Abstraction: Base" in lines[1] and "Status: Stable" in lines[1]
    assert "CWE-943: Improper Neutralization of Special Elements in Data Query Logic" in page
    assert "OWASP Top Ten 2021: A03:2021 - Injection" in page
    assert "Top 25" in page
    assert "Architecture and Design / Parameterization:" in page
    # CWE-89 has 10 mitigations; the page shows 5 and says how many more there are.
    mitigation_lines = lines[lines.index("Common mitigations:") + 1:]
    assert sum(line.startswith("  - ") for line in mitigation_lines) == 5
    assert "(5 more mitigations on the CWE page)" in page
    assert "https://cwe.mitre.org/data/definitions/89.html" in page
    assert "MITRE" in page and TERMS_FILE in page
    assert all(len(line) <= 88 for line in lines[1:]), "body lines wrap at 88 columns"


def test_explain_page_trims_long_text(catalog: Catalog) -> None:
    entry = catalog.get(79)
    assert entry is not None
    page = format_entry(entry, catalog)
    assert "1. Untrusted data enters a web application" in page
    assert "drive-by hacking" in entry.extended_description
    assert "drive-by hacking" not in page
    assert "[…]" in page
    assert len(page) < 8000


def test_explain_page_for_category(catalog: Catalog) -> None:
    entry = catalog.get(1347)
    assert entry is not None
    page = format_entry(entry, catalog)
    assert page.startswith("CWE-1347: OWASP Top Ten 2021 Category A03:2021 - Injection\n")
    assert "Kind: category" in page
    assert "Common mitigations" not in page


# --- the data file -------------------------------------------------------------------


def test_terms_of_use_ship_with_the_data() -> None:
    terms = (DATA_DIR / TERMS_FILE).read_text(encoding="utf-8")
    assert "The MITRE Corporation" in terms
    assert "reproduce MITRE’s\ncopyright designation and this license" in terms


def test_corrupt_data_file_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / CATALOG_FILE
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(CatalogError, match=str(broken).replace("\\", "\\\\")):
        Catalog.from_file(broken)
    stale = tmp_path / "old.json.gz"
    stale.write_bytes(gzip.compress(b'{"format": 0, "catalog": {}, "entries": {}}'))
    with pytest.raises(CatalogError, match="build_cwe_catalog"):
        Catalog.from_file(stale)


def test_flatten_xhtml_keeps_paragraphs_and_lists() -> None:
    build = _load_build_script()
    element = ET.fromstring(
        '<d xmlns:x="http://www.w3.org/1999/xhtml"><x:p>First  <x:b>bold</x:b>\n  para.</x:p>'
        "<x:ul><x:li>one<x:ul><x:li>nested</x:li></x:ul></x:li><x:li>two</x:li></x:ul>"
        "<x:ol><x:li><x:p>alpha</x:p><x:p>more alpha</x:p></x:li><x:li>beta</x:li></x:ol>"
        "tail text</d>")
    assert build.flatten_xhtml(element) == (
        "First bold para.\n\n- one\n  - nested\n- two\n\n1. alpha\n  more alpha\n2. beta"
        "\n\ntail text")


def test_build_reports_malformed_xml(tmp_path: Path) -> None:
    bad = tmp_path / "cwec_bad.xml"
    bad.write_text("<Weakness_Catalog>\n<Weaknesses>\n</Weakness_Catalog>\n")
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--xml", str(bad), "--terms", str(bad),
         "--out-dir", str(tmp_path / "out")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{bad}:3:" in result.stderr and "not well-formed" in result.stderr
    assert not (tmp_path / "out" / CATALOG_FILE).exists()


def test_shipped_data_matches_build_script(tmp_path: Path) -> None:
    pytest.importorskip(
        "cwe2", reason="cwe2 (pip install cwe2==3.0.0) holds MITRE's XML the data is "
                       "built from; without it the shipped file cannot be rebuilt to compare")
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--out-dir", str(tmp_path)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in (CATALOG_FILE, TERMS_FILE):
        rebuilt = (tmp_path / name).read_bytes()
        shipped = (DATA_DIR / name).read_bytes()
        if name == CATALOG_FILE:
            # Compare the JSON first so a stale file fails with a content difference,
            # not only a compressed-bytes one.
            assert gzip.decompress(rebuilt) == gzip.decompress(shipped), (
                f"{name} is stale: run python scripts/build_cwe_catalog.py and commit it")
        assert rebuilt == shipped, f"{name} differs from a fresh build of the same XML"
