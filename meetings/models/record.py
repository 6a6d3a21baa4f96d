"""What the minutes record of a meeting: attendance, declarations and resolutions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.dispatch import receiver

from meetings.models.changes import updated_at_field
from meetings.models.meetings import AgendaItem, Meeting
from meetings.models.minutes import Minutes
from meetings.models.people import Person
from meetings.models.stored_visibility import (
    TracksVisibilityInputs,
    refresh_visibility,
    visibility_inputs_changed,
)
from panel.choice_labels import ChoiceLabels
from panel.read_after import ReadAfterQuerySet


class Attendance(ChoiceLabels, models.Model):
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


class Declaration(ChoiceLabels, models.Model):
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


# Who may read a resolution (meetings.visibility explains the rules). A resolution is part of
# its meeting's minutes, so it is published with them; the public read it once published,
# unless its item is private. Each row stores the answers (``is_published``, ``is_public``):
# these rules are the one source of truth, the stored flags their cache.
PUBLISHED_RESOLUTION = Q(item__meeting__minutes__status__in=Minutes.PUBLISHED_STATUSES)
PUBLIC_RESOLUTION = PUBLISHED_RESOLUTION & Q(
    item__confidentiality=AgendaItem.Confidentiality.PUBLIC
)


class ResolutionQuerySet(ReadAfterQuerySet):
    def published(self):
        """Resolutions in published minutes (``PUBLISHED_RESOLUTION``, as stored)."""
        return self.filter(is_published=True)

    def public(self):
        """Resolutions the public may read (``PUBLIC_RESOLUTION``, as stored)."""
        return self.filter(is_public=True)

    def of_meetings(self, meeting_ids):
        """The resolutions of the meetings ``meeting_ids`` (of every meeting when None)."""
        if meeting_ids is None:
            return self
        # Looked up first, as ``Action.objects.of_meetings`` explains.
        found = Resolution.objects.filter(item__meeting_id__in=meeting_ids).values_list("pk")
        return self.filter(pk__in=[pk for (pk,) in found])

    def refresh_stored_flags(self):
        """Recompute the stored flags and meeting date of these resolutions from the rules,
        with one UPDATE. Returns the number of rows."""
        # Each rule is evaluated once over these rows, not once per row.
        published = self.filter(PUBLISHED_RESOLUTION).values("pk")
        public = self.filter(PUBLIC_RESOLUTION).values("pk")
        meeting_date = (
            AgendaItem.objects.filter(pk=OuterRef("item_id")).order_by().values("meeting__date")
        )
        return self.update(
            is_published=ExpressionWrapper(Q(pk__in=published), output_field=BooleanField()),
            is_public=ExpressionWrapper(Q(pk__in=public), output_field=BooleanField()),
            meeting_date=Subquery(meeting_date[:1]),
        )


class Resolution(TracksVisibilityInputs, ChoiceLabels, models.Model):
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
    # What the lists filter and sort on, stored so that they need not join every item and
    # minutes: computed from the rules above, never set by hand (stored_visibility).
    is_published = models.BooleanField(
        default=False, editable=False, help_text="In published minutes (PUBLISHED_RESOLUTION)."
    )
    is_public = models.BooleanField(
        default=False, editable=False, help_text="The public may read it (PUBLIC_RESOLUTION)."
    )
    meeting_date = models.DateField(
        null=True, editable=False, help_text="The date of its item's meeting."
    )

    objects = ResolutionQuerySet.as_manager()

    # Which item, so which meeting's minutes and which confidentiality, decide who reads it.
    visibility_inputs = ("item_id",)

    updated_at = updated_at_field()

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
        indexes = [
            # The decisions register, newest meeting first: the public's and members'.
            models.Index(
                fields=["-meeting_date", "id"],
                condition=Q(is_public=True),
                name="resolution_public_newest",
            ),
            models.Index(
                fields=["-meeting_date", "id"],
                condition=Q(is_published=True),
                name="resolution_published_newest",
            ),
        ]

    def __str__(self):
        prefix = f"{self.item.number}.{self.number}" if self.number else self.item.number
        return f"{prefix}: {self.text[:80]}"

    def visibility_inputs_saved(self, *, adding):
        if adding:
            # No action arises from a resolution not yet recorded: only its own row changes.
            Resolution.objects.filter(pk=self.pk).refresh_stored_flags()
        else:
            items = {self.loaded_input("item_id"), self.item_id}
            meetings = AgendaItem.objects.filter(pk__in=items).values_list("meeting_id", flat=True)
            refresh_visibility(meeting_ids=list(meetings))
        self.is_published, self.is_public, self.meeting_date = (
            Resolution.objects.filter(pk=self.pk)
            .values_list("is_published", "is_public", "meeting_date")
            .get()
        )

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


@receiver(visibility_inputs_changed, dispatch_uid="refresh_resolution_visibility")
def _refresh_resolutions(sender, meeting_ids, **kwargs):
    Resolution.objects.of_meetings(meeting_ids).refresh_stored_flags()
