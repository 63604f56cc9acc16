"""Confidence intervals for survey scores (pure numpy, vectorised over steps)."""

from __future__ import annotations

import numpy as np

Z95 = 1.959963984540054

# Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
_T95 = np.array(
    [
        12.706,
        4.303,
        3.182,
        2.776,
        2.571,
        2.447,
        2.365,
        2.306,
        2.262,
        2.228,
        2.201,
        2.179,
        2.160,
        2.145,
        2.131,
        2.120,
        2.110,
        2.101,
        2.093,
        2.086,
        2.080,
        2.074,
        2.069,
        2.064,
        2.060,
        2.056,
        2.052,
        2.048,
        2.045,
        2.042,
    ]
)


def t95(df: np.ndarray) -> np.ndarray:
    """Student's t critical value for a 95% interval; the normal one past 30 df."""
    df = np.asarray(df, dtype=float)
    out = np.full(df.shape, Z95)
    small = (df >= 1) & (df <= 30)
    out[small] = _T95[df[small].astype(int) - 1]
    out[df < 1] = np.nan
    return out


def wilson(successes: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion."""
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.asarray(successes, dtype=float) / n
        denom = 1 + Z95**2 / n
        centre = (p + Z95**2 / (2 * n)) / denom
        half = Z95 * np.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def nps_interval(
    promoters: np.ndarray, detractors: np.ndarray, n: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Adjusted-Wald 95% interval for NPS, in points (Sauro and Lewis, 2012).

    Adds 3/4 of a response to promoters and detractors and 3 to n, which keeps the
    interval honest for small samples and for NPS near ±100.
    """
    n_adj = np.asarray(n, dtype=float) + 3
    p = (np.asarray(promoters, dtype=float) + 0.75) / n_adj
    d = (np.asarray(detractors, dtype=float) + 0.75) / n_adj
    centre = p - d
    half = Z95 * np.sqrt((p + d - centre**2) / n_adj)
    return np.clip(centre - half, -1, 1) * 100, np.clip(centre + half, -1, 1) * 100


def mean_interval(
    mean: np.ndarray, std: np.ndarray, n: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """t interval for a mean."""
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = t95(n - 1) * np.asarray(std, dtype=float) / np.sqrt(n)
    return mean - half, mean + half
