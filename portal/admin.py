from django.contrib import admin

from .models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """The three legal pages always exist (seeded by a migration): staff edit, never add or
    delete them."""

    list_display = ["title", "key", "updated_at"]
    readonly_fields = ["key", "updated_at"]
    fields = ["key", "title", "body", "title_en", "body_en", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
