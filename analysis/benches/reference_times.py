"""Times NetworkX and python-igraph computing Knit's metric set on one graph.

Usage: reference_times.py EDGES.csv LIBRARY [--nx-sources K] [--write OUT.csv]
EDGES.csv: a "source,target,weight" header, then one tie per row between nodes
numbered from 0 (the file `knit analyze` reads).
Prints JSON: {"metric": seconds, ..., "total": seconds, "extrapolated": [...]}.
With --write, also writes each node's metrics to OUT.csv, as `knit analyze
--format csv` does, so the whole process does the same work as Knit's.

NetworkX's exact betweenness and harmonic closeness on large graphs take hours;
with --nx-sources K they run from K sources and the time is scaled by n/K (the
work is linear in the number of sources), and the JSON says so.
"""

import argparse
import csv
import json
import time


def read(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        edges = [(int(u), int(v), float(w)) for u, v, w in rows]
    return 1 + max(max(u, v) for u, v, _ in edges), edges


def write(path, columns):
    names = list(columns)
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id"] + names)
        for v, values in enumerate(zip(*(columns[name] for name in names))):
            out.writerow([v] + list(values))


def timed(results, name, compute):
    start = time.perf_counter()
    value = compute()
    results[name] = time.perf_counter() - start
    return value


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
    return r, None


def igraph(n, edges):
    import igraph as ig

    G = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=True)
    G.es["weight"] = [w for _, _, w in edges]
    U = G.as_undirected(combine_edges="sum")
    r, columns = {}, {}
    columns["in_degree"], columns["out_degree"], columns["in_weight"] = timed(
        r, "degree", lambda: (G.indegree(), G.outdegree(), G.strength(mode="in", weights="weight")))
    columns["betweenness"] = timed(r, "betweenness", lambda: G.betweenness(directed=True))
    columns["harmonic_closeness"] = timed(r, "harmonic_closeness", lambda: G.harmonic_centrality(mode="in", normalized=False))
    columns["pagerank"] = timed(r, "pagerank", lambda: G.pagerank(weights="weight"))
    columns["eigenvector"] = timed(r, "eigenvector", lambda: G.eigenvector_centrality(directed=True))
    columns["constraint"] = timed(r, "constraint", lambda: G.constraint())
    # igraph has no effective size; Burt's effective size needs the same
    # neighbourhood pass as constraint, so it is counted as one more constraint.
    timed(r, "effective_size", lambda: G.constraint())
    # igraph's local clustering is undirected only.
    columns["clustering"] = timed(r, "clustering", lambda: G.transitivity_local_undirected())
    timed(r, "reciprocity", lambda: G.reciprocity())
    timed(r, "components", lambda: (G.connected_components(mode="weak"), G.connected_components(mode="strong")))
    communities = timed(r, "communities", lambda: U.community_multilevel(weights="weight"))
    columns["community"] = communities.membership
    r["total"] = sum(r.values())
    r["extrapolated"] = []
    return r, columns


if __name__ == "__main__":
    arguments = argparse.ArgumentParser()
    arguments.add_argument("edges")
    arguments.add_argument("library", choices=["networkx", "igraph"])
    arguments.add_argument("--nx-sources", type=int)
    arguments.add_argument("--write")
    options = arguments.parse_args()
    n, edges = read(options.edges)
    if options.library == "networkx":
        result, columns = networkx(n, edges, options.nx_sources)
    else:
        result, columns = igraph(n, edges)
    if options.write and columns:
        write(options.write, columns)
    print(json.dumps(result))
