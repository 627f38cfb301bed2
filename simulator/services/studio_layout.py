"""A layered layout of a persona's state diagram (the Sugiyama method, small): each state's layer is
its longest path from the initial state once the edges that close a cycle are set aside, and the
states of a layer are ordered by the mean position of their neighbours (barycentres, swept down and up)
to reduce crossings. States the initial state cannot reach get a layer after the others."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

SWEEPS = 6  # down-and-up passes of the barycentre ordering; crossings settle within a few


@dataclass(frozen=True)
class Layout:
    layers: tuple[tuple[str, ...], ...]  # top to bottom, each left to right; dummies included
    back_edges: frozenset[tuple[str, str]]  # edges that close a cycle (drawn going back up)
    # Each edge as the points it passes, source first: an edge spanning several layers goes through
    # one dummy point per layer between, so it is routed around the states instead of through them.
    routes: dict[tuple[str, str], tuple[str, ...]]
    dummies: frozenset[str]

    def layer_of(self, name: str) -> int:
        return next(index for index, layer in enumerate(self.layers) if name in layer)

    def position(self, name: str) -> tuple[int, int]:
        """(layer, place in the layer)."""
        layer = self.layer_of(name)
        return layer, self.layers[layer].index(name)

    def coordinates(
        self, state_width: float, dummy_width: float, gap: float, layer_gap: float
    ) -> dict[str, tuple[float, float]]:
        """The centre of every state and dummy: each layer a row, centred on x = 0."""
        centres: dict[str, tuple[float, float]] = {}
        for layer, row in enumerate(self.layers):
            widths = [dummy_width if name in self.dummies else state_width for name in row]
            x = -(sum(widths) + gap * (len(row) - 1)) / 2
            for name, width in zip(row, widths, strict=True):
                centres[name] = (x + width / 2, layer * layer_gap)
                x += width + gap
        return centres


def layered_layout(states: Sequence[str], initial: str, edges: Iterable[tuple[str, str]]) -> Layout:
    """``edges``: (source, destination) pairs; self-loops and unknown states are ignored."""
    known = set(states)
    pairs = list(dict.fromkeys((s, d) for s, d in edges if s != d and s in known and d in known))
    successors: dict[str, list[str]] = {state: [] for state in states}
    for source, dest in pairs:
        successors[source].append(dest)
    back = _back_edges(states, initial, successors)
    oriented = [(d, s) if (s, d) in back else (s, d) for s, d in pairs]  # a DAG: layers follow it
    layer = _longest_path_layers(states, initial, oriented)
    count = max(layer.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(count)]
    for state in states:  # the file's order first: a stable start for the ordering
        rows[layer[state]].append(state)
    routes: dict[tuple[str, str], tuple[str, ...]] = {}
    segments: list[tuple[str, str]] = []  # between adjacent layers, upper end first
    dummies: set[str] = set()
    for source, dest in pairs:
        upper, lower = sorted((source, dest), key=lambda name: layer[name])
        chain = [upper]
        for between in range(layer[upper] + 1, layer[lower]):
            dummy = f"{source}→{dest}#{between}"
            dummies.add(dummy)
            rows[between].append(dummy)
            chain.append(dummy)
        chain.append(lower)
        segments.extend(pairwise(chain))
        routes[(source, dest)] = tuple(chain if upper == source else reversed(chain))
    rows = _order(rows, segments)
    return Layout(tuple(tuple(row) for row in rows), frozenset(back), routes, frozenset(dummies))


def _back_edges(
    states: Sequence[str], initial: str, successors: dict[str, list[str]]
) -> set[tuple[str, str]]:
    """Edges to a state still on the depth-first path: removing them leaves no cycle. The search
    starts at the initial state, then at each state it did not reach, in the file's order."""
    back: set[tuple[str, str]] = set()
    done: set[str] = set()
    starts = (
        [initial, *(state for state in states if state != initial)] if initial in successors else list(states)
    )
    for start in starts:
        if start in done:
            continue
        on_path = {start}
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:  # iterative: a long chain of states never reaches the recursion limit
            state, next_index = stack[-1]
            children = successors[state]
            if next_index == len(children):
                stack.pop()
                on_path.discard(state)
                done.add(state)
                continue
            stack[-1] = (state, next_index + 1)
            child = children[next_index]
            if child in on_path:
                back.add((state, child))
            elif child not in done:
                on_path.add(child)
                stack.append((child, 0))
    return back


