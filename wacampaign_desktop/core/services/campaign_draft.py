"""A campaign being written: one draft object used by the editor and by `campaign create`.

`CampaignDraft.validate()` holds every rule a campaign must meet before it is saved or started
and returns the problems keyed by the field they concern; `save()` writes the draft (only a
campaign still in draft can be changed). A/B variants have one stored shape,
`[{"name": "B", "body": "…"}, {"name": "C", …}]`; rows stored before it as `[{"body": "…"}]`
read the same (`read_variants`), and the engine accepts both. A/B (role G): 2–4 variants in all,
each a text or a template (`variant_templates`, parallel to `variants`), split percentages
(`splits`, A first, summing to 100; stored as each variant's `weight`, A's in an entry named
"A"), and an optional "test then send the winner" plan (`ab_test`). A campaign's own alert
thresholds (`alert_thresholds`, ALERT_RANGES) override the global alert settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wacampaign_desktop.core.engine.rendering import placeholders
from wacampaign_desktop.core.store.models import Campaign

CONTENT_SID_RE = re.compile(r"^HX[0-9a-fA-F]{32}$")
MAX_BODY = 1600  # Twilio refuses longer message bodies
MAX_RATE = 400.0  # messages per second
MAX_VARIANTS = 4  # A/B: A and up to three more
AB_METRICS = ("read", "reply")
# A campaign's own alert thresholds and their ranges (core/alerts_monitor.py reads them).
ALERT_RANGES = {"failure_rate": (0.0, 1.0), "undelivered_rate": (0.0, 1.0),
                "window": (1, 10000), "silence_minutes": (0.0, 1440.0)}
FIELDS = ("name", "body", "variant", "content_sid", "variables", "media", "audience",
          "schedule", "rate")


@dataclass(frozen=True)
class Problem:
    """Why a field cannot be saved as it is: `code` for a translated text, `args` to fill it
    (%1, %2…), `message` in English for the command line and the log."""

    field: str
    code: str
    message: str
    args: tuple[str, ...] = ()


class DraftError(ValueError):
    """The draft cannot be saved; `problems` names the fields."""

    def __init__(self, problems: dict[str, Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems.values()))


class CampaignLocked(ValueError):
    """The campaign was started: it can no longer be edited."""


def variant_name(index: int) -> str:
    """Name of the index-th extra variant: B, C, D…"""
    return chr(ord("B") + index)


def read_variants(stored: Any) -> list[str]:
    """Texts of the A/B variants (B, C…) from a stored `Campaign.variants`, whatever its shape
    ({"name": "B", "body": …} or the older {"body": …}); entries without a text are kept as ""."""
    texts: list[str] = []
    for entry in stored or []:
        if isinstance(entry, dict) and entry.get("name") == "A":
            continue  # A's own split; its text is the campaign's
        if isinstance(entry, dict):
            texts.append(str(entry.get("body") or ""))
        elif isinstance(entry, str):
            texts.append(entry)
    return texts


def stored_variants(texts: list[str], templates: list[dict[str, Any] | None] | None = None,
                    splits: list[int] | None = None) -> list[dict[str, Any]]:
    """The one stored shape of A/B variants; with `splits` (A first) each carries its weight
    and A's goes in an entry named "A"; a template variant carries its content_sid and
    variables, a text variant an empty content_sid (so a template A does not lend it its)."""
    out: list[dict[str, Any]] = []
    weights = list(splits or [])
    if texts and len(weights) == len(texts) + 1:
        out.append({"name": "A", "weight": weights[0]})
    for i, text in enumerate(texts):
        entry: dict[str, Any] = {"name": variant_name(i), "body": text}
        template = (templates or [])[i] if i < len(templates or []) else None
        if template and template.get("content_sid"):
            entry.update(body="", content_sid=str(template["content_sid"]).strip(),
                         content_variables=dict(template.get("content_variables") or {}))
        elif templates is not None:
            entry["content_sid"] = ""
        if len(weights) == len(texts) + 1:
            entry["weight"] = weights[i + 1]
        out.append(entry)
    return out


def read_variant_details(stored: Any) -> tuple[list[dict[str, Any] | None], list[int]]:
    """(template of each variant B, C… or None for a text; splits A first, [] when none)."""
    templates: list[dict[str, Any] | None] = []
    weights: list[int] = []
    a_weight: int | None = None
    for entry in stored or []:
        if not isinstance(entry, dict):
            if isinstance(entry, str):
                templates.append(None)
            continue
        if entry.get("name") == "A":
            a_weight = int(entry.get("weight") or 0)
            continue
        sid = entry.get("content_sid")
        templates.append({"content_sid": sid, "content_variables":
                          dict(entry.get("content_variables") or {})} if sid else None)
        if entry.get("weight") is not None:
            weights.append(int(entry["weight"]))
    splits = [a_weight, *weights] if a_weight is not None and len(weights) == len(templates) \
        else []
    return templates, splits


def template_sources(variables: dict[str, str]) -> list[str]:
    """Template variables as texts to render: a bare field name "city" means "{{city}}"."""
    return [str(v) if "{{" in str(v) else "{{" + str(v) + "}}" for v in variables.values()]


@dataclass
class CampaignDraft:
    name: str = ""
    kind: str = "text"  # "text" | "template"
    body: str = ""
    content_sid: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    media_url: str = ""
    variants: list[str] = field(default_factory=list)  # texts of B, C…; empty: no A/B test
    # A/B (G): per variant B, C… None (a text) or {"content_sid", "content_variables"}; split
    # percentages A first ([] = equal); {"test_share", "wait_minutes", "metric"} to test first
    # then send the winner (None leaves the stored plan as it is; {} = send all variants)
    variant_templates: list[dict[str, Any] | None] = field(default_factory=list)
    splits: list[int] = field(default_factory=list)
    ab_test: dict[str, Any] | None = None
    auto_retry: bool | None = None  # retry retryable failures on their own; None: as stored
    alert_thresholds: dict[str, Any] | None = None  # own alert thresholds ({}: the settings';
    # None: as stored), keys of ALERT_RANGES (G)
    audience: dict[str, Any] = field(default_factory=lambda: {"kind": "all"})
    rate: float = 10.0
    scheduled_at: datetime | None = None  # naive UTC
    sender: str = ""  # "" = the settings' sender
    campaign_id: int | None = None  # None until saved
    # Free text to contacts outside the 24-hour window: "hold" | "template" (the fallback
    # template below) | "send"; None leaves the stored choice as it is (the editor's form)
    outside_window: str | None = None
    fallback_content_sid: str | None = None
    fallback_variables: dict[str, str] | None = None

    # -- reading ---------------------------------------------------------------------------------
    @classmethod
    def from_campaign(cls, c: Campaign) -> CampaignDraft:
        templates, splits = read_variant_details(c.variants)
        plan = c.ab_test if isinstance(c.ab_test, dict) else {}
        return cls(variant_templates=templates, splits=splits, auto_retry=bool(c.auto_retry),
                   alert_thresholds=dict(c.alert_thresholds or {}),
                   ab_test={k: plan[k] for k in ("test_share", "wait_minutes", "metric")
                            if k in plan},
                   name=c.name, kind="template" if c.content_sid else "text", body=c.body or "",
                   content_sid=c.content_sid or "", variables=dict(c.content_variables or {}),
                   media_url=c.media_url or "", variants=read_variants(c.variants),
                   audience=dict(c.audience or {"kind": "all"}), rate=c.send_rate,
                   scheduled_at=c.scheduled_at, sender=c.sender or "", campaign_id=c.id,
                   outside_window=c.outside_window or "hold",
                   fallback_content_sid=c.fallback_content_sid or "",
                   fallback_variables=dict(c.fallback_variables or {}))

    @classmethod
    def load(cls, campaign_id: int) -> CampaignDraft | None:
        campaign = Campaign.get_or_none(Campaign.id == campaign_id)
        return cls.from_campaign(campaign) if campaign is not None else None

    @property
    def template(self) -> bool:
        return self.kind == "template"

    def texts(self) -> list[str]:
        """Every text whose placeholders must render."""
        if self.template:  # a value without {{…}} is a fixed text (or an older bare field name)
            return [str(v) for v in self.variables.values() if "{{" in str(v)]
        return [self.body, *self.variants]

    def unknown_placeholders(self, known_fields: list[str]) -> list[str]:
        known = {f.lower() for f in known_fields}
        out: list[str] = []
        for text in self.texts():
            out += [p for p in placeholders(text) if p.lower() not in known and p not in out]
        return out

    # -- the rules -------------------------------------------------------------------------------
    def validate(self, known_fields: list[str] | None = None,
                 now: datetime | None = None) -> dict[str, Problem]:
        """Problems keyed by field (one per field). `known_fields`: also name placeholders no
        contact can fill; `now`: also refuse a start time already passed."""
        p: dict[str, Problem] = {}

        def add(field_name: str, code: str, message: str, *args: str) -> None:
            p.setdefault(field_name, Problem(field_name, code, message, args))

        if not self.name.strip():
            add("name", "name_missing", "give the campaign a name")
        if not self.template:
            if not self.body.strip():
                add("body", "body_missing", "write the message")
            elif len(self.body) > MAX_BODY:
                add("body", "body_too_long", f"too long: {len(self.body)} characters, WhatsApp "
                    f"through Twilio allows {MAX_BODY}", str(len(self.body)), str(MAX_BODY))
            if self.variables:
                add("variables", "variables_need_template",
                    "template variables need a template SID (Twilio error 21654 otherwise)")
        else:
            if not CONTENT_SID_RE.match(self.content_sid):
                add("content_sid", "content_sid_format",
                    "a template SID starts with HX and has 34 characters")
            if any(not str(k).strip() or not str(v).strip() for k, v in self.variables.items()):
                add("variables", "variables_incomplete",
                    "each variable needs a number (1, 2…) and a contact field")
        if known_fields is not None:
            unknown = self.unknown_placeholders(known_fields)
            where = "variables" if self.template else "body"
            if unknown and where not in p:
                names = ", ".join("{{" + u + "}}" for u in unknown)
                add(where, "unknown_field",
                    f"unknown contact field: {names}; known fields: {', '.join(known_fields)}",
                    names, ", ".join(known_fields))
        self._validate_variants(add)
        if self.media_url and not self.media_url.startswith("https://"):
            add("media", "media_not_https", "the address must start with https:// so Twilio can "
                "fetch it")
        kind = self.audience.get("kind", "all")
        if kind == "tag" and not str(self.audience.get("tag") or "").strip():
            add("audience", "tag_missing", "choose a tag")
        elif kind == "list" and not self.audience.get("contact_ids"):
            add("audience", "contacts_missing", "choose at least one contact")
        elif kind not in ("all", "tag", "list"):
            add("audience", "audience_kind", f"unknown recipients kind {kind!r}")
        if not 0 < self.rate <= MAX_RATE:
            add("rate", "rate_range", f"{self.rate:g}: must be between 0 and {MAX_RATE:g} "
                "messages per second", f"{self.rate:g}")
        if now is not None and self.scheduled_at is not None and self.scheduled_at <= now:
            add("schedule", "schedule_past", "this time has passed")
        self._validate_window(add)
        self._validate_alerts(add)
        return p

    def _validate_alerts(self, add: Any) -> None:
        for name, value in (self.alert_thresholds or {}).items():
            if name not in ALERT_RANGES:
                add("alerts", "alert_unknown", f"unknown alert threshold {name!r} "
                    f"(known: {', '.join(ALERT_RANGES)})", str(name))
                continue
            low, high = ALERT_RANGES[name]
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not low <= value <= high:
                add("alerts", "alert_range", f"{name}: {value} must be between {low:g} and "
                    f"{high:g}", str(name), str(value))

    def _variant_template(self, index: int) -> dict[str, Any] | None:
        templates = self.variant_templates
        return templates[index] if index < len(templates) else None

    def _validate_variants(self, add: Any) -> None:
        """2–4 variants, each with a text or a template; splits summing to 100; the plan."""
        if not self.variants:
            return
        if len(self.variants) + 1 > MAX_VARIANTS:
            add("variant", "variant_count", f"an A/B test has at most {MAX_VARIANTS} versions",
                str(MAX_VARIANTS))
        for i, text in enumerate(self.variants):
            template = self._variant_template(i)
            if template is not None and template.get("content_sid") is not None:
                if not CONTENT_SID_RE.match(str(template.get("content_sid") or "")):
                    add("variant", "variant_template_sid", f"version {variant_name(i)}: choose "
                        "an approved template (a template SID starts with HX)", variant_name(i))
            elif not text.strip():
                add("variant", "variant_missing", "write the text of each A/B version")
            elif len(text) > MAX_BODY:
                add("variant", "body_too_long", f"version {variant_name(i)} is too long",
                    str(len(text)), str(MAX_BODY))
        if self.splits:
            if len(self.splits) != len(self.variants) + 1 or any(v < 1 for v in self.splits):
                add("split", "split_shape", "give each version a share of at least 1 %")
            elif sum(self.splits) != 100:
                add("split", "split_sum", f"the shares add up to {sum(self.splits)} %, not 100 %",
                    str(sum(self.splits)))
        plan = self.ab_test or {}
        if plan:
            share = plan.get("test_share", 0.2)
            if not isinstance(share, int | float) or not 0.01 <= share <= 0.9:
                add("ab_test", "test_share", "the test share must be between 1 % and 90 %")
            wait = plan.get("wait_minutes", 60)
            if not isinstance(wait, int | float) or not 1 <= wait <= 10080:
                add("ab_test", "test_wait", "the wait must be between 1 minute and 7 days")
            if plan.get("metric", "read") not in AB_METRICS:
                add("ab_test", "test_metric", "the winner is chosen by read rate or reply rate")

    def _validate_window(self, add: Any) -> None:
        if self.outside_window is None:
            return
        if self.outside_window not in ("hold", "template", "send"):
            add("outside_window", "outside_window_kind",
                f"unknown choice for contacts outside the 24-hour window {self.outside_window!r}")
        elif self.outside_window == "template" and not self.template:
            if not CONTENT_SID_RE.match(self.fallback_content_sid or ""):
                add("outside_window", "fallback_missing",
                    "choose the approved template sent to contacts outside the 24-hour window")
            elif any(not str(k).strip() or not str(v).strip()
                     for k, v in (self.fallback_variables or {}).items()):
                add("outside_window", "fallback_variables_incomplete",
                    "each variable of that template needs a number (1, 2…) and a contact field")

    # -- writing ---------------------------------------------------------------------------------
    def apply_to(self, campaign: Campaign) -> Campaign:
        """Copy the draft into a (possibly unsaved) Campaign row; nothing is written."""
        campaign.name = self.name.strip()
        campaign.body = "" if self.template else self.body
        campaign.content_sid = self.content_sid.strip() if self.template else None
        campaign.content_variables = dict(self.variables) if self.template else {}
        campaign.media_url = self.media_url.strip() or None
        templates = (self.variant_templates if self.template or any(self.variant_templates)
                     else None)  # text variants of a text campaign keep the older shape
        campaign.variants = stored_variants(self.variants, templates, self.splits)
        if self.ab_test is not None:
            campaign.ab_test = ({**self.ab_test, "phase": "testing"}
                                if self.ab_test and self.variants else None)
        if self.auto_retry is not None:
            campaign.auto_retry = self.auto_retry
        if self.alert_thresholds is not None:
            campaign.alert_thresholds = ({k: int(v) if k == "window" else float(v)
                                          for k, v in self.alert_thresholds.items()} or None)
        campaign.audience = dict(self.audience)
        campaign.send_rate = float(self.rate)
        campaign.scheduled_at = self.scheduled_at
        campaign.sender = self.sender.strip()
        if self.outside_window is not None:
            campaign.outside_window = self.outside_window
            campaign.fallback_content_sid = (self.fallback_content_sid or "").strip() or None
            campaign.fallback_variables = dict(self.fallback_variables or {})
        return campaign

    def unsaved_campaign(self) -> Campaign:
        """An unsaved Campaign row holding the draft (for dry runs)."""
        return self.apply_to(Campaign(name=self.name or "-"))

    def save(self, *, complete: bool = True, known_fields: list[str] | None = None) -> int:
        """Write the draft and return the campaign id. `complete=False` keeps an unfinished
        draft (only a name is needed). Raises DraftError, or CampaignLocked once started."""
        problems = self.validate(known_fields)
        if not complete:
            problems = {k: v for k, v in problems.items() if k == "name"}
        if problems:
            raise DraftError(problems)
        if self.campaign_id is not None:
            campaign = Campaign.get_or_none(Campaign.id == self.campaign_id)
            if campaign is None:
                raise CampaignLocked(f"there is no campaign {self.campaign_id}")
            if campaign.state != "draft":
                raise CampaignLocked(f"campaign {campaign.id} ({campaign.name}) is "
                                     f"{campaign.state}: it can no longer be edited")
        else:
            campaign = Campaign(name="")
        self.apply_to(campaign).save()
        self.campaign_id = campaign.id
        return campaign.id
