"""Where other apps plug into the importer without the record depending on them.

The record (``meetings``) never imports the action log. Instead, as the admin finds each
app's ``admin.py``, the importer finds each installed app's ``importing`` module, which may
register an extension here: the action log's reads "Actions arising" lists and proposes
actions for requests. An extension has three steps, each given the whole import:

- ``parse(document)``: read the cleaned lines, no database (timed in the benchmark);
- ``plan(plan, parsed)``: look things up, add anomalies and proposals (no writes);
- ``apply(plan, parsed, result, accept=...)``: write, inside the import's transaction;
  ``accept`` holds the keys of the proposals the officer ticked.
"""

from django.utils.module_loading import autodiscover_modules


class ImportExtension:
    """Base class: override the steps the extension needs."""

    name = "extension"

    def parse(self, document):
        return None

    def plan(self, plan, parsed):
        return None

    def apply(self, plan, parsed, result, *, accept=frozenset()):
        return None


_registry = {}
_discovered = False


def register(extension):
    """Add ``extension`` (once per name: re-registering replaces it)."""
    _registry[extension.name] = extension
    return extension


def registered():
    """The extensions of every installed app (found on first use)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("importing")
        _discovered = True
    return list(_registry.values())
