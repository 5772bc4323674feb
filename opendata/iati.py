"""Cooperation actions and emergency aid as IATI 2.03 activities (``/donnees/iati/activites.xml``).

One ``iati-activity`` per published action and emergency aid that counts as development aid
(the zone's « éligible à l'APD », or the aid's own when it has no zone). EU projects are left
out: they are funded by the European Union's programmes for its own regions (Interreg, LIFE,
Creative Europe…), not aid to a country on the OECD DAC list of aid recipients, and the
European Commission reports EU funds itself.

Codes come from the IATI code lists (vendored in ``opendata/standards/iati-2.03/codelists``,
where the tests check every code written here). The reporting organisation's identifier is
``IATI_REPORTING_ORG_REF``: ``FR-RCS-`` and the Département's SIRET (see the README).
"""

from datetime import date
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from cooperation.choices import ActionStatus, PartnerKind
from cooperation.models import Action, EmergencyAid, Partner
from core.links import absolute_url
from results.choices import IATI_DOCUMENT_CATEGORY, IATI_INDICATOR_MEASURE
from results.models import ActionDocument, Result
from subsidies.choices import BeneficiaryKind
from subsidies.models import Subsidy

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CURRENCY = "EUR"

# IATI code lists, by name, each code the file uses.
ORGANISATION_ROLE = {"funding": "1", "extending": "3", "implementing": "4"}
ACTIVITY_DATE_TYPE = {"planned_start": "1", "planned_end": "3"}
ACTIVITY_STATUS = {
    ActionStatus.PLANNED: "1",  # Pipeline/identification
    ActionStatus.ONGOING: "2",  # Implementation
    ActionStatus.COMPLETED: "4",  # Closed
}
BUDGET_TYPE_ORIGINAL = "1"
BUDGET_STATUS_COMMITTED = "2"
TRANSACTION_TYPE_OUTGOING_COMMITMENT = "2"
DESCRIPTION_TYPE_GENERAL = "1"
DOCUMENT_CATEGORY_ACTIVITY_WEB_PAGE = "A12"
FILE_FORMAT_HTML = "text/html"
COLLABORATION_TYPE_BILATERAL = "1"
FLOW_TYPE_ODA = "10"
FINANCE_TYPE_GRANT = "110"
AID_TYPE_PROJECT = "C01"  # Project-type interventions (emergency aid too: its sector tells it)
ORGANISATION_TYPE = {
    "local_government": "11",
    "other_public": "15",
    "national_ngo": "22",
    "partner_country_ngo": "24",
    "foundation": "60",
    "private_provider_country": "71",
    "private_recipient_country": "72",
    "academic": "80",
    "other": "90",
}
# Partners work in the partner zone (the recipient country); beneficiaries of the Département's
# decisions are French organisations (the provider country).
PARTNER_TYPE = {
    PartnerKind.LOCAL_AUTHORITY: ORGANISATION_TYPE["local_government"],
    PartnerKind.ASSOCIATION: ORGANISATION_TYPE["partner_country_ngo"],
    PartnerKind.UNIVERSITY: ORGANISATION_TYPE["academic"],
    PartnerKind.COMPANY: ORGANISATION_TYPE["private_recipient_country"],
    PartnerKind.PUBLIC_BODY: ORGANISATION_TYPE["other_public"],
    PartnerKind.CLUSTER: ORGANISATION_TYPE["other"],
}
BENEFICIARY_TYPE = {
    BeneficiaryKind.ASSOCIATION: ORGANISATION_TYPE["national_ngo"],
    BeneficiaryKind.LOCAL_AUTHORITY: ORGANISATION_TYPE["local_government"],
    BeneficiaryKind.PUBLIC_BODY: ORGANISATION_TYPE["other_public"],
    BeneficiaryKind.COMPANY: ORGANISATION_TYPE["private_provider_country"],
    BeneficiaryKind.FOUNDATION: ORGANISATION_TYPE["foundation"],
    BeneficiaryKind.OTHER: ORGANISATION_TYPE["other"],
}
SECTOR_VOCABULARY_DAC_PURPOSE = "1"  # OECD DAC CRS purpose codes (5 digits)
TAG_VOCABULARY_SDG_GOAL = "2"
TAG_VOCABULARY_SDG_TARGET = "3"
# The portal does not tell outputs from outcomes: its results are « Other » (9).
RESULT_TYPE_OTHER = "9"
# The registration agency of a SIRET on org-id.guide (see the README, « IATI »).
SIRET_AGENCY = "FR-RCS"


