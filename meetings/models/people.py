"""Who the record is about: bodies, people (one person, many spellings) and their seats."""

import datetime
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meetings.models.changes import updated_at_field
from panel.choice_labels import ChoiceLabels
from panel.links import page_url


def normalise_name(text):
    """Lower-case, accent-free, punctuation-free form of a name, for matching spellings."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


class Body(ChoiceLabels, models.Model):
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

    updated_at = updated_at_field()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("meetings:body_detail", slug=self.slug)

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

    updated_at = updated_at_field()

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
        return page_url("meetings:person_detail", slug=self.slug)

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


class Membership(ChoiceLabels, models.Model):
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

    updated_at = updated_at_field()

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
