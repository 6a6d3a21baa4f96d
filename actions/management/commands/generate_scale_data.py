from django.core.management.base import BaseCommand
from django.db import connection

from actions.scale_data import generate


class Command(BaseCommand):
    help = (
        "Create a realistic national dataset (41 panels and their boards, 10 years of meetings, "
        "items, attendance, resolutions and actions with histories) for benchmarks. "
        "Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--panels", type=int, default=41, help="How many panels (max 41).")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--people", type=int, default=1000)

    def handle(self, *args, seed, panels, years, people, **options):
        if not 1 <= panels <= 41:
            self.stderr.write("--panels must be between 1 and 41 (there are 41 force areas).")
            raise SystemExit(2)
        counts = generate(
            seed=seed,
            panels=panels,
            years=years,
            people=people,
            log=lambda message: self.stdout.write(f"  {message}"),
        )
        summary = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        # Bulk loading leaves the planner's statistics describing empty tables until
        # autovacuum next runs; gather them now, as a database in service would have them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write("Updated the database's planner statistics (ANALYZE).")
