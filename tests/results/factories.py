from datetime import date
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from cresi.documents import pdf_document
from results.choices import DocumentKind
from results.models import ActionDocument, Indicator, IndicatorValue, Result
from tests.factories import ActionFactory


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Résultat {n}")
    is_published = True


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    title = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "puits"
    baseline_value = Decimal("0")
    baseline_year = 2010
    target_value = Decimal("20")
    target_year = 2013


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = factory.Sequence(lambda n: date(2000 + n % 90, 1, 1))
    period_end = factory.LazyAttribute(lambda value: value.period_start.replace(month=12, day=31))
    value = Decimal("5")


class ActionDocumentFactory(factory.django.DjangoModelFactory):
    """A published document with a small real PDF (checked like any upload)."""

    class Meta:
        model = ActionDocument

    action = factory.SubFactory(ActionFactory)
    kind = DocumentKind.REPORT
    title = factory.Sequence(lambda n: f"Rapport {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(pdf_document(document.title), name="rapport.pdf")
    )
    is_published = True
