"""Near misses: spellings that look like someone without matching exactly, held for a person.

"Councillor Alnatt" is probably Councillor Allnatt, but "Mr B Watts" is not Mr B Wyatt, and
only a person who knows the body can tell which is which. So a near miss (``names.NEAR``) is
matched, and saved as another spelling of the person, only once it is confirmed: ticked on the
import page, or all of them at once with ``import_minutes --confirm-names``. Until then the
spelling is taken as someone new: created only on confirmation that new people should be
created, like any other name that matches nobody.

Each near miss has a key that is the same in the preview and in the import that follows it
(the same text gives the same keys), so what is ticked on the page is what is confirmed.
"""

from dataclasses import dataclass

from meetings.importing.report import ImportRefused
from meetings.models import normalise_name

# Confirm every near miss: scripted imports (``--confirm-names``).
ALL = "all"


@dataclass(frozen=True)
class NearMiss:
    """One spelling that looks like a person recorded, or like a name earlier in the document."""

    key: str
    printed: str
    line: int
    looks_like: str
    ratio: float
    confirmed: bool

    @property
    def question(self):
        return f"\u201c{self.printed}\u201d (line {self.line}) looks like {self.looks_like}: same person?"

    @property
    def alike(self):
        return f"{round(self.ratio * 100)}% alike"


class NearMisses:
    """The near misses of one document, and which of them a person has confirmed."""

    def __init__(self, confirmed=()):
        self.everything = confirmed == ALL
        self.confirmed = set() if self.everything else set(confirmed)
        self.found = {}

    def hold(self, name, line, *, target_key, looks_like, ratio):
        """The NearMiss of ``name`` to a target (the first seen, for a spelling printed again):
        matched only if ``confirmed``."""
        key = f"{normalise_name(name.printed)} ~ {target_key}"
        if key not in self.found:
            confirmed = self.everything or key in self.confirmed
            self.found[key] = NearMiss(key, name.printed, line, looks_like, ratio, confirmed)
        return self.found[key]

    @property
    def unconfirmed(self):
        return [miss for miss in self.found.values() if not miss.confirmed]

    def check_confirmed_keys(self):
        """Refuse confirmations of near misses this document does not have (a stale page)."""
        unknown = self.confirmed - set(self.found)
        if unknown:
            raise ImportRefused(
                f"{len(unknown)} name(s) confirmed as the same person are not near misses of "
                "this document: preview the import again and tick from the list shown."
            )

    def for_spelling(self, printed):
        """The unconfirmed near miss of this spelling, if it is one."""
        wanted = normalise_name(printed)
        return next(
            (m for m in self.unconfirmed if normalise_name(m.printed) == wanted),
            None,
        )
