"""The kept totals (``SubsidyTotal``) always equal the sums of the published decisions."""

import io
import threading
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperation.choices import Domain
from subsidies import totals
from subsidies.models import Subsidy, SubsidyTotal, split_to_the_cent
from subsidies.services import subsidy_import
from tests.factories import ZoneFactory

from .factories import BeneficiaryFactory, SubsidyFactory, scdl_csv, scdl_row

pytestmark = pytest.mark.django_db

YEARS = [2009, 2010, 2011]
DOMAINS = ["", *Domain.values[:2]]
AMOUNTS = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2),
    st.sampled_from([Decimal("100000.01"), Decimal("0.01"), Decimal("9999999999.99")]),
)
SHARES = st.sampled_from(
    [Decimal(share) for share in ("1", "0.45", "0.33", "0.3333", "0.3334", "0.01", "0.5")]
)


# Few references, objects and dates, so that rows often are the parts of one decision.
decision_values = st.fixed_dictionaries(
    {
        "reference": st.sampled_from(["CP-1", "CP-2"]),
        "object": st.sampled_from(["Puits", "Écoles"]),
        "convention_date": st.builds(
            date, st.sampled_from(YEARS), st.sampled_from([1, 6]), st.just(1)
        ),
        "zone_index": st.integers(0, 2),
        "domain": st.sampled_from(DOMAINS),
        "amount": AMOUNTS,
        "share": SHARES,
        "is_published": st.booleans(),
    }
)
KINDS = ["create", "save", "update", "bulk_create", "delete", "delete_many"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(KINDS), st.integers(0, 1000), decision_values),
        min_size=1,
        max_size=12,
    )
)
def test_every_kind_of_write_keeps_the_split_and_the_totals_exact(steps):
    """Whatever writes the decisions, each one's granted amount is its decision's split to the
    cent (as ``split_to_the_cent`` computes it in Python) and the totals add them up."""
    Subsidy.objects.all().delete()  # each example starts afresh: the database outlives it
    assert not SubsidyTotal.objects.exists()
    zones = [None, *ZoneFactory.create_batch(2)]
    for kind, pick, drawn in steps:
        values = {name: value for name, value in drawn.items() if name != "zone_index"}
        values["zone"] = zones[drawn["zone_index"]]
        existing = list(Subsidy.objects.order_by("pk"))
        if kind == "create" or not existing:
            SubsidyFactory(**values)
        elif kind == "save":  # the admin's way: every field written
            decision = existing[pick % len(existing)]
            for name, value in values.items():
                setattr(decision, name, value)
            decision.save()
        elif kind == "update":  # several rows in one statement, without signals
            chosen = [decision.pk for decision in existing[pick % len(existing) :]]
            Subsidy.objects.filter(pk__in=chosen).update(**values)
        elif kind == "bulk_create":  # the import's way: the parts of a decision at once
            Subsidy.objects.bulk_create(
                SubsidyFactory.build(beneficiary=BeneficiaryFactory(), **values)
                for _ in range(pick % 4 + 1)
            )
        elif kind == "delete":
            existing[pick % len(existing)].delete()
        else:
            chosen = [decision.pk for decision in existing[:: pick % 3 + 1]]
            Subsidy.objects.filter(pk__in=chosen).delete()
        assert granted_amounts() == split_in_python(), (kind, values)
        assert totals.split_differences() == []
        assert totals.differences() == {}, (kind, values)
    assert all(row.count > 0 for row in SubsidyTotal.objects.all())


def granted_amounts():
    return dict(Subsidy.objects.values_list("pk", "granted_amount"))


def split_in_python():
    """Each decision's granted amount by ``split_to_the_cent``, its parts taken by id."""
    parts = defaultdict(list)
    for pk, *key, share in Subsidy.objects.order_by("pk").values_list(
        "pk", "reference", "convention_date", "object", "amount", "share"
    ):
        parts[tuple(key)].append((pk, share))
    expected = {}
    for (*_key, amount), members in parts.items():
        amounts = split_to_the_cent(amount, [share for _pk, share in members])
        expected.update(zip([pk for pk, _share in members], amounts, strict=True))
    return expected


