"""Stored files in the admin, opened through the admin itself.

Django's file widget links to ``MEDIA_URL``, which production does not serve (uploads are
private, and served only by the views that check them). :class:`StoredFileAdminMixin` gives a
model admin a view that sends a record's stored file to staff who may view the record (drafts
included, never counted as a public download) and makes the widget's « Actuellement » link
point to it.
"""

import mimetypes
from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import FileResponse, Http404
from django.urls import path, reverse

# Files are sent as attachments that cannot run anything in the portal's origin.
ATTACHMENT_CSP = "default-src 'none'; sandbox"


class LinkedFile:
    """What the widget's template reads of a stored file: its name and a link."""

    def __init__(self, field_file, url):
        self.name = field_file.name
        self.url = url

    def __str__(self):
        return PurePosixPath(self.name).name


class StoredFileLinkWidget(AdminFileWidget):
    def __init__(self, *args, link=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.link = link

    def get_context(self, name, value, attrs):
        if value and getattr(value, "instance", None) is not None and value.instance.pk:
            value = LinkedFile(value, self.link(value.instance))
        return super().get_context(name, value, attrs)


class StoredFileAdminMixin:
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/fichier/<str:field_name>/",
                self.admin_site.admin_view(self.stored_file_view),
                name=f"{opts.app_label}_{opts.model_name}_stored_file",
            ),
            *super().get_urls(),
        ]

    def stored_file_url(self, instance, field_name):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_stored_file",
            args=[instance.pk, field_name],
            current_app=self.admin_site.name,
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = StoredFileLinkWidget(
                link=lambda instance, name=db_field.name: self.stored_file_url(instance, name)
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def stored_file_view(self, request, object_id, field_name):
        instance = self.get_object(request, object_id)
        if instance is None:
            raise Http404
        if not self.has_view_or_change_permission(request, instance):
            raise PermissionDenied
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist as error:
            raise Http404 from error
        stored = getattr(instance, field_name) if isinstance(field, models.FileField) else None
        if not stored:
            raise Http404
        try:
            stream = stored.open("rb")
        except OSError as error:  # the record outlived its file
            raise Http404 from error
        name = PurePosixPath(stored.name).name
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = FileResponse(
            stream, as_attachment=True, filename=name, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = ATTACHMENT_CSP
        response["Cache-Control"] = "private, no-store"
        return response
