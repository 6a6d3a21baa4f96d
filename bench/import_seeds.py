"""Benchmark: reading the four seed papers with the importer's parser (issue 6).

``run()`` parses every seed file (text cleaning, agenda, minutes, board reports, action lists;
no database) a few times and returns the best total time against a budget of one second.
Run alone with ``DJANGO_ENV=test python -m bench.import_seeds``.
"""

import math
import os
import sys
import time
from pathlib import Path

BUDGET_SECONDS = 1.0
DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / "demo" / "papers"


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
        "name": "import: parse the four seed papers",
        "files": len(texts),
        "seconds": best_total,
        "per_file": per_file,
        "minutes_found": {name: minutes for name, (minutes, _) in found.items()},
        "budget_seconds": BUDGET_SECONDS,
        "ok": best_total < BUDGET_SECONDS,
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
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
