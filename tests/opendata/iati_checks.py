"""The IATI file's checks: the official 2.03 schema and the official code lists (vendored in
``opendata/standards/iati-2.03``), read offline."""

from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import xmlschema

import cooperation
import opendata

STANDARD = Path(opendata.__file__).parent / "standards" / "iati-2.03"
# The DAC sectors and the SDG goals and targets, vendored once, where records pick them from.
SHARED_CODELISTS = Path(cooperation.__file__).parent / "data" / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Each attribute holding a code, by element (``None``: any element), and its code list.
CODED_ATTRIBUTES = {
    ("iati-activity", "default-currency"): "Currency",
    ("value", "currency"): "Currency",
    (None, XML_LANG): "Language",
    ("language", "code"): "Language",
    ("reporting-org", "type"): "OrganisationType",
    ("participating-org", "type"): "OrganisationType",
    ("provider-org", "type"): "OrganisationType",
    ("receiver-org", "type"): "OrganisationType",
    ("participating-org", "role"): "OrganisationRole",
    ("activity-status", "code"): "ActivityStatus",
    ("activity-date", "type"): "ActivityDateType",
    ("recipient-country", "code"): "Country",
    ("collaboration-type", "code"): "CollaborationType",
    ("default-flow-type", "code"): "FlowType",
    ("default-finance-type", "code"): "FinanceType",
    ("default-aid-type", "code"): "AidType",
    ("budget", "type"): "BudgetType",
    ("budget", "status"): "BudgetStatus",
    ("transaction-type", "code"): "TransactionType",
    ("description", "type"): "DescriptionType",
    ("document-link", "format"): "FileFormat",
    ("category", "code"): "DocumentCategory",
    ("sector", "vocabulary"): "SectorVocabulary",
    ("tag", "vocabulary"): "TagVocabulary",
    ("result", "type"): "ResultType",
    ("indicator", "measure"): "IndicatorMeasure",
}
# Codes whose list depends on the element's vocabulary.
CODES_BY_VOCABULARY = {
    ("sector", "1"): "Sector",
    ("tag", "2"): "UNSDG-Goals",
    ("tag", "3"): "UNSDG-Targets",
}
# Attributes that are no code (identifiers, dates, values…): every other attribute must be in
# CODED_ATTRIBUTES, so that a code the file starts writing cannot go unchecked.
FREE_ATTRIBUTES = {
    "version",
    "generated-datetime",
    "last-updated-datetime",
    "humanitarian",
    "ref",
    "iso-date",
    "value-date",
    "url",
    "percentage",
    "ascending",
    "year",
    "value",
}


@cache
def schema():
    return xmlschema.XMLSchema(str(STANDARD / "iati-activities-schema.xsd"))


@cache
def codes(name):
    """The active codes of an official code list."""
    path = STANDARD / "codelists" / f"{name}.xml"
    if not path.exists():
        path = SHARED_CODELISTS / f"{name}.xml"
    root = ET.parse(path).getroot()
    return frozenset(
        item.findtext("code")
        for item in root.iter("codelist-item")
        if item.get("status", "active") == "active"
    )


def schema_errors(document):
    return [str(error) for error in schema().iter_errors(document.decode())]


def code_errors(document):
    """Every coded attribute whose value is not an active code of its list, and every attribute
    this check does not know."""
    errors = []
    for element in ET.fromstring(document).iter():
        for attribute, value in element.attrib.items():
            if attribute in FREE_ATTRIBUTES:
                continue
            if attribute == "code" and element.get("vocabulary"):
                codelist = CODES_BY_VOCABULARY.get((element.tag, element.get("vocabulary")))
            else:
                codelist = CODED_ATTRIBUTES.get((element.tag, attribute)) or CODED_ATTRIBUTES.get(
                    (None, attribute)
                )
            if codelist is None:
                errors.append(f"{element.tag}/@{attribute}: no code list known")
            elif value not in codes(codelist):
                errors.append(f"{element.tag}/@{attribute}={value!r} is not in {codelist}")
    return errors


def registration_agency(identifier):
    """The agency prefix of an organisation identifier (``FR-RCS`` of ``FR-RCS-229…``)."""
    country, agency, _rest = identifier.split("-", 2)
    return f"{country}-{agency}"
