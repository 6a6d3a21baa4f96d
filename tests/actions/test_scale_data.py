import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from actions.models import Action, ActionEvent
from meetings.models import AgendaItem, Body, Meeting, Person

END = datetime.date(2026, 11, 1)


def snapshot():
    return {
        "meetings": list(
            Meeting.objects.order_by("body__slug", "date").values_list("body__slug", "date")
        ),
        "actions": list(
            # Every column in the order, so that equal dates and references cannot swap.
            Action.objects.order_by(
                "meeting__date", "meeting__body__slug", "reference", "text", "status", "due_date"
            ).values_list("text", "status", "due_date")
        ),
        "people": list(Person.objects.order_by("slug").values_list("given_name", "family_name")),
    }


@pytest.mark.django_db
def test_small_national_dataset_has_the_promised_shape():
    from actions.scale_data import generate

    counts = generate(seed=7, panels=2, years=2, people=30, end=END)

    assert Body.objects.count() == 4  # two panels, each with a board
    assert Meeting.objects.count() == counts["meetings"] == 4 * 2 * 6
    assert AgendaItem.objects.count() == counts["meetings"] * 15
    held = Meeting.objects.filter(status=Meeting.Status.HELD).count()
    assert Action.objects.count() == held * 5
    # Every action has its history, starting with the row that recorded it.
    assert ActionEvent.objects.filter(from_status="").count() == Action.objects.count()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    from actions.scale_data import generate

    with transaction.atomic():
        generate(seed=11, panels=1, years=1, people=12, end=END)
        first = snapshot()
        transaction.set_rollback(True)
    assert not Meeting.objects.exists()

    generate(seed=11, panels=1, years=1, people=12, end=END)

    assert snapshot() == first
    assert first["actions"]


def test_the_command_refuses_an_impossible_panel_count(capsys):
    with pytest.raises(SystemExit):
        call_command("generate_scale_data", "--panels", "42")
    assert "--panels must be between 1 and 41" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_command_reports_what_it_made_and_updates_planner_statistics():
    out = io.StringIO()

    call_command(
        "generate_scale_data", "--panels", "1", "--years", "1", "--people", "12", stdout=out
    )

    assert f"{Meeting.objects.count():,} meetings" in out.getvalue()
    assert "Updated the database's planner statistics (ANALYZE)." in out.getvalue()
