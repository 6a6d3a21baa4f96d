"""Meetings and what is laid before them: agenda items, papers and the work programme."""

import os
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meetings.models.changes import updated_at_field
from meetings.models.people import Body
from meetings.models.stored_visibility import TracksVisibilityInputs, refresh_visibility
from meetings.wording import and_join
from panel.choice_labels import ChoiceLabels
from panel.links import page_url

# Items in agenda order within their meeting, for prefetches (see ``with_record``).
AGENDA_ORDER = ("order", "id")


class MeetingQuerySet(models.QuerySet):
    #: Prefetches of the minuted record (attendance and declarations) that ``with_record``
    #: runs once the meetings are loaded, and only for those whose record may be read.
    record_prefetches = ()
    #: Whether each meeting's minutes, loaded with it, may be read (visibility.MinutesReader).
    minutes_reader = None

    def _clone(self):
        clone = super()._clone()
        clone.record_prefetches = self.record_prefetches
        clone.minutes_reader = self.minutes_reader
        return clone

    def with_record(self, audience, *, minuted=True, papers=True):
        """Each meeting with what its page, minutes and API detail read, as ``audience`` (a
        meetings.visibility.Audience) may read it, in at most a fixed number of queries:

        ``agenda_outline`` (every item's place and confidentiality), ``readable_items`` (each
        with the lists ``readable_papers`` and ``readable_resolutions``), ``attendances``,
        ``declarations``, ``visible_minutes`` (the minutes, or None) and ``record_visible``.
        The items' papers and resolutions are plain lists of what ``audience`` may read, and an
        item loaded any other way has neither: reading them raises rather than falling back
        on ``item.papers``, which would read every paper. A withheld item's words are never loaded:
        for a meeting that withholds items from ``audience``, the outline is read apart from
        the readable items; for the rest (most meetings) it is the readable items themselves.
        Without ``minuted`` (the meeting's page, which prints the agenda, not the minutes),
        the items' minutes and resolutions are left out; without ``papers`` (the minutes'
        page), the papers.

        Attendance and declarations are loaded after the meetings, for those whose record
        may be read (``record_visible``) and only as far as there are any: a meeting with
        no declarations, or whose attendance names no items, costs no query for them.

        Each prefetch is ordered within its meeting or item: the models' own
        ordering starts with the meeting, which would join every row to its meeting, and
        through it to the meeting's own ordering, only to sort rows that are then grouped by
        meeting anyway.
        """
        outline = AgendaItem.objects.only(*AgendaItem.OUTLINE_FIELDS).order_by(*AGENDA_ORDER)
        readable_items = audience.items().order_by(*AGENDA_ORDER)
        if papers:
            readable_items = readable_items.prefetch_related(
                models.Prefetch(
                    "papers", queryset=audience.papers().order_by("id"), to_attr="readable_papers"
                )
            )
        if minuted:
            readable_items = readable_items.prefetch_related(
                models.Prefetch(
                    "resolutions",
                    queryset=audience.resolutions()
                    .select_related("mover", "seconder")
                    .order_by("number", "id"),
                    to_attr="readable_resolutions",
                )
            )
        else:
            readable_items = readable_items.defer("minutes_text")
        # Who may read every item reads the outline from the same rows (``agenda_outline``),
        # as does anyone at a meeting that withholds none of its items from them.
        items = models.Prefetch("items", queryset=readable_items, to_attr="readable_items")
        withheld = None
        if not audience.confidential:
            withheld = models.Prefetch("items", queryset=outline, to_attr="outline")
        # The minutes (a row of dates and status, no words) come with the meeting; whether
        # they and the record may be read is then decided on them (``minutes_reader``).
        minutes = "minutes__confirmed_by__item__meeting__body" if minuted else "minutes"
        attendances = (
            audience.attendances(of_readable_records=True)
            .select_related("person", "substitute_for")
            .order_by("order", "id")
        )
        declarations = (
            audience.declarations(of_readable_records=True).select_related("person").order_by("id")
        )
        flags = {
            "has_declarations": models.Exists(
                declarations.model.objects.filter(meeting=models.OuterRef("pk"))
            ),
            "attendance_names_items": models.Exists(
                attendances.model.items.through.objects.filter(
                    attendance__meeting=models.OuterRef("pk")
                )
            ),
        }
        if withheld is not None:
            flags["withholds_items"] = models.Exists(
                AgendaItem.objects.not_public().filter(meeting=models.OuterRef("pk"))
            )
        queryset = (
            self.with_minutes(audience)
            .select_related(minutes)
            .annotate(**flags)
            .prefetch_related(items)
        )
        queryset.record_prefetches = (
            withheld,
            models.Prefetch("attendances", queryset=attendances),
            models.Prefetch("items", queryset=outline),
            models.Prefetch("declarations", queryset=declarations),
            models.Prefetch("items", queryset=outline),
        )
        return queryset

    def with_minutes(self, audience):
        """Each meeting with its ``visible_minutes`` (the minutes, or None) and
        ``record_visible``, as ``audience`` may read them: the minutes row (dates and status,
        no words) comes in the meeting's own row, and is decided on once loaded
        (``_read_minutes``)."""
        queryset = self.select_related("minutes")
        queryset.minutes_reader = audience.minutes_reader
        return queryset

    def _fetch_all(self):
        # Once the meetings (and their prefetches) are loaded, with or without prefetches.
        loading = self._result_cache is None
        super()._fetch_all()
        if loading:
            self._read_record()

    def _read_record(self):
        if self.minutes_reader is not None:
            _read_minutes(self._result_cache, self.minutes_reader)
        if self.record_prefetches:
            withheld, *record = self.record_prefetches
            if withheld is not None:
                _load_outline(self._result_cache, withheld)
            _load_minuted_record(self._result_cache, *record)

    def upcoming(self, on=None):
        on = on or timezone.localdate()
        return self.filter(date__gte=on).exclude(status=Meeting.Status.CANCELLED)

    def past(self, on=None):
        return self.filter(date__lt=on or timezone.localdate())


