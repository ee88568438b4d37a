"""Benchmark: importing a big contacts CSV, the product beside its floor, in the same run.

    .venv/bin/python bench/import_contacts.py                 # 100,000 rows, 1 round
    .venv/bin/python bench/import_contacts.py --rows 20000 --rounds 3

One generated file (fixed seed, `;`-separated like a French Excel export): name, phone in mixed
national and international forms (06 12 34 56 78, +33 6…, 0033…, whatsapp:+33…, UK/German/
Belgian numbers, a few with a country code but no "+"), about 2 % unusable numbers, 1 % numbers
repeated in another form, tags, and three extra columns (city, email, birthday).

Each side is a separate process on a fresh database, timed from launch to exit, so both pay the
interpreter and phonenumbers start-up:
- `floor`: a plain loop (csv.reader; phonenumbers.parse + is_valid_number + format to E.164;
  skip repeats; one executemany into a SQLite table of the same columns);
- `ours`: `wacampaign-desktop contacts import FILE --json` on a new profile (the product path:
  profile opened and migrated, every row checked with the same messages, written in one
  transaction).
Then `ours` again on the same profile (`re-import`: every row already a contact, so updated).
Rounds alternate floor/ours; the best of each is printed with the ratio ours/floor, in wall
time and in CPU time (user + system of the process: steadier when the machine is shared). Exit 1
if the two disagree on how many contacts the file holds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Jules", "Manon", "Nathan", "Inès", "Louis",
         "Zoé", "Gabriel", "Anaïs", "Raphaël", "Jade", "Noé", "Éloïse", "Timéo", "Maëlys", "Adam"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux"]
CITIES = ["Lyon", "Paris", "Nantes", "Lille", "Bordeaux", "Marseille", "Toulouse", "Rennes", ""]
TAGS = ["", "", "vip", "lyon", "paris, vip", "salon 2026", "newsletter; vip", "prospect"]
BAD = ["06 12", "bonjour", "0612", "+33 6 12 34", "n/a", "12345678901234567", "+999 123 456 789"]


def _fr(digits: str, style: int) -> str:
    """A French mobile (9 digits after the 0) in one of the usual written forms."""
    pairs = " ".join(digits[i:i + 2] for i in range(1, 9, 2))
    return [f"0{digits[0]} {pairs}", f"0{digits}", f"+33 {digits[0]} {pairs}", f"+33{digits}",
            f"0033 {digits[0]} {pairs}", f"whatsapp:+33{digits}", f"33 {digits[0]} {pairs}"][style]


def make_csv(path: Path, rows: int, seed: int = 20261129) -> None:
    rng = random.Random(seed)
    numbers = rng.sample(range(10**8), rows)
    written: list[str] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Nom", "Téléphone", "Ville", "Email", "Tags", "Anniversaire"])
        for i, number in enumerate(numbers):
            roll = rng.random()
            if roll < 0.02:
                phone = rng.choice(BAD)
            elif roll < 0.03 and written:
                phone = rng.choice(written).replace(" ", "")  # the same number written again
            elif roll < 0.10:
                phone = rng.choice([f"+44 7{number % 10**9:09d}", f"+49 151 {number:08d}",
                                    f"+32 47{number % 10**7:07d}"])
            else:
                digits = f"{rng.choice('6677')}{number:08d}"
                if digits[0] == "7":
                    digits = "78" + digits[2:]
                style = rng.choices(range(7), weights=[30, 16, 20, 12, 6, 3, 1])[0]
                phone = _fr(digits, style)
            written.append(phone)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}{i}@example.com".lower() if rng.random() < 0.7 else ""
            birthday = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2005)}"
            out.writerow([f"{first} {last}", phone, rng.choice(CITIES), email, rng.choice(TAGS),
                          birthday if rng.random() < 0.5 else ""])


FLOOR = r"""
import csv, json, sqlite3, sys
import phonenumbers
path, db_path, region = sys.argv[1:4]
E164 = phonenumbers.PhoneNumberFormat.E164
rows, seen = [], set()
with open(path, newline="", encoding="utf-8-sig") as handle:
    reader = csv.reader(handle, delimiter=";")
    header = next(reader)
    for cells in reader:
        text = cells[1].strip()
        if text.startswith("whatsapp:"):
            text = text[9:]
        if text.startswith("00"):
            text = "+" + text[2:]
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, E164)
        if e164 in seen:
            continue
        seen.add(e164)
        rows.append((e164, cells[0], cells[4], cells[2], cells[3], cells[5]))
con = sqlite3.connect(db_path)
con.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, phone TEXT UNIQUE NOT NULL, name TEXT,"
            " tags TEXT, city TEXT, email TEXT, birthday TEXT)")
with con:
    con.executemany("INSERT INTO contact (phone, name, tags, city, email, birthday)"
                    " VALUES (?, ?, ?, ?, ?, ?)", rows)
print(json.dumps({"imported": con.execute("SELECT count(*) FROM contact").fetchone()[0]}))
"""


@dataclass
class Timing:
    wall: float  # seconds from launch to exit
    cpu: float  # the process's user + system CPU seconds (steadier on a shared machine)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[Timing, dict]:
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if done.returncode != 0:
        raise SystemExit(f"{cmd[2:5]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return timing, json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="run the product from this checkout (e.g. an older commit's, for before/after)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (CSV, profiles)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wacampaign-import-bench-"))
    env = {**os.environ, "WACAMPAIGN_SECRET_BACKEND": "file", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        csv_path = work / "contacts.csv"
        make_csv(csv_path, args.rows)
        print(f"{args.rows:,} rows, {csv_path.stat().st_size / 1e6:.1f} MB ({sys.executable})")
        floors: list[Timing] = []
        ours: list[Timing] = []
        again: list[Timing] = []
        counts: set[int] = set()
        for r in range(args.rounds):
            db_path = work / f"floor{r}.sqlite"
            timing, out = timed_run([sys.executable, "-c", FLOOR, str(csv_path), str(db_path), "FR"], env)
            floors.append(timing)
            counts.add(out["imported"])
            profile = work / f"profile{r}"
            cmd = [sys.executable, "-m", "wacampaign_desktop", "contacts", "import", str(csv_path),
                   "--data-dir", str(profile), "--default-region", "FR", "--json"]
            timing, report = timed_run(cmd, env, args.app_dir)
            ours.append(timing)
            counts.add(report["imported"])
            rejected = len(report["rejected"])
            timing, report2 = timed_run(cmd, env, args.app_dir)
            again.append(timing)
            print(f"round {r + 1}: floor {floors[-1].wall:.2f} s, ours {ours[-1].wall:.2f} s "
                  f"({report['imported']:,} imported, {rejected:,} rejected), re-import "
                  f"{again[-1].wall:.2f} s ({report2['updated']:,} updated)", flush=True)
        floor = min(t.wall for t in floors)
        floor_cpu = min(t.cpu for t in floors)
        print(f"{'':10} {'wall':>8} {'rows/s':>9} {'ratio':>6}   {'CPU':>8} {'ratio':>6}")
        for label, runs in (("floor", floors), ("ours", ours), ("re-import", again)):
            wall, cpu = min(t.wall for t in runs), min(t.cpu for t in runs)
            print(f"{label:10} {wall:7.2f}s {args.rows / wall:9,.0f} {wall / floor:6.2f}   "
                  f"{cpu:7.2f}s {cpu / floor_cpu:6.2f}")
        print("(best of each; ratio = ours / floor; CPU = the process's user + system time)")
        if len(counts) != 1:
            print(f"MISMATCH: floor and ours imported different counts {sorted(counts)}")
            return 1
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
