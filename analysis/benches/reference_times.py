"""Times NetworkX and python-igraph computing Knit's metric set on one graph.

Usage: reference_times.py EDGES.tsv LIBRARY [--nx-sources K]
EDGES.tsv: "u v w" per line, nodes 0..n-1 (n on the first line).
Prints JSON: {"metric": seconds, ..., "total": seconds, "extrapolated": [...]}.

NetworkX's exact betweenness and harmonic closeness on large graphs take hours;
with --nx-sources K they run from K sources and the time is scaled by n/K (the
work is linear in the number of sources), and the JSON says so.
"""

import json
import sys
import time


def read(path):
    with open(path) as f:
        n = int(f.readline())
        edges = [tuple(line.split()) for line in f]
    return n, [(int(u), int(v), float(w)) for u, v, w in edges]


def timed(results, name, compute):
    start = time.perf_counter()
    compute()
    results[name] = time.perf_counter() - start


def networkx(n, edges, sources):
    import networkx as nx

    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(edges)
    U = nx.Graph()
    U.add_nodes_from(range(n))
    for u, v, w in edges:
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    r, extrapolated = {}, []
    timed(r, "degree", lambda: (dict(G.in_degree()), dict(G.out_degree()), dict(G.in_degree(weight="weight"))))
    if sources and sources < n:
        sample = list(range(0, n, max(1, n // sources)))[:sources]
        timed(r, "betweenness", lambda: nx.betweenness_centrality_subset(G, sample, list(G), normalized=False))
        r["betweenness"] *= n / len(sample)
        timed(r, "harmonic_closeness", lambda: nx.harmonic_centrality(G, sources=sample))
        r["harmonic_closeness"] *= n / len(sample)
        extrapolated = ["betweenness", "harmonic_closeness"]
    else:
        timed(r, "betweenness", lambda: nx.betweenness_centrality(G))
        timed(r, "harmonic_closeness", lambda: nx.harmonic_centrality(G))
    timed(r, "pagerank", lambda: nx.pagerank(G))
    timed(r, "eigenvector", lambda: nx.eigenvector_centrality(G, max_iter=1000))
    timed(r, "constraint", lambda: nx.constraint(G))
    timed(r, "effective_size", lambda: nx.effective_size(G))
    timed(r, "clustering", lambda: nx.clustering(G))
    timed(r, "reciprocity", lambda: (nx.reciprocity(G, G.nodes), nx.overall_reciprocity(G)))
    timed(r, "components", lambda: (nx.number_weakly_connected_components(G), nx.number_strongly_connected_components(G)))
    timed(r, "communities", lambda: nx.community.modularity(U, nx.community.louvain_communities(U, weight="weight", seed=1), weight="weight"))
    r["total"] = sum(r.values())
    r["extrapolated"] = extrapolated
    return r


def igraph(n, edges):
    import igraph as ig

    G = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=True)
    G.es["weight"] = [w for _, _, w in edges]
    U = G.as_undirected(combine_edges="sum")
    r = {}
    timed(r, "degree", lambda: (G.indegree(), G.outdegree(), G.strength(mode="in", weights="weight")))
    timed(r, "betweenness", lambda: G.betweenness(directed=True))
    timed(r, "harmonic_closeness", lambda: G.harmonic_centrality(mode="in", normalized=False))
    timed(r, "pagerank", lambda: G.pagerank(weights="weight"))
    timed(r, "eigenvector", lambda: G.eigenvector_centrality(directed=True))
    timed(r, "constraint", lambda: G.constraint())
    # igraph has no effective size; Burt's effective size needs the same
    # neighbourhood pass as constraint, so it is counted as one more constraint.
    timed(r, "effective_size", lambda: G.constraint())
    # igraph's local clustering is undirected only.
    timed(r, "clustering", lambda: G.transitivity_local_undirected())
    timed(r, "reciprocity", lambda: G.reciprocity())
    timed(r, "components", lambda: (G.connected_components(mode="weak"), G.connected_components(mode="strong")))
    timed(r, "communities", lambda: U.community_multilevel(weights="weight").modularity)
    r["total"] = sum(r.values())
    r["extrapolated"] = []
    return r


if __name__ == "__main__":
    path, library = sys.argv[1], sys.argv[2]
    sources = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--nx-sources" else None
    n, edges = read(path)
    result = networkx(n, edges, sources) if library == "networkx" else igraph(n, edges)
    print(json.dumps(result))
