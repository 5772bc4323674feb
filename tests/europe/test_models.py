import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from core.staff_groups import EDITORS, EUROPE
from europe.choices import PartnerRole, ProjectStatus, RequestStatus
from europe.models import EUProject, ProjectPartner, SupportRequest
from tests.factories import ZoneFactory

from .factories import (
    EUProjectFactory,
    ProjectPartnerFactory,
    SupportRequestFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


class TestEUProjectQuerySet:
    def test_published_hides_drafts(self):
        shown = EUProjectFactory()
        EUProjectFactory(is_published=False)
        assert list(EUProject.objects.published()) == [shown]

    def test_with_theme_gives_each_project_once(self):
        climate, culture = ThemeFactory(slug="climat"), ThemeFactory(slug="culture")
        both = EUProjectFactory(themes=[climate, culture])
        only_culture = EUProjectFactory(themes=[culture])
        EUProjectFactory()
        assert list(EUProject.objects.with_theme(climate)) == [both]
        assert set(EUProject.objects.with_theme(culture)) == {both, only_culture}

    def test_for_zone(self):
        europe = ZoneFactory(slug="europe")
        in_zone = EUProjectFactory(zone=europe)
        EUProjectFactory()
        assert list(EUProject.objects.for_zone(europe)) == [in_zone]

    def test_obtained_means_running_or_closed(self):
        running = EUProjectFactory(status=ProjectStatus.RUNNING)
        closed = EUProjectFactory(status=ProjectStatus.CLOSED)
        EUProjectFactory(status=ProjectStatus.PREPARATION)
        EUProjectFactory(status=ProjectStatus.SUBMITTED)
        assert set(EUProject.objects.obtained()) == {running, closed}

    def test_latest_first_and_undated_projects_last_on_every_database(self):
        undated = EUProjectFactory(name="Aa sans date", start_date=None, end_date=None)
        old = EUProjectFactory(start_date=date(2009, 1, 1), end_date=None)
        recent_b = EUProjectFactory(name="B", start_date=date(2012, 1, 1), end_date=None)
        recent_a = EUProjectFactory(name="A", start_date=date(2012, 1, 1), end_date=None)
        assert list(EUProject.objects.all()) == [recent_a, recent_b, old, undated]

    def test_search_looks_in_name_acronym_summary_and_text(self):
        by_name = EUProjectFactory(name="Climate")
        by_acronym = EUProjectFactory(name="Jeunes en Europe", acronym="JEE")
        by_text = EUProjectFactory(text="Des plans climat comparés.")
        EUProjectFactory(name="Cinéma")
        assert set(EUProject.objects.search("climat")) == {by_name, by_text}
        assert list(EUProject.objects.search("jee")) == [by_acronym]

    def test_search_ignores_accents_and_case(self):
        rivers = EUProjectFactory(name="Rivières vivantes", summary="Zones humides de l'Essonne")
        EUProjectFactory(name="Cinessonne")
        assert list(EUProject.objects.search("RIVIERES")) == [rivers]
        assert list(EUProject.objects.search("zones humides")) == [rivers]

    def test_search_finds_the_english_name(self):
        young = EUProjectFactory(name="Jeunes en Europe", name_en="Young people in Europe")
        assert list(EUProject.objects.search("young")) == [young]

    def test_empty_search_keeps_everything(self):
        projects = set(EUProjectFactory.create_batch(2))
        assert set(EUProject.objects.search("  ")) == projects

    def test_totals_count_only_running_and_closed_as_obtained(self):
        EUProjectFactory(
            status=ProjectStatus.RUNNING,
            total_budget=Decimal("1000.50"),
            eu_contribution=Decimal("500.25"),
            department_share=Decimal("100"),
        )
        EUProjectFactory(
            status=ProjectStatus.CLOSED,
            total_budget=Decimal("2000"),
            eu_contribution=Decimal("1000"),
            department_share=Decimal("0"),
        )
        EUProjectFactory(
            status=ProjectStatus.SUBMITTED,
            total_budget=Decimal("9000"),
            eu_contribution=Decimal("4000"),
            department_share=Decimal("1000"),
        )
        assert EUProject.objects.totals() == {
            "count": 3,
            "total_budget": Decimal("12000.50"),
            "eu_contribution": Decimal("5500.25"),
            "department_share": Decimal("1100.00"),
            "eu_obtained": Decimal("1500.25"),
        }

    def test_totals_of_nothing_are_zero(self):
        assert EUProject.objects.totals() == {
            "count": 0,
            "total_budget": Decimal("0"),
            "eu_contribution": Decimal("0"),
            "department_share": Decimal("0"),
            "eu_obtained": Decimal("0"),
        }

    def test_totals_follow_a_theme_filter_without_double_counting(self):
        climate, culture = ThemeFactory(slug="climat"), ThemeFactory(slug="culture")
        EUProjectFactory(themes=[climate, culture], eu_contribution=Decimal("700"))
        totals = EUProject.objects.with_theme(climate).totals()
        assert (totals["count"], totals["eu_obtained"]) == (1, Decimal("700"))


class TestEUProject:
    def test_str_and_absolute_url(self):
        project = EUProjectFactory(name="Climate", acronym="CLI", slug="climate")
        assert str(project) == "Climate (CLI)"
        assert str(EUProjectFactory.build(name="Cinessonne", acronym="")) == "Cinessonne"
        assert project.get_absolute_url() == "/europe/projets/climate/"

    def test_co_financing_rate_is_derived_from_the_amounts(self):
        project = EUProjectFactory.build(
            total_budget=Decimal("1600000"),
            eu_contribution=Decimal("1200000"),
            department_share=Decimal("160000"),
        )
        assert project.co_financing_rate == Decimal("75.0")
        assert project.other_funding == Decimal("240000")
        rates = {part["key"]: part["rate"] for part in project.budget_split}
        assert rates == {
            "eu": Decimal("75.0"),
            "department": Decimal("10.0"),
            "other": Decimal("15.0"),
        }

    def test_co_financing_rate_is_rounded_to_one_decimal(self):
        project = EUProjectFactory.build(
            total_budget=Decimal("3"), eu_contribution=Decimal("2"), department_share=0
        )
        assert project.co_financing_rate == Decimal("66.7")

    def test_rate_of_a_project_without_budget_is_unknown(self):
        project = EUProjectFactory.build(
            total_budget=Decimal("0"), eu_contribution=Decimal("0"), department_share=0
        )
        assert project.co_financing_rate is None

    def test_rate_is_not_a_stored_field(self):
        assert "co_financing_rate" not in {field.name for field in EUProject._meta.get_fields()}

    def test_budget_split_parts_follow_each_other_on_the_bar(self):
        project = EUProjectFactory.build(
            total_budget=Decimal("200"),
            eu_contribution=Decimal("100"),
            department_share=Decimal("50"),
        )
        split = project.budget_split
        assert [part["key"] for part in split] == ["eu", "department", "other"]
        assert [part["amount"] for part in split] == [Decimal("100"), Decimal("50"), Decimal("50")]
        assert [part["rate"] for part in split] == [
            Decimal("50.0"),
            Decimal("25.0"),
            Decimal("25.0"),
        ]
        assert [part["offset"] for part in split] == [0, Decimal("50.0"), Decimal("75.0")]

    @pytest.mark.parametrize(
        ("status", "obtained"),
        [
            (ProjectStatus.PREPARATION, False),
            (ProjectStatus.SUBMITTED, False),
            (ProjectStatus.RUNNING, True),
            (ProjectStatus.CLOSED, True),
        ],
    )
    def test_is_obtained_by_status(self, status, obtained):
        assert EUProjectFactory.build(status=status).is_obtained is obtained

    def test_period_text(self):
        build = EUProjectFactory.build
        assert build(start_date=date(2009, 1, 1), end_date=date(2011, 12, 31)).period == (
            "2009–2011"
        )
        assert build(start_date=date(2010, 1, 1), end_date=date(2010, 6, 30)).period == "2010"
        assert build(start_date=date(2010, 1, 1), end_date=None).period == "depuis 2010"
        assert build(start_date=None, end_date=None).period == ""

    def test_lead_partner_comes_first(self):
        project = EUProjectFactory()
        ProjectPartnerFactory(project=project, name="Aachen", role=PartnerRole.PARTNER)
        lead = ProjectPartnerFactory(project=project, name="Zagreb", role=PartnerRole.LEAD)
        ProjectPartnerFactory(project=project, name="Bologne", role=PartnerRole.ASSOCIATED)
        assert project.lead_partner == lead
        assert [p.name for p in project.partners.all()] == ["Zagreb", "Aachen", "Bologne"]

    def test_no_lead_partner(self):
        project = EUProjectFactory()
        ProjectPartnerFactory(project=project)
        assert project.lead_partner is None


class TestEUProjectConstraints:
    def test_eu_contribution_above_total_budget_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            EUProjectFactory(
                total_budget=Decimal("100"), eu_contribution=Decimal("101"), department_share=0
            )

    def test_eu_contribution_and_department_share_above_total_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            EUProjectFactory(
                total_budget=Decimal("100"),
                eu_contribution=Decimal("60"),
                department_share=Decimal("41"),
            )

    def test_funding_may_fill_the_whole_budget(self):
        project = EUProjectFactory(
            total_budget=Decimal("100"), eu_contribution=Decimal("60"), department_share=40
        )
        assert project.other_funding == 0

    @pytest.mark.parametrize(
        ("total", "eu", "department"),
        [
            ("100.30", "50.10", "50.20"),
            ("0.30", "0.10", "0.20"),
            ("99999999.99", "99999999.98", "0.01"),
        ],
    )
    def test_funding_filling_the_budget_to_the_cent_is_accepted(self, total, eu, department):
        project = EUProjectFactory(
            total_budget=Decimal(total),
            eu_contribution=Decimal(eu),
            department_share=Decimal(department),
        )
        project.full_clean()

    def test_funding_one_cent_over_the_budget_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            EUProjectFactory(
                total_budget=Decimal("100.30"),
                eu_contribution=Decimal("50.10"),
                department_share=Decimal("50.21"),
            )

    def test_end_before_start_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            EUProjectFactory(start_date=date(2012, 1, 1), end_date=date(2011, 12, 31))

    @pytest.mark.parametrize("field", ["total_budget", "eu_contribution", "department_share"])
    def test_negative_amount_is_refused_by_the_database(self, field):
        amounts = {"total_budget": 100, "eu_contribution": 0, "department_share": 0}
        amounts[field] = Decimal("-1")
        with pytest.raises(IntegrityError):
            EUProjectFactory(**amounts)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"total_budget": 100, "eu_contribution": 150, "department_share": 0}, "dépasse"),
            ({"total_budget": 100, "eu_contribution": 60, "department_share": 50}, "ensemble"),
            ({"start_date": date(2012, 1, 1), "end_date": date(2011, 1, 1)}, "précède"),
        ],
    )
    def test_broken_rules_are_validation_errors_before_the_database(self, fields, message):
        project = EUProjectFactory.build(**fields)
        with pytest.raises(ValidationError, match=message):
            project.full_clean()


