"""Opening-hours rules: one place that says when an office's doors are open.

The office page, its JSON-LD and the footer all read the same rows through these functions.
They take already-loaded rows (prefetch them) so listing pages cost no extra queries.
"""

import datetime
from dataclasses import dataclass

from django.utils.dateformat import time_format
from django.utils.translation import gettext_lazy, pgettext

# The clock visitors read, as the booking pages and emails write it: a format string
# translated per language (Spanish "H:i", 24-hour). Untranslated, it is the US clock.
US_CLOCK = "g:i A"

# Lazy: shown in the visitor's language (the names are in Django's own catalogues too).
WEEKDAYS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


@dataclass(frozen=True, order=True)
class Interval:
    opens: datetime.time
    closes: datetime.time

    def label(self):
        return f"{format_time(self.opens)} – {format_time(self.closes)}"


def format_time(value: datetime.time) -> str:
    """A time of day in the active language's clock: 9:00 am in English, the way US patients
    read hours; in Spanish 09:00. (Structured data keeps ISO times: structured_data.py.)"""
    clock = pgettext("time of day", US_CLOCK)
    if clock != US_CLOCK:
        return time_format(value, clock)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d} {suffix}"


def overlapping_weekdays(rows):
    """Weekdays (0-6) on which two rows overlap. `rows` are (weekday, opens, closes) tuples."""
    by_day = {}
    for weekday, opens, closes in rows:
        by_day.setdefault(weekday, []).append((opens, closes))
    clashes = set()
    for weekday, intervals in by_day.items():
        intervals.sort()
        for (_, prev_close), (next_open, _) in zip(intervals, intervals[1:], strict=False):
            if next_open < prev_close:
                clashes.add(weekday)
    return sorted(clashes)


def regular_hours(office, weekday: int):
    rows = [row for row in office.opening_hours.all() if row.weekday == weekday]
    return sorted(Interval(row.opens, row.closes) for row in rows) if rows else []


def exception_for(office, date: datetime.date):
    for exception in office.hours_exceptions.all():
        if exception.date == date:
            return exception
    return None


def hours_on(office, date: datetime.date):
    """Intervals the office is open on `date` (empty when closed), exceptions first."""
    exception = exception_for(office, date)
    if exception is not None:
        if exception.closed:
            return []
        return [Interval(exception.opens, exception.closes)]
    return regular_hours(office, date.weekday())


def weekly_hours(office):
    """[(day name, [Interval, ...]), ...] from Monday to Sunday."""
    return [(name, regular_hours(office, index)) for index, name in enumerate(WEEKDAYS)]


def upcoming_exceptions(office, today: datetime.date, days: int = 60):
    end = today + datetime.timedelta(days=days)
    return sorted(
        (e for e in office.hours_exceptions.all() if today <= e.date <= end),
        key=lambda e: e.date,
    )
