"""Importing the existing record from its papers: PDF, Word (.docx) or text.

- reading a file: ``text`` reads an upload (``read_upload``, ``read_document``) and checks its
  text, cleaning conversion noise, and is the one reader of dates and numbers, which refuses
  impossible ones at their line (``page_of_line`` says on which page of a PDF a line is);
  ``pdf_text`` gives a PDF's text in reading order (PDFium, by position); ``docx_text`` a
  Word document's, numbering and tables included; ``decoding`` the bytes of a text file
  (UTF-8, UTF-16 or Windows-1252, no guessing);
- ``names``: reading printed names and comparing two spellings;
- house styles (``styles`` scores a document and chooses one, or ``--style`` forces it):
  ``minutes``, the Panel's County and City styles, whose parts are ``minutes_patterns`` (the
  conventions), ``minutes_parsed`` (what is read, shared by every style), ``minutes_headings``,
  ``minutes_attendance``, ``minutes_items`` and ``minutes_resolutions``; ``moderngov``,
  ModernGov printed minutes, with ``moderngov_text`` (headings and paragraphs rebuilt),
  ``moderngov_names`` (lists of names, with a count check) and ``moderngov_decisions``
  (resolutions, motions, recorded votes); ``moderngov_web``, ModernGov's minutes web page;
- ``agenda``, ``papers``: the agenda at the front of a pack, board reports and cover sheets;
  ``document`` puts a document's parts together; ``dating`` dates the papers;
- ``people``: matching names to Person records and to each other; ``near_misses``: the
  spellings that only look like someone, matched once a person confirms them;
- ``load``: planning an import (reads only) and writing it, all or nothing, from its parts:
  ``load_matching`` (bodies, people, meetings already recorded; a declarer the attendance
  lists leave out is recorded present and flagged), ``load_writing`` (the minutes' rows),
  ``load_votes`` (each member's recorded vote), ``load_parts`` (minutes and agenda),
  ``load_summary`` (what the minutes hold against what was written) and ``load_result``
  (what it reports); ``differences``: how a recorded meeting differs from the document;
  ``saving``: each row validated before it is written, a broken rule refused at its line;
- ``report``: the anomaly report and the refusal; ``extensions``: how other apps (the action
  log) take part; ``views`` and ``forms``: the admin page.

Entry points: ``load.import_text(text, ...)``, the ``import_minutes`` command (files or a
folder) and the admin page at /admin/import/.
"""
