"""Every write that changes an action's state. The admin, the pages and the API call these.

The workflow's steps are declared once, in ``STEPS`` at the end of this module: each step's
name, label, the statuses it is allowed from, its target, what it asks for (``Need``), what it
sets on the action and the messages it gives. ``action_transition`` applies any of them: one
transaction, the action row locked with select_for_update() so two officers acting at once
cannot both move it, a guard that refuses a step the current status does not allow, and one
append-only ActionEvent row (who, when, from, to, note). The admin's buttons, pages and bulk
actions, the API's endpoints and request bodies, the forms and the importer are generated from
the same table, so adding a step is one entry there.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ActionEvent, Owner
from actions.steps import (
    CLOSING_WORDING,
    MEETING,
    NOTE,
    WORDING,
    ActionStep,
    Need,
    TransitionNotAllowed,
)
from meetings.models import Resolution

Status = Action.Status


def meeting_not_before_action(action, inputs):
    meeting = inputs["meeting"]
    if meeting.date < action.meeting.date:
        raise ValidationError(
            f"The action arose on {action.meeting.date:%-d %B %Y}: it cannot be signed off at "
            f"an earlier meeting ({meeting.date:%-d %B %Y})."
        )


def _note(note, earlier_wording, action):
    """The history note, keeping a wording the step cleared: it may have been typed in the
    admin rather than reported through a step, so no earlier row need hold it."""
    if (
        not earlier_wording
        or action.status_wording
        or action.history.filter(status_wording=earlier_wording).exists()
    ):
        return note
    kept = f"Status as reported before this step: \u201c{earlier_wording}\u201d."
    return f"{note}\n\n{kept}" if note else kept


def action_transition(*, action, transition, user, at=None, **inputs):
    """Take the step named ``transition`` ("start", "sign_off", ...) with what it asks for.

    ``at``: when the step was taken, where that is not now (an import of papers that report
    it); the history row is written with it, never changed afterwards."""
    try:
        step = STEPS[transition]
    except KeyError:
        raise ValidationError(
            f"Unknown transition {transition!r}: use one of {', '.join(STEPS)}."
        ) from None
    inputs = step.checked_inputs(inputs)
    if step.check is not None:
        step.check(action, inputs)
    wording = inputs.get("status_wording")
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if not step.allows(locked):
            raise TransitionNotAllowed(locked, step)
        from_status = locked.status
        earlier_wording = locked.status_wording
        locked.status = step.to
        locked.status_wording = step.new_wording(locked, inputs)
        for name, value in step.updates(inputs).items():
            setattr(locked, name, value)
        locked.save()
        ActionEvent.objects.create(
            action=locked,
            from_status=from_status,
            to_status=step.to,
            actor=_actor(user),
            note=_note(inputs.get(step.history_note) or "", earlier_wording, locked),
            status_wording=wording or "",
            signed_off_at=inputs.get("meeting"),
            at=at or timezone.now(),
        )
    # The caller's instance reflects the change too.
    action.refresh_from_db()
    return action


def steps_allowed(action):
    """The steps the action's current status allows, in the order they are declared."""
    return [step for step in STEPS.values() if step.allows(action)]


def step_reaching(status):
    """The step that takes a newly recorded (open) action to ``status``; None for open."""
    return next(
        (
            step
            for step in STEPS.values()
            if step.to == status and step.to != Status.OPEN and Status.OPEN in step.allowed_from
        ),
        None,
    )


# The steps by name, for callers that take one step they know (tests, the demo, scripts).


def action_start(*, action, user, note=""):
    return action_transition(action=action, transition="start", user=user, note=note)


def action_submit_for_sign_off(*, action, user, note="", status_wording=None):
    return action_transition(
        action=action, transition="submit", user=user, note=note, status_wording=status_wording
    )


def action_complete(*, action, user, note="", status_wording=None):
    return action_transition(
        action=action, transition="complete", user=user, note=note, status_wording=status_wording
    )


def action_sign_off(*, action, user, meeting, note="", status_wording=None):
    return action_transition(
        action=action,
        transition="sign_off",
        user=user,
        meeting=meeting,
        note=note,
        status_wording=status_wording,
    )


def action_reopen(*, action, user, note):
    return action_transition(action=action, transition="reopen", user=user, note=note)


def action_withdraw(*, action, user, reason):
    return action_transition(action=action, transition="withdraw", user=user, reason=reason)


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def action_create(
    *,
    meeting,
    text,
    user=None,
    item=None,
    resolution=None,
    reference="",
    owners=(),
    due_date=None,
    target_meeting=None,
    status_wording="",
    follow_up="",
    restricted=False,
    note="",
    at=None,
):
    """Record a new open action, with the history row that says it was raised (``at``, when
    that was not now: an import dates it by the meeting it arose at)."""
    action = Action(
        meeting=meeting,
        item=item,
        resolution=resolution,
        reference=reference,
        text=text,
        due_date=due_date,
        target_meeting=target_meeting,
        status_wording=status_wording,
        follow_up=follow_up,
        restricted=restricted,
        created_at=at or timezone.now(),
    )
    return action_record(action=action, user=user, owners=owners, note=note, at=at)


