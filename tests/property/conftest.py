"""Hypothesis settings for the property tests: few examples, reproducible, no deadline.

``ci`` (the default) runs a fixed, derandomized set of examples so that every run of the suite
tests the same inputs; ``HYPOTHESIS_PROFILE=explore`` draws ten times as many, fresh each run,
to look for new failures (add what it finds as an ``@example``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The tests share one workspace between examples (a new encrypted workspace per example would
# cost more than the example itself): each example writes its own records.
_SHARED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None,
    suppress_health_check=_SHARED, print_blob=True,
)  # fmt: skip
settings.register_profile(
    "explore", max_examples=300, deadline=None, suppress_health_check=_SHARED, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
