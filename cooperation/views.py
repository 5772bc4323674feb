from django.db.models import Prefetch
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from core.mixins import CacheableQueryMixin, CountViewMixin, PreviewableMixin

from .filters import ActionFilter
from .models import Action, EmergencyAid, Partner, Zone

# Action cards on a zone page (three rows of the two-column grid); the others are one link away,
# so that the page costs the same whatever the number of actions of the zone.
ZONE_LATEST_ACTIONS = 6


class ZoneListView(CacheableQueryMixin, ListView):
    template_name = "cooperation/zone_list.html"
    context_object_name = "zones"

    def get_queryset(self):
        return Zone.objects.published().with_action_counts()


class ZoneDetailView(PreviewableMixin, CountViewMixin, DetailView):
    template_name = "cooperation/zone_detail.html"
    context_object_name = "zone"

    def get_queryset(self):
        return Zone.objects.published()

    def get_context_data(self, **kwargs):
        zone = self.object
        actions = Action.objects.published().for_zone(zone)
        emergency_aids = EmergencyAid.objects.published().for_zone(zone)
        return super().get_context_data(
            partners=zone.partners.order_by("name"),
            # The cards show neither the partners nor the zone: nothing to prefetch.
            actions=actions.most_recent(ZONE_LATEST_ACTIONS),
            action_totals=actions.totals(),
            emergency_aids=emergency_aids,
            emergency_totals=emergency_aids.totals(),
            **kwargs,
        )


class ActionListView(CacheableQueryMixin, FilterView):
    filterset_class = ActionFilter
    template_name = "cooperation/action_list.html"
    context_object_name = "actions"
    paginate_by = 20

    def get_queryset(self):
        return Action.objects.published().select_related("zone")

    def get_context_data(self, **kwargs):
        return super().get_context_data(totals=self.object_list.totals(), **kwargs)


class ActionDetailView(PreviewableMixin, CountViewMixin, DetailView):
    template_name = "cooperation/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        return (
            Action.objects.published()
            .select_related("zone", "dac_purpose")
            .prefetch_related(
                Prefetch("partners", queryset=Partner.objects.order_by("name")),
                "sdg_goals",
                "sdg_targets",
            )
        )


class EmergencyAidListView(CacheableQueryMixin, ListView):
    template_name = "cooperation/emergencyaid_list.html"
    context_object_name = "emergency_aids"

    def get_queryset(self):
        return EmergencyAid.objects.published().select_related("zone")

    def get_context_data(self, **kwargs):
        return super().get_context_data(totals=self.get_queryset().totals(), **kwargs)
