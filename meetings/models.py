"""The Panel's record: bodies, people, memberships, meetings and what happened at them."""

import datetime
import os
import re
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def normalise_name(text):
    """Lower-case, accent-free, punctuation-free form of a name, for matching spellings."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


class Body(models.Model):
    """A body whose meetings the site records: the Panel, a board, a committee."""

    class Kind(models.TextChoices):
        PANEL = "panel", "Police and Crime Panel"
        BOARD = "board", "Board"
        COMMITTEE = "committee", "Committee"
        TASK_GROUP = "task_group", "Task and finish group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=40, blank=True, help_text='How the papers abbreviate it, e.g. "CGB".'
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PANEL)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:body_detail", kwargs={"slug": self.slug})

    @property
    def label(self):
        return self.short_name or self.name

    def chair_on(self, date):
        """The person chairing this body on ``date``, or None."""
        membership = (
            self.memberships.active_on(date)
            .filter(role=Membership.Role.CHAIR)
            .select_related("person")
            .first()
        )
        return membership.person if membership else None


class PersonQuerySet(models.QuerySet):
    def search(self, text):
        """People any of whose spellings contain ``text`` (normalised)."""
        needle = normalise_name(text)
        if not needle:
            return self.none()
        return self.filter(
            Q(search_name__contains=needle) | Q(aliases__normalised__contains=needle)
        ).distinct()


class Person(models.Model):
    """One human being, whatever the papers call them."""

    honorific = models.CharField(
        max_length=40, blank=True, help_text='e.g. "Councillor", "Mr", "Ms", "Col."'
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    post_nominals = models.CharField(max_length=60, blank=True, help_text='e.g. "MBE", "JP"')
    slug = models.SlugField(max_length=120, unique=True)
    email = models.EmailField(blank=True, help_text="Used for action reminders.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The site log-in of this person, if they have one.",
    )
    search_name = models.CharField(max_length=300, editable=False, db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalise_name(
            f"{self.honorific} {self.given_name} {self.family_name} {self.post_nominals}"
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:person_detail", kwargs={"slug": self.slug})

    @property
    def name(self):
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def formal_name(self):
        """Name as the minutes print it: honorific, names and post-nominals."""
        base = " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)
        return f"{base}, {self.post_nominals}" if self.post_nominals else base


class PersonAlias(models.Model):
    """Another spelling under which the papers name a person ("Cllr. M. Sood")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "other spelling"
        verbose_name_plural = "other spellings"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "normalised"],
                name="alias_unique_per_person",
                violation_error_message="This person already has that spelling.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.normalised = normalise_name(self.name)


class MembershipQuerySet(models.QuerySet):
    def active_on(self, date):
        return self.filter(
            Q(start_date__lte=date), Q(end_date__isnull=True) | Q(end_date__gte=date)
        )

    def current(self):
        return self.active_on(timezone.localdate())