def _longest_path_layers(
    states: Sequence[str], initial: str, forward: list[tuple[str, str]]
) -> dict[str, int]:
    """Layer = longest forward path from the initial state; unreached states below, by the same rule
    from their own sources."""
    incoming: dict[str, int] = {state: 0 for state in states}
    outgoing: dict[str, list[str]] = {state: [] for state in states}
    for source, dest in forward:
        incoming[dest] += 1
        outgoing[source].append(dest)
    reached = _reachable(initial, outgoing) if initial in outgoing else set()
    order: list[str] = []  # a topological order (Kahn), file order among ties
    remaining = dict(incoming)
    ready = [state for state in states if remaining[state] == 0]
    while ready:
        state = ready.pop(0)
        order.append(state)
        for dest in outgoing[state]:
            remaining[dest] -= 1
            if remaining[dest] == 0:
                ready.append(dest)
    layer: dict[str, int] = {}
    for state in order:
        if state in reached:
            layer.setdefault(state, 0)
    for state in order:
        if state in layer:
            for dest in outgoing[state]:
                if dest in reached:
                    layer[dest] = max(layer.get(dest, 0), layer[state] + 1)
    below = max(layer.values(), default=-1) + 1
    for state in order:  # the states no path from the initial state reaches
        if state not in reached:
            layer.setdefault(state, below)
            for dest in outgoing[state]:
                if dest not in reached:
                    layer[dest] = max(layer.get(dest, below), layer[state] + 1)
    return layer


def _reachable(start: str, outgoing: dict[str, list[str]]) -> set[str]:
    seen, frontier = {start}, [start]
    while frontier:
        for dest in outgoing[frontier.pop()]:
            if dest not in seen:
                seen.add(dest)
                frontier.append(dest)
    return seen


def _order(rows: list[list[str]], segments: list[tuple[str, str]]) -> list[list[str]]:
    """Barycentre sweeps, keeping the best ordering seen (fewest crossings)."""
    best = [list(row) for row in rows]
    best_crossings = crossings(best, segments)
    neighbours: dict[str, list[str]] = {}
    for source, dest in segments:
        neighbours.setdefault(source, []).append(dest)
        neighbours.setdefault(dest, []).append(source)
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        indices = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for index in indices:
            neighbour = rows[index - 1] if downward else rows[index + 1]
            place = {state: position for position, state in enumerate(neighbour)}
            linked = {
                state: [place[other] for other in neighbours.get(state, ()) if other in place]
                for state in rows[index]
            }
            current = {state: position for position, state in enumerate(rows[index])}
            rows[index] = sorted(
                rows[index],
                key=lambda state: (
                    sum(linked[state]) / len(linked[state]) if linked[state] else current[state],
                    current[state],
                ),
            )
        count = crossings(rows, segments)
        if count < best_crossings:
            best, best_crossings = [list(row) for row in rows], count
    return best


def crossings(rows: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> int:
    """How many pairs of edges between adjacent layers cross (edges spanning several layers are
    counted between their end layers, which is what the ordering above minimises)."""
    where = {state: (layer, position) for layer, row in enumerate(rows) for position, state in enumerate(row)}
    segments = []
    for source, dest in edges:
        (top_layer, top), (bottom_layer, bottom) = sorted((where[source], where[dest]))
        if top_layer != bottom_layer:
            segments.append((top_layer, bottom_layer, top, bottom))
    total = 0
    for index, (a_top_layer, a_bottom_layer, a_top, a_bottom) in enumerate(segments):
        for b_top_layer, b_bottom_layer, b_top, b_bottom in segments[index + 1 :]:
            if (a_top_layer, a_bottom_layer) == (b_top_layer, b_bottom_layer) and (a_top - b_top) * (
                a_bottom - b_bottom
            ) < 0:
                total += 1
    return total


__all__ = ["Layout", "crossings", "layered_layout"]
