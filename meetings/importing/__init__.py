"""Importing the existing record from the text of its papers (converted from PDF).

- ``text``: reading an upload, cleaning conversion noise, dates, times, titles;
- ``names``: reading printed names and comparing two spellings;
- ``minutes``, ``agenda``, ``papers``: the house styles of minutes, the agenda at the front
  of a pack, board reports and cover sheets; ``document`` puts them together;
- ``people``: matching names to Person records and to each other;
- ``load``: planning an import (reads only) and writing it, all or nothing;
- ``report``: the anomaly report and the refusal; ``extensions``: how other apps (the action
  log) take part; ``views`` and ``forms``: the admin page.

Entry points: ``load.import_text(text, ...)``, the ``import_minutes`` command and the admin
page at /admin/import/.
"""
