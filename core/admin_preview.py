"""« Voir sur le site » from the admin: a draft is shown to staff as the public will see it.

Django's button leads to a redirect to the record's public address, where a draft answers
404. Here, a published record is still redirected to; a draft (``is_published`` false) is
rendered by its own public view, under the admin's address (staff only, never cached, not
counted), with a note that it is not published yet. The public views let it through with
:class:`core.mixins.PreviewableMixin`.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

PREVIEW_ATTRIBUTE = "preview_drafts"


def is_preview(request):
    return getattr(request, PREVIEW_ATTRIBUTE, False)


def preview_or_redirect(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model is None or not hasattr(model, "is_published"):
        return shortcut(request, content_type_id, object_id)
    record = model._default_manager.filter(pk=object_id).first()
    if record is None:
        raise Http404
    if record.is_published or not hasattr(record, "get_absolute_url"):
        return shortcut(request, content_type_id, object_id)
    from core.mixins import PreviewableMixin

    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        raise PermissionDenied
    match = resolve(record.get_absolute_url())
    if not issubclass(getattr(match.func, "view_class", object), PreviewableMixin):
        return shortcut(request, content_type_id, object_id)  # a page that cannot show drafts
    setattr(request, PREVIEW_ATTRIBUTE, True)
    messages.warning(
        request,
        _("Aperçu : « %(record)s » n’est pas publié ; le public ne voit pas encore cette page.")
        % {"record": record},
    )
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    response.cache_exempt = True
    add_never_cache_headers(response)
    return response
