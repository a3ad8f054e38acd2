//! Where each person sits on the network map: ForceAtlas2 (Jacomy, Venturini,
//! Heymann and Bastian, 2014), the layout Gephi draws with, with Barnes–Hut
//! approximation of the repulsion.
//!
//! - Ties pull linearly with their length (weight counts, as in Gephi with
//!   edge weight influence 1), and everyone repels everyone in proportion to
//!   (degree + 1) × (degree + 1) / distance.
//! - Gravity is Gephi's "strong gravity": it grows with the distance from the
//!   centre, so people with no tie and small separate groups stay at the
//!   edge of the picture instead of drifting so far that the rest shrinks.
//! - Speed adapts per person (swinging against traction), so the layout
//!   settles instead of oscillating.
//! - Deterministic: the same graph, start and seed give the same positions to
//!   the last bit, on any number of cores (each person's force is summed by one
//!   thread in a fixed order; no hash order).
//! - Warm start: people with a position from an earlier wave start there, and
//!   newcomers start beside the colleagues they are tied to, so that a later
//!   wave's map keeps people where they were and shows what changed.

use crate::graph::{Csr, Graph};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug)]
pub struct LayoutOptions {
    pub seed: u64,
    /// Iterations from scratch; a warm start needs a third of them.
    pub iterations: usize,
    /// Repulsion strength (Gephi's "scaling").
    pub scaling: f64,
    pub gravity: f64,
    /// Barnes–Hut accuracy: a cell this much smaller than its distance counts as one body.
    pub theta: f64,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            seed: 1,
            iterations: 300,
            scaling: 2.0,
            gravity: 0.05,
            theta: 1.2,
        }
    }
}

/// Lays the graph out. `start[i]` is node i's position from an earlier
/// layout, if it had one. Ties are read in both directions.
pub fn force_atlas2(
    graph: &Graph,
    start: &[Option<Position>],
    options: &LayoutOptions,
) -> Vec<Position> {
    let cores = std::thread::available_parallelism().map_or(1, |t| t.get());
    force_atlas2_on(graph, start, options, cores)
}

/// [`force_atlas2`] with the forces computed on at most `threads` threads.
fn force_atlas2_on(
    graph: &Graph,
    start: &[Option<Position>],
    options: &LayoutOptions,
    threads: usize,
) -> Vec<Position> {
    let csr = Csr::new(graph);
    let n = csr.n;
    if n == 0 {
        return Vec::new();
    }
    let neighbours = undirected_neighbours(&csr);
    if neighbours.iter().all(Vec::is_empty) {
        return sunflower(n);
    }
    let forces = Forces {
        mass: neighbours.iter().map(|ns| ns.len() as f64 + 1.0).collect(),
        neighbours,
        options,
        threads: threads.clamp(1, n.div_ceil(PEOPLE_PER_THREAD)),
    };
    let warm = start.iter().any(Option::is_some);
    let mut position = initial_positions(&forces.neighbours, start, options.seed);
    let iterations = if warm {
        (options.iterations / 3).max(1)
    } else {
        options.iterations
    };
    let mut speed = Speed {
        jitter_tolerance: (0.05 * (n as f64).sqrt()).clamp(1.0, 10.0),
        global: 1.0,
        previous_force: vec![(0.0, 0.0); n],
    };
    for _ in 0..iterations {
        let force = forces.on_everyone(&position);
        speed.move_people(&mut position, force, &forces.mass);
    }
    position
}

/// Each person's ties, both directions, without self-ties.
fn undirected_neighbours(csr: &Csr) -> Vec<Vec<(usize, f64)>> {
    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); csr.n];
    for v in 0..csr.n {
        for (&u, &w) in csr.succ(v).iter().zip(csr.succ_w(v)) {
            let u = u as usize;
            if u != v {
                neighbours[v].push((u, w));
                neighbours[u].push((v, w));
            }
        }
    }
    neighbours
}

