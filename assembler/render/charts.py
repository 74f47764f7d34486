"""Charts as PNG bytes with matplotlib (imported only when a chart is drawn).

Deterministic: no timestamps or software version in the file, fixed size and resolution."""

from __future__ import annotations

import io
from decimal import Decimal

from .. import fmt
from ..tables import Chart

DPI = 150  # 16 cm wide: about 950 pixels, sharp in print and small in the file
POSITIVE, NEGATIVE, LINE = "#2E7D4F", "#B3261E", "#1F3A5F"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _swedish_axis(axis, decimals: int = 0) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(
        lambda x, _: fmt.number_str(Decimal(repr(float(x))), decimals)))


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def bar_chart_png(chart: Chart, width_cm: float) -> bytes:
    plt = _pyplot()
    values = [float(v or 0) for v in chart.values]
    height_cm = 1.6 + 0.75 * len(values)
    figure, axes = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
    positions = list(range(len(values)))[::-1]
    axes.barh(positions, values, color=[POSITIVE if v >= 0 else NEGATIVE for v in values],
              height=0.6)
    axes.set_yticks(positions, chart.labels)
    axes.axvline(0, color="#555555", linewidth=0.8)
    _swedish_axis(axes.xaxis)
    axes.set_xlabel(chart.unit)
    axes.set_title(chart.title, loc="left", fontsize=9)
    span = max((abs(v) for v in values), default=1) or 1
    for position, value, raw in zip(positions, values, chart.values):
        axes.text(value + (span * 0.02 if value >= 0 else -span * 0.02), position,
                  fmt.tkr(raw), va="center", ha="left" if value >= 0 else "right", fontsize=7)
    axes.set_xlim(min(min(values), 0) - span * 0.25, max(max(values), 0) + span * 0.25)
    # fixed margins instead of tight_layout, which draws the figure an extra time
    longest = max((len(label) for label in chart.labels), default=10)
    left = min(0.5, 0.06 + longest * 0.055 / (width_cm / 2.54))
    figure.subplots_adjust(left=left, right=0.97, top=1 - 0.9 / height_cm, bottom=1.1 / height_cm)
    data = _png(figure)
    plt.close(figure)
    return data


def trend_chart_png(chart: Chart, width_cm: float) -> bytes:
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(width_cm / 2.54, 4.2 / 2.54))
    points = [(i, float(v)) for i, v in enumerate(chart.values) if v is not None]
    actual = points[:-1] if chart.last_is_forecast and len(points) > 1 else points
    axes.plot([p[0] for p in actual], [p[1] for p in actual], color=LINE, marker="o",
              markersize=3, linewidth=1.4)
    if chart.last_is_forecast and len(points) > 1:
        tail = points[-2:]
        axes.plot([p[0] for p in tail], [p[1] for p in tail], color=LINE, linestyle="--",
                  marker="o", markersize=3, linewidth=1.2)
    axes.set_xticks(range(len(chart.labels)), chart.labels)
    decimals = 1 if any(v is not None and v != v.to_integral_value() for v in chart.values) else 0
    _swedish_axis(axes.yaxis, decimals)
    axes.set_title(chart.title, loc="left", fontsize=8)
    figure.tight_layout()
    data = _png(figure)
    plt.close(figure)
    return data


def chart_png(chart: Chart, width_cm: float) -> bytes:
    return bar_chart_png(chart, width_cm) if chart.kind == "bars" else trend_chart_png(chart,
                                                                                        width_cm)
