"""`make bench`: throughput of newsworker against bare spaCy, measured in one run."""
