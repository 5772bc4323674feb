"""Template helpers of the results app, for other apps' pages.

``{% record_results action %}`` (an action or an EU project) and ``{% action_documents action %}``
let the action page (``cooperation``) and the project page (``europe``) show them without those
apps importing ``results``: the dependency stays results → cooperation, europe.
"""

from django import template

from results.models import ActionDocument, Result

register = template.Library()


@register.inclusion_tag("includes/record_results.html")
def record_results(record):
    """The published results of an action or an EU project, with their indicators (three
    queries whatever their number)."""
    results = Result.objects.published().for_record(record).with_indicators()
    return {"results": results}


@register.inclusion_tag("includes/action_documents.html")
def action_documents(action):
    """The published documents of an action, with the CRESI resource each may link to."""
    documents = ActionDocument.objects.published().filter(action=action).select_related("resource")
    return {"documents": documents}
