"""The portal's URLs plus ``/bench/trivial/``, the baseline of the load benchmark."""

from django.http import HttpResponse
from django.urls import path

from essonne_intl.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    """No query, no template: what the server and the middleware cost on their own.

    Exempt from the page cache, so the baseline is the same in the cached and uncached runs.
    """
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response.cache_exempt = True
    return response


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *portal_urlpatterns]
