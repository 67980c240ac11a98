"""Call-graph utilities: strongly connected components in callee-first order.

The taint link step computes function summaries bottom-up: every function after the
functions it calls, and the functions of one recursive cycle together, iterating to a
fixpoint. Tarjan's algorithm yields exactly that order; this version is iterative so
a long call chain cannot exhaust the Python stack.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def strongly_connected_components(
    nodes: Iterable[Node], edges: Mapping[Node, Iterable[Node]]
) -> list[list[Node]]:
    """The SCCs of a directed graph, each callee component before its callers.

    `edges[n]` lists the nodes `n` calls; nodes missing from `edges` have no callees,
    and edge targets that are not in `nodes` are ignored.
    """
    known = set(nodes)
    index_of: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    components: list[list[Node]] = []
    counter = 0
    for root in known if not isinstance(nodes, list) else nodes:
        if root in index_of:
            continue
        work: list[tuple[Node, list[Node], int]] = []
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work.append((root, [t for t in edges.get(root, ()) if t in known], 0))
        while work:
            node, targets, position = work[-1]
            if position < len(targets):
                work[-1] = (node, targets, position + 1)
                target = targets[position]
                if target not in index_of:
                    index_of[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, [t for t in edges.get(target, ()) if t in known], 0))
                elif target in on_stack:
                    low[node] = min(low[node], index_of[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                component: list[Node] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components