@pytest.mark.parametrize(
    ("amount", "shares", "granted"),
    [
        ("100000.01", ["0.3333", "0.3333", "0.3334"], ["33330.00", "33330.00", "33340.01"]),
        ("100.00", ["0.3333", "0.3333", "0.3333"], ["33.33", "33.33", "33.33"]),
        ("0.01", ["0.5", "0.5"], ["0.01", "0.00"]),
        ("10000.00", ["0.45", "0.55"], ["4500.00", "5500.00"]),
        ("64500.50", ["0.45"], ["29025.23"]),  # a sole part: rounded half up
        ("333.33", ["0.3333"], ["111.10"]),
    ],
)
def test_a_decision_s_parts_add_back_to_its_amount(amount, shares, granted):
    parts = [
        SubsidyFactory(reference="CP-1", object="Puits", amount=Decimal(amount), share=Decimal(s))
        for s in shares
    ]
    assert split_to_the_cent(Decimal(amount), [Decimal(s) for s in shares]) == [
        Decimal(value) for value in granted
    ]
    for part in parts:
        part.refresh_from_db()
    assert [part.granted_amount for part in parts] == [Decimal(value) for value in granted]
    if sum(Decimal(s) for s in shares) == 1:
        assert sum(part.granted_amount for part in parts) == Decimal(amount)
    assert SubsidyTotal.objects.published().totals()["amount"] == sum(map(Decimal, granted))
    assert totals.differences() == {}


def test_changing_one_part_splits_the_decision_again():
    first, second, third = (
        SubsidyFactory(reference="CP-1", object="Puits", amount=Decimal("100000.01"), share=s)
        for s in (Decimal("0.3333"), Decimal("0.3333"), Decimal("0.3334"))
    )
    third.delete()
    first.share = Decimal("0.6667")
    first.save()
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.granted_amount, second.granted_amount) == (
        Decimal("66670.01"),
        Decimal("33330.00"),
    )
    assert SubsidyTotal.objects.published().totals()["amount"] == Decimal("100000.01")
    assert totals.split_differences() == [] and totals.differences() == {}


def test_a_zone_taken_back_to_draft_keeps_its_decisions_in_the_totals():
    """A decision's legal publication is its own: a zone's publication does not remove it."""
    zone = ZoneFactory()
    SubsidyFactory(zone=zone, amount=Decimal("1000.00"))
    SubsidyFactory(zone=None, amount=Decimal("10.00"))
    SubsidyFactory(zone=zone, amount=Decimal("5.00"), is_published=False)
    both = {"count": 2, "amount": Decimal("1010.00")}
    assert SubsidyTotal.objects.published().totals() == Subsidy.objects.published().totals()
    zone.is_published = False
    zone.save()
    assert SubsidyTotal.objects.published().totals() == both
    assert Subsidy.objects.published().totals() == both
    # Its decisions are counted with those of no zone: a draft zone has no public name.
    rows = SubsidyTotal.objects.published().by_zone()
    assert [(row["zone__slug"], row["count"]) for row in rows] == [(None, 2)]
    assert rows == Subsidy.objects.published().by_zone()


def test_the_same_selections_as_the_decisions():
    mali, haiti = ZoneFactory(slug="mali"), ZoneFactory(slug="haiti")
    for year, zone, domain, amount, share in [
        (2010, mali, "culture", "1000.00", "1.00"),
        (2010, mali, "education", "333.33", "0.33"),
        (2010, haiti, "culture", "250.00", "0.45"),
        (2011, None, "", "99.99", "1.00"),
        (2011, mali, "culture", "10.00", "1.00"),
    ]:
        SubsidyFactory(
            convention_date=date(year, 5, 1),
            zone=zone,
            domain=domain,
            amount=Decimal(amount),
            share=Decimal(share),
        )
    kept, summed = SubsidyTotal.objects.published(), Subsidy.objects.published()
    assert kept.totals() == summed.totals()
    assert list(kept.by_year()) == list(summed.by_year())
    assert list(kept.for_year(2010).by_zone()) == list(summed.for_year(2010).by_zone())
    assert list(kept.for_zone(mali).by_domain()) == list(summed.for_zone(mali).by_domain())
    assert kept.in_domain("culture").for_year(2010).totals() == {
        "count": 2,
        "amount": Decimal("1112.50"),
    }


def test_an_import_keeps_the_totals():
    rows = [
        scdl_row(referenceDecision="CP-1", montant="85000.00"),
        scdl_row(referenceDecision="CP-2", montant="1000.00", pourcentageSubvention="0.45"),
    ]
    report = subsidy_import(data=scdl_csv(rows), filename="cp.csv")
    assert not report.errors
    assert totals.differences() == {}
    assert SubsidyTotal.objects.published().totals() == {
        "count": 2,
        "amount": Decimal("85450.00"),
    }


def test_rebuild_makes_the_totals_anew():
    SubsidyFactory.create_batch(3, zone=ZoneFactory())
    SubsidyTotal.objects.all().delete()
    assert totals.differences()
    totals.rebuild()
    assert totals.differences() == {}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_decisions_of_one_group_all_count():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race is meaningful on PostgreSQL")
    beneficiary = BeneficiaryFactory()
    barrier = threading.Barrier(6)
    errors = []

    def create(index):
        try:
            barrier.wait()
            SubsidyFactory(beneficiary=beneficiary, reference=f"CP-{index}")
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=create, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert SubsidyTotal.objects.get().count == 6
    assert totals.differences() == {}