def _prefetched_empty(instances, name):
    """Mark the relation ``name`` of each instance as prefetched and empty: reading it
    (``.all()``) then costs no query. One empty result serves them all: it is only read."""
    if not instances:
        return
    empty = getattr(instances[0], name).none()
    empty._result_cache, empty._prefetch_done = [], True
    for instance in instances:
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = empty


def _load_outline(meetings, outline):
    """The outline of every item (``agenda_outline``) of the meetings that withhold some;
    no query when none do."""
    withholding = [meeting for meeting in meetings if meeting.withholds_items]
    if withholding:
        models.prefetch_related_objects(withholding, outline)


def _read_minutes(meetings, reader):
    """Each meeting's ``visible_minutes`` (its minutes, loaded with it, if they may be read,
    else None) and ``record_visible``. Minutes that may not be read are forgotten."""
    for meeting in meetings:
        minutes = meeting._state.fields_cache.pop("minutes", None)
        meeting.visible_minutes = minutes if reader.may_read_minutes(minutes) else None
        meeting.record_visible = reader.may_read_record(minutes)
        if meeting.visible_minutes is not None:
            meeting._state.fields_cache["minutes"] = minutes


def _load_minuted_record(meetings, attendances, attendance_items, declarations, declaration_items):
    """Attendance and declarations (each with the items it names) for the meetings whose
    minuted record may be read; none, and no query, for the rest and where there are none."""
    readable = [meeting for meeting in meetings if meeting.record_visible]
    _prefetched_empty([m for m in meetings if not m.record_visible], "attendances")
    _prefetched_empty(
        [m for m in meetings if not (m.record_visible and m.has_declarations)], "declarations"
    )
    if readable:
        models.prefetch_related_objects(readable, attendances)
        present = [a for m in readable for a in m.attendances.all()]
        naming = {m.pk for m in readable if m.attendance_names_items}
        _prefetched_empty([a for a in present if a.meeting_id not in naming], "items")
        models.prefetch_related_objects(
            [a for a in present if a.meeting_id in naming], attendance_items
        )
    with_declarations = [m for m in readable if m.has_declarations]
    if with_declarations:
        models.prefetch_related_objects(with_declarations, declarations)
        models.prefetch_related_objects(
            [d for m in with_declarations for d in m.declarations.all()], declaration_items
        )


