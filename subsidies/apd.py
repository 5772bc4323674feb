"""The figures of the yearly declaration of official development aid (APD) to the ministry.

What counts, for a year: the published decisions signed that year whose zone (the decision's,
or else its action's) counts as development aid (``Zone.is_oda_eligible``), for the amount they
grant; the published actions starting that year in such a zone and funded by no published
decision, for the Département's contribution (the money of an action with decisions is theirs,
so nothing is counted twice); the published emergency aid of that year that counts as
development aid (``EmergencyAid.oda_eligible``), for its amount. Each line has a recipient
country (ISO 3166-1) and a DAC purpose code (the decision's, or else its action's).

Totals by country and by purpose are sums of these lines, so they add up to the records they
come from, to the cent.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from cooperation.models import Action, EmergencyAid

from .models import Subsidy

ZERO = Decimal("0.00")

SOURCE_LABELS = {
    "subsidy": gettext_lazy("Subvention"),
    "action": gettext_lazy("Action de coopération"),
    "emergency": gettext_lazy("Aide d'urgence"),
}


@dataclass(frozen=True)
class OdaLine:
    source: str  # a key of SOURCE_LABELS
    record_id: int
    label: str
    country_code: str
    purpose_code: str  # "" when the record has none
    purpose_name: str
    amount: Decimal

    @property
    def source_label(self):
        return SOURCE_LABELS[self.source]


@dataclass(frozen=True)
class OdaTotal:
    code: str
    label: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class OdaDeclaration:
    year: int
    lines: list
    by_country: list
    by_purpose: list
    total: Decimal


def _purpose(purpose):
    return (purpose.code, str(purpose)) if purpose else ("", "")


def oda_lines(year):
    """Every record that the declaration of ``year`` counts (three queries)."""
    eligible_zone = Q(zone__is_oda_eligible=True) | Q(
        zone__isnull=True, action__zone__is_oda_eligible=True
    )
    decisions = (
        Subsidy.objects.published()
        .for_year(year)
        .filter(eligible_zone)
        .select_related("zone", "action__zone", "action__dac_purpose", "dac_purpose", "beneficiary")
        .order_by("convention_date", "pk")
    )
    lines = []
    for decision in decisions:
        zone = decision.zone or decision.action.zone
        purpose = decision.dac_purpose or (decision.action.dac_purpose if decision.action else None)
        lines.append(
            OdaLine(
                "subsidy",
                decision.pk,
                f"{decision.reference} · {decision.beneficiary.name} · {decision.object}",
                zone.country_code,
                *_purpose(purpose),
                decision.granted_amount,
            )
        )
    funded = Subsidy.objects.published().filter(action=OuterRef("pk"))
    actions = (
        Action.objects.published()
        .filter(start_year=year, zone__is_oda_eligible=True)
        .exclude(Exists(funded))
        .select_related("zone", "dac_purpose")
        .order_by("title", "pk")
    )
    for action in actions:
        lines.append(
            OdaLine(
                "action",
                action.pk,
                action.title,
                action.zone.country_code,
                *_purpose(action.dac_purpose),
                action.contribution,
            )
        )
    aids = (
        EmergencyAid.objects.published()
        .filter(year=year)
        .oda_eligible()
        .select_related("dac_purpose")
        .order_by("title", "pk")
    )
    for aid in aids:
        lines.append(
            OdaLine(
                "emergency",
                aid.pk,
                aid.title,
                aid.country_code,
                *_purpose(aid.dac_purpose),
                aid.amount,
            )
        )
    return lines


def _totals(lines, key, label):
    amounts = defaultdict(lambda: ZERO)
    counts = defaultdict(int)
    labels = {}
    for line in lines:
        amounts[key(line)] += line.amount
        counts[key(line)] += 1
        labels[key(line)] = label(line)
    return sorted(
        (OdaTotal(code, labels[code], counts[code], amounts[code]) for code in amounts),
        key=lambda total: (-total.amount, total.code),
    )


def oda_declaration(year):
    """The declaration of ``year``: its lines, totals by recipient country and by purpose."""
    lines = oda_lines(year)
    return OdaDeclaration(
        year=year,
        lines=lines,
        by_country=_totals(
            lines,
            key=lambda line: line.country_code,
            label=lambda line: str(countries.name(line.country_code)) or line.country_code,
        ),
        by_purpose=_totals(
            lines,
            key=lambda line: line.purpose_code,
            label=lambda line: line.purpose_name or _("Code objet non renseigné"),
        ),
        total=sum((line.amount for line in lines), ZERO),
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value):
    """A text a spreadsheet shows as typed, never runs as a formula (an action's title)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def oda_csv_rows(declaration):
    """The declaration as rows of one table: the totals by recipient country, by purpose, the
    grand total, then each record counted, so that the file shows what each total adds up."""
    yield [_("rubrique"), _("pays"), _("code objet CAD"), _("libellé"), _("nombre"), _("montant")]
    for total in declaration.by_country:
        yield [_("total par pays"), total.code, "", total.label, total.count, total.amount]
    for total in declaration.by_purpose:
        yield [_("total par code objet"), "", total.code, total.label, total.count, total.amount]
    yield [_("total"), "", "", str(declaration.year), len(declaration.lines), declaration.total]
    for line in declaration.lines:
        yield [
            str(line.source_label),
            line.country_code,
            line.purpose_code,
            _text_cell(line.label),
            1,
            line.amount,
        ]
