"""A bar chart of daily counts as inline SVG: drawn on the server, no script, no external file.

Colours are presentation attributes (``currentColor``), not style attributes,
so the admin's Content-Security-Policy has nothing to refuse.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH = 720
HEIGHT = 160
AXIS = 20  # room for the labels under the bars
GAP = 0.2  # of each bar's slot


def _number(value: float) -> str:
    """A coordinate as SVG reads it: a point, never the locale's decimal comma."""
    return f"{round(value, 2):g}"


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int
    baseline: str
    first: str
    last: str


def bar_chart(series: list[tuple[datetime.date, int]]) -> Chart:
    """The bars of ``series`` (day, count), scaled to the highest count."""
    peak = max((count for _day, count in series), default=0)
    plot = HEIGHT - AXIS
    slot = WIDTH / max(len(series), 1)
    bars = []
    for number, (day, count) in enumerate(series):
        height = plot * count / peak if peak else 0.0
        bars.append(
            Bar(
                x=_number(number * slot + slot * GAP / 2),
                y=_number(plot - height),
                width=_number(slot * (1 - GAP)),
                height=_number(height),
                label=f"{date_format(day, 'SHORT_DATE_FORMAT')}: {count}",
            )
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=tuple(bars),
        peak=peak,
        baseline=_number(plot),
        first=date_format(series[0][0], "SHORT_DATE_FORMAT") if series else "",
        last=date_format(series[-1][0], "SHORT_DATE_FORMAT") if series else "",
    )
