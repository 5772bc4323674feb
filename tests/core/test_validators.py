import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from core.validators import (
    normalize_identifier,
    validate_no_spreadsheet_formula,
    validate_rna,
    validate_siret,
)

# A company's SIRET, and La Poste's head office and one of its establishments.
COMPANY_SIRET = "55210055400013"
LA_POSTE_HEAD_OFFICE = "35600000000048"
LA_POSTE_ESTABLISHMENT = "35600000049837"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("552 100 554 00013", "55210055400013"),
        ("552.100.554-00013", "55210055400013"),
        (" w912001234 ", "W912001234"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_identifier(raw, expected):
    assert normalize_identifier(raw) == expected


@pytest.mark.parametrize(
    "value", [COMPANY_SIRET, "73282932000074", LA_POSTE_HEAD_OFFICE, LA_POSTE_ESTABLISHMENT]
)
def test_valid_siret(value):
    validate_siret(value)


def test_la_poste_establishment_fails_luhn_but_passes_its_own_rule():
    assert not luhn.is_valid(LA_POSTE_ESTABLISHMENT)
    validate_siret(LA_POSTE_ESTABLISHMENT)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("55210055400014", "pas valide"),
        ("5521005540001", "14 chiffres"),
        ("552100554000130", "14 chiffres"),
        ("5521005540001A", "14 chiffres"),
        ("35600000049838", "pas valide"),
        ("", "14 chiffres"),
        ("5521005540001\n", "14 chiffres"),
        # The 14 digits pass the Luhn key, their SIREN does not: the schema's check refuses it.
        ("12345678000014", "SIREN"),
    ],
)
def test_invalid_siret(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_siret(value)


@pytest.mark.parametrize("value", ["W912001234", "W751234567", "W2A1000123"])
def test_valid_rna(value):
    validate_rna(value)


@pytest.mark.parametrize(
    "value", ["W91200123", "W9120012345", "X912001234", "912001234", "W91200123A"]
)
def test_invalid_rna(value):
    with pytest.raises(ValidationError, match="W suivi de 9 chiffres"):
        validate_rna(value)


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://example.com")',
        "+33 1 60 91 91 91",
        "@SUM(A1)",
        "\tProjet",
        "\rProjet",
        "-2+3",
        "-SUM(A1:A3)",
        "-cmd|' /C calc'!A0",
        "-A1+B1",
        "-=1",
        "--1",
    ],
)
def test_a_text_starting_as_a_spreadsheet_formula_is_refused(value):
    with pytest.raises(ValidationError, match="formule de tableur"):
        validate_no_spreadsheet_formula(value)


@pytest.mark.parametrize(
    "value",
    ["", "Puits au Mali", "- Projet de puits", "-5 %", "-10", "Projet = eau", "Écoles (Kita)"],
)
def test_ordinary_texts_are_not_formulas(value):
    validate_no_spreadsheet_formula(value)
