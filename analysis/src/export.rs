//! A network as files other tools open: GEXF 1.3 (Gephi), GraphML (NetworkX,
//! yEd, igraph), and two CSV files (ties, and one row per person).
//!
//! The writers take a [`Network`] that already holds everything to write, so
//! they decide nothing about who may see what.

use crate::layout::Position;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Named attribute values of one node or edge, in the order they are written.
pub type Attributes = Vec<(String, Option<Value>)>;

/// A value of a node or edge attribute.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Number(f64),
}

#[derive(Clone, Debug, Default)]
pub struct ExportNode {
    pub id: String,
    pub label: String,
    /// The same names for every node.
    pub attributes: Attributes,
    pub position: Option<Position>,
    /// Red, green, blue.
    pub color: Option<(u8, u8, u8)>,
    pub size: Option<f64>,
}

#[derive(Clone, Debug, Default)]
pub struct ExportEdge {
    pub source: String,
    pub target: String,
    pub weight: f64,
    pub attributes: Attributes,
}

#[derive(Clone, Debug, Default)]
pub struct Network {
    pub title: String,
    pub directed: bool,
    pub nodes: Vec<ExportNode>,
    pub edges: Vec<ExportEdge>,
}

/// An attribute's name and its type, taken from the first value it has.
fn columns(rows: &[&[(String, Option<Value>)]]) -> Vec<(String, &'static str)> {
    let mut names: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    for row in rows {
        for (name, _) in row.iter() {
            if seen.insert(name.clone()) {
                names.push(name.clone());
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let kind = rows
                .iter()
                .flat_map(|row| row.iter())
                .filter(|(n, _)| *n == name)
                .find_map(|(_, v)| v.as_ref())
                .map_or("string", |v| match v {
                    Value::Text(_) => "string",
                    Value::Integer(_) => "long",
                    Value::Number(_) => "double",
                });
            (name, kind)
        })
        .collect()
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry other control characters at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn text_of(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        // Shortest text that reads back as the same number; a negative zero
        // (a product of rounding, say an E-I index) is written as 0.
        Value::Number(x) if *x == 0.0 => "0.0".into(),
        Value::Number(x) => format!("{x:?}"),
    }
}

/// GEXF 1.3 with the viz module: positions, colours and sizes, every attribute
/// declared with its type, tie weights.
pub fn gexf(network: &Network, date: &str) -> String {
    let node_rows: Vec<&[(String, Option<Value>)]> = network
        .nodes
        .iter()
        .map(|n| n.attributes.as_slice())
        .collect();
    let edge_rows: Vec<&[(String, Option<Value>)]> = network
        .edges
        .iter()
        .map(|e| e.attributes.as_slice())
        .collect();
    let node_columns = columns(&node_rows);
    let edge_columns = columns(&edge_rows);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let _ = writeln!(
        out,
        "  <meta lastmodifieddate=\"{}\">\n    <creator>Knit</creator>\n    <description>{}</description>\n  </meta>",
        xml(date),
        xml(&network.title)
    );
    let edge_type = if network.directed {
        "directed"
    } else {
        "undirected"
    };
    let _ = writeln!(
        out,
        "  <graph defaultedgetype=\"{edge_type}\" mode=\"static\">"
    );
    for (class, cols) in [("node", &node_columns), ("edge", &edge_columns)] {
        gexf_attribute_declarations(&mut out, class, cols);
    }
    out.push_str("    <nodes>\n");
    for node in &network.nodes {
        gexf_node(&mut out, node, &node_columns);
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in network.edges.iter().enumerate() {
        gexf_edge(&mut out, i, edge, &edge_columns);
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn gexf_attribute_declarations(out: &mut String, class: &str, cols: &[(String, &str)]) {
    if cols.is_empty() {
        return;
    }
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for (i, (name, kind)) in cols.iter().enumerate() {
        let gexf_type = match *kind {
            "long" => "long",
            "double" => "double",
            _ => "string",
        };
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{gexf_type}\"/>",
            xml(name)
        );
    }
    out.push_str("    </attributes>\n");
}

fn gexf_node(out: &mut String, node: &ExportNode, cols: &[(String, &str)]) {
    let _ = writeln!(
        out,
        "      <node id=\"{}\" label=\"{}\">",
        xml(&node.id),
        xml(&node.label)
    );
    gexf_attvalues(out, cols, &node.attributes, "        ");
    if let Some(p) = node.position {
        let _ = writeln!(
            out,
            "        <viz:position x=\"{:?}\" y=\"{:?}\" z=\"0.0\"/>",
            p.x, p.y
        );
    }
    if let Some((r, g, b)) = node.color {
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
    }
    if let Some(size) = node.size {
        let _ = writeln!(out, "        <viz:size value=\"{size:?}\"/>");
    }
    out.push_str("      </node>\n");
}

fn gexf_edge(out: &mut String, i: usize, edge: &ExportEdge, cols: &[(String, &str)]) {
    let _ = write!(
        out,
        "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{:?}\"",
        xml(&edge.source),
        xml(&edge.target),
        edge.weight
    );
    if cols.is_empty() || edge.attributes.iter().all(|(_, v)| v.is_none()) {
        out.push_str("/>\n");
    } else {
        out.push_str(">\n");
        gexf_attvalues(out, cols, &edge.attributes, "        ");
        out.push_str("      </edge>\n");
    }
}

/// A row's values, by the index of their declared column.
fn gexf_attvalues(
    out: &mut String,
    cols: &[(String, &str)],
    row: &[(String, Option<Value>)],
    indent: &str,
) {
    let values: Vec<(usize, String)> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, (name, _))| {
            row.iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, v)| v.as_ref())
                .map(|v| (i, text_of(v)))
        })
        .collect();
    if values.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}<attvalues>");
    for (i, v) in values {
        let _ = writeln!(
            out,
            "{indent}  <attvalue for=\"{i}\" value=\"{}\"/>",
            xml(&v)
        );
    }
    let _ = writeln!(out, "{indent}</attvalues>");
}

