"""Key figures (home page, /chiffres-cles/), each computed from the published records (budget
lines too: a line being entered is a draft)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from cooperation.choices import Domain
from cooperation.models import Action, SdgGoal, Zone
from cresi.models import CatalogueRecord, Resource, TrainingSession
from europe.models import EUProject
from subsidies.choices import PARENT_LINE, ProgrammeLine
from subsidies.models import BudgetLine, Subsidy, SubsidyTotal


@dataclass(frozen=True)
class HomeFigures:
    zone_count: int
    action_count: int
    total_contribution: Decimal
    latest_year: "YearFigures | None" = None
    training_year: int | None = None
    training_days: Decimal | None = None


def home_figures():
    action_totals = Action.objects.published().totals()
    sessions = TrainingSession.objects.published()
    training_year = sessions.last_full_year()
    return HomeFigures(
        zone_count=Zone.objects.published().count(),
        action_count=action_totals["count"],
        total_contribution=action_totals["contribution"],
        latest_year=latest_year_figures(),
        training_year=training_year,
        training_days=sessions.in_year(training_year).total_days() if training_year else None,
    )


ZERO = Decimal("0.00")
LINE_ORDER = {line: index for index, line in enumerate(ProgrammeLine.values)}


@dataclass(frozen=True)
class YearFigures:
    """The latest year's budget and subsidies, for the home page (three queries)."""

    year: int
    cooperation_budget: Decimal | None
    subsidies_budget: Decimal | None
    subsidy_count: int
    subsidies_granted: Decimal


def latest_year_figures():
    """The figures of the latest year holding a voted budget or a published decision."""
    recent_lines = list(BudgetLine.objects.published().order_by("-year")[: len(ProgrammeLine) * 2])
    budget_year = recent_lines[0].year if recent_lines else None
    subsidy_year = Subsidy.objects.published().latest_year()
    year = max((y for y in (budget_year, subsidy_year) if y is not None), default=None)
    if year is None:
        return None
    voted = {line.line: line.amount for line in recent_lines if line.year == year}
    totals = SubsidyTotal.objects.published().for_year(year).totals()
    return YearFigures(
        year=year,
        cooperation_budget=voted.get(ProgrammeLine.DECENTRALISED_COOPERATION),
        subsidies_budget=voted.get(ProgrammeLine.SUBSIDIES),
        subsidy_count=totals["count"],
        subsidies_granted=totals["amount"],
    )


def subsidies_by_year():
    """Count and total of the published decisions of each year, oldest first (one query)."""
    return list(SubsidyTotal.objects.published().by_year())


def figure_years(by_year=None):
    """Every year with a voted budget or a published decision, latest first.

    ``by_year`` is ``subsidies_by_year()`` when the caller already has it.
    """
    years = set(BudgetLine.objects.published().years())
    years.update(row["year"] for row in (subsidies_by_year() if by_year is None else by_year))
    return sorted(years, reverse=True)


@dataclass(frozen=True)
class BudgetRow:
    line: str
    label: str
    amount: Decimal
    is_part: bool


@dataclass(frozen=True)
class KeyFigures:
    """Everything /chiffres-cles/ shows for one year, and the trend over every year."""

    year: int
    budget: list[BudgetRow]
    budget_total: Decimal
    subsidies_budget: Decimal | None
    subsidy_count: int
    subsidies_granted: Decimal
    by_zone: list[dict] = field(default_factory=list)
    by_domain: list[dict] = field(default_factory=list)
    by_sdg_goal: list[dict] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    training_days: Decimal = ZERO
    document_count: int = 0
    resource_count: int = 0

    @property
    def subsidies_rate(self):
        """Share of the voted subsidies line that decisions commit, in per cent."""
        if not self.subsidies_budget:
            return None
        return round(self.subsidies_granted * 100 / self.subsidies_budget)

    @property
    def training_days_label(self):
        """What ``training_days`` counts, in the language of the request: French keeps the
        singular below 2 (« 0 jour », « 1,5 jour »), English for 1 only (« 1.5 days »)."""
        days = self.training_days
        if days == days.to_integral_value():
            label = ngettext(
                "jour de formation du CRESI en %(year)s",
                "jours de formation du CRESI en %(year)s",
                int(days),
            )
        elif days < 2:
            label = pgettext(
                "a fractional number of days, below 2", "jour de formation du CRESI en %(year)s"
            )
        else:
            label = pgettext(
                "a fractional number of days, 2 or more", "jours de formation du CRESI en %(year)s"
            )
        return label % {"year": self.year}


