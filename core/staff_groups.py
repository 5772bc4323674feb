"""Staff groups and their permissions, granted from each app's data migrations.

Each group gets only the model permissions its work needs: « Éditeurs » edit the public content,
« Finances » the subsidies, « CRESI » the resource centre and its registrations, « Europe » the
EU projects and support requests.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Éditeurs"
FINANCE = "Finances"
CRESI = "CRESI"
EUROPE = "Europe"
CALLS = "Appels à projets"

ALL_ACTIONS = ("add", "change", "delete", "view")


def grant_model_permissions(apps, group_name, app_label, model_names, actions=ALL_ACTIONS):
    """Creates ``group_name`` if needed and gives it ``actions`` on the app's models.

    Permissions are normally created after ``migrate`` finishes; they are created here first so
    that a fresh database gets its groups in the same run.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = {f"{action}_{model}" for model in model_names for action in actions}
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = codenames - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*permissions)


def revoke_model_permissions(apps, group_name, app_label, model_names, actions=ALL_ACTIONS):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    codenames = {f"{action}_{model}" for model in model_names for action in actions}
    group.permissions.remove(
        *group.permissions.filter(content_type__app_label=app_label, codename__in=codenames)
    )
