"""The action log: follow-up work arising from board and Panel meetings."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.dispatch import receiver
from django.utils import timezone

from actions.references import KEY_LENGTH, reference_key
from meetings.models import AgendaItem, Meeting, Minutes, Person, Resolution
from meetings.models.changes import updated_at_field
from meetings.models.stored_visibility import TracksVisibilityInputs, visibility_inputs_changed
from panel.choice_labels import ChoiceLabels
from panel.links import page_url
from panel.prebuilt import prebuilt
from panel.read_after import ReadAfterQuerySet

AMBER_DAYS = 14


class Owner(models.Model):
    """Who an action is for: a person, or an office such as "OPCC", "Force" or "CFO"."""

    name = models.CharField(max_length=120, unique=True)
    person = models.OneToOneField(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_owner",
        help_text="Set when the owner is one person rather than an office.",
    )
    email = models.EmailField(blank=True, help_text="Where reminders go (else the person's email).")
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="action_owners",
        help_text="Log-ins that answer for this owner and see its actions under My actions.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def reminder_address(self):
        return self.email or (self.person.email if self.person_id else "")


PUBLIC = AgendaItem.Confidentiality.PUBLIC
# An action the public may see (meetings.visibility explains the rule): not marked
# restricted, not from a private item, and not from a resolution the public may not read.
# The one source of truth: each action stores its answer in ``is_public`` (its cache, which
# the queries filter on), recomputed by ``refresh_public_flags`` whenever an input changes.
PUBLIC_ACTION = (
    Q(restricted=False)
    & (Q(item__isnull=True) | Q(item__confidentiality=PUBLIC))
    & (
        Q(resolution__isnull=True)
        | Q(
            resolution__item__confidentiality=PUBLIC,
            resolution__item__meeting__minutes__status__in=Minutes.PUBLISHED_STATUSES,
        )
    )
)


class ActionQuerySet(ReadAfterQuerySet):
    def public(self):
        """Actions the public may see (``PUBLIC_ACTION``, as stored in ``is_public``)."""
        return self.filter(is_public=True)

    def visible_to(self, audience):
        """Actions ``audience`` (a meetings.visibility.Audience) may see: every action for
        members and staff; public ones, and those they answer for, for anyone else."""
        if audience.all_actions:
            return self
        if audience.user.is_authenticated:
            return self.filter(Q(is_public=True) | Q(pk__in=answered_for_by(audience.user)))
        return self.public()

    def of_meetings(self, meeting_ids):
        """Actions whose visibility depends on the record of ``meeting_ids`` (every action
        when None): arising at them, or from their items or resolutions."""
        if meeting_ids is None:
            return self
        ids = Action.objects.order_by().values_list("pk", flat=True)
        found = (
            ids.filter(meeting_id__in=meeting_ids)
            .union(
                ids.filter(item__meeting_id__in=meeting_ids),
                ids.filter(resolution__item__meeting_id__in=meeting_ids),
            )
            .order_by()
        )
        # Looked up first (a few index lookups): an UPDATE of listed ids finds its rows at
        # once, where one filtering on three joins would read every action.
        return self.filter(pk__in=list(found))

    def refresh_public_flags(self):
        """Recompute ``is_public`` (from ``PUBLIC_ACTION``) and ``meeting_date`` of these
        actions with one UPDATE. Returns the number of rows."""
        # The rule is evaluated once over these rows, not once per row.
        public = self.filter(PUBLIC_ACTION).values("pk")
        meeting_date = Meeting.objects.filter(pk=OuterRef("meeting_id")).order_by().values("date")
        return self.update(
            is_public=ExpressionWrapper(Q(pk__in=public), output_field=models.BooleanField()),
            meeting_date=Subquery(meeting_date[:1]),
        )

    def outstanding(self):
        return self.exclude(status__in=Action.CLOSED_STATUSES)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.outstanding().filter(due_date__lt=on)

    def due_soon(self, on=None, days=AMBER_DAYS):
        on = on or timezone.localdate()
        return self.outstanding().filter(
            due_date__gte=on, due_date__lte=on + datetime.timedelta(days=days)
        )

    def with_rag(self, on=None):
        """Annotate ``rag``: red when overdue, amber when due within 14 days, else green."""
        on = on or timezone.localdate()
        return self.annotate(
            rag=Case(
                When(status__in=Action.CLOSED_STATUSES, then=Value("")),
                When(due_date__lt=on, then=Value(Action.Rag.RED)),
                When(
                    due_date__lte=on + datetime.timedelta(days=AMBER_DAYS),
                    then=Value(Action.Rag.AMBER),
                ),
                default=Value(Action.Rag.GREEN),
                output_field=models.CharField(),
            )
        )

    def with_rag_value(self, rag, on=None):
        """Actions of one RAG rating, annotated ``rag`` as ``with_rag`` does."""
        return self.with_rag(on).filter(rag=rag)

    def owned_by_user(self, user):
        """Actions a log-in answers for, or that arose from resolutions the person moved."""
        if not user.is_authenticated:
            return self.none()
        person = Person.objects.filter(user=user)
        return self.filter(
            Q(pk__in=answered_for_by(user))
            | Q(Exists(person.filter(pk=OuterRef("resolution__mover_id"))))
        )


def prefetch_owners():
    """Each action's owners, by name, loaded in one query into a list (``Action.owner_list``).

    Half the Python of ``prefetch_related("owners")``, which builds a related manager and a
    queryset for every action to hold what it loaded."""
    return Prefetch("owners", to_attr="_loaded_owners")


def prefetch_history(events):
    """Each action's history, as ``events`` (a queryset of ActionEvent) reads and orders it,
    loaded in one query into a list (``Action.history_list``): without the related manager
    and the copy of ``events`` that ``Prefetch("history")`` makes for every action."""
    return Prefetch("history", queryset=events, to_attr="_loaded_history")


def readers_key(audience):
    """Who is reading, as far as which actions they may see goes: everyone who sees every
    action sees the same ones, as does every anonymous visitor; anyone else also sees the
    actions they answer for."""
    if audience.all_actions:
        return "all"
    if audience.user.is_authenticated:
        return f"user-{audience.user.pk}"
    return "public"


def visible_actions(audience, name, build, on=None):
    """``build(actions)``, where ``actions`` are those ``audience`` may see annotated with their
    RAG rating ``on`` (today), built once per process for each page ``name``, kind of reader
    and day (panel.prebuilt)."""
    on = on or timezone.localdate()
    return prebuilt(
        ("actions", name, readers_key(audience), on),
        lambda: build(Action.objects.visible_to(audience).with_rag(on=on)),
    )


def answered_for_by(user):
    """The ids of the actions a log-in answers for, as one of their owners' users or as the
    person who is an owner."""
    return Action.objects.filter(Q(owners__users=user) | Q(owners__person__user=user)).values("pk")


class Action(TracksVisibilityInputs, ChoiceLabels, models.Model):
    """One piece of follow-up work that arose at a meeting, tracked until it is signed off."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
        COMPLETE = "complete", "Complete"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Rag(models.TextChoices):
        RED = "red", "Red (overdue)"
        AMBER = "amber", "Amber (due within 14 days)"
        GREEN = "green", "Green"

    CLOSED_STATUSES = (Status.COMPLETE, Status.WITHDRAWN)

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="actions_arising",
        help_text="The meeting at which the action arose.",
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    resolution = models.OneToOneField(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="action"
    )
    reference = models.CharField(
        max_length=20, blank=True, help_text='As printed in the papers, e.g. "8d".'
    )
    # What lists sort by, so that "10.2" comes after "8b" (actions.references): set by save(),
    # and by any writer that bypasses it (bulk_create), never by hand.
    reference_key = models.CharField(
        max_length=KEY_LENGTH, blank=True, editable=False, help_text="The reference, sortable."
    )
    text = models.TextField()
    owners = models.ManyToManyField(Owner, blank=True, related_name="actions")
    due_date = models.DateField(null=True, blank=True)
    target_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_due",
        help_text='The meeting it should come back to ("update to CGB in January").',
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN, editable=False)
    status_wording = models.CharField(
        max_length=300,
        blank=True,
        help_text='The status as it will be reported, e.g. "completed, added to the forward plan".',
    )
    follow_up = models.TextField(blank=True)
    restricted = models.BooleanField(
        default=False,
        help_text="Members and staff only. Actions from exempt or redacted items are always restricted.",
    )
    signed_off_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_signed_off",
        editable=False,
    )
    withdrawn_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # What the lists filter and sort on, stored so that they need not join every item,
    # resolution and minutes: computed by ``refresh_public_flags``, never set by hand.
    is_public = models.BooleanField(
        default=False, editable=False, help_text="The public may see it (PUBLIC_ACTION)."
    )
    meeting_date = models.DateField(
        null=True, editable=False, help_text="The date of the meeting at which it arose."
    )

    objects = ActionQuerySet.as_manager()

    # The fields of its own that PUBLIC_ACTION and meeting_date read.
    visibility_inputs = ("restricted", "item_id", "resolution_id", "meeting_id")

    updated_at = updated_at_field()

    class Meta:
        ordering = ["meeting_date", "reference_key", "id"]
        permissions = [
            ("view_restricted_action", "Can see actions from exempt or redacted items"),
            ("change_action_status", "Can move actions through their workflow"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "reference"],
                condition=~Q(reference=""),
                name="action_reference_unique_per_meeting",
                violation_error_message="An action with this reference already arose at this meeting.",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
                name="action_withdrawn_has_reason",
                violation_error_message="A withdrawn action needs a reason.",
            ),
        ]
        indexes = [
            # The public's outstanding actions (the /actions/ page and its RAG counts), in the
            # page's default order: soonest due first, then the meeting's date.
            models.Index(
                fields=["due_date", "meeting_date", "reference_key", "id"],
                condition=Q(is_public=True) & ~Q(status__in=["complete", "withdrawn"]),
                name="action_public_outstanding",
            ),
            # Every outstanding action in the same order, for members and staff, who see them
            # all: their first page is found without sorting every outstanding action.
            models.Index(
                fields=["due_date", "meeting_date", "reference_key", "id"],
                condition=~Q(status__in=["complete", "withdrawn"]),
                name="action_outstanding",
            ),
            # Every public action in the same order, for the page filtered by status (most
            # actions are closed: the first page is found without sorting them all).
            models.Index(
                fields=["due_date", "meeting_date", "reference_key", "id"],
                condition=Q(is_public=True),
                name="action_public_by_due_date",
            ),
            # The API's order (and the admin's per meeting): each meeting's actions by reference.
            models.Index(
                fields=["meeting", "reference_key", "id"], name="action_meeting_reference"
            ),
            # Newest first, the site search's order past its cap (actions/search.py): read in
            # order and kept as they match, rather than every match of a common word sorted.
            # One for every reader: few actions are restricted, so the public's are most.
            models.Index(fields=["-meeting_date", "-id"], name="action_newest"),
        ]

    def __str__(self):
        ref = f"{self.reference} " if self.reference else ""
        return f"{ref}{self.text[:80]}"

    def save(self, **kwargs):
        self.reference_key = reference_key(self.reference)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "reference" in update_fields:
            kwargs["update_fields"] = {*update_fields, "reference_key"}
        super().save(**kwargs)

    def get_absolute_url(self):
        return page_url("actions:action_detail", pk=self.pk)

    def clean(self):
        if self.item_id and self.meeting_id and self.item.meeting_id != self.meeting_id:
            raise ValidationError({"item": "That item belongs to another meeting."})
        if self.resolution_id and self.item_id and self.resolution.item_id != self.item_id:
            raise ValidationError({"resolution": "That resolution belongs to another item."})

    @property
    def owner_list(self):
        """The owners by name: as loaded with the action (``prefetch_owners``), else read now."""
        loaded = self.__dict__.get("_loaded_owners")
        return loaded if loaded is not None else list(self.owners.all())

    @property
    def history_list(self):
        """The history: as loaded with the action (``prefetch_history``), else read now."""
        loaded = self.__dict__.get("_loaded_history")
        return loaded if loaded is not None else list(self.history.all())

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES

    def visibility_inputs_saved(self, *, adding):
        own = Action.objects.filter(pk=self.pk)
        own.refresh_public_flags()
        self.is_public, self.meeting_date = own.values_list("is_public", "meeting_date").get()

    @property
    def is_restricted(self):
        """Whether the public may not see the action (``PUBLIC_ACTION``, as stored)."""
        return not self.is_public

    def rag_on(self, on=None):
        """The RAG rating, derived from status and due date (never stored)."""
        if self.is_closed:
            return ""
        on = on or timezone.localdate()
        if self.due_date is None:
            return self.Rag.GREEN
        if self.due_date < on:
            return self.Rag.RED
        if self.due_date <= on + datetime.timedelta(days=AMBER_DAYS):
            return self.Rag.AMBER
        return self.Rag.GREEN


@receiver(visibility_inputs_changed, dispatch_uid="refresh_action_visibility")
def _refresh_actions(sender, meeting_ids, **kwargs):
    Action.objects.of_meetings(meeting_ids).refresh_public_flags()


class ActionEvent(ChoiceLabels, models.Model):
    """One change in an action's status: an append-only history row."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="history")
    from_status = models.CharField(max_length=20, choices=Action.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Action.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    status_wording = models.CharField(max_length=300, blank=True)
    signed_off_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["action", "at", "id"]
        verbose_name = "history entry"
        verbose_name_plural = "history"

    def __str__(self):
        return f"{self.get_from_status_display() or 'created'} → {self.get_to_status_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Action history is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Action history is append-only: rows cannot be deleted.")


class Reminder(models.Model):
    """A reminder email sent to an owner about an action on a given day."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipient = models.EmailField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "owner", "sent_on"], name="reminder_once_per_day"
            )
        ]

    def __str__(self):
        return f"Reminder for {self.action} to {self.recipient} on {self.sent_on}"


# Owners' progress updates live in their own module; imported here so Django finds the model.
from actions.progress import ProgressUpdate  # noqa: E402, F401