def key_figures(year, by_year=None):
    """The figures of ``year``; ``by_year`` is ``subsidies_by_year()`` if already computed."""
    lines = sorted(
        BudgetLine.objects.published().for_year(year), key=lambda line: LINE_ORDER[line.line]
    )
    # A sub-line comes right after the line it is part of.
    ordered = [line for line in lines if line.line not in PARENT_LINE]
    for line in lines:
        if line.line in PARENT_LINE:
            parents = [index for index, top in enumerate(ordered) if top.line == line.parent_line]
            ordered.insert(parents[0] + 1 if parents else len(ordered), line)
    budget = [
        BudgetRow(line.line, line.get_line_display(), line.amount, line.line in PARENT_LINE)
        for line in ordered
    ]
    year_totals = SubsidyTotal.objects.published().for_year(year)
    totals = year_totals.totals()
    voted_by_year = {}
    for line_year, line, amount in (
        BudgetLine.objects.published()
        .filter(line__in=[ProgrammeLine.DECENTRALISED_COOPERATION, ProgrammeLine.SUBSIDIES])
        .values_list("year", "line", "amount")
    ):
        voted_by_year.setdefault(line_year, {})[line] = amount
    granted_by_year = {
        row["year"]: row for row in (subsidies_by_year() if by_year is None else by_year)
    }
    trend = [
        {
            "year": trend_year,
            "cooperation_budget": voted_by_year.get(trend_year, {}).get(
                ProgrammeLine.DECENTRALISED_COOPERATION
            ),
            "subsidies_budget": voted_by_year.get(trend_year, {}).get(ProgrammeLine.SUBSIDIES),
            "count": granted_by_year.get(trend_year, {}).get("count", 0),
            "amount": granted_by_year.get(trend_year, {}).get("amount", ZERO),
        }
        for trend_year in sorted(set(voted_by_year) | set(granted_by_year))
    ]
    return KeyFigures(
        year=year,
        budget=budget,
        budget_total=sum((row.amount for row in budget if not row.is_part), ZERO),
        subsidies_budget=next(
            (row.amount for row in budget if row.line == ProgrammeLine.SUBSIDIES), None
        ),
        subsidy_count=totals["count"],
        subsidies_granted=totals["amount"],
        by_zone=labelled_by_zone(year_totals.by_zone(), year),
        by_domain=labelled_by_domain(year_totals.by_domain(), year),
        by_sdg_goal=figures_by_sdg_goal(year),
        trend=trend,
        training_days=TrainingSession.objects.published().in_year(year).total_days(),
        document_count=CatalogueRecord.objects.published().count(),
        resource_count=Resource.objects.published().count(),
    )


def figures_by_sdg_goal(year):
    """Per Sustainable Development Goal: the published actions running in ``year`` and the
    decisions of ``year`` (count, total granted), each with the link to its list; only the
    goals something is tagged with (three queries). A record of several goals counts under
    each, so the rows do not add up to the year's total."""
    decisions = {
        row["sdg_goals"]: row for row in Subsidy.objects.published().for_year(year).by_sdg_goal()
    }
    actions = Action.objects.published().in_year(year).sdg_goal_counts()
    numbers = sorted(set(decisions) | set(actions))
    goals = SdgGoal.objects.in_bulk(numbers)
    return [
        {
            "goal": goals[number],
            "action_count": actions.get(number, 0),
            "action_list_url": f"{reverse('cooperation:action-list')}?"
            + urlencode({"annee": year, "odd": number}),
            "count": decisions.get(number, {}).get("count", 0),
            "amount": decisions.get(number, {}).get("amount", ZERO),
            "list_url": subsidy_list_url(annee=year, odd=number),
        }
        for number in numbers
        if number in goals
    ]


def subsidy_list_url(**criteria):
    return f"{reverse('subsidies:subsidy-list')}?{urlencode(criteria)}"


def labelled_by_zone(rows, year):
    """The totals of ``year`` per zone, each with its ``label`` in the language of the request
    and the ``list_url`` of its decisions (none for the decisions of no zone)."""
    rows = list(rows)
    for row in rows:
        if row["zone__slug"] is None:
            row["label"] = _("Sans zone partenaire")
        elif row["zone__name_en"] and (get_language() or "").startswith("en"):
            row["label"] = row["zone__name_en"]
        else:
            row["label"] = row["zone__name"]
        if row["zone__slug"]:
            row["list_url"] = subsidy_list_url(annee=year, zone=row["zone__slug"])
    return rows


def labelled_by_domain(rows, year):
    """The totals of ``year`` per domain, each with its ``label`` and the ``list_url`` of its
    decisions (none for the decisions of no domain)."""
    rows = list(rows)
    for row in rows:
        row["label"] = (
            str(Domain(row["domain"]).label) if row["domain"] else _("Domaine non précisé")
        )
        if row["domain"]:
            row["list_url"] = subsidy_list_url(annee=year, domaine=row["domain"])
    return rows


def content_per_zone():
    """Every zone with how many actions, subsidy decisions and EU projects name it (drafts
    included: the admin's view), in the zones' order; four queries whatever the counts."""
    from django.db.models import Count

    def per_zone(model):
        return dict(
            model.objects.filter(zone__isnull=False)
            .values_list("zone")
            .annotate(count=Count("pk"))
            .order_by()
        )

    actions, subsidies, projects = per_zone(Action), per_zone(Subsidy), per_zone(EUProject)
    return [
        {
            "zone": zone,
            "actions": actions.get(zone.pk, 0),
            "subsidies": subsidies.get(zone.pk, 0),
            "projects": projects.get(zone.pk, 0),
        }
        for zone in Zone.objects.all()
    ]