/// What moves people: repulsion (Barnes–Hut), strong gravity, ties' pull.
struct Forces<'a> {
    neighbours: Vec<Vec<(usize, f64)>>,
    mass: Vec<f64>,
    options: &'a LayoutOptions,
    threads: usize,
}

impl Forces<'_> {
    /// The force on every person, by person.
    fn on_everyone(&self, position: &[Position]) -> Vec<(f64, f64)> {
        let tree = QuadTree::build(position, &self.mass);
        // People near each other walk the same cells of the tree: in that
        // order the cells stay in cache.
        let mut order: Vec<usize> = (0..position.len()).collect();
        order.sort_by_cached_key(|&v| tree.morton(position[v]));
        let forces: Vec<Vec<(f64, f64)>> = if self.threads == 1 {
            vec![self.on(&order, &tree, position)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = order
                    .chunks(order.len().div_ceil(self.threads))
                    .map(|people| scope.spawn(|| self.on(people, &tree, position)))
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().expect("a layout worker panicked"))
                    .collect()
            })
        };
        let mut force = vec![(0.0, 0.0); position.len()];
        for (&v, f) in order.iter().zip(forces.into_iter().flatten()) {
            force[v] = f;
        }
        force
    }

    fn on(&self, people: &[usize], tree: &QuadTree, position: &[Position]) -> Vec<(f64, f64)> {
        let options = self.options;
        let mut stack = Vec::new();
        people
            .iter()
            .map(|&v| {
                let (mut fx, mut fy) = tree.repulsion(
                    v,
                    position,
                    &self.mass,
                    options.theta,
                    options.scaling,
                    &mut stack,
                );
                // Strong gravity: towards the centre, growing with the distance.
                fx -= position[v].x * options.gravity * self.mass[v];
                fy -= position[v].y * options.gravity * self.mass[v];
                for &(u, w) in &self.neighbours[v] {
                    // Each undirected pair is visited from both ends; pull once per visit.
                    fx += (position[u].x - position[v].x) * w * 0.5;
                    fy += (position[u].y - position[v].y) * w * 0.5;
                }
                (fx, fy)
            })
            .collect()
    }
}

/// Adaptive speed (Gephi's implementation of the paper): global speed from
/// swinging against traction, each person slowed by their own swinging.
struct Speed {
    jitter_tolerance: f64,
    global: f64,
    previous_force: Vec<(f64, f64)>,
}

impl Speed {
    fn move_people(&mut self, position: &mut [Position], force: Vec<(f64, f64)>, mass: &[f64]) {
        let n = position.len();
        let mut swinging_total = 0.0;
        let mut traction_total = 0.0;
        let mut swinging = vec![0.0; n];
        for v in 0..n {
            let (fx, fy) = force[v];
            let (px, py) = self.previous_force[v];
            swinging[v] = ((fx - px).powi(2) + (fy - py).powi(2)).sqrt();
            swinging_total += mass[v] * swinging[v];
            traction_total += mass[v] * 0.5 * ((fx + px).powi(2) + (fy + py).powi(2)).sqrt();
        }
        if swinging_total > 0.0 {
            let target =
                self.jitter_tolerance * self.jitter_tolerance * traction_total / swinging_total;
            self.global += (target - self.global).min(0.5 * self.global);
        }
        for v in 0..n {
            let factor = self.global / (1.0 + (self.global * swinging[v]).sqrt());
            let (fx, fy) = force[v];
            // No one jumps further than ten units in one step.
            let step = ((fx * factor).powi(2) + (fy * factor).powi(2)).sqrt();
            let limit = if step > 10.0 { 10.0 / step } else { 1.0 };
            position[v].x += fx * factor * limit;
            position[v].y += fy * factor * limit;
        }
        self.previous_force = force;
    }
}

/// People evenly over a disc, as repulsion and gravity alone would settle
/// them: the picture of a network without ties, at no cost.
fn sunflower(n: usize) -> Vec<Position> {
    (0..n)
        .map(|i| {
            let radius = 10.0 * (i as f64 + 0.5).sqrt();
            let angle = i as f64 * GOLDEN_ANGLE;
            Position {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
            }
        })
        .collect()
}

