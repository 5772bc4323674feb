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
