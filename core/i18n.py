from django.utils.translation import get_language


def translated_value(obj, field_name):
    """``obj.<field>_en`` under English if it is filled, else the French ``obj.<field>``.

    Content is written in French; staff may add an English version of key fields (titles,
    summaries), which the English site shows, falling back to French.
    """
    language = get_language() or ""
    if language.startswith("en"):
        english = getattr(obj, f"{field_name}_en", "")
        if english:
            return english
    return getattr(obj, field_name)


def value_language(obj, field_name):
    """The language ``translated_value(obj, field_name)`` is written in: ``"en"`` when the
    English site shows an English version, else ``"fr"``."""
    language = get_language() or ""
    if language.startswith("en") and getattr(obj, f"{field_name}_en", ""):
        return "en"
    return "fr"
