"""Benchmark: reading the four seed papers with the importer's parser (issue 6), and reading
PDF minutes (issue 12).

``run()`` parses every seed file (text cleaning, agenda, minutes, board reports, action lists;
no database) a few times and returns the best total time against a budget of one second. It
then reads each sample PDF (ModernGov printed minutes) to text and parses it, and reports the
time per page against a budget of 0.2 s a page (the ``pdf_`` keys). A PDF the parser refuses
is still timed up to the refusal, and marked not parsed.
Run alone with ``DJANGO_ENV=test python -m bench.import_seeds``.
"""

import math
import os
import sys
import time
from pathlib import Path

BUDGET_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = ROOT / "demo" / "papers"
PDF_BUDGET_SECONDS_PER_PAGE = 0.2
# The sample PDFs are committed with the project (demo/samples/moderngov/) unless
# PANEL_SAMPLES_DIR says otherwise (the same variable the tests read).
DEFAULT_SAMPLES = ROOT / "demo" / "samples" / "moderngov"


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def run(seeds_dir=None, *, repeat=5):
    """Parse all seed files ``repeat`` times; the best total, per-file times and the verdict."""
    _setup_django()
    from meetings.importing.document import parse_document

    folder = Path(seeds_dir or os.environ.get("PANEL_SEEDS_DIR") or DEFAULT_SEEDS)
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"No seed files (*.txt) in {folder}: set PANEL_SEEDS_DIR.")
    best_total = math.inf
    per_file = {name: math.inf for name, _ in texts}
    found = {}
    for _ in range(repeat):
        started = time.perf_counter()
        for name, text in texts:
            began = time.perf_counter()
            document = parse_document(text, source=name)
            per_file[name] = min(per_file[name], time.perf_counter() - began)
            found[name] = (len(document.minutes), bool(document.agenda))
        best_total = min(best_total, time.perf_counter() - started)
    return {
        **_pdf_timing(repeat=repeat),
        "name": "import: parse the four seed papers",
        "files": len(texts),
        "seconds": best_total,
        "per_file": per_file,
        "minutes_found": {name: minutes for name, (minutes, _) in found.items()},
        "budget_seconds": BUDGET_SECONDS,
        "ok": best_total < BUDGET_SECONDS,
    }


def _pdf_timing(*, repeat):
    """The best time to read each sample PDF to text and parse it, per page and in all."""
    from meetings.importing.document import parse_document
    from meetings.importing.pdf_text import page_count, pdf_to_text
    from meetings.importing.report import ImportRefused

    folder = Path(os.environ.get("PANEL_SAMPLES_DIR") or DEFAULT_SAMPLES)
    paths = sorted(folder.glob("**/*.pdf"))
    per_file = {}
    for path in paths:
        data = path.read_bytes()
        best, parsed = math.inf, True
        for _ in range(repeat):
            began = time.perf_counter()
            try:
                parse_document(pdf_to_text(data, name=path.name), source=path.name)
            except ImportRefused:
                parsed = False
            best = min(best, time.perf_counter() - began)
        pages = page_count(data) or 1
        per_file[path.name] = {
            "pages": pages,
            "seconds": best,
            "seconds_per_page": best / pages,
            "parsed": parsed,
        }
    pages = sum(timing["pages"] for timing in per_file.values())
    seconds = sum(timing["seconds"] for timing in per_file.values())
    per_page = seconds / pages if pages else None
    return {
        "pdf_files": len(per_file),
        "pdf_pages": pages,
        "pdf_seconds": seconds,
        "pdf_seconds_per_page": per_page,
        "pdf_per_file": per_file,
        "pdf_budget_seconds_per_page": PDF_BUDGET_SECONDS_PER_PAGE,
        "pdf_ok": per_page is not None and per_page < PDF_BUDGET_SECONDS_PER_PAGE,
    }


def main():
    outcome = run()
    for name, seconds in outcome["per_file"].items():
        print(
            f"  {name}: {seconds * 1000:.1f} ms ({outcome['minutes_found'][name]} sets of minutes)"
        )
    verdict = "within" if outcome["ok"] else "OVER"
    print(
        f"{outcome['name']}: {outcome['seconds'] * 1000:.1f} ms for {outcome['files']} files "
        f"({verdict} the {outcome['budget_seconds']:.0f} s budget)"
    )
    for name, timing in outcome["pdf_per_file"].items():
        parsed = "" if timing["parsed"] else ", refused by the parser"
        print(
            f"  {name}: {timing['seconds_per_page'] * 1000:.1f} ms a page ({timing['pages']} pages{parsed})"
        )
    if outcome["pdf_pages"]:
        verdict = "within" if outcome["pdf_ok"] else "OVER"
        print(
            f"import: read and parse {outcome['pdf_files']} PDFs: "
            f"{outcome['pdf_seconds_per_page'] * 1000:.1f} ms a page over {outcome['pdf_pages']} "
            f"pages ({verdict} the {outcome['pdf_budget_seconds_per_page']} s budget)"
        )
    else:
        print("import: no sample PDFs found (set PANEL_SAMPLES_DIR): PDF reading not timed")
    return 0 if outcome["ok"] and outcome["pdf_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
