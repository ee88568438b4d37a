"""The editor's words for templates, in the interface language: approval statuses, why a
template cannot be sent, and the problems that stop a template campaign (core's structured
`TemplateProblem`, core/services/template_check.py), each naming the contact and placeholder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.gui.models.phone_text import display_phone


def status_text(status: str) -> str:
    words = {
        "approved": QCoreApplication.translate("TemplateWords", "Approved"),
        "pending": QCoreApplication.translate("TemplateWords", "Pending approval"),
        "rejected": QCoreApplication.translate("TemplateWords", "Rejected"),
        "paused": QCoreApplication.translate("TemplateWords", "Paused"),
        "disabled": QCoreApplication.translate("TemplateWords", "Disabled"),
        "unsubmitted": QCoreApplication.translate("TemplateWords", "Not submitted"),
    }
    return words.get(status, status)


def unsendable_text(status: str, rejection_reason: str = "") -> str:
    """Why a template with this status cannot be chosen ("" when approved)."""
    words = {
        "pending": QCoreApplication.translate(
            "TemplateWords", "WhatsApp has not approved this template yet. Only approved "
            "templates can be sent."),
        "rejected": QCoreApplication.translate(
            "TemplateWords", "WhatsApp rejected this template. Only approved templates can be "
            "sent."),
        "paused": QCoreApplication.translate(
            "TemplateWords", "WhatsApp paused this template (too many people blocked or reported "
            "it). Only approved templates can be sent."),
        "disabled": QCoreApplication.translate(
            "TemplateWords", "WhatsApp disabled this template. Only approved templates can be "
            "sent."),
        "unsubmitted": QCoreApplication.translate(
            "TemplateWords", "This template was never submitted to WhatsApp for approval. Only "
            "approved templates can be sent."),
    }
    if status == "approved":
        return ""
    text = words.get(status) or QCoreApplication.translate(
        "TemplateWords", "Only approved templates can be sent.")
    if rejection_reason:
        text += "\n" + QCoreApplication.translate("TemplateWords", "Reason: %1").replace(
            "%1", rejection_reason)
    return text


def category_text(category: str) -> str:
    words = {
        "MARKETING": QCoreApplication.translate("TemplateWords", "Marketing"),
        "UTILITY": QCoreApplication.translate("TemplateWords", "Utility"),
        "AUTHENTICATION": QCoreApplication.translate("TemplateWords", "Authentication"),
    }
    return words.get(category, category.capitalize())


def who(problem: Any) -> str:
    phone = display_phone(problem.phone) if problem.phone else ""
    return f"{problem.name} ({phone})" if problem.name else phone


def problem_text(problem: Any) -> str:
    """One TemplateProblem in words: "Dana (+33 6 12 34 56 04): {{2}} has no value (city)"."""
    code, variable = problem.code, "{{" + str(problem.variable) + "}}"
    if code == "template_not_synced":
        return QCoreApplication.translate(
            "TemplateWords", "This template is not among the synced templates: click Sync "
            "templates, then choose an approved one.")
    if code == "template_not_approved":
        return QCoreApplication.translate("TemplateWords", "“%1” cannot be sent: %2").replace(
            "%1", problem.template).replace("%2", status_text(problem.status).lower())
    if code == "unmapped":
        return QCoreApplication.translate(
            "TemplateWords", "%1 has no value: choose a contact field or type a fixed text.") \
            .replace("%1", variable)
    if code == "missing":
        text = QCoreApplication.translate(
            "TemplateWords", "%1: %2 has no value (the contact’s “%3” is empty).")
        return text.replace("%1", who(problem)).replace("%2", variable).replace("%3", problem.field)
    words = {
        "empty": QCoreApplication.translate("TemplateWords", "%1: %2 is empty."),
        "newline": QCoreApplication.translate("TemplateWords", "%1: %2 contains a line break."),
        "tab": QCoreApplication.translate("TemplateWords", "%1: %2 contains a tab."),
        "spaces": QCoreApplication.translate(
            "TemplateWords", "%1: %2 has more than four spaces in a row."),
    }
    text = words.get(code)
    if text is None:
        return problem.message
    return text.replace("%1", who(problem)).replace("%2", variable)
