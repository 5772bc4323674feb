"""Bar charts drawn as SVG on the server: geometry computed here, markup in ``includes/chart.html``;
and the charts of the key figures page (``key_figure_charts``).

No script and no ``style`` attribute: colours and fonts come from CSS classes, sizes from SVG
presentation attributes, so the charts work under a strict Content-Security-Policy. Each chart
carries a title and a description for ``role="img"``; the page puts its data table beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.templatetags.formatting import euros


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    orientation: str
    bars: list[Bar] = field(default_factory=list)
    baseline: tuple = (0, 0, 0, 0)


def scale(value, maximum, length):
    if not maximum:
        return 0.0
    return round(float(Decimal(value) / Decimal(maximum)) * length, 1)


def describe(items, format_value):
    """« Mali : 346 500 € ; Haïti : 135 000 € », « Mali: €346,500; Haiti: €135,000 » in English."""
    separator = pgettext("between the items of a chart's description", " ; ")
    return separator.join(
        _("%(label)s : %(value)s") % {"label": label, "value": format_value(value)}
        for label, value in items
    )


# The charts have no viewBox: they take the width of their column and their text keeps the
# page's size, readable on a phone as on a wide screen. Across, positions are percentages of that
# width; down, pixels.
PLOT_SHARE = 70  # the longest bar's share of the width; the rest holds its value


def horizontal_bars(chart_id, title, items, *, format_value=euros, bar_height=22):
    """One bar per (label, value) in the order given, each label above its bar and the value
    after it: long labels never run out of the picture, even on a narrow screen."""
    label_room = 20
    gap = 12
    top = 4
    maximum = max((value for _label, value in items), default=0)
    step = label_room + bar_height + gap
    bars = []
    for index, (label, value) in enumerate(items):
        y = top + index * step + label_room
        length = scale(value, maximum, PLOT_SHARE)
        bars.append(
            Bar(
                label=label,
                value_text=format_value(value),
                x=0,
                y=y,
                width=max(length, 0.5) if value else 0.0,
                height=bar_height,
                label_x=0,
                label_y=y - label_room / 2,
                value_x=length,
                value_y=y + bar_height / 2,
            )
        )
    height = top * 2 + max(len(items), 1) * step - gap
    return Chart(
        id=chart_id,
        title=title,
        description=describe(items, format_value),
        width=100,
        height=height,
        orientation="horizontal",
        bars=bars,
        baseline=(0, top, 0, height - top),
    )


def columns(chart_id, title, items, *, format_value=euros, height=300):
    """One column per (label, value), in the order given (years, oldest first)."""
    top = 28
    bottom = 32
    side = 2.5
    maximum = max((value for _label, value in items), default=0)
    count = max(len(items), 1)
    slot = (100 - 2 * side) / count
    column_width = min(slot * 0.6, 14)
    plot = height - top - bottom
    bars = []
    for index, (label, value) in enumerate(items):
        column_height = scale(value, maximum, plot)
        x = side + index * slot + (slot - column_width) / 2
        y = top + plot - column_height
        bars.append(
            Bar(
                label=str(label),
                value_text=format_value(value),
                x=round(x, 2),
                y=y,
                width=round(column_width, 2),
                height=column_height,
                label_x=round(x + column_width / 2, 2),
                label_y=height - bottom / 2,
                value_x=round(x + column_width / 2, 2),
                value_y=y - 8,
            )
        )
    return Chart(
        id=chart_id,
        title=title,
        description=describe(items, format_value),
        width=100,
        height=height,
        orientation="vertical",
        bars=bars,
        baseline=(side, top + plot, 100 - side, top + plot),
    )


def key_figure_charts(figures):
    """The four charts of /chiffres-cles/ for ``figures`` (``portal.figures.KeyFigures``): the
    budget voted per line, the subsidies granted per zone and per domain, and every year's."""
    year = {"year": figures.year}
    return {
        "budget": horizontal_bars(
            "chart-budget",
            _("Budget voté en %(year)s par ligne du programme") % year,
            [
                (
                    _("dont %(line)s") % {"line": row.label.lower()} if row.is_part else row.label,
                    row.amount,
                )
                for row in figures.budget
            ],
        ),
        "zones": horizontal_bars(
            "chart-zones",
            _("Subventions accordées en %(year)s par zone") % year,
            [(row["label"], row["amount"]) for row in figures.by_zone],
        ),
        "domains": horizontal_bars(
            "chart-domains",
            _("Subventions accordées en %(year)s par domaine") % year,
            [(row["label"], row["amount"]) for row in figures.by_domain],
        ),
        "trend": columns(
            "chart-trend",
            _("Subventions accordées chaque année"),
            [(row["year"], row["amount"]) for row in figures.trend],
        ),
    }
