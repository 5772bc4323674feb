from django.db import migrations


def move_content_type(apps, schema_editor):
    """Keeps the content type (and the permissions pointing to it) of a database migrated when
    the model belonged to ``essonne_intl``."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="essonne_intl", model="contentversion").exclude(
        model__in=ContentType.objects.filter(app_label="core").values("model")
    ).update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="contentversion", table=None),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
