"""Hours of use: many threads on one classifier, and no memory growth over many calls."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from trm_intent import IntentClassifier, load_records

from .conftest import DATA

pytestmark = pytest.mark.slow


def test_eight_threads_match_sequential() -> None:
    clf = IntentClassifier()
    records, _ = load_records(DATA)
    items = [(r.transcript, r.context) for r in records[::14]][:500]
    expected = [clf.classify(t, c) for t, c in items]
    calls, mismatches, errors = 5000, [], []

    def worker(offset: int) -> None:
        try:
            for i in range(calls):
                j = (offset + i) % len(items)
                if clf.classify(*items[j]) != expected[j]:
                    mismatches.append(j)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k * 61,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and mismatches == []


RSS_SCRIPT = """
import json, sys
from trm_intent import IntentClassifier, load_records

def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

clf = IntentClassifier()
records, _ = load_records(sys.argv[1])
items = [(r.transcript, r.context) for r in records]
for i in range(20_000):
    clf.classify(*items[i % len(items)])
before = rss_kb()
for i in range(200_000):
    clf.classify(*items[i % len(items)])
print(json.dumps({"before_kb": before, "after_kb": rss_kb()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_rss_does_not_grow_over_200k_calls() -> None:
    import json

    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(DATA)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=True,
    )
    rss = json.loads(out.stdout)
    assert rss["after_kb"] - rss["before_kb"] < 5 * 1024, rss
