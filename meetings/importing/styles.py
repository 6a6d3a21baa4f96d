"""The house styles the importer reads, and how a document's style is chosen.

Each style is a small reader of its own: the Panel's County and City styles (``minutes``),
ModernGov printed minutes (``moderngov``) and ModernGov's minutes web page
(``moderngov_web``). A document is read in the style that scores
highest on the conventions it shows; ``style=`` (``--style`` on the command line) forces one,
and an unknown name is refused with the names known.
"""

from meetings.importing import moderngov, moderngov_web
from meetings.importing.report import ImportRefused

PANEL_STYLES = ("county", "city")
STYLES = {
    "county": 'the Panel\'s County style ("Minutes of a meeting of ... held at ... on ...")',
    "city": 'the Panel\'s City style ("Minutes of the Meeting of ...", "Held: ...")',
    moderngov.STYLE_NAME: 'ModernGov printed minutes ("MINUTES of a meeting of ...", '
    '"PRESENT: Mr A, Mrs B and Mr C", "(Item 1)")',
    moderngov_web.STYLE_NAME: 'a ModernGov "Agenda and minutes" web page saved as text ("1.", '
    'the title, "Minutes:")',
}
# ModernGov is chosen only on several of its conventions at once, so that the Panel's own
# papers (which show none of them) are read exactly as before.
MODERNGOV_THRESHOLD = 6


def check_style(style):
    """``style`` if it is a known name (or None); else a refusal listing the names."""
    if style is None or style in STYLES:
        return style
    known = "; ".join(f"{name}: {label}" for name, label in STYLES.items())
    raise ImportRefused(f'there is no house style called "{style}". The styles read are {known}.')


def choose_style(text, style=None):
    """The style to read ``text`` in: ``style`` when given, else the best-scoring one."""
    check_style(style)
    if style:
        return style
    printed, web = moderngov.score(text), moderngov_web.score(text)
    if web >= MODERNGOV_THRESHOLD and web > printed:
        return moderngov_web.STYLE_NAME
    if printed >= MODERNGOV_THRESHOLD:
        return moderngov.STYLE_NAME
    return "panel"


def check_panel_style(document, style):
    """Refuse a document forced into one of the Panel's styles whose minutes are in the other."""
    if style not in PANEL_STYLES:
        return
    for minutes in document.minutes:
        if minutes.style != style:
            raise ImportRefused(
                f"these minutes are in the {minutes.style} style, not the {style} style asked "
                "for: import them without --style, or with the right one.",
                line=minutes.line,
            )
