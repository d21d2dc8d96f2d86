"""The one-page doctor-visit report: its figures, chart, PDF and style."""
