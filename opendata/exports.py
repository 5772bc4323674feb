"""The rows of the CSV files the open-data page adds: cooperation actions, EU projects.

Each file is read from the database in chunks and written as it comes (like the SCDL export,
``subsidies/views.py``), in French whatever the language of the page that links to it: column
names and values are the file's schema, documented on ``/donnees/``.
"""

import csv

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cooperation.models import Partner
from core.links import absolute_url
from europe.models import ProjectPartner
from results.choices import Measure
from results.models import Result
from subsidies.views import Echo, batched

CHUNK_SIZE = 500


# What each column holds, for the open-data page (``datasets.py``).
ACTION_COLUMNS_DOC = (
    ("identifiant", _("identifiant de l'action dans l'adresse de sa page")),
    ("titre", _("titre de l'action")),
    ("zone", _("zone partenaire")),
    ("code_pays", _("code pays ISO 3166-1 de la zone (EU pour l'Union européenne)")),
    ("domaine", _("domaine de l'action")),
    ("etat", _("en préparation, en cours ou terminée")),
    ("annee_debut", _("année de début")),
    ("annee_fin", _("année de fin, vide pour une action sans échéance")),
    ("budget_total", _("budget total en euros, tous financeurs confondus (point décimal)")),
    ("contribution_departement", _("contribution du Département en euros")),
    ("partenaires", _("partenaires de l'action, séparés par « ; »")),
    ("resume", _("résumé")),
    ("odd", _("objectifs de développement durable (numéros), séparés par « ; »")),
    ("cibles_odd", _("cibles des objectifs (6.1…), séparées par « ; »")),
    ("code_cad", _("code objet CAD de l'OCDE, 5 chiffres")),
    ("adresse", _("adresse de la page de l'action")),
    ("resultat", _("résultat attendu (une ligne par indicateur ; vide sans résultat publié)")),
    ("indicateur", _("indicateur du résultat")),
    ("unite", _("unité de l'indicateur (« % » pour un pourcentage)")),
    ("valeur_reference", _("valeur de référence")),
    ("annee_reference", _("année de la valeur de référence")),
    ("cible", _("valeur cible")),
    ("annee_cible", _("année de la cible")),
    ("derniere_valeur", _("dernière valeur mesurée")),
    ("periode_derniere_valeur", _("période de la dernière valeur (AAAA-MM-JJ/AAAA-MM-JJ)")),
)

EU_PROJECT_COLUMNS_DOC = (
    ("identifiant", _("identifiant du projet dans l'adresse de sa page")),
    ("nom", _("nom du projet")),
    ("acronyme", _("acronyme")),
    ("programme", _("programme européen")),
    ("fonds", _("fonds européen")),
    ("etat", _("état du projet")),
    ("debut", _("date de début (AAAA-MM-JJ)")),
    ("fin", _("date de fin (AAAA-MM-JJ)")),
    ("budget_total", _("budget total en euros")),
    ("contribution_ue", _("contribution de l'Union européenne en euros")),
    ("part_departement", _("part du Département en euros")),
    ("zone", _("zone partenaire, s'il y a lieu")),
    ("themes", _("thèmes, séparés par « ; »")),
    ("partenaire", _("nom du partenaire de la ligne (une ligne par partenaire)")),
    ("partenaire_pays", _("pays du partenaire, code ISO 3166-1")),
    ("partenaire_role", _("chef de file, partenaire ou partenaire associé")),
    ("adresse", _("adresse de la page du projet")),
)

ACTION_COLUMNS = tuple(name for name, _meaning in ACTION_COLUMNS_DOC)
EU_PROJECT_COLUMNS = tuple(name for name, _meaning in EU_PROJECT_COLUMNS_DOC)


def _amount(value):
    return "" if value is None else f"{value:.2f}"


def _date(value):
    return value.isoformat() if value else ""


def _figure(value):
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def actions_for_export(actions):
    """``actions`` (already filtered) with what each row needs, read chunk by chunk."""
    results = Result.objects.published().with_indicators().order_by("position", "pk")
    return (
        actions.select_related("zone", "dac_purpose")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("results", queryset=results, to_attr="published_results"),
            "sdg_goals",
            "sdg_targets",
        )
        .order_by("-start_year", "title", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def indicator_columns(result, indicator):
    """The result columns of one indicator's row."""
    latest = indicator.latest
    return [
        result.title,
        indicator.title,
        "%" if indicator.measure == Measure.PERCENTAGE else indicator.unit,
        _figure(indicator.baseline_value),
        indicator.baseline_year or "",
        _figure(indicator.target_value),
        indicator.target_year or "",
        _figure(latest.value) if latest else "",
        f"{latest.period_start.isoformat()}/{latest.period_end.isoformat()}" if latest else "",
    ]


NO_INDICATOR = [""] * 9


def action_rows(actions):
    """One row per indicator of each of the action's published results (a result without
    indicators has one row, an action without results one row, their columns empty), in the
    order of ``ACTION_COLUMNS``."""
    for action in actions:
        common = [
            action.slug,
            action.title,
            action.zone.name,
            action.zone.country_code,
            action.get_domain_display(),
            action.get_status_display(),
            action.start_year,
            action.end_year or "",
            _amount(action.budget),
            _amount(action.contribution),
            " ; ".join(partner.name for partner in action.partners.all()),
            action.summary,
            " ; ".join(str(goal.number) for goal in action.sdg_goals.all()),
            " ; ".join(target.code for target in action.sdg_targets.all()),
            action.dac_purpose_id or "",
            absolute_url(action.get_absolute_url()),
        ]
        rows = []
        for result in action.published_results:
            indicators = list(result.indicators.all())
            if not indicators:
                rows.append([result.title, *NO_INDICATOR[1:]])
            rows.extend(indicator_columns(result, indicator) for indicator in indicators)
        for columns in rows or [NO_INDICATOR]:
            yield [*common, *columns]


def eu_projects_for_export(projects):
    return (
        projects.select_related("zone")
        .prefetch_related("themes", Prefetch("partners", queryset=ProjectPartner.objects.all()))
        .order_by("name", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def eu_project_rows(projects):
    """One row per partner of each project (a project without partners has one row, its partner
    columns empty), in the order of ``EU_PROJECT_COLUMNS``."""
    for project in projects:
        common = [
            project.slug,
            project.name,
            project.acronym,
            project.get_programme_display(),
            project.get_fund_display(),
            project.get_status_display(),
            _date(project.start_date),
            _date(project.end_date),
            _amount(project.total_budget),
            _amount(project.eu_contribution),
            _amount(project.department_share),
            project.zone.name if project.zone_id and project.zone.is_published else "",
            " ; ".join(theme.name for theme in project.themes.all()),
        ]
        url = absolute_url(project.get_absolute_url())
        partners = list(project.partners.all()) or [None]
        for partner in partners:
            if partner is None:
                yield [*common, "", "", "", url]
            else:
                yield [
                    *common,
                    partner.name,
                    partner.country.code,
                    partner.get_role_display(),
                    url,
                ]


def csv_stream(columns, rows):
    """The header, then the rows, as CSV text in chunks, labels in French."""
    writer = csv.writer(Echo())
    with translation.override("fr"):
        yield writer.writerow(columns)
        yield from batched(writer.writerow(row) for row in rows)


def action_csv(actions):
    return csv_stream(ACTION_COLUMNS, action_rows(actions_for_export(actions)))


def eu_project_csv(projects):
    return csv_stream(EU_PROJECT_COLUMNS, eu_project_rows(eu_projects_for_export(projects)))
