"""Full-text search shared by the search page and every list's ``q`` filter.

On PostgreSQL each searchable table has a ``search_vector`` column kept up to date by a trigger
(see :class:`CreateSearchTrigger`), with the ``french_unaccent`` configuration: French stemming,
accents ignored (``haiti`` finds « Haïti »). Queries use ``websearch_to_tsquery`` (or, word by
word across related records, ``phraseto_tsquery``), which accept any input without syntax
errors, and results carry a ``search_rank``.

Elsewhere (SQLite, the embedded default) the fallback looks for every word of the query at the
start of a word of the model's ``search_fields``, accents and case ignored.
"""

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, models
from django.db.migrations.operations.base import Operation
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, GreaterThan
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "french_unaccent"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 200


def word_query(text):
    """The words of ``text`` as a tsquery of consecutive lexemes, without websearch operators."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="phrase")


def strip_accents(text):
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_query(query):
    """Collapses white space and drops control characters (a NUL byte breaks PostgreSQL)."""
    cleaned = "".join(char for char in str(query) if unicodedata.category(char)[0] != "C")
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def query_words(query):
    """The words of a query, accents, case and punctuation dropped."""
    return WORD.findall(strip_accents(query).lower())


class Unaccent(models.Func):
    """``unaccent()``: PostgreSQL's extension, or a Python function registered on SQLite."""

    function = "UNACCENT"
    output_field = models.TextField()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, strip_accents, deterministic=True)


def search_vector_field():
    return SearchVectorField(null=True, editable=False)


class NumNode(models.Func):
    """``numnode(tsquery)``: 0 when the words of a query are all stop words (« de », « la »)."""

    function = "numnode"
    output_field = models.IntegerField()


def words_start_in(fields, word):
    """Fallback: each word of ``word`` begins a word of one of ``fields``, accents and case
    ignored. Close to PostgreSQL's stemming: « eau » finds « l'eau » and « eaux », not
    « Plateaux »."""
    condition = Q()
    for part in query_words(word):
        pattern = rf"\b{re.escape(part)}"
        condition &= reduce(
            operator.or_, (Q(**{f"{field}__unaccented__regex": pattern}) for field in fields)
        )
    return condition


class SearchableQuerySet(models.QuerySet):
    """Adds ``search(query)``; subclasses name their ``search_fields`` for the fallback.

    ``search_relations`` names foreign keys to other searchable models (with their own
    ``search_vector`` and ``SearchableQuerySet``) and ``search_related_names`` text fields across
    a foreign key (``zone__name``): a record then matches when each word of the query is found in
    its own text, in one of those records or in one of those names (a subsidy by its
    beneficiary's or its zone's name); words, not letters inside a word (« eau » does not find
    « Plateaux »).

    ``search()`` then looks up the related records holding each word at once, in one query over
    those small tables, whatever the words and rows, and filters the records by those ids: each
    branch of the condition has its index (GIN for their own words, B-tree for the foreign keys),
    which PostgreSQL combines, instead of reading the whole table through joins. A subquery
    (``IN (SELECT …)``) would save that query, but PostgreSQL plans it blind and reads the whole
    table again.
    """

    search_fields = ()
    search_relations = ()
    search_related_names = ()

    def _on_postgresql(self):
        return connections[self.db].vendor == "postgresql"

    def search(self, query):
        query = normalise_query(query)
        # Split on spaces only: PostgreSQL's parser knows « CP-2010-77 » as one reference.
        words = list(dict.fromkeys(word for word in query.split() if query_words(word)))
        if not words:  # nothing but spaces and punctuation: nothing to look for
            return self
        if not self._on_postgresql():
            return self.filter(self._holding_every_word(words)).annotate(search_rank=Value(1.0))
        whole = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        if self.search_relations or self.search_related_names:
            condition = self._holding_every_word(words)
        else:
            condition = Q(search_vector=whole)
        return self.filter(condition).annotate(search_rank=SearchRank(F("search_vector"), whole))

    def _holding_every_word(self, words):
        """Each word in the record's own text, in one of its related records or names."""
        postgresql = self._on_postgresql()
        related_ids = self._related_ids(words)
        condition = Q()
        for index, word in enumerate(words):
            word_condition = self.holding(word)
            for key, ids in related_ids.items():
                if ids[index]:
                    word_condition |= Q(**{f"{key}__in": sorted(ids[index])})
            if postgresql:
                # A stop word is left out, as websearch_to_tsquery does in a whole query. The
                # test is constant: PostgreSQL drops it while planning.
                word_condition |= Q(Exact(NumNode(word_query(word)), 0))
            condition &= word_condition
        if postgresql:  # stop words alone find nothing, as in a whole query
            condition &= Q(GreaterThan(NumNode(word_query(" ".join(words))), 0))
        return condition

    def holding(self, word):
        """Records holding ``word``, one word of a query, in their own text."""
        if self._on_postgresql():
            return Q(search_vector=word_query(word))
        return words_start_in(self.search_fields, word)

    def _name_holding(self, name, word):
        if self._on_postgresql():
            return Q(**{f"{name}__search": word_query(word)})
        return words_start_in([name], word)

    def _related_searches(self):
        """(foreign key, related records, condition(word)) for each relation searched."""
        for key in self.search_relations:
            related = self._related_records(key)
            yield key, related, related.holding
        for path in self.search_related_names:
            key, name = path.split("__", 1)
            yield key, self._related_records(key), partial(self._name_holding, name)

    def _related_records(self, key):
        return self.model._meta.get_field(key).related_model._default_manager.using(self.db)

    def _related_ids(self, words):
        """``{foreign key: [ids of the related records holding each word]}``, in one query."""
        branches, lookups = [], []
        for key, related, holding in self._related_searches():
            for index, word in enumerate(words):
                lookups.append(
                    related.filter(holding(word)).order_by().values_list(Value(len(branches)), "pk")
                )
                branches.append((key, index))
        ids = {key: [set() for _word in words] for key, _index in branches}
        if lookups:
            for branch, pk in lookups[0].union(*lookups[1:], all=True).order_by():
                key, index = branches[branch]
                ids[key][index].add(pk)
        return ids

    def ranked(self):
        """Best matches first, after ``search()`` (which may have had no word to look for).

        Equal ranks (every subsidy found by its zone's name) keep the model's order, so that the
        same data always gives the same page.
        """
        if "search_rank" not in self.query.annotations:
            return self
        return self.order_by("-search_rank", *self.model._meta.ordering, "pk")