class Membership(models.Model):
    """A person's seat on a body, in one role, for a period."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        INDEPENDENT = "independent", "Independent co-opted member"
        SUBSTITUTE = "substitute", "Substitute"
        ATTENDEE = "attendee", "Standing attendee"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    title = models.CharField(
        max_length=120,
        blank=True,
        help_text='Post held, for boards and officers, e.g. "Chief Constable".',
    )
    council = models.CharField(max_length=120, blank=True, help_text="Council represented.")
    party = models.CharField(max_length=80, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Blank while it lasts.")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.body.label}"

    def clean(self):
        if not (self.person_id and self.body_id and self.start_date):
            return
        if self.role in (self.Role.CHAIR, self.Role.VICE_CHAIR):
            overlapping = Membership.objects.filter(body_id=self.body_id, role=self.role).exclude(
                pk=self.pk
            )
            end = self.end_date or datetime.date.max
            overlapping = overlapping.filter(start_date__lte=end).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
            )
            if overlapping.exists():
                raise ValidationError(
                    f"{overlapping.first().person} is already {self.get_role_display()} of "
                    "this body for part of that period: end that membership first."
                )


class MeetingQuerySet(models.QuerySet):
    def with_record(self, audience):
        """Each meeting with what its page, minutes and API detail read, as ``audience`` (a
        meetings.visibility.Audience) may read it, in a fixed number of queries:

        ``outline`` (every item's place and confidentiality), ``readable_items`` (with their
        papers and resolutions), ``attendances``, ``declarations``, ``visible_minutes`` (the
        minutes, or None) and ``record_visible``. A withheld item's words are never loaded.
        """
        outline = AgendaItem.objects.only(*AgendaItem.OUTLINE_FIELDS)
        readable_items = audience.items().prefetch_related(
            models.Prefetch("papers", queryset=audience.papers()),
            models.Prefetch(
                "resolutions", queryset=audience.resolutions().select_related("mover", "seconder")
            ),
        )
        return self.annotate(record_visible=audience.record_visible()).prefetch_related(
            models.Prefetch("items", queryset=outline, to_attr="outline"),
            models.Prefetch("items", queryset=readable_items, to_attr="readable_items"),
            models.Prefetch(
                "attendances",
                queryset=audience.attendances()
                .select_related("person", "substitute_for")
                .prefetch_related(models.Prefetch("items", queryset=outline)),
            ),
            models.Prefetch(
                "declarations",
                queryset=audience.declarations()
                .select_related("person")
                .prefetch_related(models.Prefetch("items", queryset=outline)),
            ),
            models.Prefetch(
                "minutes",
                queryset=audience.minutes().select_related("confirmed_by__item__meeting__body"),
                to_attr="visible_minutes",
            ),
        )

    def upcoming(self, on=None):
        on = on or timezone.localdate()
        return self.filter(date__gte=on).exclude(status=Meeting.Status.CANCELLED)

    def past(self, on=None):
        return self.filter(date__lt=on or timezone.localdate())


class Meeting(models.Model):
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
        return reverse("meetings:meeting_detail", kwargs={"pk": self.pk})

    @property
    def heading(self):
        return self.title or self.get_kind_display()

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


class AgendaItem(models.Model):
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

    @property
    def is_public(self):
        return self.confidentiality == self.Confidentiality.PUBLIC

    @property
    def paragraph_list(self):
        return [int(p) for p in self.exempt_paragraphs.split(",") if p.strip()]

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


class Paper(models.Model):
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


class Attendance(models.Model):
    """One person's attendance (or apologies) at one meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent without apologies"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        ALSO_PRESENT = "also_present", "Also present"

    PRESENT_STATUSES = (Status.PRESENT, Status.IN_ATTENDANCE, Status.ALSO_PRESENT)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=20, choices=Status, default=Status.PRESENT)
    is_chair = models.BooleanField(default=False, help_text='"in the Chair"')
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text='As the minutes give it, e.g. "Police and Crime Commissioner".',
    )
    substitute_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    items = models.ManyToManyField(
        AgendaItem,
        blank=True,
        related_name="limited_attendances",
        help_text="Only where the minutes say the person attended for named items.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message="This person is already recorded at this meeting: "
                "a person cannot be both present and send apologies.",
            ),
            models.CheckConstraint(
                condition=Q(is_chair=False) | Q(status="present"),
                name="attendance_chair_is_present",
                violation_error_message="Only a member who is present can be in the Chair.",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(is_chair=True),
                name="attendance_one_chair",
                violation_error_message="A meeting has one chair.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_status_display()}"

    @property
    def was_there(self):
        return self.status in self.PRESENT_STATUSES


class Declaration(models.Model):
    """An interest a person declared at a meeting."""

    class InterestType(models.TextChoices):
        DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
        OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
        PERSONAL = "personal", "Personal interest"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    interest_type = models.CharField(max_length=20, choices=InterestType)
    all_items = models.BooleanField(default=False, help_text='"all substantive items"')
    items = models.ManyToManyField(AgendaItem, blank=True, related_name="declarations")
    reason = models.TextField(
        help_text='As the minutes give it, e.g. "as he had two close relatives..."'
    )

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return f"{self.person}: {self.get_interest_type_display()}"

    # Set by a form that records a meeting's attendance and declarations in one submission
    # (the meeting's admin page): the ids of the people that submission records as present,
    # which the database does not hold yet. None: look in the database.
    present_person_ids = None

    def clean(self):
        if not self.person_id:
            return
        if self.present_person_ids is not None:
            present = self.person_id in self.present_person_ids
        elif self.meeting_id:
            present = Attendance.objects.filter(
                meeting_id=self.meeting_id,
                person_id=self.person_id,
                status__in=Attendance.PRESENT_STATUSES,
            ).exists()
        else:
            return
        if not present:
            raise ValidationError(
                {
                    "person": f"{self.person} is not recorded as present at this meeting: "
                    "record their attendance before their declaration."
                }
            )


class ResolutionQuerySet(models.QuerySet):
    def published(self):
        """Resolutions in published minutes: a resolution is part of its meeting's minutes."""
        return self.filter(item__meeting__minutes__status__in=Minutes.PUBLISHED_STATUSES)

    def public(self):
        """Resolutions the public may read: of a public item, in published minutes."""
        return self.published().filter(item__confidentiality=AgendaItem.Confidentiality.PUBLIC)


class Resolution(models.Model):
    """One resolution (or motion) decided under an agenda item."""

    class Kind(models.TextChoices):
        NOTED = "noted", "Noted"
        APPROVED = "approved", "Approved"
        REQUEST = "request", "Request"
        RECOMMENDATION = "recommendation", "Recommendation"
        ELECTION = "election", "Election or appointment"
        PROCEDURAL = "procedural", "Procedural"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        CARRIED = "carried", "Carried"
        CARRIED_UNANIMOUSLY = "carried_unanimously", "Carried unanimously"
        LOST = "lost", "Lost"
        WITHDRAWN = "withdrawn", "Withdrawn"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank when the item has a single unnumbered resolution."
    )
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NOTED)
    is_motion = models.BooleanField(default=False, help_text="Moved and seconded by named members.")
    mover = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="moved_resolutions"
    )
    seconder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="seconded_resolutions"
    )
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"],
                name="resolution_number_unique_per_item",
                violation_error_message="This item already has a resolution with that number.",
            ),
            models.CheckConstraint(
                condition=Q(mover__isnull=True)
                | Q(seconder__isnull=True)
                | ~Q(mover=models.F("seconder")),
                name="resolution_mover_not_seconder",
                violation_error_message="The mover cannot also second the motion.",
            ),
        ]

    def __str__(self):
        prefix = f"{self.item.number}.{self.number}" if self.number else self.item.number
        return f"{prefix}: {self.text[:80]}"

    def clean(self):
        if not self.item_id:
            return
        meeting_id = AgendaItem.objects.filter(pk=self.item_id).values_list(
            "meeting_id", flat=True
        )[0]
        for field in ("mover", "seconder"):
            person = getattr(self, field)
            if person is None:
                continue
            present = Attendance.objects.filter(
                meeting_id=meeting_id, person=person, status=Attendance.Status.PRESENT
            ).exists()
            if not present:
                raise ValidationError(
                    {
                        field: f"{person} is not recorded as a member present at this meeting, "
                        f"so cannot be the {field}. Record their attendance first."
                    }
                )


