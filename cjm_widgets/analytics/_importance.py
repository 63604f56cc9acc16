"""Importance from correlation matrices: exact Shapley (LMG), relative weights and derived
importance, for one matrix or a batch of them, and the bootstrap that makes the batches
(respondents resampled as weights on the rows' products, so no replicate copies the rows)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

# The drivers' correlation matrix counts as singular below this smallest eigenvalue (a
# condition number of about 1e9): the shares would be rounding noise.
COLLINEAR = 1e-9
# Floats per batch of bootstrap replicates (weights, or subset blocks for Shapley): 32 MB.
BATCH = 4_000_000


def fewest(ci: float) -> int:
    """The fewest replicates a percentile interval at level ``ci`` is built from: enough for
    one replicate beyond each end, ``(1 - ci) / 2 × replicates ≥ 1``."""
    return math.ceil(round(2 / (1 - float(ci)), 6))


# -- correlations, plain or weighted by bootstrap counts ---------------------------------
#
# Moments, each of shape (replicates, q, q) or broadcasting to it: ``count[a, b]`` rows,
# ``sums[a, b]`` the sum of column a, ``squares[a, b]`` of its squares, over the rows where
# a and b are both answered (every row, listwise), and ``cross[a, b]`` the sum of a·b.


def moments(centred: np.ndarray, mask: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """The moments over the rows as they are (``mask`` marks the answers, pairwise)."""
    cross = centred.T @ centred
    if mask is None:
        sums = centred.sum(axis=0)[:, None]
        return np.full((1, 1), float(len(centred))), sums, np.diag(cross)[:, None], cross
    return mask.T @ mask, centred.T @ mask, (centred**2).T @ mask, cross


def _design(centred: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """Per row, the products whose weighted sums are the moments: then the moments of many
    replicates are one matrix product, their counts times this."""
    q = centred.shape[1]
    a, b = np.triu_indices(q)
    if mask is None:
        return np.hstack([centred, centred[:, a] * centred[:, b]])
    every = np.repeat(np.arange(q), q), np.tile(np.arange(q), q)
    return np.hstack(
        [
            mask[:, a] * mask[:, b],
            centred[:, every[0]] * mask[:, every[1]],
            centred[:, every[0]] ** 2 * mask[:, every[1]],
            centred[:, a] * centred[:, b],
        ]
    )


def _width(q: int, pairwise: bool) -> int:
    """Columns of :func:`_design`."""
    return q * (q + 1) + 2 * q * q if pairwise else q + q * (q + 1) // 2


def _weighted_moments(
    centred: np.ndarray, mask: np.ndarray | None, weights: np.ndarray, design: Any
) -> tuple[np.ndarray, ...]:
    """The moments of each replicate, given each row's count in it (a row per replicate).
    ``design`` is :func:`_design` of every row, or ``None`` to build it a block of rows at a
    time (then its memory stays within a batch)."""
    n, q = centred.shape
    pairwise = mask is not None
    if design is not None:
        sums = weights @ design
    else:
        rows = max(1, BATCH // _width(q, pairwise))
        sums = sum(
            weights[:, s : s + rows]
            @ _design(centred[s : s + rows], None if mask is None else mask[s : s + rows])
            for s in range(0, n, rows)
        )
    a, b = np.triu_indices(q)
    half = len(a)

    def symmetric(values: np.ndarray) -> np.ndarray:
        full = np.empty((len(values), q, q))
        full[:, a, b] = values
        full[:, b, a] = values
        return full

    if not pairwise:
        cross = symmetric(sums[:, q:])
        count = weights.sum(axis=1)[:, None, None]
        return count, sums[:, :q, None], np.diagonal(cross, axis1=1, axis2=2)[:, :, None], cross
    square = q * q
    return (
        symmetric(sums[:, :half]),
        sums[:, half : half + square].reshape(-1, q, q),
        sums[:, half + square : half + 2 * square].reshape(-1, q, q),
        symmetric(sums[:, half + 2 * square :]),
    )


def correlations(
    count: np.ndarray, sums: np.ndarray, squares: np.ndarray, cross: np.ndarray
) -> np.ndarray:
    """Pearson correlation matrices from moments, shape (replicates, q, q); NaN where a
    column does not vary."""
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = cross - sums * np.swapaxes(sums, -1, -2) / count
        var = squares - sums**2 / count
        # A constant column leaves rounding, up to ~1e-16 of its sum of squares, not 0; below
        # 1e-10 of it, the variance has too few exact digits to correlate.
        var = np.where(var > 1e-10 * squares, var, np.nan)
        corr = cov / np.sqrt(var * np.swapaxes(var, -1, -2))
    if corr.ndim == 2:
        corr = corr[None]
    q = corr.shape[-1]
    diagonal = np.diagonal(corr, axis1=1, axis2=2)
    corr[:, np.arange(q), np.arange(q)] = np.where(np.isfinite(diagonal), 1.0, np.nan)
    return corr


# -- importances from correlation matrices (batches of them) ----------------------------


def importance_of(corr: np.ndarray, method: str) -> np.ndarray:
    """Each driver's importance, shape (matrices, drivers), from correlation matrices whose
    last row and column is the outcome."""
    if method == "shapley":
        return _shapley(corr)
    if method == "relative_weights":
        return _relative_weights(corr)
    return corr[:, :-1, -1] ** 2


def _shapley(corr: np.ndarray) -> np.ndarray:
    """LMG shares: R² of every subset of drivers, then the Shapley average of the gains.

    Subsets are reached by sweeping one driver at a time out of the correlation matrix
    (``R - R[:, j] R[j, :] / R[j, j]``): a subset whose largest driver is ``m`` keeps only the
    residual correlations of the drivers after ``m`` and of the outcome, which is all that
    its supersets need, so each subset costs a few small array operations in a batch and no
    solve. R²(S) is 1 minus the outcome's residual variance.
    """
    count, q, _ = corr.shape
    p = q - 1
    r2 = np.zeros((count, 1 << p))  # column S, a bit mask of drivers: R² of that subset
    blocks = [corr[:, None]]  # blocks[m + 1]: the subsets whose largest driver is m
    for j in range(p):
        parts = []
        for m in range(-1, j):
            block = blocks[m + 1]
            k = j - m - 1  # driver j's place in the block
            rest = block[:, :, k + 1 :, k + 1 :]
            column = block[:, :, k + 1 :, k]
            scaled = column / block[:, :, k, k][:, :, None]
            parts.append(rest - column[..., :, None] * scaled[..., None, :])
        blocks.append(np.concatenate(parts, axis=1))
        # The subsets whose largest driver is j are the masks 2**j … 2**(j+1) - 1, in order.
        r2[:, 1 << j : 2 << j] = 1.0 - blocks[-1][:, :, -1, -1]
    size = np.zeros(1 << p, dtype=np.int64)
    for j in range(p):
        size[1 << j : 2 << j] = size[: 1 << j] + 1
    # A subset of s other drivers comes before j in s!(p-1-s)!/p! of the orders of entry.
    weight = np.array([1 / (p * math.comb(p - 1, s)) for s in range(p)] + [0.0])[size]
    shares = np.empty((count, p))
    for j in range(p):
        # Masks as (higher bits, bit j, lower bits): views pairing each S without j with S + j.
        gains = np.diff(r2.reshape(count, -1, 2, 1 << j), axis=2)[:, :, 0]
        shares[:, j] = (gains * weight.reshape(-1, 2, 1 << j)[:, 0]).sum(axis=(1, 2))
    return shares


def _shapley_cells(p: int) -> int:
    """Floats per matrix that :func:`_shapley` holds at once."""
    return sum((1 << j) * (p - j) ** 2 for j in range(p)) + (1 << p) + (p + 1) ** 2


def _relative_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's relative weights: Λ = R_xx^½, β = Λ⁻¹ r_xy, ε_j = Σ_k Λ_jk² β_k²."""
    rxx, rxy = corr[:, :-1, :-1], corr[:, :-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    root = np.sqrt(values)
    half = (vectors * root[:, None, :]) @ vectors.swapaxes(1, 2)
    beta = vectors @ ((vectors.swapaxes(1, 2) @ rxy[:, :, None])[:, :, 0] / root)[:, :, None]
    return ((half**2) @ beta**2)[:, :, 0]


# -- bootstrap --------------------------------------------------------------------------


def interval(
    centred: np.ndarray,
    mask: np.ndarray | None,
    method: str,
    n_boot: int,
    seed: int | None,
    ci: float,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Percentile bootstrap interval of each importance, and the usable replicates; NaN
    without replicates, or with fewer usable ones than the level takes."""
    n, q = centred.shape
    p = q - 1
    if not n_boot:
        return np.full(p, np.nan), np.full(p, np.nan), 0
    rng = np.random.default_rng(seed)
    # Every row's products at once, unless they outgrow four batches.
    large = n * _width(q, mask is not None) > 4 * BATCH
    design = None if large else _design(centred, mask)
    draws = []
    per_batch = max(1, BATCH // n)
    for start in range(0, n_boot, per_batch):
        size = min(per_batch, n_boot - start)
        # Counts of each respondent in each replicate: a multinomial draw, made by binning
        # uniform picks (faster than numpy's multinomial for many respondents).
        picks = rng.integers(0, n, size=(size, n)) + (np.arange(size) * n)[:, None]
        weights = np.bincount(picks.ravel(), minlength=size * n).reshape(size, n)
        moments = _weighted_moments(centred, mask, weights.astype(float), design)
        draws.append(correlations(*moments))
    corr = np.concatenate(draws)
    valid = np.isfinite(corr).all(axis=(1, 2))
    corr[~valid] = np.eye(q)
    valid &= np.linalg.eigvalsh(corr[:, :p, :p])[:, 0] >= COLLINEAR
    corr = corr[valid]
    if len(corr) < fewest(ci):
        return np.full(p, np.nan), np.full(p, np.nan), len(corr)
    step = len(corr)
    if method == "shapley":
        step = max(1, BATCH // _shapley_cells(p))
    importance = np.concatenate(
        [importance_of(corr[s : s + step], method) for s in range(0, len(corr), step)]
    )
    tail = (1 - ci) / 2
    low, high = np.quantile(importance, [tail, 1 - tail], axis=0)
    return low, high, len(corr)