/// Known positions stay; the rest start at the mean of their placed
/// neighbours (found breadth-first from the placed), or at random.
fn initial_positions(
    neighbours: &[Vec<(usize, f64)>],
    start: &[Option<Position>],
    seed: u64,
) -> Vec<Position> {
    let n = neighbours.len();
    let mut rng = StdRng::seed_from_u64(seed);
    let spread = 10.0 * (n as f64).sqrt();
    let mut placed: Vec<Option<Position>> =
        (0..n).map(|v| start.get(v).copied().flatten()).collect();
    if placed.iter().all(Option::is_none) {
        return (0..n)
            .map(|_| Position {
                x: rng.gen_range(-spread..spread),
                y: rng.gen_range(-spread..spread),
            })
            .collect();
    }
    let mut frontier: Vec<usize> = (0..n).filter(|&v| placed[v].is_some()).collect();
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for v in 0..n {
            if placed[v].is_some() {
                continue;
            }
            let near: Vec<Position> = neighbours[v]
                .iter()
                .filter_map(|&(u, _)| placed[u])
                .collect();
            if !near.is_empty() {
                let k = near.len() as f64;
                placed[v] = Some(Position {
                    x: near.iter().map(|p| p.x).sum::<f64>() / k + rng.gen_range(-1.0..1.0),
                    y: near.iter().map(|p| p.y).sum::<f64>() / k + rng.gen_range(-1.0..1.0),
                });
                next.push(v);
            }
        }
        frontier = next;
    }
    placed
        .into_iter()
        .map(|p| {
            p.unwrap_or_else(|| Position {
                x: rng.gen_range(-spread..spread),
                y: rng.gen_range(-spread..spread),
            })
        })
        .collect()
}

/// A Barnes–Hut quadtree of masses.
struct QuadTree {
    cells: Vec<Cell>,
}

struct Cell {
    /// Centre and half the side of the square.
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    /// Centre of mass.
    mx: f64,
    my: f64,
    /// The one body of a leaf, or `None` for an empty or inner cell.
    body: Option<usize>,
    /// Index of the first of four children, 0 for a leaf.
    children: usize,
}

/// Radians between consecutive people of a sunflower: they never line up.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Fewer people than this per thread cost more in starting threads than they save.
const PEOPLE_PER_THREAD: usize = 2_000;

/// Below this size coincident bodies share a leaf rather than split forever.
const MIN_HALF: f64 = 1e-6;

impl QuadTree {
    fn build(position: &[Position], mass: &[f64]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in position {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) * 1.0001;
        let mut tree = QuadTree {
            cells: vec![Cell::empty((x0 + x1) / 2.0, (y0 + y1) / 2.0, half)],
        };
        for (v, p) in position.iter().enumerate() {
            tree.insert(0, v, *p, mass[v], position, mass);
        }
        tree
    }

