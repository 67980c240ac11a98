"""The HTML report (`-f html`): one self-contained file a reviewer opens in a browser.

Summary and conclusion first, then the findings with highlighted code, filters by
severity, CWE and file (a few lines of inline JavaScript), the observations and the
files that could not be analysed. Nothing is loaded from the network.

The page shows hostile text — scanned code, messages quoting it, file names — so every
piece of it goes through `html.escape` (Pygments escapes the code it highlights), the
script reads data only from escaped attributes, and a Content-Security-Policy allows
no script but the report's own (by hash): even a mistake in escaping could not run
injected code. Without Pygments the code is shown escaped and unhighlighted.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import textwrap
from collections import Counter

from cwescan.context import TEST_CODE_TAG, conclude, importance
from cwescan.model import Finding, Location, Observation, ScanResult, Severity

_BACKTICKS = re.compile(r"`+")

_SCRIPT = """
(function () {
  "use strict";
  var severity = document.getElementById("filter-severity");
  var cwe = document.getElementById("filter-cwe");
  var file = document.getElementById("filter-file");
  var count = document.getElementById("filter-count");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var remarks = Array.prototype.slice.call(document.querySelectorAll("li.observation"));
  function apply() {
    var minimum = Number(severity.value || 0);
    var wantedCwe = cwe.value;
    var wantedFile = file.value;
    var shown = 0;
    findings.forEach(function (item) {
      var visible = Number(item.getAttribute("data-rank")) >= minimum &&
        (!wantedCwe || item.getAttribute("data-cwe") === wantedCwe) &&
        (!wantedFile || item.getAttribute("data-file") === wantedFile);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    remarks.forEach(function (item) {
      item.hidden = Boolean(wantedFile) && item.getAttribute("data-file") !== wantedFile;
    });
    count.textContent = shown + " of " + findings.length + " findings shown";
  }
  [severity, cwe, file].forEach(function (control) {
    control.addEventListener("change", apply);
  });
  apply();
})();
""".strip()

_STYLE = """
:root { color-scheme: light; --border: #d0d7de; --muted: #57606a; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; }
h2 { border-bottom: 1px solid var(--border); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: #f6f8fa; padding: 0 .25em; border-radius: 4px; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid var(--border); padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; }
.risk { display: inline-block; font-weight: 700; padding: .2rem .7rem; border-radius: 4px;
        color: #fff; background: #6e7781; }
.risk-CRITICAL { background: #8b0000; } .risk-HIGH { background: #cf222e; }
.risk-MEDIUM { background: #bc4c00; } .risk-LOW { background: #0969da; }
.risk-NONE { background: #1a7f37; }
nav.filters { position: sticky; top: 0; background: #fff; padding: .6rem 0;
              border-bottom: 1px solid var(--border); display: flex; gap: 1rem;
              flex-wrap: wrap; align-items: center; z-index: 1; }
nav.filters select { max-width: 22rem; }
article.finding { border: 1px solid var(--border); border-left-width: 6px;
                  border-radius: 6px; padding: .7rem 1rem; margin: 1rem 0; }
article.sev-critical { border-left-color: #8b0000; }
article.sev-high { border-left-color: #cf222e; }
article.sev-medium { border-left-color: #bc4c00; }
article.sev-low { border-left-color: #0969da; }
article.sev-info { border-left-color: #6e7781; }
.badge { font-size: .75rem; font-weight: 700; text-transform: uppercase; padding: .05rem .4rem;
         border-radius: 3px; background: #eaeef2; margin-right: .4rem; }
.cwe { color: var(--muted); font-weight: 400; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .4rem 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.code { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px;
        background: #f6f8fa; }
.code pre { margin: 0; padding: .5rem .8rem; }
.lineno, .linenos { color: #8c959f; user-select: none; }
ol.trace { margin: 0; padding-left: 1.2rem; }
.note { color: var(--muted); font-style: italic; }
.tag { font-size: .8rem; border: 1px solid var(--border); border-radius: 10px;
       padding: 0 .45rem; margin-right: .3rem; }
""".strip()


def render(result: ScanResult, colour: bool = False, *, max_details: int | None = None) -> str:
    """The review as one self-contained HTML page. `colour` is ignored."""
    conclusion = conclude(result)
    active = sorted(result.active_findings, key=Finding.sort_key)
    shown = active
    if max_details is not None and len(active) > max_details:
        chosen = {id(f) for f in sorted(active, key=importance)[:max_details]}
        shown = [f for f in active if id(f) in chosen]
    highlighter = _highlighter()
    targets = ", ".join(result.targets) or "(nothing)"
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:; "
        "base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>cwescan review of {_e(targets)}</title>",
        f"<style>\n{_STYLE}\n{highlighter.css if highlighter else ''}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Security review of {_e(targets)}</h1>",
        f'<p><span class="risk risk-{_e(conclusion.overall_risk)}">Overall risk: '
        f"{_e(conclusion.overall_risk)}</span> {len(active):,} findings · "
        f"{len(result.observations):,} observations · {result.files_scanned:,} files "
        f"({result.lines_scanned:,} lines) scanned</p>",
        _summary_table(active, len(result.findings) - len(active)),
        "</header>",
        '<section id="conclusion"><h2>Conclusion</h2>',
        f"<p>{_inline(conclusion.text)}</p></section>",
        '<section id="findings"><h2>Potential Security Defects</h2>',
    ]
    if active:
        parts.append(_filters(shown))
    else:
        parts.append("<p>None found at the reporting thresholds.</p>")
    for number, finding in enumerate(shown, start=1):
        parts.append(_finding(number, finding, result, highlighter))
    if len(shown) < len(active):
        shown_ids = {id(f) for f in shown}
        left = Counter(f.severity for f in active if id(f) not in shown_ids)
        summary = ", ".join(f"{left[s]:,} {s}" for s in sorted(left, reverse=True))
        parts.append(
            f'<p class="note">Details are shown for the {len(shown):,} most severe of '
            f"{len(active):,} findings (--max-details {max_details}); "
            f"{len(active) - len(shown):,} left out: {_e(summary)}.</p>"
        )
    parts.append("</section>")
    parts.append('<section id="observations"><h2>General Observations</h2>')
    parts.append(_observations(result.observations, result))
    parts.append("</section>")
    if result.errors:
        parts.append('<section id="errors"><h2>Files not fully analysed</h2><ul>')
        for error in result.errors:
            where = error.path if error.line is None else f"{error.path}:{error.line}"
            parts.append(f"<li><code>{_e(where)}</code>: {_e(error.message)}</li>")
        parts.append("</ul></section>")
    parts.append(
        f'<footer><p class="note">cwescan {_e(result.tool_version)}'
        + (f" · test files: {len(result.test_files):,}" if result.test_files else "")
        + "</p></footer>"
    )
    parts.append(f"<script>{_SCRIPT}</script>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"


# --- pieces ---------------------------------------------------------------------------


def _summary_table(active: list[Finding], suppressed: int) -> str:
    counts = Counter(f.severity for f in active)
    rows = "".join(
        f"<tr><td>{sev}</td><td class=\"num\">{counts.get(sev, 0):,}</td></tr>"
        for sev in sorted(Severity, reverse=True)
    )
    if suppressed:
        rows += f'<tr><td>suppressed</td><td class="num">{suppressed:,}</td></tr>'
    return f"<table><thead><tr><th>Severity</th><th>Findings</th></tr></thead>{rows}</table>"


def _filters(findings: list[Finding]) -> str:
    severities = Counter(f.severity for f in findings)
    cwes = Counter(f.cwe for f in findings)
    names = {f.cwe: f.cwe_name for f in findings}
    files = Counter(f.location.path for f in findings)
    severity_options = ['<option value="">any severity</option>'] + [
        f'<option value="{int(sev)}">{sev} and above</option>'
        for sev in sorted(Severity, reverse=True)
        if any(s >= sev for s in severities)
    ]
    cwe_options = ['<option value="">every CWE</option>'] + [
        f'<option value="{_e(cwe)}">{_e(cwe)}: {_e(names.get(cwe, ""))} ({count})</option>'
        for cwe, count in sorted(cwes.items(), key=lambda item: (-item[1], item[0]))
    ]
    file_options = ['<option value="">every file</option>'] + [
        f'<option value="{_e(path)}">{_e(path)} ({count})</option>'
        for path, count in sorted(files.items())
    ]
    return (
        '<nav class="filters" aria-label="Filters">'
        '<label>Severity <select id="filter-severity">' + "".join(severity_options)
        + "</select></label>"
        '<label>CWE <select id="filter-cwe">' + "".join(cwe_options) + "</select></label>"
        '<label>File <select id="filter-file">' + "".join(file_options) + "</select></label>"
        '<span id="filter-count" role="status"></span></nav>'
    )


def _finding(number: int, finding: Finding, result: ScanResult, highlighter: _Highlighter | None
             ) -> str:
    loc = finding.location
    end = loc.end_line if loc.end_line is not None else loc.start_line
    span = f"line {loc.start_line}" if end == loc.start_line else f"lines {loc.start_line}-{end}"
    function = f", in <code>{_e(finding.function)}</code>" if finding.function else ""
    severity = f"severity {finding.severity}"
    if TEST_CODE_TAG in finding.tags and result.config.get("test-code-downgrade", True):
        severity += " after the test-code downgrade"
    cwe_url = f"https://cwe.mitre.org/data/definitions/{finding.cwe_id}.html"
    rows = [
        f"<dt>Where</dt><dd><code>{_e(loc.path)}</code> {span}{function} ({severity}, "
        f"confidence {finding.confidence})</dd>",
        f"<dt>Description</dt><dd>{_inline(finding.description)}</dd>",
        f"<dt>Solution</dt><dd>{_inline(finding.remediation)}</dd>",
    ]
    if finding.trace:
        steps = "".join(
            f"<li><code>{_e(step.location.path)}:{step.location.start_line}</code> "
            f"{_inline(step.note)}</li>"
            for step in finding.trace
        )
        rows.append(f'<dt>Trace</dt><dd><ol class="trace">{steps}</ol></dd>')
    if finding.tags:
        tags = "".join(f'<span class="tag">{_e(tag)}</span>' for tag in finding.tags)
        rows.append(f"<dt>Tags</dt><dd>{tags}</dd>")
    rows.append(f"<dt>Rule</dt><dd><code>{_e(finding.rule_id)}</code></dd>")
    code = ""
    if finding.snippet.strip():
        code = '<div class="code">' + _code(finding.snippet, loc, highlighter) + "</div>"
    name = f": {finding.cwe_name}" if finding.cwe_name else ""
    return (
        f'<article class="finding sev-{finding.severity}" id="finding-{number}" '
        f'data-rank="{int(finding.severity)}" data-cwe="{_e(finding.cwe)}" '
        f'data-file="{_e(loc.path)}">'
        f'<h3><span class="badge">{finding.severity}</span>{number}. {_e(finding.title)} '
        f'<a class="cwe" href="{cwe_url}" rel="noopener noreferrer">({_e(finding.cwe)}'
        f"{_e(name)})</a></h3>"
        f"<dl>{''.join(rows)}</dl>{code}</article>"
    )


def _observations(observations: list[Observation], result: ScanResult) -> str:
    if not observations:
        return "<p>None.</p>"
    items = []
    for item in observations:
        path = item.locations[0].path if item.locations else ""
        places = ", ".join(
            f"<code>{_e(loc.path)}:{loc.start_line}</code>" for loc in item.locations[:10]
        )
        if len(item.locations) > 10:
            places += f" and {len(item.locations) - 10} more"
        test = ' <span class="tag">test code</span>' if path in result.test_files else ""
        items.append(
            f'<li class="observation" data-file="{_e(path)}" data-kind="{_e(item.kind)}">'
            f"{_inline(item.message)} ({places}){test}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


# --- code -----------------------------------------------------------------------------


class _Highlighter:
    """Pygments, when installed: Python highlighting with line numbers."""

    def __init__(self) -> None:
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        self._lexer = PythonLexer()
        self._formatter_class = HtmlFormatter
        self.css = HtmlFormatter(style="default").get_style_defs(".code")

    def __call__(self, code: str, first_line: int) -> str:
        from pygments import highlight

        formatter = self._formatter_class(
            linenos="inline", linenostart=first_line, style="default", wrapcode=True
        )
        return str(highlight(code, self._lexer, formatter))


def _highlighter() -> _Highlighter | None:
    try:
        return _Highlighter()
    except ImportError:
        return None


def _code(snippet: str, location: Location, highlighter: _Highlighter | None) -> str:
    code = textwrap.dedent(snippet.expandtabs(4))
    if highlighter is not None:
        return highlighter(code, location.start_line)
    width = len(str(location.start_line + code.count("\n")))
    lines = [
        f'<span class="lineno">{location.start_line + offset:>{width}}</span> {_e(line)}'
        for offset, line in enumerate(code.splitlines())
    ]
    return "<pre><code>" + "\n".join(lines) + "</code></pre>"


# --- escaping -------------------------------------------------------------------------


def _e(text: str) -> str:
    """Escape for element content and quoted attribute values."""
    return html.escape(text, quote=True)


def _inline(text: str) -> str:
    """Escaped text with the rules' `code spans` shown as <code> (escaped inside too)."""
    out: list[str] = []
    position = 0
    while position < len(text):
        run = _BACKTICKS.search(text, position)
        if run is None:
            out.append(_e(text[position:]))
            break
        out.append(_e(text[position : run.start()]))
        width = len(run.group(0))
        closing = next(
            (m for m in _BACKTICKS.finditer(text, run.end()) if len(m.group(0)) == width), None
        )
        if closing is None:
            out.append(_e(run.group(0)))
            position = run.end()
            continue
        out.append(f"<code>{_e(text[run.end() : closing.start()].strip())}</code>")
        position = closing.end()
    return "".join(out)
