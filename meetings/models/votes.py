"""How each member voted on a motion, where the minutes print a recorded vote."""

from django.db import models

from meetings.models.people import Person
from meetings.models.record import Resolution
from panel.choice_labels import ChoiceLabels


class RecordedVote(ChoiceLabels, models.Model):
    """One member's vote on one motion or amendment, as printed in a recorded vote."""

    class Vote(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstained"

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="recorded_votes"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="recorded_votes")
    vote = models.CharField(max_length=10, choices=Vote)

    class Meta:
        ordering = ["resolution", "vote", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "person"],
                name="recorded_vote_once_per_motion",
                violation_error_message="This member's vote on this motion is already recorded.",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_vote_display()}"