def action_record(*, action, user=None, owners=(), note="", at=None):
    """Save ``action``, a new action built by a caller (the admin's form), as open, with the
    history row that says it was raised."""
    action.full_clean(exclude=["owners"])
    with transaction.atomic():
        action.save()
        if owners:
            action.owners.set(owners)
        ActionEvent.objects.create(
            action=action,
            from_status="",
            to_status=action.status,
            actor=_actor(user),
            note=note or "Action recorded.",
            # The wording it was recorded with, kept when a later step replaces or clears it.
            status_wording=action.status_wording,
            at=at or timezone.now(),
        )
    return action


def action_from_resolution(
    *, resolution, user, owners=(), due_date=None, target_meeting=None, at=None
):
    """Turn a resolution that requests something into an action linked to it, in one step."""
    resolution = Resolution.objects.select_related("item__meeting").get(pk=resolution.pk)
    if Action.objects.filter(resolution=resolution).exists():
        raise ValidationError(
            f"Resolution {resolution} already has an action: open that one instead."
        )
    item = resolution.item
    reference = f"{item.number}.{resolution.number}" if resolution.number else item.number
    return action_create(
        meeting=item.meeting,
        item=item,
        resolution=resolution,
        reference=reference,
        text=resolution.text,
        owners=owners,
        due_date=due_date,
        target_meeting=target_meeting,
        user=user,
        restricted=not item.is_public,
        note=f"Raised from resolution {reference} of {item.meeting}.",
        at=at,
    )


def owner_for(name, *, person=None):
    """The owner called ``name`` (an office, or a person), created on first use."""
    owner, _ = Owner.objects.get_or_create(name=name, defaults={"person": person})
    return owner


# --- The steps, declared once ---------------------------------------------------------------

STEPS = {
    step.name: step
    for step in (
        ActionStep(
            name="start",
            label="Start",
            verb="started",
            done="Started",
            summary="Start work on an action",
            explanation="Work on the action has begun: it becomes in progress.",
            allowed_from=(Status.OPEN,),
            to=Status.IN_PROGRESS,
        ),
        ActionStep(
            name="submit",
            admin_action="submit_for_sign_off",
            label="Submit for sign-off",
            verb="submitted for sign-off",
            done="Submitted for sign-off",
            summary="Submit an action for sign-off",
            explanation="The owner reports the action done: it waits for sign-off at a meeting.",
            allowed_from=(Status.OPEN, Status.IN_PROGRESS),
            to=Status.AWAITING_SIGN_OFF,
            asks=(WORDING, NOTE),
        ),
        ActionStep(
            name="complete",
            admin_action="mark_complete",
            label="Mark complete",
            verb="marked complete",
            done="Marked complete",
            summary="Mark an action complete",
            explanation="The action is done and needs no sign-off at a meeting.",
            allowed_from=(Status.OPEN, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF),
            to=Status.COMPLETE,
            asks=(CLOSING_WORDING, NOTE),
            clears_wording=True,
        ),
        ActionStep(
            name="sign_off",
            label="Sign off at meeting",
            verb="signed off",
            done="Signed off",
            summary="Sign an action off at a meeting",
            explanation="A meeting signed the action off: it becomes complete, with the meeting "
            "recorded.",
            allowed_from=(Status.AWAITING_SIGN_OFF,),
            to=Status.COMPLETE,
            asks=(MEETING, CLOSING_WORDING, NOTE),
            updates=lambda inputs: {"signed_off_at": inputs["meeting"]},
            check=meeting_not_before_action,
            clears_wording=True,
        ),
        ActionStep(
            name="reopen",
            label="Reopen",
            verb="reopened",
            done="Reopened",
            summary="Reopen an action",
            explanation="The action goes back to open; the reason is kept in its history.",
            allowed_from=(
                Status.IN_PROGRESS,
                Status.AWAITING_SIGN_OFF,
                Status.COMPLETE,
                Status.WITHDRAWN,
            ),
            to=Status.OPEN,
            asks=(
                Need(
                    name="note",
                    label="Why the action is being reopened",
                    label_many="Why the actions are being reopened",
                    help_text="Kept in the action's history.",
                    missing="Say why the action is being reopened.",
                    missing_many="Say why the actions are being reopened.",
                ),
            ),
            # Reopening forgets the sign-off and the withdrawal.
            updates=lambda inputs: {"signed_off_at": None, "withdrawn_reason": ""},
        ),
        ActionStep(
            name="withdraw",
            label="Withdraw",
            verb="withdrawn",
            done="Withdrew",
            summary="Withdraw an action",
            explanation="The action is no longer needed; the reason is kept with it.",
            allowed_from=(Status.OPEN, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF),
            to=Status.WITHDRAWN,
            asks=(
                Need(
                    name="reason",
                    label="Why the action is withdrawn",
                    label_many="Why the actions are withdrawn",
                    help_text="Kept on the action and in its history.",
                    missing="Give the reason the action is withdrawn.",
                    missing_many="Give the reason the actions are withdrawn.",
                ),
            ),
            history_note="reason",
            updates=lambda inputs: {"withdrawn_reason": inputs["reason"]},
            # The reason says why; a wording reported while it was open would be stale.
            clears_wording=True,
        ),
    )
}
