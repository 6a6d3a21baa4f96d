"""When the papers say things happened, for the history rows an import writes.

The lifecycle services stamp each history row with the moment it is written. Papers read
today often report what happened years ago (minutes printed in the pack of a meeting in
2023), so an import dates the rows it writes for them as the papers date them: the day of the
meeting whose pack prints them. Times the papers do not give are taken as 09:00, London time.
"""

import datetime

from django.utils import timezone

PAPERS_TIME = datetime.time(9)


def on_papers_date(date, time=None):
    """``date`` at ``time`` (09:00 when the papers give none), in London; None when that
    moment is still to come (a pack read before its meeting reports nothing yet)."""
    moment = timezone.make_aware(datetime.datetime.combine(date, time or PAPERS_TIME))
    return moment if moment < timezone.now() else None


def papers_dated(document):
    """The moment a document's contents are dated: the day of the meeting its agenda calls
    (its minutes and reports are laid before that meeting), or None without an agenda."""
    if document.agenda is None:
        return None
    return on_papers_date(document.agenda.date)
