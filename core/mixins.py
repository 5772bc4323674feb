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
        self.object.record_view()
        response = self.render_to_response(self.get_context_data(object=self.object))
        # The page cache serves it for a short while and counts each request it serves.
        response.counted_view = (self.object._meta.label, self.object.pk)
        return response


class CacheableQueryMixin:
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
