from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION public.french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION public.french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
"""
DROP_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.french_unaccent;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_CONFIGURATION)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_CONFIGURATION)


def create_the_row(apps, schema_editor):
    apps.get_model("core", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """French full-text search that ignores accents (PostgreSQL only) and the content version.

    These were the migrations of ``essonne_intl`` before it became configuration only: a database
    that applied them counts this one as applied (``replaces``) and keeps its table, which
    ``0002`` renames.
    """

    initial = True
    replaces = [
        ("essonne_intl", "0001_search_configuration"),
        ("essonne_intl", "0005_content_version"),
    ]
    dependencies = []

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=1)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "version du contenu",
                "verbose_name_plural": "versions du contenu",
                "db_table": "essonne_intl_contentversion",
            },
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