@models.CharField.register_lookup
@models.TextField.register_lookup
class UnaccentedLower(models.Transform):
    """``field__unaccented``: lower case without accents, on PostgreSQL and SQLite alike."""

    lookup_name = "unaccented"
    output_field = models.TextField()

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(Lower(Unaccent(self.lhs)))
        return sql, params


def highlight(text, query):
    """Escapes ``text`` and wraps in ``<mark>`` the words that match a word of the query.

    Done in Python rather than with ``ts_headline`` so the markup around staff-written text is
    always escaped. A word matches when, accents and case ignored, it starts with the query word
    less a short French ending (« coopérations » for « coopération »).
    """
    stems = [
        word[: max(3, len(word) - 2)] if len(word) > 4 else word
        for word in strip_accents(normalise_query(query)).lower().split()
    ]
    if not text or not stems:
        return escape(text or "")
    pieces = []
    position = 0
    for match in WORD.finditer(text):
        word = strip_accents(match.group()).lower()
        if any(word.startswith(stem) for stem in stems):
            pieces.append(escape(text[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


class CreateSearchTrigger(Operation):
    """Migration operation: on PostgreSQL, keeps ``search_vector`` of a model up to date.

    Creates a trigger running ``tsvector_update_trigger`` over ``fields`` on every insert and on
    every update of those fields, a GIN index on the column, and fills it for the existing rows.
    Does nothing on other databases, where the fallback search does not use the column.
    """

    reversible = True

    def __init__(self, model_name, fields):
        self.model_name = model_name
        self.fields = fields

    def state_forwards(self, app_label, state):
        pass

    def _names(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in self.fields]
        return table, columns, f"{table}_search_trigger", f"{table}_search_gin"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, columns, trigger, index = self._names(app_label, schema_editor, to_state)
        quote = schema_editor.quote_name
        column_list = ", ".join(quote(column) for column in columns)
        # Only writes to the searched columns recompute the vector: counting a view does not.
        schema_editor.execute(
            f"CREATE TRIGGER {quote(trigger)} BEFORE INSERT OR UPDATE OF {column_list} "
            f"ON {quote(table)} FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger("
            f"search_vector, 'public.{SEARCH_CONFIG}', {column_list})"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(index)} ON {quote(table)} USING gin (search_vector)"
        )
        first = quote(columns[0])
        schema_editor.execute(f"UPDATE {quote(table)} SET {first} = {first}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, _columns, trigger, index = self._names(app_label, schema_editor, from_state)
        quote = schema_editor.quote_name
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)} ON {quote(table)}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")

    def describe(self):
        return f"Full-text search trigger on {self.model_name} ({', '.join(self.fields)})"

    def deconstruct(self):
        return (
            f"{__name__}.{self.__class__.__name__}",
            [],
            {"model_name": self.model_name, "fields": self.fields},
        )


@dataclass(frozen=True)
class SearchSection:
    """One kind of record ``/recherche/`` looks through; apps declare theirs on their
    ``AppConfig`` (``search_sections()``)."""

    key: str
    label: Promise
    queryset: Callable[[], QuerySet]
    title_field: str
    summary_field: str
    list_url_name: str | None = None  # a list page whose ``q`` filter shows every match
