from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from .models import Photo
from .renditions import FORMATS, rendition_file

A_YEAR = 365 * 24 * 3600


class RenditionView(View):
    """One size and format of a published photo, generated on first request and then read from
    the storage. Its address changes with the image and the focal point, so it is cached for a
    year by browsers and proxies."""

    def get(self, request, pk, version, width, extension):
        photo = get_object_or_404(Photo.objects.published(), pk=pk)
        if version != photo.version or width not in photo.widths() or extension not in FORMATS:
            raise Http404
        cached = rendition_file(photo, width, extension)
        try:
            stream = cached.storage.open(cached.name, "rb")
        except OSError as error:
            raise Http404 from error
        response = FileResponse(stream, content_type=FORMATS[extension][1])
        response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
