"""Site search: words in any order, ranked, over only what the visitor may read.

Each kind of record searched (decisions, minutes, agenda items, people, meetings here; the
action log adds its own from ``actions/search.py``, found the way the admin finds ``admin``
modules, since ``meetings`` never imports ``actions``) is a ``Kind``: the rows an
``Audience`` may read, the text fields searched and the order of its results.

On PostgreSQL a search is full-text (``websearch_to_tsquery`` over the English stemmer: words in
any order, "quoted phrases", -excluded words). Decisions, minutes, agenda items and actions
keep their words in a column the database generates from the text on every write
(``Kind.stored_vector``; the ``search_vectors`` migrations): a search for a common word reads
rows newest first and keeps those that match, and working each row's words out again cost
~5 microseconds a row, 2 ms for a word in one decision in ten on the national record, more
for rarer words. The columns are PostgreSQL's alone, unknown to the models, so no page or
answer that loads a row (or joins one) carries them. People's names, short, keep the GIN
expression indexes of the ``search_indexes`` migrations, whose expressions must stay exactly
those of ``Kind.vector``. Elsewhere (the embedded SQLite default) every word must appear, in
any order, ignoring case.

Counting every match of a common word costs as much as reading them all (every decision says
"report"), so counts stop at ``CAP``: "more than 1,000". Results come a page at a time by
keyset: each page starts after the last row of the one before, so a later page costs what the
first does. Up to ``CAP`` matches are ranked best first; ranking more would mean reading them
all, so beyond that results come newest first and the page says so.
"""

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Expression, F, IntegerField, Q, Value
from django.db.models.expressions import Col
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import mark_safe

from panel.record_version import per_version_shared

CAP = 1000
# A backstop: the record version in its key already retires a stale count.
COUNT_TIMEOUT = 60 * 60 * 24
ENGLISH = "english"
# ts_headline's markers around a matched word: characters no minute contains, so the excerpt
# can be escaped whole and only then marked up.
MATCH_START, MATCH_END = "\x01", "\x02"
EXCERPT_CHARS = 240
MAX_WORDS = 12
CURSOR_CHARS = 400


def capped_count(queryset, cap, key=None):
    """How many rows ``queryset`` has, up to ``cap`` + 1; kept until the record changes.

    Counting a common word's matches reads the first thousand of them (~7 ms of database
    time nationally) and gives the same answer until the record changes, so the count is
    kept under the record version, in this process and the shared cache
    (``per_version_shared``). ``key`` names everything the rows depend on (the words, the
    filters and what the visitor may read); without one, the count query's own SQL is the
    key. Inside a transaction it is counted afresh, as the RAG counts are."""
    limited = queryset.order_by()[: cap + 1]
    return kept_count(limited, key=None if key is None else f"{key!r}|{cap}")


def kept_count(queryset, key=None):
    """How many rows ``queryset`` has, kept until the record changes (as ``capped_count``,
    uncapped): for a list whose every row is counted on every page, such as the decisions
    register's tens of thousands. ``key`` names everything the rows depend on; without one,
    the count query's own SQL is the key."""
    if connections[queryset.db].in_atomic_block:
        return queryset.count()
    if key is None:
        sql, params = queryset.query.sql_with_params()
        key = f"{sql}|{params!r}"
    digest = hashlib.blake2b(str(key).encode(), digest_size=16).hexdigest()
    return per_version_shared(f"search-count:{digest}", queryset.count, COUNT_TIMEOUT)


def filters_key(filterset):
    """A bound, valid filterset's choices, for ``kept_count``'s key: each filter's cleaned
    value in name order, empty ones left out (``?year=`` is no choice); none when unbound."""
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    return sorted((name, str(value)) for name, value in data.items() if value not in (None, ""))


def on_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def words(text):
    """The words of a search, lower-cased, each once, in the order typed (at most MAX_WORDS)."""
    seen = dict.fromkeys(word.lower() for word in re.findall(r"\w+", text or ""))
    return list(seen)[:MAX_WORDS]


def websearch_text(text):
    """``text`` for websearch_to_tsquery: a hyphen inside a word joins two words, not a
    phrase the stemmer keeps whole ("S106-funding" finds "S106 funding")."""
    return re.sub(r"(?<=\w)-(?=\w)", " ", text)


def full_text_query(text, config):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(websearch_text(text), config=config, search_type="websearch")


# --- Excerpts ---------------------------------------------------------------------------


def marked(text):
    """``text`` escaped, with the words between MATCH_START and MATCH_END in <mark>."""
    html = escape(text).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return mark_safe(html)


