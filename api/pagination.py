from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``?page=N``, as on the site's lists; a fixed page size, so that the cached answers are
    few (a page beyond the last answers 404)."""

    page_size = 50
    page_query_param = "page"
