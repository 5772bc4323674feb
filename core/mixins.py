from django.contrib import messages
from django.utils.translation import gettext as _

from core.admin_preview import is_preview


class CountViewMixin:
    """For detail views of a :class:`~core.models.ViewCountedModel`: each GET counts
    once, before the page is rendered, so the page shows the count including this view. HEAD
    requests (link checkers, previews) are answered without counting."""

    def head(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_to_response(self.get_context_data(object=self.object))
        response.cache_exempt = True
        return response

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if is_preview(request):  # staff looking at a draft: not a view
            return self.render_to_response(self.get_context_data(object=self.object))
        self.object.record_view()
        response = self.render_to_response(self.get_context_data(object=self.object))
        # The page cache serves it for a short while and counts each request it serves.
        response.counted_view = (self.object._meta.label, self.object.pk)
        return response


class ForgivingPaginationMixin:
    """A page number past the end (an old bookmark, a list that shrank) shows the last page,
    and one that is not a number the first, with a note saying so, instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        asked = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or "1"
        page = paginator.get_page(asked)
        if str(asked) != str(page.number):
            messages.warning(
                self.request,
                _("La page « %(asked)s » n’existe pas : voici la page %(number)s sur %(total)s.")
                % {"asked": str(asked)[:20], "number": page.number, "total": paginator.num_pages},
            )
        return paginator, page, page.object_list, page.has_other_pages()


class CacheableQueryMixin(ForgivingPaginationMixin):
    """Tells the page cache (``core/cache.py``) whether this page's query string may be kept.

    Only a query the view understood and validated, whose values come from a finite set (filter
    choices, years, page numbers, sort orders), is kept: free text (``q``) and any value the
    view refused or ignored are served but not stored, so made-up query strings cannot fill
    the cache. ``query_form()`` gives the bound form or filterset that reads the query.
    """

    free_text_parameters = frozenset({"q"})

    def query_form(self):
        filterset = getattr(self, "filterset", None)
        return filterset.form if filterset is not None else None

    def query_is_cacheable(self, context):
        query = self.request.GET
        if not query:
            return True
        form = self.query_form()
        understood = {"page"} | (set(form.fields) if form is not None else set())
        if not set(query) <= understood or any(query.get(n) for n in self.free_text_parameters):
            return False
        if form is not None and form.is_bound and not form.is_valid():
            return False
        page = context.get("page_obj")
        return "page" not in query or (page is not None and query["page"] == str(page.number))

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.cacheable_query = self.query_is_cacheable(context)
        return response


class PreviewableMixin:
    """For the detail view of a publishable record: staff previewing a draft from the admin
    (``core.admin_preview``) see it; everyone else, only published records."""

    def get_object(self, queryset=None):
        if is_preview(self.request):
            queryset = self.get_queryset().model._default_manager.all()
        return super().get_object(queryset)
