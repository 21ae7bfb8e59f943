"""Group inputs into model batches: longest first, padded tokens per batch bounded by a budget (every role)."""

from __future__ import annotations


def token_budget_batches(lengths: list[int], budget: int, max_batch: int | None = None) -> list[list[int]]:
    """Indices of ``lengths`` grouped so ``len(batch) * longest <= budget`` (a chunk over budget goes alone).

    Sorting by length keeps padding small; callers restore input order from the indices.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index in order:
        length = max(1, lengths[index])
        width = max(longest, length)
        full = max_batch is not None and len(current) >= max_batch
        if current and (width * (len(current) + 1) > budget or full):
            batches.append(current)
            current, width = [], length
        current.append(index)
        longest = width
    if current:
        batches.append(current)
    return batches
