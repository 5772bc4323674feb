from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "start_at", "end_at", "location", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "title_en", "summary", "location"]
    date_hierarchy = "start_at"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "link", "is_published"]}),
        (_("Quand et où"), {"fields": ["start_at", "end_at", "location"]}),
        (_("En anglais"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
    ]
