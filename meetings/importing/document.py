"""One converted document taken apart: its agenda, its minutes, and the reports bound in."""

from dataclasses import dataclass, field

from meetings.importing import extensions, moderngov, moderngov_web, styles
from meetings.importing.agenda import parse_agenda
from meetings.importing.minutes import find_minutes_headings, parse_minutes
from meetings.importing.papers import find_board_reports, find_cover_sheets
from meetings.importing.report import ImportRefused, Report
from meetings.importing.text import check_text, clean_lines


@dataclass
class ParsedDocument:
    """What the importer read from one text file, before anything is matched to the database."""

    source: str
    lines: list
    agenda: object = None
    minutes: list = field(default_factory=list)
    board_reports: list = field(default_factory=list)
    cover_sheets: list = field(default_factory=list)
    extras: dict = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    style: str = "panel"

    @property
    def has_content(self):
        return bool(self.agenda or self.minutes or any(self.extras.values()))

    def require_content(self):
        if not self.has_content:
            raise ImportRefused(
                f"{self.source} does not look like minutes or an agenda pack: no heading such as "
                '"Minutes of the Meeting of ..." or "Minutes of a meeting of ... held at ... on ...", '
                'no agenda ("MEETING OF ..." with "DATE:"), and no "Actions arising" list was '
                "found. Nothing was imported."
            )
        return self


def parse_document(text, *, source="the document", style=None):
    """Read ``text`` (the whole file). Raises ImportRefused naming the line it could not follow.

    ``style`` forces a house style by name (``styles.STYLES``); by default the document's
    conventions choose it.
    """
    chosen = styles.choose_style(check_text(text, name=source), style)
    lines = clean_lines(text)
    document = ParsedDocument(source=source, lines=lines, style=chosen)
    if chosen == moderngov.STYLE_NAME:
        document.minutes.append(moderngov.parse_moderngov(text))
    elif chosen == moderngov_web.STYLE_NAME:
        document.minutes.append(moderngov_web.parse_moderngov_web(text))
    else:
        _parse_panel_styles(document, lines)
        styles.check_panel_style(document, style)
    for extension in extensions.registered():
        document.extras[extension.name] = extension.parse(document)
    for minutes in document.minutes:
        document.report.extend(minutes.report)
    return document


def _parse_panel_styles(document, lines):
    headings = find_minutes_headings(lines)
    document.agenda = parse_agenda(lines, headings[0] if headings else len(lines))
    for position, start in enumerate(headings):
        stop = headings[position + 1] if position + 1 < len(headings) else len(lines)
        document.minutes.append(parse_minutes(lines, start, stop))
    document.board_reports = find_board_reports(lines)
    document.cover_sheets = find_cover_sheets(lines)
