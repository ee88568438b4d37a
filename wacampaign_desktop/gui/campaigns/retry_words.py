"""What "Retry failed" did, in the interface language: "5 requeued. Left: 12 not retryable —
Not on WhatsApp; 3 reached the 3-attempt limit." (the core's RetryReport)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.core.engine.retries import LIMIT, OPTED_OUT, RetryReport
from wacampaign_desktop.gui.models.labels import error_explanation


def retry_report_text(report: RetryReport) -> str:
    lines = [QCoreApplication.translate("RetryReport", "%1 message(s) sent again.").replace("%1", str(report.requeued))]
    if report.left:
        lines.append(QCoreApplication.translate("RetryReport", "Left as they are:"))
    for reason, count in sorted(report.left.items(), key=lambda item: -item[1]):
        if reason == LIMIT:
            text = QCoreApplication.translate("RetryReport", "%1 reached the limit of %2 attempts").replace(
                "%2", str(report.max_attempts))
        elif reason == OPTED_OUT:
            text = QCoreApplication.translate("RetryReport", "%1 opted out")
        else:
            title = error_explanation(int(reason))[0] if reason else ""
            text = QCoreApplication.translate("RetryReport", "%1 cannot be sent again: %2").replace("%2", title or str(reason))
        lines.append("• " + text.replace("%1", str(count)))
    return "\n".join(lines)