def test_the_check_command_reports_and_rebuilds_totals_gone_astray():
    SubsidyFactory(amount=Decimal("1000.00"))
    call_command("check_subsidy_totals", stdout=io.StringIO())
    SubsidyTotal.objects.update(amount=Decimal("999.00"))  # a write around the triggers
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 total"):
        call_command("check_subsidy_totals", stdout=io.StringIO(), stderr=errors)
    assert "tenu (1, Decimal('999.00'))" in errors.getvalue()
    out = io.StringIO()
    call_command("check_subsidy_totals", "--rebuild", stdout=out)
    assert "égalent" in out.getvalue()
    assert SubsidyTotal.objects.get().amount == Decimal("1000.00")


def drop_trigger(name):
    on_table = f" ON {totals.SUBSIDIES}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}{on_table}")


def test_migrate_puts_back_lost_triggers_and_makes_the_totals_anew():
    """SQLite drops a table's triggers when a migration rebuilds the table."""
    drop_trigger(f"{totals.TOTALS}_insert")
    SubsidyFactory(amount=Decimal("1000.00"))  # not counted: no trigger
    assert totals.differences()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Déclencheurs absents"):
        call_command("check_subsidy_totals", stdout=io.StringIO(), stderr=errors)
    call_command("migrate", verbosity=0)
    assert totals.installed_triggers() >= set(totals.TRIGGERS)
    assert totals.differences() == {}
    SubsidyFactory(amount=Decimal("10.00"))
    assert SubsidyTotal.objects.published().totals()["amount"] == Decimal("1010.00")


def test_truncating_the_decisions_empties_the_totals():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    SubsidyFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the decision's checks, done
        cursor.execute(f"TRUNCATE {totals.SUBSIDIES} CASCADE")
    assert not SubsidyTotal.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_correcting_a_decision_s_words_locks_no_total():
    """A long edit of one decision's object does not hold up the others of its group."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    first, second = SubsidyFactory(), SubsidyFactory()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            other.set_autocommit(False)
            cursor.execute(
                f"UPDATE {totals.SUBSIDIES} SET object = 'Objet corrigé' WHERE id = %s",
                [first.pk],
            )
            with connection.cursor() as mine:
                mine.execute("SET lock_timeout = '2s'")
                mine.execute(
                    f"UPDATE {totals.SUBSIDIES} SET object = 'Autre objet' WHERE id = %s",
                    [second.pk],
                )
                mine.execute("RESET lock_timeout")
            other.rollback()
    finally:
        other.close()
    assert totals.differences() == {}


def test_a_stale_granted_amount_saved_back_is_split_again():
    _first, second = (
        SubsidyFactory(reference="CP-1", object="Puits", amount=Decimal("0.01"), share=s)
        for s in (Decimal("0.5"), Decimal("0.5"))
    )
    second.refresh_from_db()
    assert second.granted_amount == Decimal("0.00")
    second.granted_amount = Decimal("0.01")  # what an instance read earlier may hold
    second.save()
    second.refresh_from_db()
    assert second.granted_amount == Decimal("0.00")
    assert totals.split_differences() == [] and totals.differences() == {}


def update_around_the_triggers(queryset, **values):
    """A write the triggers do not see (a partial restore, triggers disabled by hand)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # nothing pending on the table
            cursor.execute(f"ALTER TABLE {totals.SUBSIDIES} DISABLE TRIGGER USER")
            queryset.update(**values)
            cursor.execute(f"ALTER TABLE {totals.SUBSIDIES} ENABLE TRIGGER USER")
            return
        for name in totals.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
        queryset.update(**values)
        for name, definition in totals.SQLITE_TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER {name} {definition}")


def test_the_check_command_reports_and_rebuilds_a_granted_amount_gone_astray():
    decision = SubsidyFactory(amount=Decimal("1000.00"))
    update_around_the_triggers(
        Subsidy.objects.filter(pk=decision.pk), granted_amount=Decimal("999.00")
    )
    assert totals.split_differences() == [decision.pk]
    errors = io.StringIO()
    with pytest.raises(CommandError, match="répartition au centime"):
        call_command("check_subsidy_totals", stdout=io.StringIO(), stderr=errors)
    assert "1 décision(s) dont le montant accordé diffère" in errors.getvalue()
    call_command("check_subsidy_totals", "--rebuild", stdout=io.StringIO())
    decision.refresh_from_db()
    assert decision.granted_amount == Decimal("1000.00")
    assert totals.split_differences() == [] and totals.differences() == {}
