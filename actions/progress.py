"""Progress updates: an action's owner reports how it is going; democratic services review.

An owner (a log-in that answers for one of the action's owners) posts an update from the
action's page, and may say in the same breath that the work is done, which submits the
action for sign-off through the workflow. Democratic services review each update in the
admin: accepted, it becomes the action's latest update, shown to everyone who may see the
action; returned, it goes back to its author with the reason. Updates are never edited or
deleted: a correction is a new update.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from panel.choice_labels import ChoiceLabels

MAX_UPDATE_CHARS = 4000


class ProgressUpdateQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(status=ProgressUpdate.Status.AWAITING_REVIEW)

    def accepted(self):
        return self.filter(status=ProgressUpdate.Status.ACCEPTED)


class ProgressUpdate(ChoiceLabels, models.Model):
    """One report of progress on an action, by its owner, and its review."""

    class Status(models.TextChoices):
        AWAITING_REVIEW = "awaiting_review", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned to the owner"

    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="progress_updates"
    )
    text = models.TextField(max_length=MAX_UPDATE_CHARS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(default=timezone.now)
    asked_sign_off = models.BooleanField(
        default=False, help_text="The owner said the work is done and submitted it for sign-off."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.AWAITING_REVIEW)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-id"]
        verbose_name = "progress update"
        indexes = [
            models.Index(
                fields=["posted_at"],
                condition=models.Q(status="awaiting_review"),
                name="progress_awaiting_review",
            )
        ]

    def __str__(self):
        return f"Update on {self.action} ({self.get_status_display().lower()})"


def may_report_on(user, action):
    """Whether ``user`` answers for the action (one of its owners), or is staff."""
    from actions.models import answered_for_by

    if not user.is_authenticated:
        return False
    if user.has_perm("actions.change_action"):
        return True
    return answered_for_by(user).filter(pk=action.pk).exists()


def post_update(*, action, user, text, done=False):
    """Record the owner's update; with ``done``, also submit the action for sign-off."""
    from actions import services

    if not may_report_on(user, action):
        raise PermissionDenied("Only the action's owners or democratic services report on it.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what has happened since the last update."})
    if len(text) > MAX_UPDATE_CHARS:
        raise ValidationError(
            {"text": f"Keep the update to {MAX_UPDATE_CHARS:,} characters or fewer."}
        )
    if done and not services.STEPS["submit"].allows(action):
        raise ValidationError(
            {
                "done": f"This action is {action.get_status_display().lower()}: it cannot be "
                "submitted for sign-off now. Post the update without ticking the box."
            }
        )
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            action=action, author=user, text=text, asked_sign_off=done
        )
        if done:
            services.action_transition(
                action=action, transition="submit", user=user, note=f"Progress update: {text}"
            )
    return update


def review_update(*, update, user, accept, note=""):
    """Accept the update (it becomes the action's latest) or return it with the reason."""
    if not user.has_perm("actions.change_progressupdate"):
        raise PermissionDenied("Only democratic services review progress updates.")
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": "Say why the update goes back, so its author can act."})
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.status != ProgressUpdate.Status.AWAITING_REVIEW:
            raise ValidationError(
                f"This update was already {locked.get_status_display().lower()}: nothing changed."
            )
        locked.status = ProgressUpdate.Status.ACCEPTED if accept else ProgressUpdate.Status.RETURNED
        locked.reviewed_by, locked.reviewed_at, locked.review_note = user, timezone.now(), note
        locked.save()
    update.refresh_from_db()
    return update
