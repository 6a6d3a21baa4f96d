"""Importing the existing record from the text of its papers (converted from PDF).

- ``text``: reading an upload and checking its text, cleaning conversion noise; the one
  reader of dates and numbers, which refuses impossible ones at their line;
- ``names``: reading printed names and comparing two spellings;
- ``minutes``, ``agenda``, ``papers``: the house styles of minutes, the agenda at the front
  of a pack, board reports and cover sheets; ``document`` puts them together. ``minutes`` is
  the entry point of its reader, whose parts are ``minutes_patterns`` (the conventions),
  ``minutes_parsed`` (what is read), ``minutes_headings``, ``minutes_attendance``,
  ``minutes_items`` and ``minutes_resolutions``;
- ``people``: matching names to Person records and to each other;
- ``load``: planning an import (reads only) and writing it, all or nothing, from its parts:
  ``load_matching`` (bodies, people, meetings already recorded), ``load_writing`` (the
  minutes' rows), ``load_parts`` (minutes and agenda) and ``load_result`` (what it reports);
  ``saving``: each row validated before it is written, a broken rule refused at its line;
- ``report``: the anomaly report and the refusal; ``extensions``: how other apps (the action
  log) take part; ``views`` and ``forms``: the admin page.

Entry points: ``load.import_text(text, ...)``, the ``import_minutes`` command and the admin
page at /admin/import/.
"""