def organisation_identifier(siret):
    """The IATI organisation identifier of a French establishment, or "" without a SIRET."""
    return f"{SIRET_AGENCY}-{siret}" if siret else ""


def reporting_org_ref():
    return settings.IATI_REPORTING_ORG_REF


def _iso(value):
    return value.isoformat()


def _amount(value):
    return f"{value:.2f}"


def _narratives(parent, tag, french, english=""):
    """``<tag><narrative>french</narrative>[<narrative xml:lang="en">english</narrative>]</tag>``;
    the activity's default language is French."""
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "narrative").text = french
    if english:
        ET.SubElement(element, "narrative", {XML_LANG: "en"}).text = english
    return element


def _reporting_org(activity):
    element = ET.SubElement(
        activity,
        "reporting-org",
        {"ref": reporting_org_ref(), "type": settings.IATI_REPORTING_ORG_TYPE},
    )
    ET.SubElement(element, "narrative").text = settings.PUBLISHER_NAME


def _department(activity, role):
    element = ET.SubElement(
        activity,
        "participating-org",
        {
            "ref": reporting_org_ref(),
            "type": settings.IATI_REPORTING_ORG_TYPE,
            "role": ORGANISATION_ROLE[role],
        },
    )
    ET.SubElement(element, "narrative").text = settings.PUBLISHER_NAME


def _activity(*, identifier, updated_at, humanitarian=False):
    attributes = {
        "last-updated-datetime": updated_at.replace(microsecond=0).isoformat(),
        XML_LANG: "fr",
        "default-currency": CURRENCY,
    }
    if humanitarian:
        attributes["humanitarian"] = "1"
    activity = ET.Element("iati-activity", attributes)
    ET.SubElement(activity, "iati-identifier").text = identifier
    _reporting_org(activity)
    return activity


def _sector_and_tags(activity, record):
    """The record's DAC purpose code (``sector``) and its SDG goals and targets (``tag``)."""
    if record.dac_purpose_id:
        sector = ET.SubElement(
            activity,
            "sector",
            {
                "vocabulary": SECTOR_VOCABULARY_DAC_PURPOSE,
                "code": record.dac_purpose_id,
                "percentage": "100",
            },
        )
        ET.SubElement(sector, "narrative").text = record.dac_purpose.name
    for goal in record.sdg_goals.all():
        tag = ET.SubElement(
            activity, "tag", {"vocabulary": TAG_VOCABULARY_SDG_GOAL, "code": str(goal.number)}
        )
        ET.SubElement(tag, "narrative").text = goal.name
    for target in record.sdg_targets.all():
        tag = ET.SubElement(
            activity, "tag", {"vocabulary": TAG_VOCABULARY_SDG_TARGET, "code": target.code}
        )
        ET.SubElement(tag, "narrative").text = target.name


