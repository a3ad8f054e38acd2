"""Times NetworkX, python-igraph and NetworKit computing Knit's metric set on one graph.

Usage: reference_times.py EDGES.csv LIBRARY [--nx-sources K] [--sources K] [--write OUT.csv]
EDGES.csv: a "source,target,weight" header, then one tie per row between nodes
numbered from 0 (the file `knit analyze` reads).
Prints JSON: {"metric": seconds, ..., "total": seconds, "extrapolated": [...]}:
the metrics' times, reading the file and building the graph not counted.
With --write, also writes each node's metrics to OUT.csv, as `knit analyze
--format csv` does, so the whole process does the same work as Knit's.

NetworkX's exact betweenness and harmonic closeness on large graphs take hours;
with --nx-sources K they run from K sources and the time is scaled by n/K (the
work is linear in the number of sources), and the JSON says so.

--sources K: betweenness and closeness from K sampled sources, as Knit does
above 20,000 people: igraph's betweenness from those sources, and harmonic
closeness of K people (a breadth-first search each, the same work);
NetworKit's EstimateBetweenness and ApproxCloseness with K samples.

NetworKit has no structural holes (constraint, effective size) nor
reciprocity per person: it is timed without them, so its total is of less work.
It runs on every core (NetworKit's default).
"""

import argparse
import csv
import json
import random
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


def sample_of(n, sources):
    """K distinct people, the same for every library (or None: all)."""
    if not sources or sources >= n:
        return None
    return random.Random(1).sample(range(n), sources)


def igraph(n, edges, sources):
    import igraph as ig

    G = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=True)
    G.es["weight"] = [w for _, _, w in edges]
    U = G.as_undirected(combine_edges="sum")
    sample = sample_of(n, sources)
    r, columns = {}, {}
    columns["in_degree"], columns["out_degree"], columns["in_weight"] = timed(
        r, "degree", lambda: (G.indegree(), G.outdegree(), G.strength(mode="in", weights="weight")))
    if sample is None:
        columns["betweenness"] = timed(r, "betweenness", lambda: G.betweenness(directed=True))
        columns["harmonic_closeness"] = timed(r, "harmonic_closeness", lambda: G.harmonic_centrality(mode="in", normalized=False))
    else:
        timed(r, "betweenness", lambda: G.betweenness(directed=True, sources=sample))
        timed(r, "harmonic_closeness", lambda: G.harmonic_centrality(vertices=sample, mode="in", normalized=False))
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
    return r, columns if sample is None else None


def networkit(n, edges, sources):
    import networkit as nk
    import numpy as np

    G = nk.GraphFromCoo(
        (np.array([w for _, _, w in edges], dtype=np.float64),
         (np.array([u for u, _, _ in edges], dtype=np.uint64), np.array([v for _, v, _ in edges], dtype=np.uint64))),
        n=n, weighted=True, directed=True)
    # Shortest paths count ties, not weights, in Knit and igraph alike.
    hops = nk.graphtools.toUnweighted(G)
    sample = sample_of(n, sources)
    r = {}
    timed(r, "degree", lambda: (nk.centrality.DegreeCentrality(G).run(), nk.centrality.DegreeCentrality(G, outDeg=False).run()))
    if sample is None:
        timed(r, "betweenness", lambda: nk.centrality.Betweenness(hops, normalized=True).run())
        timed(r, "harmonic_closeness", lambda: nk.centrality.HarmonicCloseness(hops, normalized=False).run())
    else:
        timed(r, "betweenness", lambda: nk.centrality.EstimateBetweenness(hops, len(sample), normalized=True, parallel=True).run())
        timed(r, "harmonic_closeness", lambda: nk.centrality.ApproxCloseness(hops, len(sample)).run())
    timed(r, "pagerank", lambda: nk.centrality.PageRank(G).run())
    timed(r, "eigenvector", lambda: nk.centrality.EigenvectorCentrality(G).run())
    U = timed(r, "clustering", lambda: clustering_networkit(nk, G))
    timed(r, "components", lambda: (nk.components.WeaklyConnectedComponents(G).run(), nk.components.StronglyConnectedComponents(G).run()))
    timed(r, "communities", lambda: nk.community.PLM(U, refine=False).run())
    r["total"] = sum(r.values())
    r["extrapolated"] = []
    return r, None


def clustering_networkit(nk, G):
    """NetworKit's local clustering is undirected only: the undirected graph, then it."""
    U = nk.graphtools.toUndirected(G)
    U.indexEdges()
    nk.centrality.LocalClusteringCoefficient(U).run()
    return U


if __name__ == "__main__":
    arguments = argparse.ArgumentParser()
    arguments.add_argument("edges")
    arguments.add_argument("library", choices=["networkx", "igraph", "networkit"])
    arguments.add_argument("--nx-sources", type=int)
    arguments.add_argument("--sources", type=int)
    arguments.add_argument("--write")
    options = arguments.parse_args()
    n, edges = read(options.edges)
    if options.library == "networkx":
        result, columns = networkx(n, edges, options.nx_sources)
    elif options.library == "igraph":
        result, columns = igraph(n, edges, options.sources)
    else:
        result, columns = networkit(n, edges, options.sources)
    if options.write and columns:
        write(options.write, columns)
    print(json.dumps(result))
