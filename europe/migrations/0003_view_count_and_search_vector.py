import django.contrib.postgres.search
from django.db import migrations, models

from core.fulltext import CreateSearchTrigger


class Migration(migrations.Migration):
    dependencies = [
        ("europe", "0002_staff_groups"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="euproject",
            name="view_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="nombre de vues"
            ),
        ),
        migrations.AddField(
            model_name="euproject",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        CreateSearchTrigger(
            "euproject", ["name", "name_en", "acronym", "summary", "summary_en", "text"]
        ),
    ]