def _number(value):
    """A figure as IATI writes it: ``12``, ``12.5`` (no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _period(indicator, *, start, end):
    period = ET.SubElement(indicator, "period")
    ET.SubElement(period, "period-start", {"iso-date": _iso(start)})
    ET.SubElement(period, "period-end", {"iso-date": _iso(end)})
    return period


def _result(activity, result):
    """A result, its indicators with their baseline, their target (over the target's year) and
    the values measured by period, each with its comment."""
    element = ET.SubElement(activity, "result", {"type": RESULT_TYPE_OTHER})
    _narratives(element, "title", result.title, result.title_en)
    if result.description:
        _narratives(element, "description", result.description)
    for indicator in result.indicators.all():
        node = ET.SubElement(
            element,
            "indicator",
            {
                "measure": IATI_INDICATOR_MEASURE[indicator.measure],
                "ascending": "1" if indicator.ascending else "0",
            },
        )
        title = indicator.title + (f" ({indicator.unit})" if indicator.unit else "")
        english = indicator.title_en and (
            indicator.title_en + (f" ({indicator.unit_en})" if indicator.unit_en else "")
        )
        _narratives(node, "title", title, english)
        if indicator.baseline_value is not None:
            ET.SubElement(
                node,
                "baseline",
                {
                    "year": str(indicator.baseline_year),
                    "value": _number(indicator.baseline_value),
                },
            )
        for measured in indicator.values.all():
            period = _period(node, start=measured.period_start, end=measured.period_end)
            actual = ET.SubElement(period, "actual", {"value": _number(measured.value)})
            if measured.comment:
                _narratives(actual, "comment", measured.comment)
        if indicator.target_value is not None and indicator.target_year is not None:
            year = indicator.target_year
            period = _period(node, start=date(year, 1, 1), end=date(year, 12, 31))
            ET.SubElement(period, "target", {"value": _number(indicator.target_value)})


def _document(activity, document):
    """A published document of the action: its file, or the CRESI resource it links to."""
    kind = document.file_kind
    media_type = kind.content_type if kind else FILE_FORMAT_HTML
    link = ET.SubElement(
        activity,
        "document-link",
        {"format": media_type, "url": absolute_url(document.get_absolute_url())},
    )
    _narratives(link, "title", document.title, document.title_en)
    ET.SubElement(link, "category", {"code": IATI_DOCUMENT_CATEGORY[document.kind]})
    ET.SubElement(link, "language", {"code": "fr"})
    if document.document_date:
        ET.SubElement(link, "document-date", {"iso-date": _iso(document.document_date)})


def _web_page(activity, *, url, title):
    link = ET.SubElement(activity, "document-link", {"format": FILE_FORMAT_HTML, "url": url})
    _narratives(link, "title", title)
    ET.SubElement(link, "category", {"code": DOCUMENT_CATEGORY_ACTIVITY_WEB_PAGE})
    ET.SubElement(link, "language", {"code": "fr"})
    return link


def _defaults(activity, *, aid_type):
    ET.SubElement(activity, "collaboration-type", {"code": COLLABORATION_TYPE_BILATERAL})
    ET.SubElement(activity, "default-flow-type", {"code": FLOW_TYPE_ODA})
    ET.SubElement(activity, "default-finance-type", {"code": FINANCE_TYPE_GRANT})
    ET.SubElement(activity, "default-aid-type", {"code": aid_type})


def _budget(activity, *, start, end, amount):
    budget = ET.SubElement(
        activity, "budget", {"type": BUDGET_TYPE_ORIGINAL, "status": BUDGET_STATUS_COMMITTED}
    )
    ET.SubElement(budget, "period-start", {"iso-date": _iso(start)})
    ET.SubElement(budget, "period-end", {"iso-date": _iso(end)})
    value = ET.SubElement(budget, "value", {"currency": CURRENCY, "value-date": _iso(start)})
    value.text = _amount(amount)


def _transaction(activity, decision):
    """A decision linked to the action: the Département's commitment to its beneficiary."""
    transaction = ET.SubElement(activity, "transaction", {"ref": decision.reference[:200]})
    ET.SubElement(transaction, "transaction-type", {"code": TRANSACTION_TYPE_OUTGOING_COMMITMENT})
    ET.SubElement(transaction, "transaction-date", {"iso-date": _iso(decision.convention_date)})
    value = ET.SubElement(
        transaction,
        "value",
        {"currency": CURRENCY, "value-date": _iso(decision.convention_date)},
    )
    value.text = _amount(decision.granted_amount)
    _narratives(transaction, "description", decision.object)
    provider = ET.SubElement(
        transaction,
        "provider-org",
        {"ref": reporting_org_ref(), "type": settings.IATI_REPORTING_ORG_TYPE},
    )
    ET.SubElement(provider, "narrative").text = settings.PUBLISHER_NAME
    receiver_attributes = {"type": BENEFICIARY_TYPE[decision.beneficiary.kind]}
    if decision.siret:
        receiver_attributes["ref"] = organisation_identifier(decision.siret)
    receiver = ET.SubElement(transaction, "receiver-org", receiver_attributes)
    ET.SubElement(receiver, "narrative").text = decision.beneficiary.name


def action_identifier(action):
    return f"{reporting_org_ref()}-{action.slug}"


def emergency_aid_identifier(aid):
    return f"{reporting_org_ref()}-urgence-{aid.slug}"


def action_activity(action):
    """The ``iati-activity`` element of a cooperation action."""
    activity = _activity(identifier=action_identifier(action), updated_at=action.updated_at)
    _narratives(activity, "title", action.title, action.title_en)
    description = _narratives(activity, "description", action.summary, action.summary_en)
    description.set("type", DESCRIPTION_TYPE_GENERAL)
    _department(activity, "funding")
    _department(activity, "extending")
    for partner in action.partners.all():
        element = ET.SubElement(
            activity,
            "participating-org",
            {"role": ORGANISATION_ROLE["implementing"], "type": PARTNER_TYPE[partner.kind]},
        )
        ET.SubElement(element, "narrative").text = partner.name
    ET.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS[action.status]})
    start = date(action.start_year, 1, 1)
    ET.SubElement(
        activity,
        "activity-date",
        {"iso-date": _iso(start), "type": ACTIVITY_DATE_TYPE["planned_start"]},
    )
    end = date(action.end_year, 12, 31) if action.end_year else None
    if end:
        ET.SubElement(
            activity,
            "activity-date",
            {"iso-date": _iso(end), "type": ACTIVITY_DATE_TYPE["planned_end"]},
        )
    ET.SubElement(activity, "recipient-country", {"code": action.zone.country_code})
    _sector_and_tags(activity, action)
    _defaults(activity, aid_type=AID_TYPE_PROJECT)
    if action.contribution:
        _budget(
            activity,
            start=start,
            end=end or date(max(action.start_year, timezone.localdate().year), 12, 31),
            amount=action.contribution,
        )
    for decision in action.published_decisions:
        _transaction(activity, decision)
    _web_page(activity, url=absolute_url(action.get_absolute_url()), title=action.title)
    for document in action.published_documents:
        _document(activity, document)
    for result in action.published_results:
        _result(activity, result)
    return activity


