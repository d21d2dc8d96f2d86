"""Moving a diary in and out: the CSV bundle, exports, imports and other apps' files."""