/// GraphML: every attribute a typed key; positions as `x` and `y`, tie weight
/// as `weight`.
pub fn graphml(network: &Network) -> String {
    let mut node_rows: Vec<Vec<(String, Option<Value>)>> = Vec::new();
    for node in &network.nodes {
        let mut row = vec![("label".to_string(), Some(Value::Text(node.label.clone())))];
        row.extend(node.attributes.iter().cloned());
        if let Some(p) = node.position {
            row.push(("x".into(), Some(Value::Number(p.x))));
            row.push(("y".into(), Some(Value::Number(p.y))));
        }
        node_rows.push(row);
    }
    let edge_rows: Vec<Vec<(String, Option<Value>)>> = network
        .edges
        .iter()
        .map(|e| {
            let mut row = vec![("weight".to_string(), Some(Value::Number(e.weight)))];
            row.extend(e.attributes.iter().cloned());
            row
        })
        .collect();
    let node_columns = columns(&node_rows.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let edge_columns = columns(&edge_rows.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (class, prefix, cols) in [("node", "n", &node_columns), ("edge", "e", &edge_columns)] {
        for (i, (name, kind)) in cols.iter().enumerate() {
            let _ = writeln!(
                out,
                "  <key id=\"{prefix}{i}\" for=\"{class}\" attr.name=\"{}\" attr.type=\"{kind}\"/>",
                xml(name)
            );
        }
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"{}\">",
        xml(&network.title),
        if network.directed {
            "directed"
        } else {
            "undirected"
        }
    );
    let data = |out: &mut String,
                prefix: &str,
                cols: &[(String, &str)],
                row: &[(String, Option<Value>)]| {
        for (i, (name, _)) in cols.iter().enumerate() {
            if let Some(v) = row
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, v)| v.as_ref())
            {
                let _ = writeln!(
                    out,
                    "      <data key=\"{prefix}{i}\">{}</data>",
                    xml(&text_of(v))
                );
            }
        }
    };
    for (node, row) in network.nodes.iter().zip(&node_rows) {
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&node.id));
        data(&mut out, "n", &node_columns, row);
        out.push_str("    </node>\n");
    }
    for (edge, row) in network.edges.iter().zip(&edge_rows) {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            xml(&edge.source),
            xml(&edge.target)
        );
        data(&mut out, "e", &edge_columns, row);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// A cell a spreadsheet would run as a formula (one starting with =, +, -,