class Meeting(TracksVisibilityInputs, ChoiceLabels, models.Model):
    """One meeting of a body on one day."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary meeting"
        ANNUAL = "annual", "Annual meeting"
        CONFIRMATION = "confirmation", "Confirmation hearing"
        PRECEPT = "precept", "Precept meeting"
        EXTRAORDINARY = "extraordinary", "Extraordinary meeting"
        BOARD = "board", "Board meeting"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ORDINARY)
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text='Only where the meeting has a name of its own, e.g. "Confirmation Hearing '
        'for appointment to the role of Chief Executive Officer".',
    )
    date = models.DateField(db_index=True)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True, help_text="When the meeting closed.")
    venue = models.CharField(max_length=300, blank=True)
    is_remote = models.BooleanField(default=False, help_text="Held online rather than in a room.")
    status = models.CharField(max_length=20, choices=Status, default=Status.SCHEDULED)
    webcast_url = models.URLField(blank=True)
    no_declarations = models.BooleanField(
        default=False, help_text='Tick when the minutes record "There were no declarations".'
    )
    quorate = models.BooleanField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    updated_at = updated_at_field()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message="The meeting cannot close before it opens: "
                "check the start and end times.",
            ),
        ]
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self):
        return f"{self.body.label}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return page_url("meetings:meeting_detail", pk=self.pk)

    @property
    def agenda_outline(self):
        """Every item's place and confidentiality, in agenda order (after ``with_record``)."""
        return self.outline if hasattr(self, "outline") else self.readable_items

    def get_minutes_url(self):
        return page_url("meetings:minutes_detail", pk=self.pk)

    @property
    def heading(self):
        return self.title or self.get_kind_display()

    # Its resolutions and actions store its date, to sort on (meetings.models.stored_visibility).
    visibility_inputs = ("date",)

    def visibility_inputs_saved(self, *, adding):
        if not adding:
            refresh_visibility(meeting_ids=[self.pk])

    def clean(self):
        if self.no_declarations and self.pk and self.declarations.exists():
            raise ValidationError(
                {
                    "no_declarations": "Declarations are recorded for this meeting: remove them "
                    "or untick \u201cno declarations\u201d."
                }
            )


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        """Items whose text the public may read."""
        return self.filter(confidentiality=AgendaItem.Confidentiality.PUBLIC)

    def not_public(self):
        """Items whose text the public may not read: all but ``public()``."""
        return self.exclude(confidentiality=AgendaItem.Confidentiality.PUBLIC)