class TestProjectPartnerConstraints:
    def test_a_project_has_one_lead_partner_at_most(self):
        project = EUProjectFactory()
        ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)
        with pytest.raises(IntegrityError):
            ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)

    def test_each_project_may_have_its_own_lead(self):
        ProjectPartnerFactory(role=PartnerRole.LEAD)
        ProjectPartnerFactory(role=PartnerRole.LEAD)
        assert ProjectPartner.objects.filter(role=PartnerRole.LEAD).count() == 2

    def test_partner_name_is_unique_within_a_project(self):
        partner = ProjectPartnerFactory()
        with pytest.raises(IntegrityError):
            ProjectPartnerFactory(project=partner.project, name=partner.name)

    def test_country_has_a_translated_name(self):
        assert ProjectPartnerFactory(country="DE").country.name == "Allemagne"

    def test_unknown_country_is_a_validation_error(self):
        partner = ProjectPartnerFactory.build(project=EUProjectFactory(), country="XX")
        with pytest.raises(ValidationError) as error:
            partner.full_clean()
        assert "country" in error.value.message_dict


class TestSupportRequest:
    def test_closed_request_needs_a_closing_time_in_the_database(self):
        with pytest.raises(IntegrityError):
            SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=None)

    def test_open_request_has_no_closing_time_in_the_database(self):
        with pytest.raises(IntegrityError):
            SupportRequestFactory(status=RequestStatus.IN_PROGRESS, closed_at=timezone.now())

    def test_str_names_the_structure_and_day(self):
        request = SupportRequestFactory(structure_name="Les Amis de Kita")
        assert str(request).startswith("Les Amis de Kita (")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("siret", "12345678901234"),
            ("rna", "W12345"),
            ("phone", "appelez-moi"),
            ("phone", "(((((("),
        ],
    )
    def test_identifiers_and_phone_are_validated(self, field, value):
        request = SupportRequestFactory.build(**{field: value})
        with pytest.raises(ValidationError) as error:
            request.full_clean()
        assert field in error.value.message_dict