/// @, a tab or a carriage return, and not a number) gets a leading
/// apostrophe, as OWASP advises against CSV injection; Knit's roster import
/// removes it again. Every CSV Knit writes goes through it ([`Csv`]).
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err() {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A CSV file written through the `csv` crate, every cell made
/// [`spreadsheet_safe`], lines ending in CRLF.
pub struct Csv(csv::Writer<Vec<u8>>);

impl Default for Csv {
    fn default() -> Csv {
        Csv(csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new()))
    }
}

impl Csv {
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Writing to memory cannot fail.
        for cell in cells {
            self.0
                .write_field(spreadsheet_safe(cell.as_ref()).as_bytes())
                .ok();
        }
        self.0.write_record(None::<&[u8]>).ok();
    }

    pub fn text(self) -> String {
        let bytes = self.0.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A CSV table: the fixed columns of each row, then every attribute any row has.
fn table_csv<'a>(
    fixed: &[&str],
    rows: impl Iterator<Item = (Vec<String>, &'a Attributes)> + Clone,
) -> String {
    let attribute_rows: Vec<&[(String, Option<Value>)]> =
        rows.clone().map(|(_, a)| a.as_slice()).collect();
    let cols = columns(&attribute_rows);
    let mut out = Csv::default();
    out.row(
        fixed
            .iter()
            .map(|c| c.to_string())
            .chain(cols.iter().map(|(n, _)| n.clone())),
    );
    for (first, attributes) in rows {
        out.row(
            first
                .into_iter()
                .chain(cols.iter().map(|(name, _)| value_in(attributes, name))),
        );
    }
    out.text()
}

/// One row per tie: each end by id, name and email (so that the file opens
/// in a spreadsheet or R without a lookup), the weight, then the ties'
/// attributes. The email columns are there when the nodes have an `email`.
pub fn ties_csv(network: &Network) -> String {
    let with_email = network
        .nodes
        .iter()
        .any(|n| n.attributes.iter().any(|(name, _)| name == "email"));
    let ends: HashMap<&str, [String; 2]> = network
        .nodes
        .iter()
        .map(|n| {
            (
                n.id.as_str(),
                [n.label.clone(), value_in(&n.attributes, "email")],
            )
        })
        .collect();
    let end = |id: &String| {
        let [name, email] = ends.get(id.as_str()).cloned().unwrap_or_default();
        let mut cells = vec![id.clone(), name];
        if with_email {
            cells.push(email);
        }
        cells
    };
    let header: &[&str] = if with_email {
        &[
            "source",
            "source_name",
            "source_email",
            "target",
            "target_name",
            "target_email",
            "weight",
        ]
    } else {
        &["source", "source_name", "target", "target_name", "weight"]
    };
    table_csv(
        header,
        network.edges.iter().map(|e| {
            let mut cells = end(&e.source);
            cells.extend(end(&e.target));
            cells.push(text_of(&Value::Number(e.weight)));
            (cells, &e.attributes)
        }),
    )
}

/// One row per person: id, label, then every attribute (roster facts and metrics).
pub fn nodes_csv(network: &Network) -> String {
    table_csv(
        &["id", "label"],
        network
            .nodes
            .iter()
            .map(|n| (vec![n.id.clone(), n.label.clone()], &n.attributes)),
    )
}

fn value_in(row: &[(String, Option<Value>)], name: &str) -> String {
    row.iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_ref())
        .map(text_of)
        .unwrap_or_default()
}