class AgendaItem(TracksVisibilityInputs, ChoiceLabels, models.Model):
    """One item of business on a meeting's agenda, and what the minutes say of it."""

    class Confidentiality(models.TextChoices):
        PUBLIC = "public", "Public"
        EXEMPT = "exempt", "Exempt (Schedule 12A), taken in private"
        REDACTED = "redacted", "Redacted"
        OFFICIAL_SENSITIVE = "official_sensitive", "Official – sensitive"

    # What any visitor may know of an item: where it sits and why it may be withheld.
    OUTLINE_FIELDS = ("id", "meeting_id", "order", "number", "confidentiality", "exempt_paragraphs")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(help_text="Position on the agenda.")
    number = models.CharField(
        max_length=20,
        blank=True,
        help_text="The number printed in the agenda or minutes, which people cite. Minute "
        "numbers may restart each meeting or run on through the municipal year.",
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="What the agenda says of the item.")
    minutes_text = models.TextField(blank=True, help_text="The minute: what was discussed.")
    confidentiality = models.CharField(
        max_length=20, choices=Confidentiality, default=Confidentiality.PUBLIC
    )
    exempt_paragraphs = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_comma_separated_integer_list],
        help_text="Paragraphs of Schedule 12A to the Local Government Act 1972, e.g. 1,3.",
    )
    page_range = models.CharField(max_length=20, blank=True, help_text="Pages in the agenda pack.")

    objects = AgendaItemQuerySet.as_manager()

    updated_at = updated_at_field()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="item_order_unique_per_meeting",
                violation_error_message="Two items of this meeting share the same position.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=~Q(number=""),
                name="item_number_unique_per_meeting",
                violation_error_message="Two items of this meeting have the same printed "
                "number: each number may appear once.",
            ),
            models.CheckConstraint(
                condition=Q(confidentiality="exempt", exempt_paragraphs__gt="")
                | (~Q(confidentiality="exempt") & Q(exempt_paragraphs="")),
                name="item_exempt_has_paragraphs",
                violation_error_message="An exempt item must name the paragraphs of Schedule "
                "12A it relies on, and only an exempt item may.",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    # Whether its resolutions and actions are public depends on its confidentiality.
    visibility_inputs = ("confidentiality", "meeting_id")

    def visibility_inputs_saved(self, *, adding):
        # A new item has no resolutions or actions yet, so nothing stored depends on it.
        if not adding:
            refresh_visibility(meeting_ids=[self.loaded_input("meeting_id"), self.meeting_id])

    @property
    def is_public(self):
        return self.confidentiality == self.Confidentiality.PUBLIC

    @property
    def paragraph_list(self):
        return [int(p) for p in self.exempt_paragraphs.split(",") if p.strip()]

    # The two properties below are what a visitor who may not read the item is told, on the
    # pages, in the PDF and through the API alike. They read only OUTLINE_FIELDS, because a
    # withheld item's other fields are never loaded for that visitor.

    @property
    def withheld_heading(self):
        """What stands in for the title of an item the visitor may not read."""
        if self.confidentiality == self.Confidentiality.EXEMPT:
            return "Item considered in private"
        return "Item not published"

    @property
    def withheld_reason(self):
        """Why the public may not read the item; empty for a public item."""
        if self.confidentiality == self.Confidentiality.EXEMPT:
            paragraphs = self.paragraph_list
            source = "Schedule 12A"
            if paragraphs:
                numbers = and_join(str(p) for p in paragraphs)
                plural = "s" if len(paragraphs) > 1 else ""
                source = f"paragraph{plural} {numbers} of {source}"
            return (
                f"This item was considered in private (exempt information under {source} to "
                "the Local Government Act 1972)."
            )
        if self.confidentiality == self.Confidentiality.REDACTED:
            return "This item is not published: its content is redacted."
        if self.confidentiality == self.Confidentiality.OFFICIAL_SENSITIVE:
            return "This item is not published: it is marked Official \u2013 sensitive."
        return ""

    def clean(self):
        bad = [p for p in self.paragraph_list if not 1 <= p <= 7] if self.exempt_paragraphs else []
        if bad:
            raise ValidationError({"exempt_paragraphs": "Schedule 12A has paragraphs 1 to 7 only."})


def paper_upload_to(paper, filename):
    """Store each paper under a random name: a stored name reveals nothing and cannot be
    guessed. The name the officer uploaded is kept in ``original_name`` for downloads."""
    paper.original_name = os.path.basename(filename)[:255]
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"papers/{uuid.uuid4().hex}{extension}"


class PaperQuerySet(models.QuerySet):
    def public(self):
        """Papers the public may read: unrestricted, not sensitive, of a public item."""
        return self.filter(
            is_restricted=False, item__confidentiality=AgendaItem.Confidentiality.PUBLIC
        ).exclude(marking=Paper.Marking.OFFICIAL_SENSITIVE)


class Paper(ChoiceLabels, models.Model):
    """A report or document laid before a meeting for an agenda item."""

    class Marking(models.TextChoices):
        NOT_MARKED = "not_protectively_marked", "Not protectively marked"
        OFFICIAL = "official", "Official"
        OFFICIAL_SENSITIVE = "official_sensitive", "Official – sensitive"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(
        upload_to=paper_upload_to,
        max_length=200,
        blank=True,
        help_text="Served only to those who may read the paper, under its original name.",
    )
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    report_of = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Police and Crime Commissioner"'
    )
    author = models.CharField(max_length=200, blank=True)
    marking = models.CharField(max_length=30, choices=Marking, default=Marking.NOT_MARKED)
    is_restricted = models.BooleanField(
        default=False, help_text="Withheld from the public (e.g. an exempt appendix)."
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["item", "id"]

    def __str__(self):
        return self.title

    @property
    def download_name(self):
        return self.original_name or os.path.basename(self.file.name)


class WorkProgrammeEntry(ChoiceLabels, models.Model):
    """An item a body plans to consider, at a given meeting or still to be scheduled."""

    class Kind(models.TextChoices):
        ITEM = "item", "Agenda item"
        SUGGESTED = "suggested", "Other suggested item"
        VISIT = "visit", "Visit"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        TO_BE_SCHEDULED = "to_be_scheduled", "To be scheduled"
        CONSIDERED = "considered", "Considered"
        DEFERRED = "deferred", "Deferred"
        DROPPED = "dropped", "Dropped"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="work_programme")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_items",
        help_text="Blank while the item is still to be scheduled.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ITEM)
    title = models.CharField(max_length=300)
    comments = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNED)
    order = models.PositiveSmallIntegerField(default=0)

    updated_at = updated_at_field()

    class Meta:
        ordering = ["body", "meeting__date", "order", "id"]
        verbose_name = "work programme entry"
        verbose_name_plural = "work programme"

    def __str__(self):
        return self.title

    def clean(self):
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            raise ValidationError({"meeting": "That meeting belongs to another body."})
        if self.status == self.Status.TO_BE_SCHEDULED and self.meeting_id:
            raise ValidationError(
                {"status": "An entry with a target meeting is not \u201cto be scheduled\u201d."}
            )
