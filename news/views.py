from django.views.generic import DetailView, ListView

from core.mixins import CacheableQueryMixin

from .models import NewsItem


class NewsListView(CacheableQueryMixin, ListView):
    template_name = "news/newsitem_list.html"
    context_object_name = "news_items"
    paginate_by = 10

    def get_queryset(self):
        return NewsItem.objects.published().prefetch_related("photos")


class NewsDetailView(DetailView):
    """One piece of news; staff who may see news in the admin also open drafts and scheduled
    items here, to read them as the public will (never cached: the page is theirs)."""

    template_name = "news/newsitem_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user).prefetch_related(
            "zones", "actions", "photos"
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            response["Cache-Control"] = "private, no-store"
        return response