def emergency_aid_activity(aid):
    """The ``iati-activity`` element of an emergency aid: humanitarian, closed once its year is
    over, its amount the budget of that year."""
    activity = _activity(
        identifier=emergency_aid_identifier(aid), updated_at=aid.updated_at, humanitarian=True
    )
    _narratives(activity, "title", aid.title, aid.title_en)
    description = _narratives(activity, "description", aid.summary, aid.summary_en)
    description.set("type", DESCRIPTION_TYPE_GENERAL)
    _department(activity, "funding")
    _department(activity, "extending")
    finished = aid.year < timezone.localdate().year
    status = ACTIVITY_STATUS[ActionStatus.COMPLETED if finished else ActionStatus.ONGOING]
    ET.SubElement(activity, "activity-status", {"code": status})
    start, end = date(aid.year, 1, 1), date(aid.year, 12, 31)
    ET.SubElement(
        activity,
        "activity-date",
        {"iso-date": _iso(start), "type": ACTIVITY_DATE_TYPE["planned_start"]},
    )
    ET.SubElement(
        activity,
        "activity-date",
        {"iso-date": _iso(end), "type": ACTIVITY_DATE_TYPE["planned_end"]},
    )
    ET.SubElement(activity, "recipient-country", {"code": aid.country_code})
    _sector_and_tags(activity, aid)
    _defaults(activity, aid_type=AID_TYPE_PROJECT)
    _budget(activity, start=start, end=end, amount=aid.amount)
    _web_page(activity, url=absolute_url(aid.get_absolute_url()), title=aid.title)
    return activity


def activity_actions():
    """The actions the file describes: published, in a zone where spending counts as
    development aid (not Guyane, not Europe)."""
    return Action.objects.published().filter(zone__is_oda_eligible=True)


def activity_emergency_aids():
    """The emergency aid the file describes: published, counting as development aid."""
    return EmergencyAid.objects.published().oda_eligible()


def published_actions():
    """The actions the file describes, with what their activities need, in few queries."""
    decisions = (
        Subsidy.objects.published()
        .select_related("beneficiary")
        .order_by("convention_date", "reference", "pk")
    )
    results = Result.objects.published().with_indicators().order_by("position", "pk")
    documents = ActionDocument.objects.published().order_by("kind", "-document_date", "pk")
    return (
        activity_actions()
        .select_related("zone", "dac_purpose")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("subsidies", queryset=decisions, to_attr="published_decisions"),
            Prefetch("results", queryset=results, to_attr="published_results"),
            Prefetch("documents", queryset=documents, to_attr="published_documents"),
            "sdg_goals",
            "sdg_targets",
        )
        .order_by("start_year", "slug")
    )


def published_emergency_aids():
    return (
        activity_emergency_aids()
        .select_related("dac_purpose")
        .prefetch_related("sdg_goals", "sdg_targets")
        .order_by("year", "slug")
    )


def activities_document(*, actions=None, aids=None, now=None):
    """The whole file, as bytes (UTF-8, with its XML declaration)."""
    actions = published_actions() if actions is None else actions
    aids = published_emergency_aids() if aids is None else aids
    now = (now or timezone.now()).replace(microsecond=0)
    root = ET.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": now.isoformat()}
    )
    for action in actions:
        root.append(action_activity(action))
    for aid in aids:
        root.append(emergency_aid_activity(aid))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
