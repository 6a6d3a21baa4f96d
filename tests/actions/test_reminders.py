"""Reminder emails: actions due within 7 days or overdue, at most once per action a day."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from actions import services
from actions.models import Owner, Reminder
from actions.tasks import send_action_reminders
from meetings.models import Body, Meeting, Person

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2023, 9, 1)


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 9, 1, 7, 30), tick=False)
    return time_machine


@pytest.fixture
def june():
    cgb = Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )
    return Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 6, 21))


@pytest.fixture
def opcc():
    return Owner.objects.create(name="OPCC", email="opcc@example.org")


@pytest.fixture
def make_action(june):
    def make(reference, due, owners):
        return services.action_create(
            meeting=june,
            reference=reference,
            text=f"Action {reference} text",
            owners=owners,
            due_date=due,
        )

    return make


def days(n):
    return TODAY + datetime.timedelta(days=n)


def run():
    out, err = io.StringIO(), io.StringIO()
    call_command("send_action_reminders", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_owner_is_emailed_their_overdue_and_due_soon_actions(mailoutbox, make_action, opcc):
    make_action("8b", days(-3), [opcc])
    make_action("8d", days(7), [opcc])
    make_action("8g", days(8), [opcc])

    run()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["opcc@example.org"]
    assert email.subject == "2 actions due or overdue: Police and Crime Panel"
    assert "8b (CGB, 21 June 2023): Action 8b text" in email.body
    assert "Due 29 August 2023, overdue by 3 days." in email.body
    assert "Due 8 September 2023, due in 7 days." in email.body
    assert "8g" not in email.body


def test_the_reminder_reads_as_written_with_text_kept_as_typed(
    mailoutbox, make_action, opcc, settings
):
    settings.SITE_URL = "https://panel.example.org/"
    opcc.name = "OPCC & Finance"
    opcc.save()
    action = make_action("8b", days(0), [opcc])
    action.text = "Report on <S106> funding & match funding"
    action.save()

    run()

    assert mailoutbox[0].subject == "1 action due or overdue: Police and Crime Panel"
    assert mailoutbox[0].body == (
        "Dear OPCC & Finance,\n"
        "\n"
        "These actions from the Police and Crime Panel action log are overdue or due within 7 "
        "days:\n"
        "\n"
        "- 8b (CGB, 21 June 2023): Report on <S106> funding & match funding\n"
        "  Due 1 September 2023, due today. Status: open.\n"
        f"  Action: https://panel.example.org/actions/{action.pk}/\n"
        f"  Report progress: https://panel.example.org/actions/{action.pk}/update/\n"
        "\n"
        "Please report progress at the link under each action (you will be asked to sign in), "
        "or tell democratic services if the due date should change.\n"
        "\n"
        "This reminder is sent once a day while an action is overdue or due within 7 days."
    )


def test_the_progress_link_opens_the_owner_s_progress_page(
    mailoutbox, make_action, opcc, client, django_user_model, settings
):
    settings.SITE_URL = "https://panel.example.org"
    make_action("8b", days(0), [opcc])
    user = django_user_model.objects.create_user("opcc-officer")
    opcc.users.add(user)
    client.force_login(user)

    run()

    link = next(
        line.split(": ", 1)[1]
        for line in mailoutbox[0].body.splitlines()
        if line.strip().startswith("Report progress:")
    )
    page = client.get(link.removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    assert "Report progress" in page.text


def test_closed_actions_are_not_reminded(mailoutbox, make_action, opcc):
    action = make_action("8b", days(-3), [opcc])
    services.action_complete(action=action, user=None)

    run()

    assert mailoutbox == []


def test_running_twice_on_one_day_sends_nothing_new(mailoutbox, make_action, opcc):
    make_action("8b", days(-3), [opcc])

    run()
    out, _ = run()

    assert len(mailoutbox) == 1
    assert Reminder.objects.count() == 1
    assert out == "No reminders to send on 2023-09-01.\n"


def test_an_action_added_later_the_same_day_is_reminded_alone(mailoutbox, make_action, opcc):
    make_action("8b", days(-3), [opcc])
    run()
    make_action("8d", days(2), [opcc])

    run()

    assert len(mailoutbox) == 2
    assert "8d" in mailoutbox[1].body
    assert "8b" not in mailoutbox[1].body


def test_the_next_day_the_reminder_is_sent_again(mailoutbox, make_action, opcc, frozen_today):
    make_action("8b", days(-3), [opcc])
    run()

    frozen_today.move_to(datetime.datetime(2023, 9, 2, 7, 30), tick=False)
    run()

    assert len(mailoutbox) == 2
    assert list(Reminder.objects.values_list("sent_on", flat=True)) == [days(1), TODAY]


def test_each_owner_of_an_action_is_reminded_once(mailoutbox, make_action, opcc):
    force = Owner.objects.create(name="Force", email="force@example.org")
    make_action("8g", days(1), [opcc, force])

    run()
    run()

    assert sorted(email.to[0] for email in mailoutbox) == ["force@example.org", "opcc@example.org"]


def test_an_owner_who_is_a_person_is_reminded_at_their_email(mailoutbox, make_action):
    person = Person.objects.create(family_name="Starr", slug="starr", email="ls@example.org")
    make_action("8a", days(0), [Owner.objects.create(name="Lizzie Starr", person=person)])

    run()

    assert mailoutbox[0].to == ["ls@example.org"]
    assert "due today" in mailoutbox[0].body


def test_the_command_prints_what_was_sent(make_action, opcc):
    make_action("8b", days(-3), [opcc])
    make_action("8d", days(1), [opcc])

    out, _ = run()

    assert out == (
        "Reminded OPCC <opcc@example.org> of 2 actions: 8b (CGB, 21 June 2023); "
        "8d (CGB, 21 June 2023)\n"
        "Sent 1 email covering 2 actions on 2023-09-01.\n"
    )


def test_an_owner_without_an_address_is_reported_not_skipped_silently(mailoutbox, make_action):
    make_action("8d", days(1), [Owner.objects.create(name="CFO")])

    _, err = run()

    assert mailoutbox == []
    assert err == (
        "CFO has no email address, so was not reminded of: 8d (CGB, 21 June 2023). Add an "
        "email to the owner (or their person).\n"
    )
    assert not Reminder.objects.exists()


def test_the_command_can_send_as_of_a_given_date(mailoutbox, make_action, opcc):
    make_action("8g", days(30), [opcc])

    call_command("send_action_reminders", "--date", "2023-09-25", stdout=io.StringIO())

    assert len(mailoutbox) == 1
    assert Reminder.objects.get().sent_on == datetime.date(2023, 9, 25)


def test_a_date_that_is_not_a_date_is_refused(mailoutbox):
    with pytest.raises(CommandError, match="'25/09/2023' is not a date: give it as YYYY-MM-DD"):
        call_command("send_action_reminders", "--date", "25/09/2023")


def test_the_task_returns_what_it_sent(make_action, opcc):
    make_action("8b", days(-3), [opcc])

    result = send_action_reminders.enqueue()

    assert result.return_value == {
        "on": "2023-09-01",
        "sent": [
            {
                "owner": "OPCC",
                "recipient": "opcc@example.org",
                "actions": ["8b (CGB, 21 June 2023)"],
            }
        ],
        "unreachable": [],
    }
