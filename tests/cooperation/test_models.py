from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cooperation.models import Action, EmergencyAid, Zone
from tests.factories import ActionFactory, EmergencyAidFactory, PartnerFactory, ZoneFactory

pytestmark = pytest.mark.django_db


class TestZoneQuerySet:
    def test_published_hides_drafts(self):
        shown = ZoneFactory()
        ZoneFactory(is_published=False)
        assert list(Zone.objects.published()) == [shown]

    def test_with_action_counts_counts_published_actions_only(self):
        zone = ZoneFactory()
        ActionFactory.create_batch(2, zone=zone)
        ActionFactory(zone=zone, is_published=False)
        assert Zone.objects.with_action_counts().get().published_action_count == 2

    def test_search_matches_name_and_summary(self):
        mali = ZoneFactory(name="Mali", summary="Coopération ancienne")
        ZoneFactory(name="Europe", summary="Mission Europe")
        assert list(Zone.objects.search("mali")) == [mali]
        assert list(Zone.objects.search("ancienne")) == [mali]


class TestZone:
    def test_absolute_url_uses_slug(self):
        assert ZoneFactory(slug="mali").get_absolute_url() == "/cooperation/mali/"

    @pytest.mark.parametrize("slug", ["actions", "urgences"])
    def test_reserved_slug_is_refused_by_validation(self, slug):
        zone = ZoneFactory.build(slug=slug)
        with pytest.raises(ValidationError) as error:
            zone.full_clean()
        assert "slug" in error.value.message_dict

    def test_reserved_slug_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ZoneFactory(slug="actions")

    def test_latitude_out_of_range_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ZoneFactory(latitude=Decimal("95"))

    def test_country_code_must_be_two_capitals(self):
        zone = ZoneFactory.build(country_code="ml")
        with pytest.raises(ValidationError) as error:
            zone.full_clean()
        assert "country_code" in error.value.message_dict


class TestActionQuerySet:
    def test_published_needs_published_action_and_zone(self):
        shown = ActionFactory()
        ActionFactory(is_published=False)
        ActionFactory(zone=ZoneFactory(is_published=False))
        assert list(Action.objects.published()) == [shown]

    def test_for_zone(self):
        zone = ZoneFactory()
        mine = ActionFactory(zone=zone)
        ActionFactory()
        assert list(Action.objects.for_zone(zone)) == [mine]

    def test_in_year_includes_running_and_open_ended_actions(self):
        running = ActionFactory(start_year=2008, end_year=2011)
        open_ended = ActionFactory(start_year=2009, end_year=None)
        ActionFactory(start_year=2011, end_year=2012)  # starts later
        ActionFactory(start_year=2005, end_year=2009)  # ended before
        assert set(Action.objects.in_year(2010)) == {running, open_ended}

    def test_in_year_bounds_are_inclusive(self):
        action = ActionFactory(start_year=2010, end_year=2012)
        assert list(Action.objects.in_year(2010)) == [action]
        assert list(Action.objects.in_year(2012)) == [action]

    def test_search_looks_in_title_summary_and_body(self):
        by_title = ActionFactory(title="Puits et forages")
        by_summary = ActionFactory(summary="Forages villageois")
        by_body = ActionFactory(body="Des forages au Mali")
        ActionFactory(title="Autre chose")
        assert set(Action.objects.search("forages")) == {by_title, by_summary, by_body}

    def test_search_ignores_accents_and_case(self):
        action = ActionFactory(title="Équipement d'écoles à Kayes")
        assert list(Action.objects.search("EQUIPEMENT ecoles")) == [action]
        assert list(Action.objects.search("équipement")) == [action]

    def test_search_finds_english_titles(self):
        action = ActionFactory(title="Puits", title_en="Water wells")
        assert list(Action.objects.search("water")) == [action]

    def test_most_recent_keeps_the_latest_started_in_list_order(self):
        oldest = ActionFactory(start_year=2004, end_year=None)
        latest = ActionFactory(start_year=2012, end_year=None)
        same_year_b = ActionFactory(start_year=2010, end_year=None, title="B")
        same_year_a = ActionFactory(start_year=2010, end_year=None, title="A")
        assert list(Action.objects.most_recent(3)) == [latest, same_year_a, same_year_b]
        assert list(Action.objects.most_recent(10))[-1] == oldest

    def test_most_recent_is_limited_by_the_database(self, django_assert_num_queries):
        ActionFactory.create_batch(5)
        with django_assert_num_queries(1) as captured:
            assert len(Action.objects.most_recent(2)) == 2
        assert "LIMIT 2" in captured.captured_queries[0]["sql"]

    def test_totals_sum_the_selection(self):
        ActionFactory(budget=Decimal("1000.50"), contribution=Decimal("500.25"))
        ActionFactory(budget=None, contribution=Decimal("99.75"))
        totals = Action.objects.totals()
        assert totals == {
            "count": 2,
            "budget": Decimal("1000.50"),
            "contribution": Decimal("600.00"),
        }

    def test_totals_of_nothing_are_zero(self):
        assert Action.objects.totals() == {
            "count": 0,
            "budget": Decimal("0"),
            "contribution": Decimal("0"),
        }


class TestActionConstraints:
    def test_end_before_start_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ActionFactory(start_year=2012, end_year=2010)

    def test_end_before_start_is_a_validation_error(self):
        action = ActionFactory.build(zone=ZoneFactory(), start_year=2012, end_year=2010)
        with pytest.raises(ValidationError, match="précède"):
            action.full_clean()

    def test_negative_contribution_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ActionFactory(contribution=Decimal("-1"), budget=None)

    def test_negative_budget_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ActionFactory(budget=Decimal("-5"), contribution=Decimal("0"))

    def test_contribution_above_budget_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            ActionFactory(budget=Decimal("100"), contribution=Decimal("101"))

    def test_period_text(self):
        assert ActionFactory.build(start_year=2010, end_year=2012).period == "2010–2012"
        assert ActionFactory.build(start_year=2010, end_year=2010).period == "2010"
        assert ActionFactory.build(start_year=2010, end_year=None).period == "depuis 2010"

    def test_partner_name_is_unique_within_a_zone(self):
        partner = PartnerFactory()
        with pytest.raises(IntegrityError):
            PartnerFactory(zone=partner.zone, name=partner.name)


class TestEmergencyAidQuerySet:
    def test_published_hides_drafts_and_aids_of_draft_zones(self):
        without_zone = EmergencyAidFactory()
        in_zone = EmergencyAidFactory(zone=ZoneFactory())
        EmergencyAidFactory(is_published=False)
        EmergencyAidFactory(zone=ZoneFactory(is_published=False))
        assert set(EmergencyAid.objects.published()) == {without_zone, in_zone}

    def test_for_zone(self):
        zone = ZoneFactory()
        aid = EmergencyAidFactory(zone=zone, year=2010)
        EmergencyAidFactory(year=2004)
        assert list(EmergencyAid.objects.for_zone(zone)) == [aid]

    def test_totals(self):
        EmergencyAidFactory(amount=Decimal("100000.00"))
        EmergencyAidFactory(amount=Decimal("50000.00"))
        assert EmergencyAid.objects.totals() == {"count": 2, "amount": Decimal("150000.00")}

    def test_negative_amount_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            EmergencyAidFactory(amount=Decimal("-1"))


def test_an_action_that_ended_must_be_completed():
    from cooperation.choices import ActionStatus

    action = ActionFactory.build(
        zone=ZoneFactory(), start_year=2008, end_year=2011, status=ActionStatus.ONGOING
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "status" in error.value.message_dict
    action.status = ActionStatus.COMPLETED
    action.full_clean()
