"""Moving a diary in and out: the export bundle and its import."""
