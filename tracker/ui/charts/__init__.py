"""pyqtgraph charts: weekly intake, the episode calendar and the relationship view.

Each module imports pyqtgraph itself, so nothing here loads until the main
window asks for a chart.
"""
