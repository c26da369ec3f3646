"""`make faults`: run every fault scenario (or those named) and print the books; exit 1 on any loss."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.faults.ledger import Tally, render
from tests.faults.scenarios import SCENARIOS


def run(names: list[str]) -> list[Tally]:
    tallies = []
    root = Path(tempfile.mkdtemp(prefix="newsworker-faults-"))
    for name in names:
        started = time.monotonic()
        print(f"== {name} …", flush=True)
        tally = SCENARIOS[name](root / name)
        tally.notes.append(f"{time.monotonic() - started:.0f} s; logs in {root / name}")
        print(render([tally]), flush=True)
        for note in tally.notes:
            print(f"   {note}", flush=True)
        tallies.append(tally)
    return tallies


def main(argv: list[str]) -> int:
    names = argv or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s) {unknown}; choose from {list(SCENARIOS)}", file=sys.stderr)
        return 2
    tallies = run(names)
    print("\n" + render(tallies))
    broken = [t.scenario for t in tallies if not t.ok or any("DEAD" in n or "NOT" in n or "<--" in n for n in t.notes)]
    print("\nall scenarios: lost = 0, duplicated = 0" if not broken else f"\nFAILED: {broken}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
