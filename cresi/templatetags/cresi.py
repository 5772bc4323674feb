"""Dates and file sizes of the resource centre's pages, the French way (see ``cresi.formats``)."""

from django import template

from cresi import formats

register = template.Library()


@register.filter
def long_date(value):
    """``{{ session.registration_deadline|long_date }}``: « 1er février 2027 »."""
    return formats.long_date(value)


@register.filter
def file_size(value):
    """``{{ resource.file_size|file_size }}``: « 1,2 Ko », « 1.2 KB » in English."""
    return formats.file_size(value)