    fn insert(
        &mut self,
        at: usize,
        v: usize,
        p: Position,
        m: f64,
        position: &[Position],
        mass: &[f64],
    ) {
        let mut cell = at;
        loop {
            let c = &mut self.cells[cell];
            let total = c.mass + m;
            c.mx = (c.mx * c.mass + p.x * m) / total;
            c.my = (c.my * c.mass + p.y * m) / total;
            c.mass = total;
            if c.children != 0 {
                cell = self.child_for(cell, p);
                continue;
            }
            match c.body {
                None if c.mass == m => {
                    c.body = Some(v);
                    return;
                }
                // Too small to split further: the bodies share the leaf's mass.
                _ if c.half < MIN_HALF => return,
                Some(other) => {
                    c.body = None;
                    let (cx, cy, half) = (c.cx, c.cy, c.half / 2.0);
                    let first = self.cells.len();
                    self.cells[cell].children = first;
                    for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                        self.cells
                            .push(Cell::empty(cx + dx * half, cy + dy * half, half));
                    }
                    let q = position[other];
                    let child = self.child_for(cell, q);
                    let c = &mut self.cells[child];
                    c.mass = mass[other];
                    c.mx = q.x;
                    c.my = q.y;
                    c.body = Some(other);
                    cell = self.child_for(cell, p);
                }
                None => return,
            }
        }
    }

    /// The point's place along a Z-order curve over the tree's square.
    fn morton(&self, p: Position) -> u64 {
        let root = &self.cells[0];
        let scale = f64::from(u32::MAX) / (2.0 * root.half);
        let spread = |t: f64| {
            // Interleaves the bits of a 32-bit coordinate with zeros.
            let mut x = t.clamp(0.0, f64::from(u32::MAX)) as u64;
            x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
            x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
            x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
            x = (x | (x << 2)) & 0x3333_3333_3333_3333;
            (x | (x << 1)) & 0x5555_5555_5555_5555
        };
        let x = spread((p.x - (root.cx - root.half)) * scale);
        let y = spread((p.y - (root.cy - root.half)) * scale);
        x | (y << 1)
    }

    fn child_for(&self, cell: usize, p: Position) -> usize {
        let c = &self.cells[cell];
        let east = usize::from(p.x >= c.cx);
        let south = usize::from(p.y >= c.cy);
        c.children + east + 2 * south
    }

    /// The repulsion on body `v`: (deg+1)(deg+1) × scaling / distance.
    fn repulsion(
        &self,
        v: usize,
        position: &[Position],
        mass: &[f64],
        theta: f64,
        scaling: f64,
        stack: &mut Vec<usize>,
    ) -> (f64, f64) {
        let p = position[v];
        let mut fx = 0.0;
        let mut fy = 0.0;
        stack.clear();
        stack.push(0);
        while let Some(cell) = stack.pop() {
            let c = &self.cells[cell];
            if c.mass == 0.0 {
                continue;
            }
            let dx = p.x - c.mx;
            let dy = p.y - c.my;
            let d2 = dx * dx + dy * dy;
            let leaf = c.children == 0;
            if !leaf && (2.0 * c.half) * (2.0 * c.half) >= theta * theta * d2 {
                stack.extend(c.children..c.children + 4);
                continue;
            }
            // v's own leaf counts only for bodies that share it with v.
            let m = if leaf && c.body == Some(v) {
                c.mass - mass[v]
            } else {
                c.mass
            };
            if m <= 0.0 {
                continue;
            }
            if d2 > 1e-18 {
                let f = scaling * mass[v] * m / d2;
                fx += dx * f;
                fy += dy * f;
            } else {
                // People on the same spot: push each its own way (the golden
                // angle spreads them evenly, and the same way every run).
                let angle = v as f64 * GOLDEN_ANGLE;
                let f = scaling * mass[v] * m;
                fx += angle.cos() * f;
                fy += angle.sin() * f;
            }
        }
        (fx, fy)
    }
}

