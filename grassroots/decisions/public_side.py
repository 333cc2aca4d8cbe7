"""What anonymous visitors may see of the matters households decide (issue 9): per commune and village,
the decided matters with their bulletins and what is open now; the latest decisions near a chosen unit;
and the check of a receipt against a bulletin.

Only what is public: a decided matter's title, dates, whether it was adopted and its bulletin; an open
matter's title and dates. Never a draft, a matter still collecting consents, its details or any note of
the people who run it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from grassroots.accounts.throttle import client_ip
from grassroots.territory.models import Unit

from .actions import receipt_hash
from .models import COUNTED, Ballot, Matter, MatterVillage, Status

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# The states a visitor may see: open for decision, and every state once counted.
PUBLIC_STATES = frozenset({Status.OPEN, *COUNTED})
LATEST_NEAR_YOU = 5
NEAR_COOKIE = "near_unit"
NEAR_COOKIE_DAYS = 365
# Receipt checks per address and window: enough for a family checking its receipts, too few to try codes.
RECEIPT_CHECKS_PER_ADDRESS = 20
RECEIPT_CHECK_WINDOW_SECONDS = 10 * 60


def vietnam_time(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(VIETNAM) if moment is not None else None


def vietnam_iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with the +07:00 offset: "2026-12-03T14:05:00+07:00"."""
    local = vietnam_time(moment)
    return local.isoformat(timespec="seconds") if local is not None else None


def unit_matters(unit: Unit) -> Q:
    """The matters that concern the unit: a village's own and the commune-wide ones that cover it; for
    a commune (or a province) every matter of it or of a unit below it."""
    if unit.is_village_level:
        return Q(unit=unit) | Q(pk__in=MatterVillage.objects.filter(unit=unit).values("matter_id"))
    return Q(unit__path__startswith=unit.path)


def public_matters(unit: Unit) -> tuple[QuerySet[Matter], QuerySet[Matter]]:
    """(open now, decided), the decided newest first."""
    rows = Matter.objects.filter(unit_matters(unit), status__in=PUBLIC_STATES).select_related("unit")
    open_now = rows.filter(status=Status.OPEN).order_by("closes_at", "pk")
    decided = rows.filter(status__in=COUNTED).order_by("-closed_at", "-pk")
    return open_now, decided


def has_public_matters(unit: Unit) -> bool:
    return Matter.objects.filter(unit_matters(unit), status__in=PUBLIC_STATES).exists()


# --- Decisions near you (the home page) --------------------------------------------------------------
def units_with_decisions() -> list[Unit]:
    """The units a visitor may choose on the home page: those with a public matter, and their communes."""
    matters = Matter.objects.filter(status__in=PUBLIC_STATES)
    ids = set(matters.values_list("unit_id", flat=True))
    ids |= set(MatterVillage.objects.filter(matter__in=matters).values_list("unit_id", flat=True))
    units = list(Unit.objects.filter(pk__in=ids).select_related("parent"))
    parents = {u.parent for u in units if u.is_village_level and u.parent is not None}
    return sorted({*units, *parents}, key=lambda u: u.path)


def unit_label(unit: Unit) -> str:
    """A village's name alone is often "Thôn 1": with its commune it is one of a kind."""
    if unit.is_village_level and unit.parent is not None:
        return f"{unit.parent.name} – {unit.name}"
    return unit.name


@dataclass
class NearYou:
    choices: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    unit: Unit | None = None
    decisions: list[Matter] = field(default_factory=list)
    remember: str | None = None  # the code to keep in the cookie, when the visitor chose one now
    forget: bool = False

    def context(self) -> dict[str, object]:
        return {"near_choices": self.choices, "near_unit": self.unit, "near_decisions": self.decisions}

    def set_cookie(self, response: HttpResponse) -> HttpResponse:
        if self.forget:
            response.delete_cookie(NEAR_COOKIE, samesite="Lax")
        elif self.remember:
            response.set_cookie(
                NEAR_COOKIE, self.remember, max_age=NEAR_COOKIE_DAYS * 86400, httponly=True, samesite="Lax"
            )
        return response


def decisions_near(request: HttpRequest) -> NearYou:
    """The latest decisions of the unit chosen in the querystring (`?unit=<code>`), or of the one the
    visitor chose before (a cookie)."""
    units = units_with_decisions()
    by_code = {u.code: u for u in units}
    near = NearYou(choices=[(u.code, unit_label(u)) for u in units])
    asked = str(request.GET.get("unit", ""))[:32]
    if "unit" in request.GET and not asked:
        near.forget = True  # "Choose…" again: the visitor takes the choice back
        return near
    code = asked if asked in by_code else str(request.COOKIES.get(NEAR_COOKIE, ""))[:32]
    near.unit = by_code.get(code)
    if near.unit is None:
        return near
    if asked == code:
        near.remember = code
    near.decisions = list(
        Matter.objects.filter(unit_matters(near.unit), status__in=COUNTED)
        .select_related("unit")
        .order_by("-closed_at", "-pk")[:LATEST_NEAR_YOU]
    )
    return near


# --- Check my receipt ----------------------------------------------------------------------------
RECEIPT_SEPARATORS = re.compile(r"[\s\-.]+")


def normalize_receipt(text: str) -> str:
    """The receipt as it was issued (hex digits in capitals), however it was pasted."""
    return RECEIPT_SEPARATORS.sub("", text).upper()[:64]


def receipt_counted(matter: Matter, receipt: str) -> bool:
    """Whether a ballot of the matter's counted round carries this receipt. The receipt is hashed here
    and compared with the published hashes; nothing is stored, nothing ties the check to a person."""
    code = normalize_receipt(receipt)
    if not code:
        return False
    return Ballot.objects.filter(matter=matter, round=matter.round, receipt_hash=receipt_hash(code)).exists()


def receipt_check_throttled(request: HttpRequest) -> bool:
    """Count one check from the client's address; True once it has made too many in the window."""
    # The address only as a keyed hash, even in the cache.
    address = salted_hmac("grassroots.decisions.receipt-checks", client_ip(request) or "unknown").hexdigest()
    key = f"decisions:receipt-checks:{address}"
    cache.add(key, 0, RECEIPT_CHECK_WINDOW_SECONDS)
    try:
        checks = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RECEIPT_CHECK_WINDOW_SECONDS)
        checks = 1
    return checks > RECEIPT_CHECKS_PER_ADDRESS
