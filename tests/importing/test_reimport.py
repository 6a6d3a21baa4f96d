"""Importing a file again that differs from the record: the refusal says what differs and how
to change the record (a correction, or withdrawing draft-published minutes), never deletion."""

import pytest

from meetings import services
from meetings.importing.load import import_text
from meetings.importing.report import ImportRefused
from meetings.models import Meeting, Minutes, Resolution
from tests.importing import make_people_2017, seed_text

pytestmark = pytest.mark.django_db

RECORDED = "That the report and comments of the Panel, as outlined above, be noted."
CHANGED = "That the report be noted."


@pytest.fixture
def recorded(panel):
    make_people_2017(panel)
    import_text(seed_text("002"), source="002.txt")
    return Minutes.objects.get()


def refusal_for(text):
    with pytest.raises(ImportRefused) as refused:
        import_text(text, source="002-edited.txt")
    return str(refused.value)


def test_a_changed_resolution_is_named_with_both_texts(recorded):
    message = refusal_for(seed_text("002").replace(RECORDED, CHANGED))

    assert "resolution of item 52" in message
    assert f"recorded \u201c{RECORDED}\u201d" in message
    assert f"the document \u201c{CHANGED}\u201d" in message
    assert "resolutions recorded" not in message  # no bare counts


def test_a_changed_item_title_is_named_with_both_titles(recorded):
    message = refusal_for(
        seed_text("002").replace("52. Commissioning Framework", "52. Commissioning Plan")
    )

    assert "item 52" in message
    assert "title" in message
    assert "recorded \u201cCommissioning Framework 2017/18\u201d" in message
    assert "the document \u201cCommissioning Plan 2017/18\u201d" in message


def test_long_texts_are_cut_to_80_characters(recorded):
    longer = f"{RECORDED} {'And further words. ' * 10}"

    message = refusal_for(seed_text("002").replace(RECORDED, longer))

    shown = message.split("the document \u201c", 1)[1].split("\u201d", 1)[0]
    assert len(shown) == 80
    assert shown.endswith("\u2026")


def test_published_minutes_are_changed_by_a_correction_or_withdrawn_not_deleted(recorded):
    message = refusal_for(seed_text("002").replace(RECORDED, CHANGED))

    assert "delete" not in message
    assert "\u201cRecord a correction\u201d" in message
    assert f"/admin/meetings/minutes/{recorded.pk}/step/correct/" in message
    assert "\u201cWithdraw from publication\u201d" in message


def test_confirmed_minutes_are_changed_only_by_a_correction(recorded):
    later = Meeting.objects.create(
        body=recorded.meeting.body, date="2017-06-01", status=Meeting.Status.HELD
    )
    item = later.items.create(order=1, number="1", title="Minutes of the previous meeting")
    confirming = Resolution.objects.create(item=item, text="That the minutes be confirmed.")
    services.minutes_confirm(minutes=recorded, resolution=confirming, user=None)

    message = refusal_for(seed_text("002").replace(RECORDED, CHANGED))

    assert "\u201cRecord a correction\u201d" in message
    assert "Withdraw" not in message
    assert "delete" not in message
