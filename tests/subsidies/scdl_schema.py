"""Validates a SCDL « subventions » file with the official TableSchema and ``frictionless``.

``subsidies/standards/scdl-subventions-2.1.1/schema.json`` is the schema as published. It names
two custom checks in ``custom_checks`` that frictionless does not know; they are written here as
the schema's own validator (Validata) runs them: ``french-siret-value`` with python-stdnum,
``one-of-required`` on each row.
"""

import json
from pathlib import Path

import attrs
from frictionless import Check, Checklist, Resource, Schema, errors
from stdnum.fr import siret

import subsidies

SCHEMA_PATH = Path(subsidies.__file__).parent / "standards/scdl-subventions-2.1.1/schema.json"


class FrenchSiretValueError(errors.CellError):
    type = "french-siret-value"
    title = "Numéro SIRET invalide"
    description = "La valeur n'est pas un numéro SIRET valide (clés du SIREN et du SIRET)."
    template = "La valeur {cell} n'est pas un numéro SIRET français valide."


class OneOfRequiredError(errors.RowError):
    type = "one-of-required"
    title = "Une des deux colonnes est requise"
    description = "Au moins une des deux colonnes doit être remplie."
    template = "Ligne {rowNumber} : {note}"


@attrs.define(kw_only=True, repr=False)
class french_siret_value(Check):
    type = "french-siret-value"
    Errors = [FrenchSiretValueError]

    column: str

    def validate_start(self):
        if self.column not in self.resource.schema.field_names:
            yield errors.CheckError(note=f"french-siret-value: no column {self.column}")

    def validate_row(self, row):
        value = row[self.column]
        if value and not siret.is_valid(str(value)):
            yield FrenchSiretValueError.from_row(row, note="", field_name=self.column)


@attrs.define(kw_only=True, repr=False)
class one_of_required(Check):
    type = "one-of-required"
    Errors = [OneOfRequiredError]

    column1: str
    column2: str

    def validate_start(self):
        names = self.resource.schema.field_names
        if self.column1 not in names and self.column2 not in names:
            yield errors.CheckError(note=f"one-of-required: no {self.column1}, no {self.column2}")

    def validate_row(self, row):
        if not (row[self.column1] or row[self.column2]):
            note = f"{self.column1} ou {self.column2} doit être rempli"
            yield OneOfRequiredError.from_row(row, note=note)


CUSTOM_CHECKS = {"french-siret-value": french_siret_value, "one-of-required": one_of_required}


def official_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def custom_checks(descriptor):
    return [
        CUSTOM_CHECKS[check["name"]](**check["params"]) for check in descriptor["custom_checks"]
    ]


def scdl_errors(data):
    """Every error the official schema, its custom checks included, finds in ``data`` (the bytes
    of a CSV file), as ``(row number, field, type, message)``; empty when the file is valid."""
    descriptor = official_schema()
    fields = {key: value for key, value in descriptor.items() if key != "custom_checks"}
    resource = Resource(
        data=data, format="csv", encoding="utf-8", schema=Schema.from_descriptor(fields)
    )
    report = resource.validate(checklist=Checklist(checks=custom_checks(descriptor)))
    return [
        (
            getattr(error, "row_number", None),
            getattr(error, "field_name", None),
            error.type,
            error.message,
        )
        for task in report.tasks
        for error in task.errors
    ] + [(None, None, error.type, error.message) for error in report.errors]
