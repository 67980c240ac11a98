"""The HTML report: self-contained, filters that work, and nothing scanned can execute.

The escaping is checked in a real browser: Chromium driven by Playwright loads the
report of a file full of script payloads and must neither open a dialog nor lose the
payload text. Those tests skip (saying why) only when Chromium or Playwright is not
installed; CI installs both:

    apt-get install -y chromium
    pip install playwright
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cwescan.config import Config
from cwescan.model import Severity
from cwescan.report import html as html_report
from cwescan.runner import scan

PAYLOAD_SCRIPT = "</script><script>alert(1)</script>"
PAYLOAD_COMMENT = "</script><script>alert(2)</script>"
PAYLOAD_IMG = "<img src=x onerror=alert(4)>"
PAYLOAD_SVG = "<svg onload=alert(5)>"
HOSTILE_NAME = 'evil"><img src=x onerror=alert(3)>.py'
HOSTILE_SOURCE = f"""\
import pickle

# TODO security: {PAYLOAD_COMMENT} check the token
PAYLOAD = "{PAYLOAD_SCRIPT}"


def run(data):
    eval("{PAYLOAD_SCRIPT}" + data)  # {PAYLOAD_IMG}
    return pickle.loads(b"{PAYLOAD_SVG}" + data)
"""


@pytest.fixture
def hostile_report(tmp_path: Path) -> tuple[Path, str]:
    project = tmp_path / "project"
    project.mkdir()
    (project / HOSTILE_NAME).write_text(HOSTILE_SOURCE, encoding="utf-8")
    tests = project / "tests"
    tests.mkdir()
    (tests / "test_calc.py").write_text("def test(x):\n    eval(x)\n", encoding="utf-8")
    result = scan([str(project)], Config(severity_threshold=Severity.INFO))
    assert {f.rule_id for f in result.findings} >= {"PY-EVAL-001", "PY-DESER-001"}
    page = html_report.render(result)
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    return report, page


def test_page_is_self_contained_and_escapes_everything(hostile_report: tuple[Path, str]) -> None:
    _, page = hostile_report
    # the only script is the report's own, pinned by the CSP hash
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 1 and page.count("<script") == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    for raw in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_SVG, "<img src=x", "onerror=alert(3)>"):
        assert raw not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "evil&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.py" in page
    # no network: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.replace(
        'href="https://cwe.mitre.org/', ""))
    assert "<link" not in page


def test_code_is_highlighted_with_pygments(hostile_report: tuple[Path, str]) -> None:
    _, page = hostile_report
    assert '<div class="code"><div class="highlight">' in page
    assert '<span class="k">import</span>' in page or '<span class="kn">return</span>' in page \
        or '<span class="k">return</span>' in page


def test_without_pygments_code_is_plain_and_escaped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(html_report, "_highlighter", lambda: None)
    (tmp_path / "a.py").write_text(f'eval("{PAYLOAD_SCRIPT}" + x)\n', encoding="utf-8")
    page = html_report.render(scan([str(tmp_path)], Config()))
    assert '<pre><code><span class="lineno">1</span> eval(&quot;&lt;/script&gt;' in page
    assert PAYLOAD_SCRIPT not in page


def test_max_details_cuts_with_a_note(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"m{index}.py").write_text("def f(x):\n    eval(x)\n", encoding="utf-8")
    page = html_report.render(scan([str(tmp_path)], Config()), max_details=1)
    assert page.count('<article class="finding') == 1
    assert "Details are shown for the 1 most severe of 3 findings" in page


# --- in a real browser ------------------------------------------------------------------

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _chromium() -> str | None:
    configured = os.environ.get("CWESCAN_CHROMIUM")
    if configured:
        return configured
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, load: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    load(page)
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload) fire
    return page, dialogs, errors


def test_browser_runs_no_injected_code_and_shows_it_literally(
    browser: Any, hostile_report: tuple[Path, str]
) -> None:
    report, _ = hostile_report
    page, dialogs, errors = _open(browser, lambda p: p.goto(report.as_uri()))
    try:
        assert dialogs == []
        assert errors == []
        text = page.inner_text("body")
        for literal in (PAYLOAD_SCRIPT, PAYLOAD_COMMENT, PAYLOAD_IMG, HOSTILE_NAME):
            assert literal in text
        assert page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
        assert page.evaluate("document.scripts.length") == 1
    finally:
        page.close()


def test_escaping_holds_without_the_content_security_policy(
    browser: Any, hostile_report: tuple[Path, str]
) -> None:
    """The CSP is a second wall; the escaping alone must already stop every payload."""
    _, html = hostile_report
    without_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert without_csp != html
    page, dialogs, errors = _open(browser, lambda p: p.set_content(without_csp))
    try:
        assert dialogs == []
        assert errors == []
        assert PAYLOAD_SCRIPT in page.inner_text("body")
        assert page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    finally:
        page.close()


def test_filters_work_in_the_browser(browser: Any, hostile_report: tuple[Path, str]) -> None:
    report, _ = hostile_report
    page, dialogs, errors = _open(browser, lambda p: p.goto(report.as_uri()))
    try:
        assert errors == []
        total = page.locator("article.finding").count()
        assert total >= 3
        assert page.inner_text("#filter-count") == f"{total} of {total} findings shown"
        # the test-code eval is low after the downgrade: "high and above" hides it
        page.select_option("#filter-severity", str(int(Severity.HIGH)))
        visible = page.locator("article.finding:visible")
        assert visible.count() == total - 1
        assert page.inner_text("#filter-count") == f"{total - 1} of {total} findings shown"
        page.select_option("#filter-severity", "")
        page.select_option("#filter-cwe", "CWE-502")
        assert page.locator("article.finding:visible").count() == 1
        page.select_option("#filter-cwe", "")
        test_file = next(
            value for value in page.eval_on_selector_all(
                "#filter-file option", "options => options.map(o => o.value)"
            ) if value.endswith("test_calc.py")
        )
        page.select_option("#filter-file", test_file)
        assert page.locator("article.finding:visible").count() == 1
        # observations of other files are hidden too (the TODO is in the hostile file)
        assert page.locator("li.observation:visible").count() == 0
    finally:
        page.close()
