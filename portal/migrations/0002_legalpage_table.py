from django.db import migrations


def move_content_type(apps, schema_editor):
    """Keeps the content type of a database migrated when the model belonged to
    ``essonne_intl``, and with it the permissions the editors hold on the legal pages."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="essonne_intl", model="legalpage").exclude(
        model__in=ContentType.objects.filter(app_label="portal").values("model")
    ).update(app_label="portal")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="legalpage", table=None),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
