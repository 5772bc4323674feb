"""Demo results and documents of the Mali actions: wells built, pupils in equipped classrooms,
trained teachers… Idempotent: records are keyed on their action and title."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from cooperation.models import Action
from core.demo import sync
from cresi.documents import pdf_document
from cresi.models import Resource

from .choices import DocumentKind, Measure
from .models import ActionDocument, Indicator, IndicatorValue, Result


def year_values(*pairs):
    """``(year, value, comment)`` → the value of that calendar year."""
    return [
        (date(year, 1, 1), date(year, 12, 31), Decimal(value), comment)
        for year, value, comment in pairs
    ]


RESULTS = [
    {
        "action": "mali-education-ecoles",
        "title": "Des écoles équipées accueillent les élèves",
        "title_en": "Equipped schools welcome pupils",
        "indicators": [
            {
                "title": "Salles de classe équipées",
                "title_en": "Classrooms equipped",
                "unit": "salles",
                "unit_en": "classrooms",
                "baseline_value": Decimal("0"),
                "baseline_year": 2009,
                "target_value": Decimal("24"),
                "target_year": 2012,
                "values": year_values(
                    (2010, "8", "Tables-bancs, tableaux et manuels livrés dans 3 écoles."),
                    (2011, "17", ""),
                    (2012, "22", "Deux salles reportées : toiture à refaire."),
                ),
            },
            {
                "title": "Élèves dans des classes équipées",
                "title_en": "Pupils in equipped classrooms",
                "unit": "élèves",
                "unit_en": "pupils",
                "baseline_value": Decimal("0"),
                "baseline_year": 2009,
                "target_value": Decimal("1800"),
                "target_year": 2012,
                "values": year_values(
                    (2010, "610", ""),
                    (2011, "1290", ""),
                    (2012, "1725", "Effectifs de la rentrée d'octobre 2012."),
                ),
            },
        ],
    },
    {
        "action": "mali-education-ecoles",
        "title": "Des enseignants mieux formés",
        "title_en": "Better trained teachers",
        "indicators": [
            {
                "title": "Enseignants formés",
                "title_en": "Teachers trained",
                "unit": "enseignants",
                "unit_en": "teachers",
                "baseline_value": Decimal("0"),
                "baseline_year": 2009,
                "target_value": Decimal("60"),
                "target_year": 2012,
                "values": year_values(
                    (2010, "20", "Première session avec les conseillers pédagogiques."),
                    (2011, "41", ""),
                    (2012, "58", ""),
                ),
            },
        ],
    },
    {
        "action": "mali-environnement-eau-assainissement",
        "title": "Accès à l'eau potable et à l'assainissement",
        "title_en": "Access to drinking water and sanitation",
        "indicators": [
            {
                "title": "Puits construits",
                "title_en": "Wells built",
                "unit": "puits",
                "unit_en": "wells",
                "baseline_value": Decimal("0"),
                "baseline_year": 2010,
                "target_value": Decimal("15"),
                "target_year": 2013,
                "values": year_values(
                    (2011, "6", ""),
                    (2012, "11", "Chantiers ralentis pendant la saison des pluies."),
                    (2013, "14", ""),
                ),
            },
            {
                "title": "Habitants ayant accès à l'eau potable",
                "title_en": "Inhabitants with access to drinking water",
                "measure": Measure.PERCENTAGE,
                "baseline_value": Decimal("38"),
                "baseline_year": 2010,
                "target_value": Decimal("60"),
                "target_year": 2013,
                "values": year_values(
                    (2011, "44", ""),
                    (2013, "57", "Enquête des communes partenaires."),
                ),
            },
            {
                "title": "Latrines construites",
                "title_en": "Latrines built",
                "unit": "latrines",
                "unit_en": "latrines",
                "baseline_value": Decimal("0"),
                "baseline_year": 2010,
                "target_value": Decimal("40"),
                "target_year": 2013,
                "values": year_values((2012, "18", ""), (2013, "36", "")),
            },
        ],
    },
]

DOCUMENTS = [
    {
        "action": "mali-education-ecoles",
        "title": "Rapport final : équipement d'écoles et formation d'enseignants",
        "title_en": "Final report: equipping schools and training teachers",
        "kind": DocumentKind.REPORT,
        "document_date": date(2013, 3, 15),
        "file": (
            "Rapport final de l'action",
            "22 salles de classe équipées pour 24 prévues, 1 725 élèves, 58 enseignants formés.",
        ),
    },
    {
        "action": "mali-environnement-eau-assainissement",
        "title": "Évaluation de l'action eau et assainissement",
        "title_en": "Evaluation of the water and sanitation action",
        "kind": DocumentKind.EVALUATION,
        "document_date": date(2014, 2, 10),
        "file": (
            "Évaluation finale",
            "14 puits et 36 latrines construits ; 57 % des habitants ont accès à l'eau potable.",
        ),
    },
    {
        "action": "mali-environnement-eau-assainissement",
        "title": "Fiche pratique : eau et assainissement",
        "title_en": "Practical sheet: water and sanitation",
        "kind": DocumentKind.REPORT,
        "resource": "fiche-eau-et-assainissement",
    },
]


def load_results(actions):
    count = 0
    for position, data in enumerate(RESULTS):
        result = sync(
            Result,
            {"action": actions[data["action"]], "title": data["title"]},
            {"title_en": data["title_en"], "position": position, "is_published": True},
        )
        for index, indicator_data in enumerate(data["indicators"]):
            values = {k: v for k, v in indicator_data.items() if k not in {"title", "values"}}
            indicator = sync(
                Indicator,
                {"result": result, "title": indicator_data["title"]},
                {"measure": Measure.UNIT, **values, "position": index},
            )
            for start, end, value, comment in indicator_data["values"]:
                sync(
                    IndicatorValue,
                    {"indicator": indicator, "period_start": start, "period_end": end},
                    {"value": value, "comment": comment},
                )
                count += 1
            count += 1
        count += 1
    return count


def load_documents(actions):
    for data in DOCUMENTS:
        lookup = {"action": actions[data["action"]], "title": data["title"]}
        values = {
            "title_en": data["title_en"],
            "kind": data["kind"],
            "document_date": data.get("document_date"),
            "is_published": True,
        }
        if "resource" in data:
            values["resource"] = Resource.objects.get(slug=data["resource"])
            sync(ActionDocument, lookup, values)
            continue
        document = ActionDocument.objects.filter(**lookup).first()
        if document is None:
            document = ActionDocument(**lookup, **values)
            title, paragraph = data["file"]
            document.file = ContentFile(pdf_document(title, [paragraph]), name="document.pdf")
            document.full_clean()  # checks the generated file like any upload
            document.save()
        else:
            sync(ActionDocument, lookup, values)
    return len(DOCUMENTS)


def load():
    actions = {
        action.slug: action
        for action in Action.objects.filter(slug__in={data["action"] for data in RESULTS})
    }
    return load_results(actions) + load_documents(actions)
