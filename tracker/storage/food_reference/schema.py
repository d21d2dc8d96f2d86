"""What, besides the food data, a built food reference depends on: its tables and code.

Apart from the build itself so that opening a reference, which checks this on
every start, loads none of the modules it names.
"""

from __future__ import annotations

import functools
import hashlib
from importlib.util import find_spec
from pathlib import Path

from tracker.domain.nutrients import NUTRIENTS

# Bumped whenever the tables change shape.
SCHEMA_VERSION = 2
# The indexed words and the static quality come from these modules' code, so their
# source is part of the signature: tuning the ranking rebuilds the cache.
_CODE = ("tracker.domain.food_aliases", "tracker.domain.food_match",
         "tracker.domain.food_ranking", "tracker.domain.search_text",
         "tracker.storage.food_reference.build")


@functools.cache
def schema_signature() -> str:
    keys = ",".join(n.key for n in NUTRIENTS)
    digest = hashlib.sha256()
    for name in _CODE:
        spec = find_spec(name)  # where the module's source is, without running it
        source = Path(spec.origin if spec is not None and spec.origin else "")
        digest.update(source.read_bytes() if source.is_file() else name.encode())
    return f"schema={SCHEMA_VERSION};nutrients={keys};code={digest.hexdigest()[:16]}"
