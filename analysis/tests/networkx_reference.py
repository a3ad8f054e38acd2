"""NetworkX's values for Knit's metrics, the reference of the analysis tests.

Reads one graph per line on standard input, {"n": N, "edges": [[u, v, w], ...]},
and writes one line of results per graph. Self-loops are removed first: Knit
ignores them. A value NetworkX leaves undefined (NaN, None, or an error such as
a power iteration that does not converge) is written as null.
"""

import json
import math
import sys

import networkx as nx


def clean(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def per_node(G, values):
    return [clean(values.get(v)) for v in range(G.number_of_nodes())]


def attempt(compute):
    try:
        return compute()
    except (nx.PowerIterationFailedConvergence, nx.NetworkXError, nx.NetworkXPointlessConcept, ZeroDivisionError):
        return None


def effective_size(G):
    """nx.effective_size per node, by the formula NetworkX documents (its
    per-node path). NetworkX 3.6's shortcut for all nodes at once divides by the
    wrong axis, and its per-node path calls people who are named but name no
    one undefined; those are written as "skip"."""
    values = nx.effective_size(G, nodes=list(G))
    return ["skip" if G.out_degree(v) == 0 and G.in_degree(v) > 0 else clean(values[v]) for v in G]


def reference(n, edges):
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for u, v, w in edges:
        G.add_edge(u, v, weight=w)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    U = nx.Graph()
    U.add_nodes_from(range(n))
    for u, v, w in G.edges(data="weight"):
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    out = {
        "in_degree": [G.in_degree(v) for v in range(n)],
        "out_degree": [G.out_degree(v) for v in range(n)],
        "in_weight": [G.in_degree(v, weight="weight") for v in range(n)],
        "out_weight": [G.out_degree(v, weight="weight") for v in range(n)],
        "betweenness": per_node(G, nx.betweenness_centrality(G, normalized=True)),
        "harmonic_closeness": per_node(G, nx.harmonic_centrality(G)),
        "constraint": per_node(G, nx.constraint(G)) if n else [],
        # NetworkX's per-node path is cubic in degree: checked on the smaller graphs.
        "effective_size": effective_size(G) if 0 < n <= 30 and G.number_of_edges() <= 150 else ["skip"] * n,
        "clustering": per_node(G, nx.clustering(G)),
        "reciprocity": per_node(G, dict(nx.reciprocity(G, G.nodes))) if n else [],
        "density": nx.density(G) if n else 0.0,
        "overall_reciprocity": attempt(lambda: nx.overall_reciprocity(G)),
        "weak_components": nx.number_weakly_connected_components(G) if n else 0,
        "strong_components": nx.number_strongly_connected_components(G) if n else 0,
    }
    pagerank = attempt(lambda: nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000))
    out["pagerank"] = per_node(G, pagerank) if pagerank is not None else None
    eigenvector = attempt(lambda: nx.eigenvector_centrality(G, max_iter=1000, tol=1e-12))
    out["eigenvector"] = per_node(G, eigenvector) if eigenvector is not None else None
    if U.number_of_edges():
        communities = nx.community.louvain_communities(U, weight="weight", seed=0)
        out["louvain_modularity"] = nx.community.modularity(U, communities, weight="weight")
        thirds = [set(range(r, n, 3)) for r in range(3) if r < n]
        out["thirds_modularity"] = nx.community.modularity(U, thirds, weight="weight")
    else:
        out["louvain_modularity"] = None
        out["thirds_modularity"] = None
    return out


for line in sys.stdin:
    graph = json.loads(line)
    print(json.dumps(reference(graph["n"], graph["edges"])), flush=False)
