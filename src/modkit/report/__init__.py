"""The review report for the person who does the daily check: `modkit score … --report r.html`.

    collector = ReportCollector(cap=5000)          # constant memory
    for comment, verdict in …:
        collector.add(comment, verdict)
    with open("r.html", "w", encoding="utf-8") as out:
        write_report(collector, out, source="export.json")
"""

from .collector import DEFAULT_CAP, ReportCollector, mask_personal_data
from .html import write_report

__all__ = ["DEFAULT_CAP", "ReportCollector", "mask_personal_data", "write_report"]
