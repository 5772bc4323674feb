from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from cooperation.models import Action, Zone

from .figures import home_figures


class HomeView(TemplateView):
    template_name = "essonne_intl/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zones=Zone.objects.published().with_action_counts(),
            figures=home_figures(),
            **kwargs,
        )


class SiteMapView(TemplateView):
    """The human-readable site map (« plan du site »), listing every published page."""

    template_name = "essonne_intl/site_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zones=Zone.objects.published(),
            actions=Action.objects.published().only("title", "slug"),
            **kwargs,
        )


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