def plain_excerpt(text, search_words, width=EXCERPT_CHARS):
    """The part of ``text`` around the first of ``search_words``, each occurrence marked."""
    text = " ".join((text or "").replace(MATCH_START, "").replace(MATCH_END, "").split())
    pattern = re.compile("|".join(re.escape(w) for w in search_words), re.IGNORECASE)
    first = pattern.search(text) if search_words else None
    start = max(0, first.start() - width // 3) if first and len(text) > width else 0
    end = min(len(text), start + width)
    cut = pattern.sub(lambda m: f"{MATCH_START}{m.group()}{MATCH_END}", text[start:end].strip())
    return marked(f"{'… ' if start else ''}{cut}{' …' if end < len(text) else ''}")


def cut_marks(full, headline):
    """ts_headline's ``headline`` of ``full``, with ellipses where it leaves text out."""
    headline = " ".join(headline.split())
    shown = headline.replace(MATCH_START, "").replace(MATCH_END, "")
    full = " ".join((full or "").split())
    before = "" if full.startswith(shown) else "… "
    after = "" if full.endswith(shown) else " …"
    return f"{before}{headline}{after}"


# --- Keyset paging ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after (or before) the row whose sort keys are ``values``."""

    values: tuple
    backwards: bool = False

    def encode(self):
        raw = json.dumps([str(value) for value in self.values], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text, backwards=False):
        """The cursor a link carried, or None for a missing or mangled one (the first page)."""
        if not text or len(text) > CURSOR_CHARS:
            return None
        try:
            values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            return None
        return cls(tuple(values), backwards)


def beyond(keys, values, backwards):
    """The condition "after this row" (or before it) in the order ``keys``: (name, descending)."""
    condition = None
    for (name, descending), value in reversed(list(zip(keys, values, strict=True))):
        lookup = "lt" if descending != backwards else "gt"
        strictly = Q(**{f"{name}__{lookup}": value})
        condition = strictly if condition is None else strictly | (Q(**{name: value}) & condition)
    return condition


@dataclass
class ResultPage:
    """One page of one kind's results, with how many there are (up to CAP)."""

    kind: "Kind"
    rows: list
    count: int
    cap: int
    ranked: bool
    next: str | None = None
    previous: str | None = None

    @property
    def more_than_cap(self):
        return self.count > self.cap

    @property
    def count_label(self):
        """How many, as the page says it: "12", or "more than 1,000"."""
        return f"more than {self.cap:,}" if self.more_than_cap else f"{self.count:,}"

    @property
    def has_more(self):
        """Whether there are more than this page shows."""
        return self.count > len(self.rows) or self.next is not None


class StoredVector(Expression):
    """The search vector PostgreSQL keeps in ``column`` of the table searched: a column the
    models do not declare (the ``search_vectors`` migrations add it, generated from the
    text), so that no query but a search's ever reads it."""

    def __init__(self, column):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        # A column of the query's own table, as F() resolves to, relabelled with it when
        # the query becomes a subquery.
        return Col(query.get_initial_alias(), _Column(self.column), self.output_field)


@dataclass(frozen=True)
class _Column:
    """What ``Col`` asks of the field it reads: its column; nothing to convert, since a
    search's vector is only compared and ranked in the database, never read."""

    column: str

    def get_db_converters(self, connection):
        return []


# --- Kinds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record the site search finds (see the module docstring)."""

    key: str
    title: str
    position: int
    #: audience -> the rows it may read, with what the result template shows.
    readable: object
    #: The text fields searched; on PostgreSQL one GIN index over ``vector``.
    fields: tuple
    #: The order when not ranked, as (field, descending); the last must be unique.
    newest: tuple
    config: str = ENGLISH
    #: The field an excerpt is cut from, with the matched words marked; None for no excerpt.
    excerpt_field: str | None = None
    #: Whether the excerpt is the whole field (short texts, such as a decision's).
    whole_text: bool = False
    #: Turns the visitor's text into what is matched (people's names are normalised).
    prepare: object = None
    #: queryset, text -> extra matches OR-ed in (e.g. other spellings of a name).
    also: object = None
    full_text: bool = True
    #: The column in which PostgreSQL keeps ``fields``' vector (see the module docstring);
    #: None to work it out from the text for each row.
    stored_vector: str | None = None
    #: text -> the condition used instead of every word in ``fields`` where there is no
    #: full-text search (or the kind does not use it).
    plain: object = None

    def vector(self):
        from django.contrib.postgres.search import SearchVector

        if self.stored_vector:
            return StoredVector(self.stored_vector)
        return SearchVector(*self.fields, config=self.config)

    def text_for(self, text):
        return self.prepare(text) if self.prepare else text

    def uses_full_text(self, queryset):
        return self.full_text and on_postgresql(queryset)

    def match(self, queryset, text):
        """The rows of ``queryset`` that the search ``text`` finds."""
        text = self.text_for(text)
        if self.uses_full_text(queryset):
            from django.contrib.postgres.search import SearchVectorExact

            found = Q(SearchVectorExact(self.vector(), full_text_query(text, self.config)))
        else:
            found = self.every_word(text)
        if self.also:
            # Each side on its own, so that each can use its own index.
            found = Q(pk__in=queryset.model.objects.filter(found).values("pk"))
            found |= self.also(queryset, text)
        return queryset.filter(found)

    def every_word(self, text):
        """Each word in one of the fields, in any order, ignoring case; no words, no rows."""
        if self.plain:
            return self.plain(text)
        search_words = words(text)
        if not search_words:
            return Q(pk__in=[])
        condition = Q()
        for word in search_words:
            condition &= Q.create([(f"{name}__icontains", word) for name in self.fields], "OR")
        return condition

    def rank(self, text):
        from django.contrib.postgres.search import SearchRank

        score = SearchRank(self.vector(), full_text_query(self.text_for(text), self.config))
        # Whole numbers: a page's last rank goes into the next page's link and must compare
        # equal when it comes back, which a rounded float4 would not.
        return Cast(score * Value(1_000_000.0), IntegerField())

    def headline(self, text):
        from django.contrib.postgres.search import SearchHeadline

        return SearchHeadline(
            self.excerpt_field,
            full_text_query(self.text_for(text), self.config),
            config=self.config,
            start_sel=MATCH_START,
            stop_sel=MATCH_END,
            **({"highlight_all": True} if self.whole_text else {"min_words": 20, "max_words": 40}),
        )

    def page(self, matched, text, *, size, cursor=None, cap=None, count_key=None):
        """A page of ``matched`` (rows this search found), best or newest first, and their
        number up to ``cap`` (CAP unless told: a smaller cap costs less for a common word);
        ``count_key`` as for ``capped_count``."""
        cap = cap or CAP
        count = capped_count(matched, cap, key=count_key)
        ranked = count <= cap and self.uses_full_text(matched)
        if not count:
            return ResultPage(self, [], 0, cap, ranked)
        order = [("search_rank", True)] if ranked else []
        order += [(f"search_key_{n}", descending) for n, (_, descending) in enumerate(self.newest)]
        rows = matched.annotate(
            **({"search_rank": self.rank(text)} if ranked else {}),
            **{f"search_key_{n}": F(name) for n, (name, _) in enumerate(self.newest)},
        )
        backwards = bool(cursor and cursor.backwards)
        rows = self.seek(rows, order, cursor)
        rows = rows.order_by(
            *(f"-{name}" if descending != backwards else name for name, descending in order)
        )
        if self.excerpt_field and self.uses_full_text(matched):
            rows = rows.annotate(search_excerpt=self.headline(text))
        fetched = list(rows[: size + 1])
        more, rows = len(fetched) > size, fetched[:size]
        if backwards:
            rows.reverse()
        self.add_excerpts(rows, text)

        def link(row, backwards=False):
            values = tuple(getattr(row, name) for name, _ in order)
            return Cursor(values, backwards).encode() if row else None

        has_next = more if not backwards else cursor is not None
        has_previous = more if backwards else cursor is not None
        return ResultPage(
            self,
            rows,
            count,
            cap,
            ranked,
            next=link(rows[-1]) if rows and has_next else None,
            previous=link(rows[0], backwards=True) if rows and has_previous else None,
        )

    @staticmethod
    def seek(rows, order, cursor):
        """``rows`` from where ``cursor`` points; a cursor that does not fit, from the start."""
        if cursor is None or len(cursor.values) != len(order):
            return rows
        try:
            return rows.filter(beyond(order, cursor.values, cursor.backwards))
        except (ValidationError, ValueError, TypeError):
            return rows

    def add_excerpts(self, rows, text):
        if not self.excerpt_field:
            return
        search_words = words(self.text_for(text))
        for row in rows:
            full = getattr(row, self.excerpt_field)
            headline = getattr(row, "search_excerpt", None)
            if headline is not None:
                row.search_excerpt = marked(cut_marks(full, headline))
            else:
                width = len(full) if self.whole_text else EXCERPT_CHARS
                row.search_excerpt = plain_excerpt(full, search_words, width=width)

    def search(self, audience, text, **paging):
        """A page of what ``audience`` may read that ``text`` finds (``paging`` as ``page``).

        Its count is kept under the kind, the words and who reads: their rights, and who
        they are when signed in (an action's owners read the restricted actions they answer
        for). Keyed on the count query's own SQL instead, every search compiled one query
        per kind just to look its count up."""
        paging.setdefault("count_key", (self.key, audience.rights, audience.user.pk, text))
        return self.page(self.match(self.readable(audience), text), text, **paging)


_KINDS = {}
_DISCOVERED = []


def register(kind):
    """Add a kind of record to the site search (each app's ``search`` module calls this)."""
    _KINDS[kind.key] = kind
    return kind


def kinds():
    """Every kind of record searched, in the order the search page lists them."""
    if not _DISCOVERED:
        import meetings.search_kinds  # noqa: F401 - registers the record's kinds

        autodiscover_modules("search")
        _DISCOVERED.append(True)
    return sorted(_KINDS.values(), key=lambda kind: kind.position)


def kind_choices():
    return [(kind.key, kind.title) for kind in kinds()]


def find_kind(key):
    return next((kind for kind in kinds() if kind.key == key), None)
