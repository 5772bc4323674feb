from django.http import FileResponse, Http404
from django.views import View

from core.cache import cached_until_content_changes

from .models import ActionDocument

# A downloaded or displayed file can never run in the portal's origin.
UPLOAD_CSP = "default-src 'none'; sandbox"


class DocumentDownloadView(View):
    """Serves a published document's file (stored privately) under a name of its own."""

    def get(self, request, pk):
        download = cached_until_content_changes(
            "action-document-download", ActionDocument.objects.published().download, pk
        )
        if download is None:
            raise Http404
        try:
            stream = ActionDocument._meta.get_field("file").storage.open(download["file"], "rb")
        except OSError as error:  # the record outlived its file
            raise Http404 from error
        response = FileResponse(
            stream,
            as_attachment=True,
            filename=download["filename"],
            content_type=download["content_type"],
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = UPLOAD_CSP
        return response
