"""The catalogue of the open-data page: every file the portal publishes, described.

Each dataset says what it holds, its format, the schema it follows and its version, its licence,
when its records last changed and how large the whole file is, in records and in bytes. The
size in bytes is that of the file as served (the same view writes it), measured once per
content change (``core.cache.cached_until_content_changes``).
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cooperation.models import Action
from core.cache import cached_until_content_changes
from cresi.models import TrainingSession
from europe.models import EUProject
from subsidies.models import Subsidy
from subsidies.scdl import SCHEMA_VERSION as SCDL_VERSION

from . import iati
from .exports import ACTION_COLUMNS_DOC, EU_PROJECT_COLUMNS_DOC

LICENCE = {
    "name": _("Licence Ouverte 2.0 (Etalab)"),
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
SCDL_SCHEMA = {
    "name": _("SCDL « subventions »"),
    "version": SCDL_VERSION,
    "url": f"https://schema.data.gouv.fr/scdl/subventions/{SCDL_VERSION}/",
}
PORTAL_SCHEMA_VERSION = "1.0"
ACTOR_COLUMNS_DOC = (
    ("nom", _("nom de la structure")),
    ("type", _("association, collectivité, établissement scolaire, entreprise…")),
    ("implantation", _("en Essonne ou à l'étranger")),
    ("commune", _("commune du siège")),
    ("pays", _("pays, pour un partenaire à l'étranger")),
    ("siren", _("numéro SIREN, s'il existe")),
    ("rna", _("numéro au répertoire national des associations, s'il existe")),
    ("site_web", _("adresse de son site")),
    ("zones", _("zones de coopération où il agit, séparées par « ; »")),
    ("domaines", _("domaines d'action, séparés par « ; »")),
    ("odd", _("objectifs de développement durable, par leur numéro")),
    ("adresse_fiche", _("adresse de sa fiche sur le portail")),
)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    format: str
    url_name: str
    schema: dict
    #: ``[queryset]``: the published records the file holds.
    sources: tuple = ()
    #: The columns of a CSV whose schema is the portal's own: ``[(name, meaning)]``.
    columns: tuple = field(default=())

    @property
    def url(self):
        return reverse(self.url_name)

    def record_count(self):
        return sum(source().count() for source in self.sources)

    def last_update(self):
        moments = [
            source().aggregate(moment=Max("updated_at"))["moment"] for source in self.sources
        ]
        moments = [moment for moment in moments if moment is not None]
        return max(moments) if moments else None

    def size_in_bytes(self):
        """The size of the whole file, unfiltered, as its view serves it."""
        return served_size(self.url_name)

    def facts(self):
        """Records, last update and size in bytes, kept until the next content change."""
        return cached_until_content_changes("opendata-facts", _facts, self.key)


def _facts(key):
    dataset = next(dataset for dataset in catalogue() if dataset.key == key)
    return {
        "records": dataset.record_count(),
        "last_update": dataset.last_update(),
        "size": dataset.size_in_bytes(),
    }


def served_size(url_name):
    """The number of bytes the view at ``url_name`` answers to a GET without any filter."""
    path = reverse(url_name)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _published(model):
    return model.objects.published


def catalogue():
    """Every dataset of the portal, in the order of the page."""
    subsidies = (_published(Subsidy),)
    portal_schema = {
        "name": _("schéma du portail, colonnes décrites ci-dessous"),
        "version": PORTAL_SCHEMA_VERSION,
        "url": "",
    }
    return [
        Dataset(
            key="subventions-csv",
            title=_("Subventions attribuées"),
            description=_(
                "Les décisions de subvention publiées, au format national des données "
                "essentielles des subventions."
            ),
            format="CSV",
            url_name="subsidies:export-csv",
            schema=SCDL_SCHEMA,
            sources=subsidies,
        ),
        Dataset(
            key="subventions-json",
            title=_("Subventions attribuées"),
            description=_("Les mêmes décisions, un objet JSON par décision."),
            format="JSON",
            url_name="subsidies:export-json",
            schema=SCDL_SCHEMA,
            sources=subsidies,
        ),
        Dataset(
            key="actions-csv",
            title=_("Actions de coopération et leurs résultats"),
            description=_(
                "Chaque action de coopération publiée : zone, domaine, période, budget, "
                "contribution du Département, partenaires, objectifs de développement durable, "
                "code CAD, et une ligne par indicateur de ses résultats."
            ),
            format="CSV",
            url_name="opendata:actions-csv",
            schema=portal_schema,
            sources=(_published(Action),),
            columns=ACTION_COLUMNS_DOC,
        ),
        Dataset(
            key="projets-europeens-csv",
            title=_("Projets européens et leurs partenaires"),
            description=_(
                "Chaque projet cofinancé par l'Union européenne, une ligne par partenaire."
            ),
            format="CSV",
            url_name="opendata:eu-projects-csv",
            schema=portal_schema,
            sources=(_published(EUProject),),
            columns=EU_PROJECT_COLUMNS_DOC,
        ),
        Dataset(
            key="acteurs-csv",
            title=_("Acteurs essonniens de la coopération internationale"),
            description=_(
                "L'annuaire du réseau : chaque acteur publié, en Essonne et à l'étranger, sans "
                "aucune donnée personnelle ni coordonnée."
            ),
            format="CSV",
            url_name="actors:export-csv",
            schema=portal_schema,
            sources=(_published(Actor),),
            columns=ACTOR_COLUMNS_DOC,
        ),
        Dataset(
            key="formations-ics",
            title=_("Calendrier des formations du CRESI"),
            description=_(
                "Les sessions de formation publiées, à ajouter à un agenda (un événement par "
                "session)."
            ),
            format="iCalendar",
            url_name="opendata:trainings-ics",
            schema={"name": "iCalendar (RFC 5545)", "version": "2.0", "url": ""},
            sources=(_published(TrainingSession),),
        ),
        Dataset(
            key="iati",
            title=_("Activités d'aide au développement (IATI)"),
            description=_(
                "Les actions de coopération et l'aide d'urgence comptées comme aide publique au "
                "développement, au standard de l'Initiative internationale pour la transparence "
                "de l'aide, lu par d-portal et DevTracker."
            ),
            format="XML",
            url_name="opendata:iati-activities",
            schema={
                "name": _("IATI, standard des activités"),
                "version": iati.VERSION,
                "url": "https://iatistandard.org/en/iati-standard/203/activity-standard/",
            },
            sources=(iati.activity_actions, iati.activity_emergency_aids),
        ),
    ]
