"""Lay out a Sankey diagram as SVG shapes. Pure: plain data in, plain data out, no Django.

Nodes sit in columns; each node's height is proportional to the larger of what flows in and
what flows out; links are bands whose width is proportional to their value.

Examples
--------
>>> d = layout([("A", 0, "heat", 1, 2.0, "candidate")], width=300, height=100)
>>> [n["label"] for n in d["nodes"]]
['A', 'heat']
>>> d["links"][0]["kind"]
'candidate'
"""

from __future__ import annotations

from typing import Any

NODE_WIDTH = 12
GAP = 8


def layout(
    links: list[tuple[str, int, str, int, float, str]],
    *,
    width: float = 900,
    height: float = 400,
) -> dict[str, Any]:
    """Place nodes and links.

    Parameters
    ----------
    links : list of (source label, source column, target label, target column, value, kind)
        ``kind`` is passed through for styling (e.g. ``"candidate"`` or ``"implemented"``).
    width, height : float
        Size of the drawing in SVG units.

    Returns
    -------
    dict
        ``nodes`` (label, x, y, w, h) and ``links`` (path, width, kind, value, title).
    """
    links = [link for link in links if link[4] > 0]
    if not links:
        return {"nodes": [], "links": [], "width": width, "height": height}
    inflow: dict[tuple[int, str], float] = {}
    outflow: dict[tuple[int, str], float] = {}
    for src, scol, dst, dcol, value, _kind in links:
        outflow[(scol, src)] = outflow.get((scol, src), 0) + value
        inflow[(dcol, dst)] = inflow.get((dcol, dst), 0) + value
    keys = sorted(set(inflow) | set(outflow))
    size = {k: max(inflow.get(k, 0), outflow.get(k, 0)) for k in keys}
    columns = sorted({k[0] for k in keys})
    per_col = {c: [k for k in keys if k[0] == c] for c in columns}
    scale = min(
        (height - GAP * (len(ks) - 1)) / sum(size[k] for k in ks) for ks in per_col.values()
    )
    step = (width - NODE_WIDTH) / max(1, len(columns) - 1)
    pos: dict[tuple[int, str], dict[str, float]] = {}
    for i, c in enumerate(columns):
        y = 0.0
        for k in sorted(per_col[c], key=lambda k: -size[k]):
            pos[k] = {"x": i * step, "y": y, "h": size[k] * scale, "out": y, "in": y,
                      "last": i == len(columns) - 1}  # fmt: skip
            y += size[k] * scale + GAP
    nodes = [
        {
            "label": k[1],
            "x": p["x"],
            "y": p["y"],
            "w": NODE_WIDTH,
            "h": max(p["h"], 1),
            "anchor": "end" if p["last"] else "start",
            "dx": -4 if p["last"] else NODE_WIDTH + 4,
        }
        for k, p in pos.items()
    ]
    drawn = []
    for src, scol, dst, dcol, value, kind in sorted(links, key=lambda x: -x[4]):
        s, d = pos[(scol, src)], pos[(dcol, dst)]
        w = value * scale
        y0, y1 = s["out"] + w / 2, d["in"] + w / 2
        s["out"] += w
        d["in"] += w
        x0, x1 = s["x"] + NODE_WIDTH, d["x"]
        mid = (x0 + x1) / 2
        path = f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        drawn.append(
            {
                "path": path,
                "width": max(w, 1),
                "kind": kind,
                "value": value,
                "title": f"{src} → {dst}: {value:g}",
            }  # fmt: skip
        )
    return {"nodes": nodes, "links": drawn, "width": width, "height": height}
