from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_files import StoredFileAdminMixin

from .models import Photo


@admin.register(Photo)
class PhotoAdmin(StoredFileAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "placement", "credit", "is_decorative", "position"]
    list_filter = ["on_home", "is_decorative"]
    search_fields = ["alt_text", "caption", "credit"]
    list_select_related = ["zone", "action", "emergency_aid", "eu_project", "news_item"]
    autocomplete_fields = ["zone", "action", "emergency_aid", "eu_project", "news_item"]
    readonly_fields = ["width", "height"]
    fieldsets = [
        (None, {"fields": ["image", ("width", "height")]}),
        (
            _("Description"),
            {"fields": ["alt_text", "is_decorative", "caption", "credit", ("focal_x", "focal_y")]},
        ),
        (
            _("Page où elle paraît (une seule)"),
            {
                "fields": [
                    "zone",
                    "action",
                    "emergency_aid",
                    "eu_project",
                    "news_item",
                    "on_home",
                    "position",
                ]
            },
        ),
        (_("En anglais"), {"fields": ["alt_text_en", "caption_en"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("page"))
    def placement(self, photo):
        return photo.placement
