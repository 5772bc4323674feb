"""Helpers for the apps' demo loaders (``<app>/demo.py``), run by ``manage.py load_demo``."""


def sync(model, lookup, values):
    """Creates the record, or updates it only where a value differs; returns it.

    A second run of ``load_demo`` thus writes nothing: no new ``updated_at``, no history row,
    no emptied cache.
    """
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model.objects.create(**lookup, **values)
    changed = {name: value for name, value in values.items() if getattr(record, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(record, name, value)
        record.save(update_fields=[*changed, *updated_at_field(model)])
    return record


def updated_at_field(model):
    return ["updated_at"] if any(f.name == "updated_at" for f in model._meta.fields) else []
