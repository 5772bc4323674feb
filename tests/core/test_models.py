from decimal import Decimal

import pytest
from django.db.models import Q

from cooperation.models import Action, EmergencyAid, Zone
from cresi.models import Resource
from subsidies.models import Subsidy, SubsidyTotal
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory
from tests.subsidies.factories import SubsidyFactory


class TestPublishableQuerySet:
    def test_a_record_without_parents_is_published_by_its_own_flag(self):
        assert Zone.objects.all().published_condition() == Q(is_published=True)
        assert Resource.objects.all().published_condition() == Q(is_published=True)

    def test_a_parent_that_every_record_has_must_be_published_too(self):
        assert Action.objects.all().published_condition() == Q(is_published=True) & Q(
            zone__is_published=True
        )

    def test_a_null_parent_holds_nothing_back(self):
        assert EmergencyAid.objects.all().published_condition() == Q(is_published=True) & (
            Q(zone__isnull=True) | Q(zone__is_published=True)
        )

    def test_a_record_without_a_flag_nor_parents_is_always_published(self):
        # The kept totals count published decisions only, whatever their zone.
        assert SubsidyTotal.objects.all().published_condition() == Q()

    def test_the_condition_reads_from_a_tied_record(self):
        assert Zone.objects.all().published_condition("zone__") == Q(zone__is_published=True)

    @pytest.mark.django_db
    def test_drafts_and_records_tied_to_a_draft_are_left_out(self):
        draft_zone = ZoneFactory(is_published=False)
        shown = SubsidyFactory(zone=ZoneFactory())
        without_zone = SubsidyFactory(zone=None)
        # A decision's publication is its own (décret 2017-779): a draft zone holds it not back.
        in_draft_zone = SubsidyFactory(zone=draft_zone)
        SubsidyFactory(zone=None, is_published=False)
        assert set(Subsidy.objects.published()) == {shown, without_zone, in_draft_zone}
        ActionFactory(zone=draft_zone)
        assert not Action.objects.published().exists()
        aid = EmergencyAidFactory(zone=None)
        EmergencyAidFactory(zone=draft_zone)
        assert list(EmergencyAid.objects.published()) == [aid]
        assert SubsidyTotal.objects.published().totals()["count"] == 3
        assert SubsidyTotal.objects.published().totals()["amount"] == (
            shown.amount + without_zone.amount + in_draft_zone.amount
        ).quantize(Decimal("0.01"))