/// The map as an SVG picture: ties as faint lines, people as dots in their
/// colour and size with their name on hover, and a legend of the colours.
/// `focus` names a person whose ties are drawn dark and who is labelled.
pub fn svg(network: &Network, legend: &[(String, (u8, u8, u8))], focus: Option<&str>) -> String {
    const SIDE: f64 = 1000.0;
    const MARGIN: f64 = 40.0;
    let placed: Vec<Position> = network.nodes.iter().filter_map(|n| n.position).collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in &placed {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let span = (x1 - x0).max(y1 - y0).max(1e-9);
    let scale = (SIDE - 2.0 * MARGIN) / span;
    let at = |p: Position| {
        (
            MARGIN + (p.x - x0) * scale + (SIDE - 2.0 * MARGIN - (x1 - x0) * scale) / 2.0,
            MARGIN + (p.y - y0) * scale + (SIDE - 2.0 * MARGIN - (y1 - y0) * scale) / 2.0,
        )
    };
    let index: std::collections::HashMap<&str, Position> = network
        .nodes
        .iter()
        .filter_map(|n| n.position.map(|p| (n.id.as_str(), p)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SIDE} {SIDE}\" width=\"{SIDE}\" height=\"{SIDE}\" role=\"img\" aria-label=\"Network map\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&network.title));
    let lines = |out: &mut String, edges: &mut dyn Iterator<Item = &ExportEdge>| {
        for edge in edges {
            if let (Some(&a), Some(&b)) = (
                index.get(edge.source.as_str()),
                index.get(edge.target.as_str()),
            ) {
                let ((ax, ay), (bx, by)) = (at(a), at(b));
                let _ = writeln!(
                    out,
                    "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{bx:.1}\" y2=\"{by:.1}\"/>"
                );
            }
        }
    };
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g stroke=\"#8a8f98\" stroke-opacity=\"0.35\" stroke-width=\"0.8\">\n");
    lines(&mut out, &mut network.edges.iter());
    // The found person's ties, again, dark and on top.
    out.push_str("</g>\n<g stroke=\"#1f2430\" stroke-opacity=\"0.8\" stroke-width=\"1.6\">\n");
    lines(
        &mut out,
        &mut network
            .edges
            .iter()
            .filter(|e| focus.is_some_and(|f| e.source == f || e.target == f)),
    );
    out.push_str("</g>\n<g stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
    for node in &network.nodes {
        let Some(p) = node.position else { continue };
        let (x, y) = at(p);
        let (r, g, b) = node.color.unwrap_or((120, 120, 120));
        let radius = node.size.unwrap_or(4.0).clamp(2.0, 30.0) * 0.9;
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"#{r:02x}{g:02x}{b:02x}\"><title>{}</title></circle>",
            xml(&node.label)
        );
    }
    out.push_str("</g>\n<g font-family=\"sans-serif\" font-size=\"14\" fill=\"#1f2430\">\n");
    if let Some(node) = focus.and_then(|f| network.nodes.iter().find(|n| n.id == f)) {
        if let Some(p) = node.position {
            let (x, y) = at(p);
            let radius = node.size.unwrap_or(4.0).clamp(2.0, 30.0) * 0.9;
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"none\" stroke=\"#1f2430\" stroke-width=\"2.5\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
                radius + 4.0,
                y - radius - 8.0,
                xml(&node.label)
            );
        }
    }
    for (i, (label, (r, g, b))) in legend.iter().enumerate() {
        let y = 20.0 + 20.0 * i as f64;
        let _ = writeln!(
            out,
            "<circle cx=\"16\" cy=\"{y}\" r=\"6\" fill=\"#{r:02x}{g:02x}{b:02x}\"/><text x=\"28\" y=\"{}\">{}</text>",
            y + 5.0,
            xml(label)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The group map: groups as circles sized by headcount, lines between groups
/// as thick as the density of ties between them (both directions), laid out
/// by ForceAtlas2 on the groups' ties. `colours[a]` is group a's colour.
/// `note`, when given, is written at the foot (what the picture leaves out, say).
pub fn group_svg(
    matrix: &crate::groups::GroupMatrix,
    colours: &[(u8, u8, u8)],
    note: Option<&str>,
) -> String {
    const SIDE: f64 = 600.0;
    let k = matrix.groups.len();
    let largest = matrix.sizes.iter().copied().max().unwrap_or(1).max(1) as f64;
    let radius = |a: usize| 8.0 + 40.0 * (matrix.sizes[a] as f64 / largest).sqrt();
    let centres = group_centres(matrix, SIDE);
    let at = |a: usize| centres[a];
    let densest = (0..k)
        .flat_map(|a| ((a + 1)..k).map(move |c| (a, c)))
        .filter_map(|(a, c)| pair_density(matrix, a, c))
        .fold(0.0, f64::max)
        .max(1e-12);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SIDE} {SIDE}\" width=\"{SIDE}\" height=\"{SIDE}\" role=\"img\" aria-label=\"Group map\">"
    );
    let _ = writeln!(out, "<title>Groups by {}</title>", xml(&matrix.attribute));
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g stroke=\"#6b7280\" stroke-linecap=\"round\">\n");
    for a in 0..k {
        for c in (a + 1)..k {
            let Some(d) = pair_density(matrix, a, c).filter(|d| *d > 0.0) else {
                continue;
            };
            let ((ax, ay), (cx, cy)) = (at(a), at(c));
            let _ = writeln!(
                out,
                "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{cx:.1}\" y2=\"{cy:.1}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.45\"><title>{} ↔ {}: {:.1}% of possible ties</title></line>",
                1.0 + 11.0 * d / densest,
                xml(&matrix.groups[a]),
                xml(&matrix.groups[c]),
                d * 100.0
            );
        }
    }
    out.push_str("</g>\n<g font-family=\"sans-serif\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1f2430\">\n");
    for a in 0..k {
        let (x, y) = at(a);
        let (r, g, b) = colours.get(a).copied().unwrap_or((150, 150, 150));
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#{r:02x}{g:02x}{b:02x}\" stroke=\"#ffffff\" stroke-width=\"2\"><title>{}: {} people</title></circle><text x=\"{x:.1}\" y=\"{:.1}\">{} ({})</text>",
            radius(a),
            xml(&matrix.groups[a]),
            matrix.sizes[a],
            y + radius(a) + 15.0,
            xml(&matrix.groups[a]),
            matrix.sizes[a]
        );
    }
    out.push_str("</g>\n");
    if let Some(note) = note {
        let _ = writeln!(
            out,
            "<text x=\"12\" y=\"{:.0}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#5b6475\">{}</text>",
            SIDE - 10.0,
            xml(note)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Where each group's circle sits on a `side`-wide square: ForceAtlas2 on the
/// groups' ties, scaled by the longer side and centred along the shorter.
fn group_centres(matrix: &crate::groups::GroupMatrix, side: f64) -> Vec<(f64, f64)> {
    use crate::layout::{force_atlas2, LayoutOptions};
    let k = matrix.groups.len();
    if k == 1 {
        return vec![(side / 2.0, side / 2.0)];
    }
    let mut b = crate::GraphBuilder::new();
    for a in 0..k {
        b.node(&a.to_string(), Default::default());
    }
    let between = |a: usize, c: usize| matrix.ties[a][c] + matrix.ties[c][a];
    for a in 0..k {
        for c in (a + 1)..k {
            if between(a, c) > 0 {
                b.edge(&a.to_string(), &c.to_string(), between(a, c) as f64);
            }
        }
    }
    let positions = force_atlas2(
        &b.build(),
        &[],
        &LayoutOptions {
            scaling: 50.0,
            ..LayoutOptions::default()
        },
    );
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in &positions {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let margin = 70.0;
    let span = (x1 - x0).max(y1 - y0).max(1e-9);
    let inner = side - 2.0 * margin;
    positions
        .iter()
        .map(|p| {
            (
                margin + (p.x - x0) / span * inner + (inner - (x1 - x0) / span * inner) / 2.0,
                margin + (p.y - y0) / span * inner + (inner - (y1 - y0) / span * inner) / 2.0,
            )
        })
        .collect()
}

/// Ties between two groups, both ways, over the possible ones.
fn pair_density(matrix: &crate::groups::GroupMatrix, a: usize, c: usize) -> Option<f64> {
    let possible = 2 * matrix.sizes[a] * matrix.sizes[c];
    (possible > 0).then(|| (matrix.ties[a][c] + matrix.ties[c][a]) as f64 / possible as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Network {
        Network {
            title: "Help <network> & more".into(),
            directed: true,
            nodes: vec![
                ExportNode {
                    id: "1".into(),
                    label: "Zoë \"Z\" <script>".into(),
                    attributes: vec![
                        ("department".into(), Some(Value::Text("R&D".into()))),
                        ("in_degree".into(), Some(Value::Integer(1))),
                        ("betweenness".into(), Some(Value::Number(0.1))),
                    ],
                    position: Some(Position { x: 1.5, y: -2.0 }),
                    color: Some((1, 2, 3)),
                    size: Some(4.0),
                },
                ExportNode {
                    id: "2".into(),
                    label: "=cmd()".into(),
                    attributes: vec![
                        ("department".into(), None),
                        ("in_degree".into(), Some(Value::Integer(0))),
                        ("betweenness".into(), Some(Value::Number(0.0))),
                    ],
                    ..ExportNode::default()
                },
            ],
            edges: vec![ExportEdge {
                source: "2".into(),
                target: "1".into(),
                weight: 2.0,
                attributes: vec![],
            }],
        }
    }

    #[test]
    fn numbers_read_back_and_no_zero_is_negative() {
        assert_eq!(text_of(&Value::Number(-0.0)), "0.0");
        assert_eq!(text_of(&Value::Number(0.1)), "0.1");
        assert_eq!(text_of(&Value::Number(-0.25)), "-0.25");
    }

    #[test]
    fn text_is_escaped_and_types_are_declared() {
        let out = gexf(&sample(), "2026-12-02");
        assert!(
            out.contains("label=\"Zoë &quot;Z&quot; &lt;script&gt;\""),
            "{out}"
        );
        assert!(out.contains("<description>Help &lt;network&gt; &amp; more</description>"));
        assert!(out.contains("title=\"in_degree\" type=\"long\""));
        assert!(out.contains("title=\"betweenness\" type=\"double\""));
        assert!(out.contains("<viz:position x=\"1.5\" y=\"-2.0\" z=\"0.0\"/>"));
        let ml = graphml(&sample());
        assert!(
            ml.contains("attr.name=\"weight\" attr.type=\"double\""),
            "{ml}"
        );
        assert!(!ml.contains("<script>"));
    }

    #[test]
    fn the_picture_has_every_placed_person_and_names_them() {
        let out = svg(&sample(), &[("R&D".into(), (1, 2, 3))], None);
        assert!(out.contains("aria-label=\"Network map\""));
        assert_eq!(
            out.matches("<circle").count(),
            2,
            "one placed person, one legend dot"
        );
        assert!(out.contains("<title>Zoë &quot;Z&quot; &lt;script&gt;</title>"));
        assert!(out.contains(">R&amp;D</text>"));
        assert!(
            !out.contains("<line"),
            "the tie's other end has no position"
        );
    }

    #[test]
    fn the_group_map_draws_each_group_and_each_pair_with_ties() {
        let matrix = crate::groups::GroupMatrix {
            attribute: "team".into(),
            groups: vec!["A&B".into(), "C".into(), "D".into()],
            sizes: vec![4, 2, 1],
            ties: vec![vec![3, 2, 0], vec![1, 1, 0], vec![0, 0, 0]],
            density: vec![vec![None; 3]; 3],
            ei_index: vec![None; 3],
        };
        let out = group_svg(&matrix, &[(1, 2, 3)], None);
        assert!(out.contains("aria-label=\"Group map\""));
        assert_eq!(out.matches("<circle").count(), 3);
        assert_eq!(out.matches("<line").count(), 1, "only A&B and C are tied");
        assert!(out.contains("A&amp;B ↔ C: 18.8% of possible ties"), "{out}");
        assert!(out.contains(">D (1)</text>"));
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        for dangerous in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(
                spreadsheet_safe(dangerous).starts_with('\''),
                "{dangerous:?}"
            );
        }
        for harmless in ["Ana Lima", "a-b", "-2", "+3.5", ""] {
            assert_eq!(spreadsheet_safe(harmless), harmless);
        }
    }

    #[test]
    fn csv_cells_cannot_run_as_formulas() {
        let out = nodes_csv(&sample());
        assert!(
            out.starts_with("id,label,department,in_degree,betweenness\r\n"),
            "{out}"
        );
        assert!(out.contains("2,'=cmd(),,0,0.0\r\n"), "{out}");
        assert!(out.contains("\"Zoë \"\"Z\"\" <script>\""), "{out}");
        assert_eq!(
            ties_csv(&sample()),
            "source,source_name,target,target_name,weight\r\n2,'=cmd(),1,\"Zoë \"\"Z\"\" <script>\",2.0\r\n"
        );
    }
}
