"""Full-text search shared by the search page and every list's ``q`` filter.

On PostgreSQL each searchable table has a ``search_vector`` column kept up to date by a trigger
(see :class:`CreateSearchTrigger`), with the ``french_unaccent`` configuration: French stemming,
accents ignored (``haiti`` finds « Haïti »). Queries use ``websearch_to_tsquery``, which accepts
any input without syntax errors, and results carry a ``search_rank``.

Elsewhere (SQLite, the embedded default) the fallback looks for every word of the query, accents
and case ignored, in the model's ``search_fields``.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, models
from django.db.migrations.operations.base import Operation
from django.db.models import F, Q, Value
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "french_unaccent"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 200


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


class SearchableQuerySet(models.QuerySet):
    """Adds ``search(query)``; subclasses name their ``search_fields`` for the fallback.

    ``search_relations`` names foreign keys to other searchable models (with their own
    ``search_vector``) and ``search_related_names`` text fields across relations: a record then
    matches when each word of the query is found in its own text, in one of those records or in
    one of those names (a subsidy by its beneficiary's or its zone's name).
    """

    search_fields = ()
    search_relations = ()
    search_related_names = ()

    def search(self, query):
        query = normalise_query(query)
        if not query_words(query):  # nothing but spaces and punctuation: nothing to look for
            return self
        if connections[self.db].vendor == "postgresql":
            return self._full_text_search(query)
        condition = Q()
        for word in query_words(query):
            word_condition = Q()
            for field in self.search_fields:
                word_condition |= Q(**{f"{field}__unaccented__contains": word})
            condition &= word_condition
        return self.filter(condition).annotate(search_rank=Value(1.0))

    def _full_text_search(self, query):
        whole = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        if not (self.search_relations or self.search_related_names):
            condition = Q(search_vector=whole)
        else:
            condition = Q()
            # Split on spaces only: PostgreSQL's parser knows « CP-2010-77 » as one reference.
            for word in filter(query_words, query.split()):
                word_query = SearchQuery(word, config=SEARCH_CONFIG, search_type="websearch")
                word_condition = Q(search_vector=word_query)
                for relation in self.search_relations:
                    word_condition |= Q(**{f"{relation}__search_vector": word_query})
                for name in self.search_related_names:
                    for part in query_words(word):
                        word_condition |= Q(**{f"{name}__unaccented__contains": part})
                condition &= word_condition
        return self.filter(condition).annotate(search_rank=SearchRank(F("search_vector"), whole))

    def ranked(self):
        """Best matches first, after ``search()`` (which may have had no word to look for)."""
        if "search_rank" not in self.query.annotations:
            return self
        return self.order_by("-search_rank")


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
