"""What the site search finds in the record: decisions, minutes, agenda items, people and
meetings, each from the rows an ``Audience`` may read (meetings.search has the engine).

The fields and configurations here are those the GIN indexes of
``meetings/migrations/0004_search_indexes.py`` were built over: change one, change both.
"""

from django.db.models import Exists, OuterRef, Q

from meetings.models import Meeting, Membership, Person, PersonAlias
from meetings.models.people import normalise_name
from meetings.search import Kind, full_text_query, register, words

NAMES = "simple"  # names are not English words: no stemming, no stop words


def readable_people(audience):
    """People the visitor can already find on the site: those who hold or held a seat, and
    those whose attendance they may read (so a name in draft minutes stays unfound)."""
    return Person.objects.filter(
        Exists(Membership.objects.filter(person=OuterRef("pk")))
        | Exists(audience.attendances().filter(person=OuterRef("pk")))
    )


def other_spellings(queryset, text):
    """People one of whose other spellings ("Cllr. M. Sood") the search finds."""
    if PEOPLE.uses_full_text(queryset):
        from django.contrib.postgres.search import SearchVector, SearchVectorExact

        vector = SearchVector("normalised", config=NAMES)
        aliases = PersonAlias.objects.filter(
            SearchVectorExact(vector, full_text_query(text, NAMES))
        )
    else:
        search_words = words(text)
        aliases = PersonAlias.objects.filter(
            Q.create([("normalised__icontains", word) for word in search_words])
            if search_words
            else Q(pk__in=[])
        )
    return Q(pk__in=aliases.values("person_id"))


def meeting_kinds(word):
    return [value for value, label in Meeting.Kind.choices if word in label.lower()]


def meeting_words(text):
    """Meetings whose own title, or (untitled) whose kind, has every word: a few thousand
    short titles, read without an index."""
    search_words = words(text)
    if not search_words:
        return Q(pk__in=[])
    condition = Q()
    for word in search_words:
        condition &= Q(title__icontains=word) | Q(title="", kind__in=meeting_kinds(word))
    return condition


DECISIONS = register(
    Kind(
        key="decisions",
        title="Decisions",
        position=10,
        readable=lambda audience: audience.resolutions().select_related("item__meeting__body"),
        fields=("text",),
        stored_vector="search_vector",
        # Stored on the row (meetings.models.stored_visibility): newest first without a join.
        newest=(("meeting_date", True), ("pk", True)),
        excerpt_field="text",
        whole_text=True,
    )
)
MINUTES = register(
    Kind(
        key="minutes",
        title="Minutes",
        position=20,
        # A minute is part of its meeting's minutes: readable once they are published.
        readable=lambda audience: (
            audience.items()
            .filter(meeting__in=audience.minuted_meetings())
            .select_related("meeting__body")
        ),
        fields=("minutes_text",),
        stored_vector="minutes_search_vector",
        newest=(("meeting__date", True), ("pk", True)),
        excerpt_field="minutes_text",
    )
)
# Titles and descriptions are the agenda, public before the minutes exist; so they are
# searched apart from the minute, which may still be a draft.
ITEMS = register(
    Kind(
        key="items",
        title="Agenda items",
        position=30,
        readable=lambda audience: audience.items().select_related("meeting__body"),
        fields=("title", "description"),
        stored_vector="agenda_search_vector",
        newest=(("meeting__date", True), ("pk", True)),
        excerpt_field="description",
    )
)
PEOPLE = register(
    Kind(
        key="people",
        title="People",
        position=50,
        readable=readable_people,
        fields=("search_name",),
        newest=(("family_name", False), ("given_name", False), ("pk", False)),
        config=NAMES,
        prepare=normalise_name,
        also=other_spellings,
    )
)
MEETINGS = register(
    Kind(
        key="meetings",
        title="Meetings",
        position=60,
        readable=lambda audience: Meeting.objects.select_related("body"),
        fields=("title",),
        newest=(("date", True), ("pk", True)),
        full_text=False,
        plain=meeting_words,
    )
)
