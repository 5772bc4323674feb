"""Helpers for the apps' ``staff_dashboard(request)`` (``core.registry``): lines of the admin's
index that link to the admin's lists, shown only to whom may open them."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .registry import StaffItem, StaffPanel

DRAFTS = _("Brouillons à relire et publier")


def may_view(request, model):
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def changelist_url(model, **filters):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def drafts_panel(request, *models):
    """« Brouillons »: how many records of each model wait unpublished (``is_published``)."""
    items = [
        StaffItem(
            label=capfirst(model._meta.verbose_name_plural),
            value=str(count),
            url=changelist_url(model, is_published__exact=0),
        )
        for model in models
        if may_view(request, model)
        and (count := model._default_manager.filter(is_published=False).count())
    ]
    return [StaffPanel(title=DRAFTS, items=items, order=30)] if items else []