class WorkProgrammeEntry(models.Model):
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


class MinutesQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=Minutes.PUBLISHED_STATUSES)


class Minutes(models.Model):
    """The minutes of one meeting, and where they stand in their lifecycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not published)"
        PUBLISHED = "published", "Published as draft, subject to confirmation"
        CONFIRMED = "confirmed", "Confirmed as a correct record"

    PUBLISHED_STATUSES = (Status.PUBLISHED, Status.CONFIRMED)

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    confirmed_by = models.ForeignKey(
        Resolution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_minutes",
        help_text="The resolution of a later meeting confirming them as a correct record.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_by__isnull=False),
                name="minutes_confirmed_by_resolution",
                violation_error_message="Confirmed minutes must name the resolution that "
                "confirmed them.",
            ),
        ]

    def __str__(self):
        return f"Minutes of {self.meeting}"


class MinutesEvent(models.Model):
    """An append-only record of one step in a meeting's minutes lifecycle or a correction."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="history")
    from_status = models.CharField(max_length=20, choices=Minutes.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Minutes.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    snapshot = models.JSONField(
        default=dict, blank=True, help_text="The minutes' text before a correction."
    )

    class Meta:
        ordering = ["minutes", "at", "id"]

    def __str__(self):
        return f"{self.minutes}: {self.from_status or '—'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("Minutes history is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Minutes history is append-only: rows cannot be deleted.")
