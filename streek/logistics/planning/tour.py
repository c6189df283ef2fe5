"""The shortest closed tour from node 0 through every other node of a (possibly asymmetric) matrix.

Exact (Held-Karp dynamic programming) up to `EXACT_UP_TO` nodes besides the start; beyond that nearest
neighbour followed by 2-opt and or-opt moves until none improves (first improvement), evaluated on the
whole tour so asymmetric road matrices are handled correctly. Small tours are what the solo-delivery
baseline and the public round trips need; the fleet planning itself goes through PyVRP.
"""

from itertools import combinations

import numpy as np
import numpy.typing as npt

EXACT_UP_TO = 9
MAX_PASSES = 50

Matrix = npt.NDArray[np.int64]


def tour_length(matrix: Matrix, order: list[int]) -> int:
    """Length of 0 -> order... -> 0."""
    path = np.array([0, *order, 0], dtype=np.int64)
    return int(matrix[path[:-1], path[1:]].sum())


def closed_tour(matrix: Matrix) -> list[int]:
    """The visiting order of nodes 1 .. n-1 (node 0 is the start and the end)."""
    n = len(matrix)
    if n <= 2:
        return list(range(1, n))
    if n - 1 <= EXACT_UP_TO:
        return _held_karp(matrix)
    return _improve(matrix, _nearest_neighbour(matrix))


def _held_karp(matrix: Matrix) -> list[int]:
    n = len(matrix)
    m = [[int(v) for v in row] for row in matrix]
    nodes = range(1, n)
    # best[(subset, last)] = (length from 0 through subset ending at last, previous node)
    best: dict[tuple[int, int], tuple[int, int]] = {(1 << k, k): (m[0][k], 0) for k in nodes}
    for size in range(2, n):
        for subset_nodes in combinations(nodes, size):
            subset = sum(1 << k for k in subset_nodes)
            for last in subset_nodes:
                before = subset & ~(1 << last)
                best[(subset, last)] = min(
                    (best[(before, prev)][0] + m[prev][last], prev) for prev in subset_nodes if prev != last
                )
    full = sum(1 << k for k in nodes)
    _, last = min((best[(full, k)][0] + m[k][0], k) for k in nodes)
    order: list[int] = []
    subset = full
    while last != 0:
        order.append(last)
        previous = best[(subset, last)][1]
        subset &= ~(1 << last)
        last = previous
    return order[::-1]


def _nearest_neighbour(matrix: Matrix) -> list[int]:
    unvisited = set(range(1, len(matrix)))
    order: list[int] = []
    current = 0
    while unvisited:
        current = min(unvisited, key=lambda k: (matrix[current, k], k))
        unvisited.remove(current)
        order.append(current)
    return order


def _improve(matrix: Matrix, order: list[int]) -> list[int]:
    best = tour_length(matrix, order)
    for _ in range(MAX_PASSES):
        improved = False
        n = len(order)
        for i in range(n - 1):  # 2-opt: reverse order[i..j]
            for j in range(i + 1, n):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                length = tour_length(matrix, candidate)
                if length < best:
                    order, best, improved = candidate, length, True
        for size in (1, 2, 3):  # or-opt: move a chain of 1-3 nodes elsewhere
            for i in range(n - size + 1):
                chain, rest = order[i : i + size], order[:i] + order[i + size :]
                for k in range(len(rest) + 1):
                    if k == i:
                        continue
                    candidate = rest[:k] + chain + rest[k:]
                    length = tour_length(matrix, candidate)
                    if length < best:
                        order, best, improved = candidate, length, True
                        break
        if not improved:
            break
    return order
