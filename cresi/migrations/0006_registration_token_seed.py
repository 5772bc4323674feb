import secrets

from django.db import migrations, models


def give_each_registration_a_seed(apps, schema_editor):
    """Registrations made before keep their cancellation link (its digest is unchanged); their
    seed, random, only serves a link made from now on."""
    Registration = apps.get_model("cresi", "Registration")
    for registration in Registration.objects.filter(token_seed="").only("pk"):
        Registration.objects.filter(pk=registration.pk).update(token_seed=secrets.token_hex(32))


class Migration(migrations.Migration):
    dependencies = [("cresi", "0005_cresi_follows_its_emails")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="token_seed",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="graine des liens"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_registration_a_seed, migrations.RunPython.noop),
    ]