impl Cell {
    fn empty(cx: f64, cy: f64, half: f64) -> Cell {
        Cell {
            cx,
            cy,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            body: None,
            children: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphBuilder;
    use std::collections::BTreeMap;

    fn two_cliques() -> Graph {
        let mut b = GraphBuilder::new();
        for i in 0..20 {
            b.node(&i.to_string(), BTreeMap::new());
        }
        for group in [0..10, 10..20] {
            for i in group.clone() {
                for j in group.clone() {
                    if i != j {
                        b.edge(&i.to_string(), &j.to_string(), 1.0);
                    }
                }
            }
        }
        b.edge("0", "10", 1.0);
        b.build()
    }

    fn distance(a: Position, b: Position) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn the_same_input_gives_the_same_positions() {
        let g = two_cliques();
        let a = force_atlas2(&g, &[], &LayoutOptions::default());
        let b = force_atlas2(&g, &[], &LayoutOptions::default());
        assert_eq!(a, b);
        let other = force_atlas2(
            &g,
            &[],
            &LayoutOptions {
                seed: 2,
                ..LayoutOptions::default()
            },
        );
        assert_ne!(a, other, "the seed matters");
        assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn groups_that_are_tied_among_themselves_sit_together() {
        let g = two_cliques();
        let p = force_atlas2(&g, &[], &LayoutOptions::default());
        let mean = |range: std::ops::Range<usize>| {
            let k = range.len() as f64;
            let (x, y) = range.fold((0.0, 0.0), |(x, y), i| (x + p[i].x, y + p[i].y));
            Position { x: x / k, y: y / k }
        };
        let (a, b) = (mean(0..10), mean(10..20));
        let spread_a = (0..10).map(|i| distance(p[i], a)).fold(0.0, f64::max);
        let spread_b = (10..20).map(|i| distance(p[i], b)).fold(0.0, f64::max);
        assert!(
            distance(a, b) > spread_a + spread_b,
            "the two groups overlap: centres {} apart, radii {spread_a} and {spread_b}",
            distance(a, b)
        );
    }

    #[test]
    fn a_warm_start_keeps_people_near_where_they_were() {
        let g = two_cliques();
        let before = force_atlas2(&g, &[], &LayoutOptions::default());
        let start: Vec<Option<Position>> = before.iter().copied().map(Some).collect();
        let after = force_atlas2(&g, &start, &LayoutOptions::default());
        let size = before
            .iter()
            .map(|p| distance(*p, Position { x: 0.0, y: 0.0 }))
            .fold(0.0, f64::max);
        for (a, b) in before.iter().zip(&after) {
            assert!(
                distance(*a, *b) < 0.25 * size,
                "moved from {a:?} to {b:?} (map size {size})"
            );
        }
    }

    #[test]
    fn a_network_without_ties_is_a_disc_of_people_apart() {
        let mut b = GraphBuilder::new();
        for i in 0..500 {
            b.node(&i.to_string(), BTreeMap::new());
        }
        let p = force_atlas2(&b.build(), &[], &LayoutOptions::default());
        let radius = p
            .iter()
            .map(|q| distance(*q, Position { x: 0.0, y: 0.0 }))
            .fold(0.0, f64::max);
        // A disc: half the people within 1/√2 of the radius.
        let inner = p
            .iter()
            .filter(|q| distance(**q, Position { x: 0.0, y: 0.0 }) < radius / 2f64.sqrt())
            .count();
        assert!(
            (240..=260).contains(&inner),
            "{inner} of 500 in the inner half"
        );
        let closest = (0..p.len())
            .flat_map(|a| (a + 1..p.len()).map(move |b| (a, b)))
            .map(|(a, b)| distance(p[a], p[b]))
            .fold(f64::MAX, f64::min);
        assert!(
            closest > 0.02 * radius,
            "two people {closest} apart on a disc of radius {radius}"
        );
    }

    #[test]
    fn the_positions_do_not_depend_on_the_number_of_threads() {
        // Above PEOPLE_PER_THREAD the forces are split across threads.
        let g =
            crate::synthetic::generate(&crate::synthetic::Spec::company(3 * PEOPLE_PER_THREAD, 3))
                .graph(0);
        let options = LayoutOptions {
            iterations: 20,
            ..LayoutOptions::default()
        };
        assert_eq!(
            force_atlas2_on(&g, &[], &options, 3),
            force_atlas2_on(&g, &[], &options, 1)
        );
    }

    #[test]
    fn coincident_and_isolated_people_get_finite_positions() {
        let mut b = GraphBuilder::new();
        for i in 0..5 {
            b.node(&i.to_string(), BTreeMap::new());
        }
        b.edge("0", "1", 1.0);
        let g = b.build();
        let same = Some(Position { x: 3.0, y: 3.0 });
        let p = force_atlas2(
            &g,
            &[same, same, same, same, None],
            &LayoutOptions::default(),
        );
        assert!(
            p.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
            "{p:?}"
        );
        assert_ne!(p[2], p[3], "coincident people are pushed apart");
    }
}
