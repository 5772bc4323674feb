from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "is_published"]
    list_filter = ["is_published", "zones"]
    search_fields = ["title", "title_en", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["zones", "actions"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Publication"), {"fields": ["is_published", "published_at"]}),
        (_("Liens"), {"fields": ["zones", "actions"]}),
        (_("En anglais"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
    ]
