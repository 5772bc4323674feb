from decimal import Decimal

import factory

from cooperation.choices import Domain, PartnerKind, ZoneKind
from cooperation.models import Action, EmergencyAid, Partner, Zone


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    name = factory.Sequence(lambda n: f"Zone {n}")
    slug = factory.Sequence(lambda n: f"zone-{n}")
    kind = ZoneKind.DECENTRALISED_COOPERATION
    country_code = "ML"
    summary = factory.LazyAttribute(lambda zone: f"Résumé de {zone.name}")
    latitude = Decimal("12.60000")
    longitude = Decimal("-8.00000")
    is_published = True


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = PartnerKind.ASSOCIATION


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    zone = factory.SubFactory(ZoneFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    slug = factory.Sequence(lambda n: f"action-{n}")
    domain = Domain.CULTURE
    start_year = 2010
    end_year = 2012
    budget = Decimal("10000.00")
    contribution = Decimal("4000.00")
    summary = "Une action de coopération."
    is_published = True

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class EmergencyAidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyAid

    title = factory.Sequence(lambda n: f"Aide {n}")
    slug = factory.Sequence(lambda n: f"aide-{n}")
    place = "Haïti"
    country_code = "HT"
    year = 2010
    amount = Decimal("1000.00")
    summary = "Une aide d'urgence."
    is_published = True
