"""The SCDL import: reading real-world files, checking every row, all or nothing, idempotence."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from core.content_version import content_version
from subsidies.choices import Nature, PaymentConditions
from subsidies.models import Beneficiary, Subsidy
from subsidies.scdl import COLUMNS
from subsidies.services import subsidy_import
from tests.subsidies.factories import (
    BeneficiaryFactory,
    SubsidyFactory,
    scdl_csv,
    scdl_row,
    valid_siret,
)

pytestmark = pytest.mark.django_db


def errors_of(report):
    return [(error.line, error.column) for error in report.errors]


def two_rows():
    return [
        scdl_row(),
        scdl_row(
            referenceDecision="CP-2010-03-22-002",
            nomBeneficiaire="Écoles du Sahel 91",
            idBeneficiaire=valid_siret(2),
            rnaBeneficiaire="",
            objet="Équipement de salles de classe",
            montant="64500.5",
            nature="aide en nature;aide en numéraire",
            conditionsVersement="unique",
            datesPeriodeVersement="2010-04-01",
            idRAE="12345",
            notificationUE="oui",
            pourcentageSubvention="0.45",
            dispositifAide="65D5B6C7-102C-4440-AC3B-768F708EDC0A",
        ),
    ]


class TestImport:
    def test_imports_every_row_with_its_values(self):
        report = subsidy_import(data=scdl_csv(two_rows()), filename="cp.csv")
        assert report.accepted and report.written
        assert (report.row_count, report.created, report.updated) == (2, 2, 0)
        assert report.beneficiaries_created == 2
        # 64 500,50 € × 0.45 = 29 025,225 €: rounded half up, like PostgreSQL's ROUND.
        assert report.total_amount == Decimal("114025.23")
        wells = Subsidy.objects.get(reference="CP-2010-03-22-001")
        assert wells.beneficiary.name == "Eau Vive Essonne-Sahel"
        assert (wells.beneficiary.siret, wells.beneficiary.rna) == (valid_siret(1), "W912004518")
        assert wells.beneficiary.kind == "association"
        assert wells.convention_date == date(2010, 3, 22)
        assert wells.amount == Decimal("85000.00")
        assert wells.nature == Nature.CASH
        assert wells.payment_conditions == PaymentConditions.STAGGERED
        assert (wells.payment_start, wells.payment_end) == (date(2010, 3, 22), date(2010, 12, 31))
        assert wells.is_published
        schools = Subsidy.objects.get(reference="CP-2010-03-22-002")
        assert schools.nature == Nature.CASH_AND_IN_KIND
        assert schools.payment_conditions == PaymentConditions.SINGLE
        assert (schools.payment_start, schools.payment_end) == (date(2010, 4, 1), None)
        assert (schools.rae_id, schools.eu_notification) == ("12345", True)
        assert schools.share == Decimal("0.45")
        # A free text in the SCDL: kept as published.
        assert schools.aid_scheme == "65D5B6C7-102C-4440-AC3B-768F708EDC0A"
        assert schools.beneficiary.kind == "other"
        # Each row keeps the identifiers it was published with.
        assert (wells.siret, wells.rna) == (valid_siret(1), "W912004518")
        assert (schools.siret, schools.rna) == (valid_siret(2), "")

    def test_history_records_the_import_and_its_author(self, django_user_model):
        user = django_user_model.objects.create_user("finances")
        subsidy_import(data=scdl_csv([scdl_row()]), filename="cp.csv", user=user)
        record = Subsidy.history.get()
        assert record.history_type == "+"
        assert record.history_user == user
        assert record.history_change_reason == "Import SCDL cp.csv"
        assert Beneficiary.history.count() == 1

    def test_dry_run_writes_nothing_but_says_what_it_would_do(self):
        SubsidyFactory(
            reference="CP-2010-03-22-001",
            beneficiary=BeneficiaryFactory(siret=valid_siret(1), rna="W912004518"),
            convention_date=date(2010, 3, 22),
            amount=Decimal("1"),
        )
        report = subsidy_import(data=scdl_csv(two_rows()), dry_run=True)
        assert report.accepted and not report.written
        assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
        assert Subsidy.objects.count() == 1
        assert Subsidy.objects.get().amount == Decimal("1")

    def test_empties_the_public_page_cache_once_written(
        self, settings, django_capture_on_commit_callbacks
    ):
        settings.CONTENT_VERSION_CHECK_SECONDS = 0  # bulk writes: read what the database says
        before = content_version()
        with django_capture_on_commit_callbacks(execute=True):
            subsidy_import(data=scdl_csv([scdl_row()]))
        assert content_version() > before
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            subsidy_import(data=scdl_csv([scdl_row()]), dry_run=True)
        assert callbacks == []

    def test_unpublished_import(self):
        subsidy_import(data=scdl_csv([scdl_row()]), publish=False)
        assert not Subsidy.objects.get().is_published


class TestIdempotence:
    def test_importing_the_same_file_twice_does_not_duplicate(self):
        data = scdl_csv(two_rows())
        subsidy_import(data=data)
        history = Subsidy.history.count()
        report = subsidy_import(data=data)
        assert report.accepted
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
        assert report.beneficiaries_created == 0
        assert Subsidy.objects.count() == 2 and Beneficiary.objects.count() == 2
        assert Subsidy.history.count() == history  # nothing saved, nothing recorded

    def test_a_corrected_file_updates_the_decision_and_keeps_staff_choices(self):
        subsidy_import(data=scdl_csv([scdl_row()]))
        subsidy = Subsidy.objects.get()
        subsidy.domain = "environment"
        subsidy.is_published = False
        subsidy.save()
        report = subsidy_import(data=scdl_csv([scdl_row(montant="90000", objet="Puits")]))
        assert (report.created, report.updated) == (0, 1)
        subsidy.refresh_from_db()
        assert (subsidy.amount, subsidy.object) == (Decimal("90000.00"), "Puits")
        assert (subsidy.domain, subsidy.is_published) == ("environment", False)
        assert subsidy.history.first().history_type == "~"

    def test_known_beneficiary_found_by_rna_gets_its_siret(self):
        known = BeneficiaryFactory(name="Eau Vive", siret="", rna="W912004518")
        report = subsidy_import(data=scdl_csv([scdl_row()]))
        assert report.beneficiaries_created == 0
        known.refresh_from_db()
        assert known.siret == valid_siret(1)
        assert known.name == "Eau Vive"  # the name staff gave is kept
        assert Subsidy.objects.get().beneficiary == known

    def test_siret_only_and_rna_only_rows_make_two_beneficiaries(self):
        rows = [
            scdl_row(rnaBeneficiaire=""),
            scdl_row(referenceDecision="CP-2", idBeneficiaire=""),
        ]
        report = subsidy_import(data=scdl_csv(rows))
        assert report.accepted
        assert report.beneficiaries_created == Beneficiary.objects.count() == 2

    def test_a_row_joining_two_new_beneficiaries_is_refused(self):
        rows = [
            scdl_row(rnaBeneficiaire=""),
            scdl_row(referenceDecision="CP-2", idBeneficiaire=""),
            scdl_row(referenceDecision="CP-3"),
        ]
        report = subsidy_import(data=scdl_csv(rows))
        assert errors_of(report) == [(4, "rnaBeneficiaire")]


class TestRefusal:
    @pytest.mark.parametrize(
        ("column", "value", "reason"),
        [
            ("nomAttribuant", "", "obligatoire"),
            ("idAttribuant", "22910001700011", "n'est pas valide"),
            ("idAttribuant", valid_siret(77), "ne publie que les décisions du Département"),
            ("dateConvention", "22/03/2010", "et non JJ/MM/AAAA"),
            ("dateConvention", "2010-02-30", "n'existe pas"),
            ("dateConvention", "", "obligatoire"),
            ("referenceDecision", "", "obligatoire"),
            ("referenceDecision", "R" * 257, "au plus 256"),
            ("nomBeneficiaire", "", "obligatoire"),
            ("idBeneficiaire", "3805449320029.0", "écrite comme un nombre"),
            ("idBeneficiaire", "12345678901234", "n'est pas valide"),
            # Luhn-valid 14 digits whose SIREN key is wrong: the SCDL schema's check refuses it.
            ("idBeneficiaire", "12345678000014", "SIREN"),
            ("idBeneficiaire", "1234567890123", "14 chiffres"),
            ("rnaBeneficiaire", "W2A1234567", "W suivi de 9 chiffres"),
            ("rnaBeneficiaire", "123456789", "W suivi de 9 chiffres"),
            ("objet", "", "obligatoire"),
            ("objet", "x" * 257, "au plus 256"),
            ("objet", '=HYPERLINK("http://x")', "formule de tableur"),
            ("objet", "\tPuits", "formule de tableur"),
            ("objet", "-2+3", "formule de tableur"),
            ("nomBeneficiaire", "@SUM(A1)", "formule de tableur"),
            ("nomBeneficiaire", "\rEau Vive", "formule de tableur"),
            ("referenceDecision", "+CP-2", "formule de tableur"),
            ("dispositifAide", "=cmd|' /C calc'!A0", "formule de tableur"),
            ("conditionsVersement", "-cmd|' /C calc'!A0", "formule de tableur"),
            ("conditionsVersement", "x" * 257, "au plus 256"),
            ("dispositifAide", "x" * 257, "au plus 256"),
            ("objet", "Puits\x00", "U+0000"),
            ("nomBeneficiaire", "Eau\x1bVive", "U+001B"),
            ("montant", "85000,50", "le séparateur décimal est le point"),
            ("montant", "85 000", "nombre attendu"),
            ("montant", "0", "positif"),
            ("montant", "-5", "positif"),
            ("montant", "12.345", "deux décimales"),
            ("montant", "99999999999", "trop élevé"),
            ("nature", "en numéraire", "non autorisée"),
            ("nature", "Aide en numéraire", "non autorisée"),
            ("datesPeriodeVersement", "2010-03-22_2010-12-31", "pas «\xa0_\xa0»"),
            ("datesPeriodeVersement", "2010-12-31/2010-03-22", "finit avant de commencer"),
            ("datesPeriodeVersement", "2010-13-01", "n'existe pas"),
            ("datesPeriodeVersement", "", "obligatoire"),
            ("idRAE", "Non", "Répertoire des aides aux entreprises"),
            ("idRAE", "123456", "au plus 5 chiffres"),
            ("notificationUE", "Non", "non autorisée"),
            ("notificationUE", "", "obligatoire"),
            ("pourcentageSubvention", "100", "hors de l'intervalle"),
            ("pourcentageSubvention", "0", "hors de l'intervalle"),
            ("pourcentageSubvention", "0.33333", "4 décimales"),
            ("pourcentageSubvention", "1,00", "le séparateur décimal est le point"),
        ],
    )
    def test_each_bad_value_is_reported_with_line_column_and_reason(self, column, value, reason):
        rows = [scdl_row(), scdl_row(**{"referenceDecision": "CP-2", column: value})]
        report = subsidy_import(data=scdl_csv(rows))
        assert not report.accepted
        assert errors_of(report) == [(3, column)]
        assert reason in report.errors[0].message
        assert str(report.errors[0]).startswith(f"ligne 3, {column}\xa0: ")
        assert Subsidy.objects.count() == 0 and Beneficiary.objects.count() == 0

    def test_neither_siret_nor_rna(self):
        report = subsidy_import(data=scdl_csv([scdl_row(idBeneficiaire="", rnaBeneficiaire="")]))
        assert errors_of(report) == [(2, "idBeneficiaire")]
        assert "SIRET" in report.errors[0].message

    def test_every_error_of_every_row_is_reported_and_nothing_written(self):
        rows = [
            scdl_row(montant="abc", nature="x"),
            scdl_row(referenceDecision="CP-2"),
            scdl_row(referenceDecision="CP-3", dateConvention="hier"),
        ]
        report = subsidy_import(data=scdl_csv(rows))
        assert errors_of(report) == [(2, "montant"), (2, "nature"), (4, "dateConvention")]
        assert Subsidy.objects.count() == 0 and Beneficiary.objects.count() == 0

    def test_one_bad_row_leaves_existing_records_untouched(self):
        existing = SubsidyFactory(
            reference="CP-2010-03-22-001",
            beneficiary=BeneficiaryFactory(siret=valid_siret(1), rna="W912004518"),
            convention_date=date(2010, 3, 22),
            amount=Decimal("1"),
        )
        rows = [scdl_row(montant="90000"), scdl_row(referenceDecision="CP-2", montant="x")]
        assert not subsidy_import(data=scdl_csv(rows)).accepted
        existing.refresh_from_db()
        assert existing.amount == Decimal("1")

    def test_the_same_row_twice_in_a_file(self):
        report = subsidy_import(data=scdl_csv([scdl_row(), scdl_row(montant="5.00")]))
        assert errors_of(report) == [(3, "referenceDecision")]
        assert "ligne 2" in report.errors[0].message

    def test_one_siret_with_two_rna_numbers_in_a_file(self):
        rows = [scdl_row(), scdl_row(referenceDecision="CP-2", rnaBeneficiaire="W912000001")]
        report = subsidy_import(data=scdl_csv(rows))
        assert errors_of(report) == [(3, "rnaBeneficiaire")]

    def test_siret_and_rna_of_two_different_known_beneficiaries(self):
        BeneficiaryFactory(siret=valid_siret(1), rna="")
        BeneficiaryFactory(name="Autre", siret="", rna="W912004518")
        report = subsidy_import(data=scdl_csv([scdl_row()]))
        assert errors_of(report) == [(2, "rnaBeneficiaire")]
        assert "Autre" in report.errors[0].message
        assert Subsidy.objects.count() == 0

    def test_rna_differs_from_the_known_one(self):
        BeneficiaryFactory(siret=valid_siret(1), rna="W912000001")
        report = subsidy_import(data=scdl_csv([scdl_row()]))
        assert errors_of(report) == [(2, "rnaBeneficiaire")]
        assert "W912000001" in report.errors[0].message

    def test_wrong_number_of_values(self):
        data = scdl_csv([scdl_row()]) + b"a,b,c\r\n"
        report = subsidy_import(data=data)
        assert errors_of(report) == [(3, "")]
        assert "3 valeurs pour 16 colonnes" in report.errors[0].message


class TestReadingRealFiles:
    def test_semicolons_and_windows_1252(self):
        data = scdl_csv(two_rows(), delimiter=";", encoding="cp1252")
        report = subsidy_import(data=data)
        assert report.accepted, report.errors
        assert (report.encoding, report.delimiter) == ("Windows-1252", ";")
        assert Subsidy.objects.get(reference="CP-2010-03-22-002").object.startswith("Équipement")

    def test_utf8_with_a_byte_order_mark(self):
        report = subsidy_import(data=b"\xef\xbb\xbf" + scdl_csv(two_rows()))
        assert report.accepted, report.errors
        assert report.encoding == "UTF-8"

    def test_quoted_values_spanning_lines_keep_the_line_numbers(self):
        rows = [
            scdl_row(objet="Puits\net latrines\nau Mali"),
            scdl_row(referenceDecision="CP-2", objet='Projet "Eau"; 2010'),
            scdl_row(referenceDecision="CP-3", montant="x"),
        ]
        report = subsidy_import(data=scdl_csv(rows, delimiter=";"))
        # Line 1 is the header, the first row covers lines 2 to 4.
        assert errors_of(report) == [(6, "montant")]
        del rows[2]
        assert subsidy_import(data=scdl_csv(rows, delimiter=";")).accepted
        assert Subsidy.objects.get(reference="CP-2010-03-22-001").object == (
            "Puits\net latrines\nau Mali"
        )
        assert Subsidy.objects.get(reference="CP-2").object == 'Projet "Eau"; 2010'

    def test_columns_in_any_order_and_case_and_optional_ones_left_out(self):
        columns = [c for c in reversed(COLUMNS) if c not in {"idRAE", "dispositifAide"}]
        data = scdl_csv([scdl_row()], columns=columns)
        data = data.replace(b"montant", b"Montant", 1)
        report = subsidy_import(data=data)
        assert report.accepted, report.errors

    def test_unknown_columns_are_ignored_with_a_warning(self):
        columns = [*COLUMNS, "commentaire"]
        report = subsidy_import(data=scdl_csv([scdl_row(commentaire="vu")], columns=columns))
        assert report.accepted
        assert "commentaire" in report.warnings[0]

    def test_missing_and_misspelt_columns(self):
        columns = [
            "object" if c == "objet" else c for c in COLUMNS if c not in {"montant", "idAttribuant"}
        ]
        report = subsidy_import(data=scdl_csv([scdl_row(object="Puits")], columns=columns))
        assert errors_of(report) == [(1, "idAttribuant"), (1, "objet"), (1, "montant")]
        assert (
            "object" in report.errors[1].message and "faute de frappe" in report.errors[1].message
        )

    def test_a_column_twice(self):
        report = subsidy_import(data=scdl_csv([scdl_row()], columns=[*COLUMNS, "montant"]))
        assert (1, "montant") in errors_of(report)

    def test_no_scdl_column_at_all(self):
        data = b"Nom;Montant total\nAssociation;100\n"
        report = subsidy_import(data=data)
        assert errors_of(report) == [(1, "")]
        assert "nomAttribuant" in report.errors[0].message
        assert report.row_count == 1

    @pytest.mark.parametrize(
        ("data", "reason"),
        [
            (b"", "vide"),
            (b"   \r\n", "vide"),
            (b"PK\x03\x04\x14\x00\x06\x00", "classeur"),
            (b"\x81\x8d\x8f\x90\x9d", "encodage non reconnu"),
        ],
    )
    def test_files_that_are_not_csv_text(self, data, reason):
        report = subsidy_import(data=data)
        assert not report.accepted
        assert reason in report.errors[0].message

    def test_header_only(self):
        report = subsidy_import(data=scdl_csv([]))
        assert errors_of(report) == [(2, "")]

    def test_blank_lines_are_skipped(self):
        data = scdl_csv([scdl_row()]) + b"\r\n,,,,,,,,,,,,,,,\r\n"
        report = subsidy_import(data=data)
        assert report.accepted and report.row_count == 1

    def test_unclosed_quote_is_a_clear_error(self):
        data = scdl_csv([scdl_row()]) + b'x,"never closed\r\n'
        report = subsidy_import(data=data)
        assert not report.accepted


def test_an_export_imported_into_an_empty_database_gives_the_same_decisions(client):
    SubsidyFactory(
        amount=Decimal("85000.50"),
        share=Decimal("0.45"),
        nature=Nature.IN_KIND,
        payment_conditions=PaymentConditions.OTHER,
        payment_end=date(2011, 6, 30),
        rae_id="12",
        eu_notification=True,
        aid_scheme="65d5b6c7-102c-4440-ac3b-768f708edc0a",
        object='Objet avec "guillemets", virgules\net retour à la ligne',
    )
    SubsidyFactory(beneficiary=BeneficiaryFactory(siret=""), amount=Decimal("1000"))
    SubsidyFactory.create_batch(3, convention_date=date(2009, 5, 4))
    SubsidyFactory(is_published=False)  # not exported, so not expected back
    fields = [
        "reference",
        "convention_date",
        "beneficiary__name",
        "beneficiary__siret",
        "beneficiary__rna",
        "object",
        "amount",
        "share",
        "nature",
        "payment_conditions",
        "payment_start",
        "payment_end",
        "rae_id",
        "eu_notification",
        "aid_scheme",
    ]
    published = Subsidy.objects.published()
    before = sorted(published.values_list(*fields))
    totals = published.totals()
    export = b"".join(client.get("/subventions/export.csv").streaming_content)

    Subsidy.objects.all().delete()
    Beneficiary.objects.all().delete()
    report = subsidy_import(data=export)
    assert report.accepted, report.errors
    assert report.created == 5
    assert sorted(Subsidy.objects.values_list(*fields)) == before
    assert Subsidy.objects.published().totals() == totals
    assert Subsidy.objects.aggregate(total=Sum("amount"))["total"] == Decimal("116000.50")