class TestSupportRequestAssignee:
    """Only those who see requests in the admin may follow one (checked by full_clean)."""

    @pytest.fixture
    def request_to_follow(self):
        return SupportRequestFactory()

    def test_a_europe_member_or_a_superuser_may_follow_a_request(
        self, request_to_follow, staff_user_in, django_user_model
    ):
        for user in [
            staff_user_in(EUROPE),
            django_user_model.objects.create_superuser(username="chef", password="x"),
        ]:
            request_to_follow.assigned_to = user
            request_to_follow.full_clean()

    @pytest.mark.parametrize("who", ["editor", "staff", "inactive", "not-staff"])
    def test_others_may_not(self, request_to_follow, staff_user_in, django_user_model, who):
        if who == "editor":
            user = staff_user_in(EDITORS)
        elif who == "staff":
            user = django_user_model.objects.create_user(username="staff", is_staff=True)
        else:
            user = staff_user_in(EUROPE)
            if who == "inactive":
                user.is_active = False
            else:
                user.is_staff = False
            user.save()
        request_to_follow.assigned_to = user
        with pytest.raises(ValidationError) as error:
            request_to_follow.full_clean()
        assert error.value.message_dict["assigned_to"] == [
            "Une demande ne peut être suivie que par un membre actif du groupe «\xa0Europe\xa0» "
            "ou un superutilisateur."
        ]


class TestSupportRequestQuerySet:
    def test_closed_before_and_due_for_purge(self):
        now = timezone.now()
        old = SupportRequestFactory(
            status=RequestStatus.CLOSED, closed_at=now - timedelta(days=366)
        )
        SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=now - timedelta(days=364))
        SupportRequestFactory(status=RequestStatus.IN_PROGRESS)
        assert list(SupportRequest.objects.closed_before(now - timedelta(days=365))) == [old]
        assert list(SupportRequest.objects.due_for_purge(now=now, retention_days=365)) == [old]


def test_support_requests_made_before_stay_with_the_mission_as_confirmed():
    migration = importlib.import_module("europe.migrations.0010_support_request_confirmation")
    request = SupportRequestFactory(pending=True)
    migration.confirm_the_requests_made_before(apps, None)
    request.refresh_from_db()
    assert request.confirmed_at == request.created_at
    assert SupportRequest.objects.confirmed().get() == request
