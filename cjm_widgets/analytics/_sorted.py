"""The fast path for tables already in memory (pandas, pyarrow): the log as sorted arrays.

DuckDB reads the table where it lies and returns three numeric columns sorted by path, time
and step: a 64-bit hash of the path key, the time in microseconds and the step as an integer
code in label order (so that sorting by code breaks time ties by label, the package's rule).
Everything else is counting on those arrays: an event whose previous row has the same hash
is a transition, and paths are runs of equal hashes.

The hash is an exact path id only if no two paths share it; :func:`cjm_widgets.analytics.
events.Events.arrays` checks that against an exact distinct count and otherwise takes the
engine path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

# Below this bound, integers are coded by counting rather than sorting.
DENSE_BOUND = 1 << 20


@dataclass
class SortedLog:
    """Events sorted by path, time and step (time ties by step label)."""

    labels: list[str]  # step labels; ``step`` holds their positions
    step: np.ndarray  # step code per event
    micros: np.ndarray  # event time, microseconds since the epoch
    start: np.ndarray  # True where an event starts its path
    channel: np.ndarray | None = None  # channel code per event, -1 where missing

    @classmethod
    def from_columns(
        cls,
        labels: list[str],
        key: np.ndarray,
        step: np.ndarray,
        micros: np.ndarray,
        channel: np.ndarray | None = None,
    ) -> SortedLog:
        return cls(labels, step, np.asarray(micros, dtype=np.int64), firsts(key), channel)

    @property
    def n_steps(self) -> int:
        return len(self.labels)

    @cached_property
    def path(self) -> np.ndarray:
        """Path index per event (0, 1, ...; non-decreasing)."""
        path = np.cumsum(self.start, dtype=_index_type(len(self.start)))
        path -= 1
        return path

    @property
    def n_paths(self) -> int:
        return int(self.start.sum())

    @cached_property
    def moved(self) -> np.ndarray:
        """The transitions: True at ``i`` where event ``i + 1`` continues event ``i``'s path."""
        return ~self.start[1:]

    def before(self, values: np.ndarray) -> np.ndarray:
        """A per-event column at each transition's first event."""
        return values[:-1][self.moved]

    def after(self, values: np.ndarray) -> np.ndarray:
        """A per-event column at each transition's second event."""
        return values[1:][self.moved]

    def gaps(self) -> np.ndarray:
        """Microseconds between each transition's two events."""
        return np.diff(self.micros)[self.moved]

    def duplicates(self) -> int:
        """Events with the same path, step and time as the event before them."""
        same = np.equal(self.step[1:], self.step[:-1])
        same &= self.moved
        same &= np.equal(self.micros[1:], self.micros[:-1])
        return int(np.count_nonzero(same))

    def events_per_step(self) -> np.ndarray:
        return np.bincount(self.step, minlength=self.n_steps)

    def transitions(self) -> pd.DataFrame:
        """from_step, to_step, count, paths (distinct) and median_seconds per transition."""
        k = self.n_steps
        pair = combine(self.before(self.step), k, self.after(self.step))
        codes, pairs = dense_codes(pair, k * k)
        n_pairs = len(pairs)
        count = np.bincount(codes, minlength=n_pairs)
        # Distinct paths per pair: one (path, pair) key per transition; the keys rise with
        # the path index, so the sort only orders each path's few keys among themselves.
        keys = combine(self.after(self.path), n_pairs, codes)
        keys.sort(kind="stable")
        paths = np.bincount(keys[firsts(keys)] % n_pairs, minlength=n_pairs)
        median = quantiles_by_group(codes, self.gaps(), n_pairs, [0.5])[:, 0] / 1e6
        return pd.DataFrame(
            {
                "from_step": self._names(pairs // k),
                "to_step": self._names(pairs % k),
                "count": count,
                "paths": paths,
                "median_seconds": median,
            }
        )

    def step_parts(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Per step, as :func:`events.step_metrics` reads them: transitions out with the
        median and 90th-percentile wait; transitions in (and channel switches); events, paths
        reaching the step and paths reaching it more than once."""
        k = self.n_steps
        names = self._names(np.arange(k))
        source = self.before(self.step)
        waits = quantiles_by_group(source, self.gaps(), k, [0.5, 0.9]) / 1e6
        outgoing = pd.DataFrame(
            {
                "step": names,
                "__out": np.bincount(source, minlength=k),
                "median_seconds_to_next": waits[:, 0],
                "p90_seconds_to_next": waits[:, 1],
            }
        )
        target = self.after(self.step)
        incoming = pd.DataFrame({"step": names, "__in": np.bincount(target, minlength=k)})
        if self.channel is not None:
            after, before = self.after(self.channel), self.before(self.channel)
            switched = (after != before) & (after >= 0) & (before >= 0)
            incoming["__switch"] = np.bincount(target[switched], minlength=k)
        # Visits: one (path, step) key per event, each path's keys sorted among themselves.
        keys = combine(self.path, k, self.step)
        keys.sort(kind="stable")
        first = firsts(keys)
        runs = np.diff(np.append(np.flatnonzero(first), len(keys)))
        visited = keys[first] % k
        visits = pd.DataFrame(
            {
                "step": names,
                "events": self.events_per_step(),
                "__paths": np.bincount(visited, minlength=k),
                "__repeat": np.bincount(visited[runs > 1], minlength=k),
            }
        )
        present = visits["events"].to_numpy() > 0
        return outgoing[present], incoming[present], visits[present]

    def funnel(self, order: list[int], closed: bool) -> list[int]:
        """Paths reaching each step code of ``order``: in order within the path when
        ``closed``, else at all."""
        path = self.path
        counts = []
        reached_at = None  # per path, where it reached the previous listed step (closed)
        for code in order:
            rows = np.flatnonzero(self.step == code)
            if reached_at is not None:
                rows = rows[rows > reached_at[path[rows]]]
            rows = rows[firsts(path[rows])]  # rows ascend, so a path's first row leads its run
            if closed:
                reached_at = np.full(self.n_paths, np.iinfo(np.int64).max, dtype=np.int64)
                reached_at[path[rows]] = rows
            counts.append(len(rows))
        return counts

    def _names(self, codes: np.ndarray) -> np.ndarray:
        return np.asarray(self.labels, dtype=object)[codes]


def quantiles_by_group(
    groups: np.ndarray, values: np.ndarray, n_groups: int, qs: list[float]
) -> np.ndarray:
    """Linear-interpolation quantiles (numpy's default, DuckDB's ``quantile_cont``) of
    integer ``values`` (>= 0) per group code in ``range(n_groups)``: one row per group,
    NaN where a group is empty."""
    out = np.full((n_groups, len(qs)), np.nan)
    if not len(values):
        return out
    ordered = _sort_by_group(groups, values, n_groups)
    sizes = np.bincount(groups, minlength=n_groups)
    present = sizes > 0
    size = sizes[present]
    start = (np.cumsum(sizes) - sizes)[present]
    for j, q in enumerate(qs):
        h = (size - 1) * q
        lo = np.floor(h).astype(np.int64)
        hi = np.minimum(lo + 1, size - 1)
        v_lo, v_hi = ordered(start + lo), ordered(start + hi)
        out[present, j] = v_lo + (h - lo) * (v_hi - v_lo)
    return out


def _sort_by_group(
    groups: np.ndarray, values: np.ndarray, n_groups: int
) -> Callable[[np.ndarray], np.ndarray]:
    """``values`` sorted by group, then by value: a function from positions to values."""
    shift = max(int(values.max()).bit_length(), 1)
    if values.min() >= 0 and (n_groups - 1).bit_length() + shift <= 63:
        # One integer sort in place: the group code in the high bits, the value in the low.
        packed = combine(groups, 1 << shift, values)
        packed.sort()
        return lambda at: (packed[at] & ((1 << shift) - 1)).astype(float)
    ordered = values[np.lexsort((values, groups))]
    return lambda at: ordered[at].astype(float)


def dense_codes(values: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes ``0..m-1`` for the ``m`` distinct non-negative integers below ``bound`` in
    ``values``, and those integers (code ``i`` stands for ``uniques[i]``)."""
    if bound <= DENSE_BOUND:
        seen = np.bincount(values, minlength=bound) > 0
        code = np.cumsum(seen, dtype=_index_type(bound))
        code -= 1
        return code[values], np.flatnonzero(seen)
    codes, uniques = pd.factorize(values)
    return codes, uniques


def combine(high: np.ndarray, base: int, low: np.ndarray) -> np.ndarray:
    """``high * base + low`` as int64, computed in one new array."""
    out = high.astype(np.int64)
    out *= base
    out += low
    return out


def _index_type(n: int) -> type[np.signedinteger]:
    """The narrowest of int32 and int64 holding ``0..n``: half the memory where it fits."""
    return np.int32 if n < np.iinfo(np.int32).max else np.int64


def firsts(keys: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it (and at the first value)."""
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return first
