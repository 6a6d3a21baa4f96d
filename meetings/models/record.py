"""What the minutes record of a meeting: attendance, declarations and resolutions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from meetings.models.meetings import AgendaItem, Meeting
from meetings.models.minutes import Minutes
from meetings.models.people import Person


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
