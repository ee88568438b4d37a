"""RulesService: the reply rules as the GUI and the CLI see them — list, save (checked: an
invalid regular expression is refused with a plain message), delete, reorder, enable, and
`test`: which rule would fire on a message and what it would send ("try a message")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from wacampaign_desktop.core.automation.actions import local_time, template_variables
from wacampaign_desktop.core.automation.decide import Decision, decide
from wacampaign_desktop.core.automation.guard import cooling_down
from wacampaign_desktop.core.automation.matching import (
    DEFAULT_HOURS,
    MATCH_KINDS,
    Incoming,
    Rule,
    problems,
)
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.engine.window import in_window
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store import rules as store

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

__all__ = ["DEFAULT_HOURS", "MATCH_KINDS", "Decision", "Rule", "RuleProblem", "RulesService",
           "TemplateChoice"]


@dataclass(frozen=True)
class TemplateChoice:
    """An approved template as pickers show it."""

    sid: str
    label: str  # "name (language)"
    body: str = ""
    placeholders: tuple[str, ...] = ()
    samples: dict[str, str] = field(default_factory=dict)

    def filled(self, variables: dict[str, str]) -> str:
        """The body with {{1}}… replaced by `variables` (what the contact will read)."""
        text = self.body
        for key, value in variables.items():
            text = text.replace("{{" + key + "}}", value)
        return text


class RuleProblem(ValueError):
    """A rule that cannot be saved; `problems` lists each reason in plain words."""

    def __init__(self, found: list[str]) -> None:
        super().__init__(" ".join(found))
        self.problems = found


class RulesService:
    def __init__(self, context: AppContext | None = None, clock: Clock | None = None) -> None:
        self._context = context
        self._clock = clock or (context.clock if context is not None else SYSTEM_CLOCK)

    @property
    def settings(self) -> Settings:
        return self._context.settings if self._context is not None else Settings()

    # -- editing ----------------------------------------------------------------------------
    def list(self) -> list[Rule]:
        return store.list_rules()

    def get(self, rule_id: int) -> Rule | None:
        return store.get_rule(rule_id)

    def new_rule(self, **fields: object) -> Rule:
        """A rule not yet saved, with the default cooldown from the settings."""
        values: dict[str, object] = {"id": None, "name": "", "match_kind": "contains",
                                     "cooldown_minutes": self.settings.auto_reply_cooldown_minutes}
        values.update(fields)
        return Rule(**values)  # type: ignore[arg-type]

    @staticmethod
    def problems(rule: Rule) -> list[str]:
        return problems(rule)

    def save(self, rule: Rule) -> Rule:
        """Insert or update `rule`; raises RuleProblem (nothing saved) when it is not valid."""
        found = problems(rule)
        if found:
            raise RuleProblem(found)
        if rule.match_kind == "after_hours" and not rule.business_hours:
            rule = replace(rule, business_hours=dict(DEFAULT_HOURS))
        return store.save_rule(rule, self._clock.now())

    def delete(self, rule_id: int) -> bool:
        return store.delete_rule(rule_id)

    def move(self, rule_id: int, offset: int) -> list[Rule]:
        return store.move_rule(rule_id, offset)

    def set_enabled(self, rule_id: int, enabled: bool) -> None:
        store.set_enabled(rule_id, enabled)

    @staticmethod
    def campaigns() -> list[tuple[int, str]]:
        return store.campaign_choices()

    def templates(self) -> list[TemplateChoice]:
        """Approved templates (they can be sent outside the 24-hour window); empty until the
        templates were synced."""
        try:
            from wacampaign_desktop.core.services.templates import TemplatesService

            found = TemplatesService(self._context).list(sendable_only=True)
        except Exception:  # not synced yet, or the templates table is not there
            return []
        return [TemplateChoice(t.sid, f"{t.name} ({t.language})" if t.language else t.name,
                               t.body, tuple(t.placeholders), dict(t.samples)) for t in found]

    # -- try a message ----------------------------------------------------------------------
    def test(self, text: str, contact: str | None = None, campaign: int | None = None,
             at: datetime | None = None, rules: list[Rule] | None = None) -> Decision:
        """Which rule would fire on `text` and what it would send. `contact`: a phone (E.164)
        whose facts count (opted out, 24-hour window, cooldown); None = someone who just
        wrote. `campaign`: the campaign it answers. `at`: when (naive UTC; default now).
        `rules`: test these (e.g. unsaved edits) instead of the saved ones."""
        now = at or self._clock.now()
        candidates = [r for r in (rules if rules is not None else store.list_rules()) if r.enabled]
        message = Incoming(text, campaign, local_time(now, self.settings.business_timezone))
        row = store.contact_facts(contact) if contact else None
        name, phone = (row.name, row.phone) if row is not None else ("", contact or "")
        fields = dict(row.fields or {}) if row is not None else {}
        return decide(
            candidates, message,
            window_open=True if row is None else in_window(row.last_inbound_at, now),
            opted_out=bool(row is not None and row.opted_out),
            cooling_down=lambda rule: bool(row is not None and rule.id is not None and cooling_down(
                store.last_auto_reply_at(row.phone, rule.id), rule.cooldown_minutes, now)),
            variables=lambda rule: template_variables(rule, name, phone, fields))
