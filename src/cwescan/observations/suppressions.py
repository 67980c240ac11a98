"""Remarks about suppression comments: ones that silence nothing, ones without a reason.

These are not found by walking the tree but by comparing a file's suppression comments
with the findings of the whole scan, so they run after the scan (`review_suppressions`).
With `require_reason`, a comment without a reason does not silence its finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cwescan.model import Finding, Location, Observation
from cwescan.observations.framework import ObservationKind, declare_kind
from cwescan.suppress import Suppression, SuppressionIndex

UNUSED = declare_kind(
    ObservationKind(
        id="unused-suppression",
        title="Suppression comment that silences nothing",
        summary=(
            "With `--warn-unused-ignores`: notes `# cwescan: ignore` and `# nosec` comments "
            "on lines where no finding they name was reported."
        ),
        advice=(
            "A stale suppression will silently hide the next real defect on that line; "
            "remove it."
        ),
    )
)
WITHOUT_REASON = declare_kind(
    ObservationKind(
        id="suppression-without-reason",
        title="Suppression comment without a reason",
        summary=(
            "With `--require-reason`: notes suppression comments with no `-- reason`; the "
            "finding they would silence stays reported."
        ),
        advice=(
            "Say why the finding does not apply (`# cwescan: ignore[CWE-78] -- constant "
            "from settings`), so the next reader can check the claim."
        ),
    )
)


def review_suppressions(
    findings: Iterable[Finding],
    indexes: Mapping[str, SuppressionIndex],
    *,
    require_reason: bool,
    warn_unused: bool,
    deselected: frozenset[str] = frozenset(),
) -> list[Observation]:
    """Apply the reason policy to `findings` and describe comments that need attention.

    `indexes` maps display paths to their suppression comments (as parsed during the
    scan, with `used` already set for the findings seen then). `deselected` holds the
    codes switched off by `skips`/`only`: a comment naming only those is not unused.
    """
    remarks: list[Observation] = []
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.location.path, []).append(finding)
    for path in sorted(indexes):
        index = indexes[path]
        reasonless: dict[int, Suppression] = {}
        for finding in by_path.get(path, ()):
            suppression = index.find(finding)
            if suppression is None:
                continue
            suppression.used = True
            if require_reason and suppression.reason is None and finding.suppressed:
                finding.suppressed = False
                finding.suppression_reason = None
                reasonless[suppression.line] = suppression
        for line in sorted(reasonless):
            suppression = reasonless[line]
            remarks.append(
                Observation(
                    kind=WITHOUT_REASON.id,
                    message=(
                        f"Suppression `{_spelling(suppression)}` gives no "
                        "reason, so it was not applied; add one after `--`, e.g. "
                        "`# cwescan: ignore[CWE-78] -- command is a constant`."
                    ),
                    locations=[Location(path, line)],
                )
            )
        if not warn_unused:
            continue
        for suppression in index.all():
            if suppression.used:
                continue
            if suppression.codes and suppression.codes <= deselected:
                continue
            remarks.append(
                Observation(
                    kind=UNUSED.id,
                    message=(
                        f"Suppression `{_spelling(suppression)}` "
                        "silences nothing: no finding it names was reported on that line. "
                        "Remove it so it cannot hide a future defect."
                    ),
                    locations=[Location(path, suppression.line)],
                )
            )
    return remarks


def _spelling(suppression: Suppression) -> str:
    codes = ",".join(sorted(suppression.codes))
    if suppression.style == "nosec":
        return "# nosec" + (f" {codes}" if codes else "")
    return "# cwescan: ignore" + (f"[{codes}]" if codes else "")
