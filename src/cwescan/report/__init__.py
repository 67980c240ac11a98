"""Report formats: each a pure function of a `ScanResult`."""

from __future__ import annotations

from collections.abc import Callable

from cwescan.model import ScanResult

Renderer = Callable[[ScanResult, bool], str]


def renderers() -> dict[str, Renderer]:
    """Format name → renderer(result, colour) returning the report text."""
    from cwescan.report import html as html_report
    from cwescan.report import json as json_report
    from cwescan.report import markdown as markdown_report
    from cwescan.report import sarif as sarif_report
    from cwescan.report import text as text_report

    return {
        "text": text_report.render,
        "json": json_report.render,
        "markdown": markdown_report.render,
        "sarif": sarif_report.render,
        "html": html_report.render,
    }


# Formats whose renderer takes `max_details` (a cap on full finding entries).
DETAIL_CAPPED_FORMATS = frozenset({"markdown", "html"})
