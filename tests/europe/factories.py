from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from europe.choices import (
    Fund,
    PartnerRole,
    Programme,
    ProjectProgress,
    ProjectStatus,
    RequestStatus,
    StructureKind,
)
from europe.models import EUProject, ProjectPartner, SupportRequest, Theme
from europe.tokens import confirm_token_hash


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class EUProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EUProject
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Projet européen {n}")
    slug = factory.Sequence(lambda n: f"projet-{n}")
    programme = Programme.INTERREG
    fund = Fund.ERDF
    status = ProjectStatus.RUNNING
    start_date = date(2010, 1, 1)
    end_date = date(2012, 12, 31)
    eu_contribution = Decimal("60000.00")
    department_share = Decimal("20000.00")
    total_budget = factory.LazyAttribute(
        lambda project: project.eu_contribution + project.department_share + Decimal("20000.00")
    )
    summary = "Un projet cofinancé par l'Union européenne."
    is_published = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(EUProjectFactory)
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    country = "DE"
    role = PartnerRole.PARTNER


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    structure_name = factory.Sequence(lambda n: f"Association {n}")
    structure_kind = StructureKind.ASSOCIATION
    contact_name = "Camille Martin"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    project_idea = "Un échange de jeunes avec une ville jumelle."
    progress = ProjectProgress.IDEA
    consented_at = factory.LazyFunction(timezone.now)
    confirm_before = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))
    confirmed_at = factory.LazyFunction(timezone.now)
    token_seed = factory.Sequence(lambda n: f"seed-{n}")
    confirm_token_hash = factory.Sequence(lambda n: confirm_token_hash(f"confirm-{n}"))
    status = RequestStatus.NEW

    class Params:
        # A request whose address is not confirmed yet: nobody at the mission sees it.
        pending = factory.Trait(confirmed_at=None)
