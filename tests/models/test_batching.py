"""The token-budget batcher every model role shares."""

from __future__ import annotations

import pytest

from ringkas.models.batching import token_budget_batches


@pytest.mark.parametrize(
    ("lengths", "budget", "expected"),
    [
        ([10, 30, 20, 30], 60, [[1, 3], [2, 0]]),
        ([100, 5], 50, [[0], [1]]),
        ([], 100, []),
    ],
    ids=["sorted-and-budgeted", "over-budget-goes-alone", "empty"],
)
def test_token_budget_batches(lengths, budget, expected):
    assert token_budget_batches(lengths, budget) == expected
