"""A second y axis on the right of a plot, sharing its x axis.

pyqtgraph has no built-in twin axis; a second ViewBox is laid over the plot's
own and kept the same size. Its x range is set by the caller alongside the
plot's rather than linked, because a link made before the layout settles
shifts both views.
"""

from __future__ import annotations

import pyqtgraph as pg


def right_axis_view(plot: pg.PlotItem, label: str) -> pg.ViewBox:
    """A ViewBox drawn over ``plot`` whose y values read on a right-hand axis."""
    view = pg.ViewBox()
    view.setMenuEnabled(False)
    view.setMouseEnabled(x=False, y=False)
    plot.showAxis("right")
    plot.scene().addItem(view)
    axis = plot.getAxis("right")
    axis.linkToView(view)
    axis.setLabel(label)
    # Top-level scene items sit behind the plot unless raised; the line must
    # stay visible over the bars.
    view.setZValue(100)

    def follow() -> None:
        view.setGeometry(plot.vb.sceneBoundingRect())

    plot.vb.sigResized.connect(follow)
    follow()
    return view


def set_shared_x_range(plot: pg.PlotItem, view: pg.ViewBox, low: float, high: float) -> None:
    """Give the plot and its right-axis view the same x range, so points line up."""
    plot.setXRange(low, high, padding=0)
    view.setXRange(low, high, padding=0)
