"""The import's report: what was created, updated, left unchanged or skipped (and why), the
markup it could not map per item, the media files it could not find, and the comments left
behind. Printed at the end and written as JSON under var/imports/."""

import collections
import dataclasses
import datetime
import json
from pathlib import Path

OUTCOMES = ("created", "updated", "unchanged", "skipped")


@dataclasses.dataclass
class Report:
    export: str = ""
    dry_run: bool = False
    counts: dict = dataclasses.field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    skipped: list = dataclasses.field(default_factory=list)
    unmapped: dict = dataclasses.field(default_factory=dict)
    missing_media: dict = dataclasses.field(default_factory=dict)
    errors: list = dataclasses.field(default_factory=list)
    comments: int = 0

    def count(self, kind, outcome, n=1):
        self.counts[str(kind)][outcome] += n

    def skip(self, kind, item_id, title, reason):
        self.count(kind, "skipped")
        self.skipped.append({"kind": kind, "id": item_id, "title": title, "reason": reason})

    def add_unmapped(self, label, names):
        if names:
            self.unmapped[label] = list(names)

    def missing(self, path, used_by, reason):
        entry = self.missing_media.setdefault(path, {"reason": reason, "used_by": []})
        if used_by and used_by not in entry["used_by"]:
            entry["used_by"].append(used_by)

    def error(self, label, message):
        self.errors.append({"item": label, "error": message})

    def as_dict(self):
        return {
            "export": self.export,
            "dry_run": self.dry_run,
            "counts": {
                kind: {outcome: counter[outcome] for outcome in OUTCOMES}
                for kind, counter in sorted(self.counts.items())
            },
            "skipped": self.skipped,
            "unmapped": self.unmapped,
            "missing_media": [
                {"file": path, **entry} for path, entry in sorted(self.missing_media.items())
            ],
            "errors": self.errors,
            "comments_not_imported": self.comments,
        }

    def write(self, folder):
        """Write the report as JSON in `folder`; returns its path."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
        suffix = "-dry-run" if self.dry_run else ""
        path = folder / f"wordpress-{stamp}{suffix}.json"
        path.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return path

    def lines(self):
        """The report as text for the terminal."""
        data = self.as_dict()
        out = ["DRY RUN: nothing was saved." if self.dry_run else "Import finished."]
        out.append(f"{'':14}" + "".join(f"{o:>11}" for o in OUTCOMES))
        for kind, counter in data["counts"].items():
            out.append(f"{kind:14}" + "".join(f"{counter[o]:>11}" for o in OUTCOMES))
        if self.skipped:
            out.append("Skipped:")
            out += [f"  {s['kind']} {s['id']} {s['title']!r}: {s['reason']}" for s in self.skipped]
        if self.unmapped:
            out.append("Left out (could not be mapped):")
            out += [f"  {label}: {', '.join(names)}" for label, names in self.unmapped.items()]
        if data["missing_media"]:
            out.append("Missing media files:")
            for entry in data["missing_media"]:
                users = f" (used by {', '.join(entry['used_by'])})" if entry["used_by"] else ""
                out.append(f"  {entry['file']}: {entry['reason']}{users}")
        if self.errors:
            out.append("Items that failed (nothing of them was saved):")
            out += [f"  {e['item']}: {e['error']}" for e in self.errors]
        out.append(f"Comments not imported: {self.comments}")
        return out
