"""Great-circle distance and a coarse grid for geographic blocking.

Examples
--------
>>> round(float(haversine_km(59.91, 10.75, 63.43, 10.39)))  # Oslo - Trondheim
392
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088
# Grid cells are measured in longitude at this latitude, so that a cell is at least as wide as
# its nominal size everywhere south of it (Norway spans about 58-71 degrees north).
GRID_REF_LAT = 72.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Distance in km between points given in degrees; works on scalars and numpy arrays.

    Examples
    --------
    >>> float(haversine_km(60.0, 10.0, 60.0, 10.0))
    0.0
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    if np.ndim(dphi) == 0 or np.shape(dphi) != np.shape(dlmb):
        a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    # Same operations in the same order, in place (no temporaries): identical results.
    cos_cos = np.cos(p1) * np.cos(p2)
    for x in (dphi, dlmb):
        np.divide(x, 2, out=x)
        np.sin(x, out=x)
        np.square(x, out=x)
    np.multiply(cos_cos, dlmb, out=dlmb)
    np.add(dphi, dlmb, out=dphi)
    np.clip(dphi, 0.0, 1.0, out=dphi)
    np.sqrt(dphi, out=dphi)
    np.arcsin(dphi, out=dphi)
    np.multiply(dphi, 2 * EARTH_RADIUS_KM, out=dphi)
    return dphi


def grid_cell(lat: float, lon: float, size_km: float) -> tuple[int, int]:
    """Return the integer cell of a point on a grid of ``size_km`` (or larger) cells.

    Two points closer than ``size_km`` always lie in the same or neighbouring cells.

    Examples
    --------
    >>> grid_cell(59.91, 10.75, 50.0)
    (133, 7)
    """
    dlat = size_km / 111.0
    dlon = size_km / (111.0 * math.cos(math.radians(GRID_REF_LAT)))
    return (math.floor(lat / dlat), math.floor(lon / dlon))


def neighbours(cell: tuple[int, int]) -> list[tuple[int, int]]:
    """The cell and its eight neighbours."""
    i, j = cell
    return [(i + a, j + b) for a in (-1, 0, 1) for b in (-1, 0, 1)]
