// Knit's interactive network map: WebGL, no dependencies, loaded only by pages
// that draw a map. Each empty <div data-map-src> becomes a map of the network
// its address serves; the SVG picture beside it stays for browsers without
// JavaScript or WebGL. Pan and zoom only move the camera (two numbers sent to
// the graphics card); colours, sizes and filters rebuild the buffers once per
// change. Ties and dots are drawn into a picture, redrawn when the camera
// rests: tens of thousands of lines and dots cost a software renderer (a
// browser without a graphics card) more than a frame, while moving that
// picture along with the camera costs next to nothing, so pan and zoom stay
// smooth; names are written afresh on every frame. A large network arrives
// as its departments first (a dot each, where its people sit on average):
// opening one loads its people, so no browser is sent a whole company at once.

const FADED = [222, 225, 230];
const TIE = [110, 116, 128, 0.22];
const TIE_FADED = [110, 116, 128, 0.05];
const TIE_NEAR = [40, 44, 52, 0.85];
const LABELS = 30;
// How long after the last pan or zoom the picture is drawn afresh.
const REST_MS = 120;
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 80;

const NODE_VERTEX = `
attribute vec2 a_pos; attribute float a_size; attribute vec4 a_color;
uniform vec2 u_center; uniform vec2 u_scale; uniform float u_size; uniform float u_max;
varying vec4 v_color; varying float v_px;
void main() {
  gl_Position = vec4((a_pos - u_center) * u_scale, 0.0, 1.0);
  gl_PointSize = min(a_size * u_size, u_max);
  v_color = a_color; v_px = gl_PointSize;
}`;
const NODE_FRAGMENT = `
precision mediump float;
varying vec4 v_color; varying float v_px;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float d = dot(c, c);
  if (d > 1.0) discard;
  float r = sqrt(d);
  float rim = 1.0 - 2.5 / max(v_px, 2.5);
  // A darker rim, and an edge softened over one pixel.
  float alpha = v_color.a * (1.0 - smoothstep(1.0 - 2.0 / v_px, 1.0, r));
  gl_FragColor = vec4(r > rim ? v_color.rgb * 0.62 : v_color.rgb, alpha);
}`;
const TIE_VERTEX = `
attribute vec2 a_pos; attribute vec4 a_color;
uniform vec2 u_center; uniform vec2 u_scale;
varying vec4 v_color;
void main() { gl_Position = vec4((a_pos - u_center) * u_scale, 0.0, 1.0); v_color = a_color; }`;
const PICTURE_VERTEX = `
attribute vec2 a_pos; attribute vec2 a_uv;
uniform vec2 u_center; uniform vec2 u_scale;
varying vec2 v_uv;
void main() { gl_Position = vec4((a_pos - u_center) * u_scale, 0.0, 1.0); v_uv = a_uv; }`;
const PICTURE_FRAGMENT = `
precision mediump float; varying vec2 v_uv; uniform sampler2D u_picture;
void main() { gl_FragColor = texture2D(u_picture, v_uv); }`;
const TIE_FRAGMENT = `
precision mediump float; varying vec4 v_color;
void main() { gl_FragColor = vec4(v_color.rgb * v_color.a, v_color.a); }`;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

let controls = 0;

// A control with its label beside it (not around it, so that the label alone names it).
function labelled(text, control) {
  controls += 1;
  control.id ||= `map-control-${controls}`;
  return element("span", { class: "map-control" }, element("label", { for: control.id, text }), control);
}

function select(options, current) {
  const menu = element("select");
  for (const [value, text] of options) {
    menu.append(element("option", { value, selected: value === current, text }));
  }
  return menu;
}

function humanName(name) {
  return name.replace(/^roster: /, "").replace(/_/g, " ");
}

function figureText(value) {
  if (value == null || value === "") return "—";
  if (typeof value === "number" && !Number.isInteger(value)) return value.toPrecision(3);
  return String(value);
}

function hexColour(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// The server sends columns (ids, labels, x, y, one array per field; ties as
// sources, targets and weights), a fraction of the size of an object per
// person: the objects are made here.
function unpack(d) {
  d.nodes = d.ids.map((id, i) => ({ id, label: d.labels[i], x: d.x[i], y: d.y[i], values: d.columns.map((c) => c[i]) }));
  d.ties = d.sources.map((s, k) => [s, d.targets[k], d.weights[k]]);
  return d;
}

function compile(gl, vertex, fragment) {
  const program = gl.createProgram();
  for (const [kind, source] of [[gl.VERTEX_SHADER, vertex], [gl.FRAGMENT_SHADER, fragment]]) {
    const shader = gl.createShader(kind);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program));
  return program;
}

class NetworkMap {
  constructor(mount) {
    this.mount = mount;
    this.figure = mount.closest("figure");
    this.fallback = this.figure && this.figure.querySelector("img");
    this.view = { x: 0, y: 0, zoom: 1 };
    this.hovered = -1;
    this.selected = -1;
    this.focus = -1;
    this.frames = 0;
    this.status = element("p", { class: "hint map-status", id: `${mount.id}-status`, role: "status", text: "Loading the map…" });
    mount.append(this.status);
    this.load(mount.dataset.mapSrc);
  }

  async load(src) {
    let data;
    try {
      const response = await fetch(src, { credentials: "same-origin" });
      if (!response.ok) throw new Error(await response.text());
      data = unpack(await response.json());
    } catch (error) {
      this.status.textContent = `The interactive map could not be loaded (${error.message}); the picture below shows the same layout.`;
      return;
    }
    this.data = data;
    this.field = (name) => data.fields.findIndex((f) => f.name === name);
    if (!this.ui) {
      if (!this.build()) return;
    }
    this.network.value = data.network;
    // Back to the departments from one of them, in a network that opened on them.
    this.whole.hidden = data.group == null || data.people <= data.nodes.length;
    this.prepare();
  }

  build() {
    const canvas = element("canvas", {
      class: "map-canvas",
      role: "img",
      "aria-label": "Network map",
      tabindex: "0",
    });
    const gl = canvas.getContext("webgl", { antialias: false, premultipliedAlpha: true });
    if (!gl) {
      this.status.textContent = "This browser cannot draw the interactive map (WebGL is off); the picture below shows the same layout.";
      return false;
    }
    this.gl = gl;
    this.canvas = canvas;
    this.nodeProgram = compile(gl, NODE_VERTEX, NODE_FRAGMENT);
    this.tieProgram = compile(gl, TIE_VERTEX, TIE_FRAGMENT);
    this.nodeBuffer = gl.createBuffer();
    this.tieBuffer = gl.createBuffer();
    this.pictureProgram = compile(gl, PICTURE_VERTEX, PICTURE_FRAGMENT);
    this.pictureBuffer = gl.createBuffer();
    // What the camera saw when the ties and dots were last drawn, and that drawing.
    this.picture = { texture: gl.createTexture(), framebuffer: gl.createFramebuffer(), view: null };
    this.maxPoint = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE)[1];
    this.labels = element("canvas", { class: "map-labels", "aria-hidden": "true" });

    const d = this.data;
    this.network = select(d.networks, d.network);
    this.colour = element("select");
    this.size = element("select");
    this.group = element("select");
    this.role = element("select");
    this.minimum = element("input", { type: "number", min: "0", value: "0", inputmode: "numeric" });
    this.names = element("datalist", { id: `${this.mount.id}-names` });
    this.find = element("input", { type: "search", list: this.names.id, placeholder: "part of a name", autocomplete: "off" });
    this.ego = element("input", { type: "checkbox" });
    const controls = element("form", { class: "filters map-controls", role: "search", "aria-label": "Map controls" },
      labelled("Network", this.network), labelled("Colour by", this.colour), labelled("Size by", this.size),
      labelled("Group", this.group), labelled("Role", this.role),
      labelled("Named by at least", this.minimum),
      labelled("Find a person", this.find), this.names,
      element("label", {}, this.ego, " only them and their colleagues"));
    controls.addEventListener("submit", (event) => { event.preventDefault(); this.findPerson(); });
    this.network.addEventListener("change", () => {
      const src = new URL(this.mount.dataset.mapSrc, location.href);
      src.searchParams.set("network", this.network.value);
      this.mount.dataset.mapSrc = src.pathname + src.search;
      this.openGroup(null);
    });
    this.whole = element("button", { type: "button", class: "button secondary compact", text: "All departments", hidden: true });
    this.whole.addEventListener("click", () => this.openGroup(null));
    controls.append(this.whole);
    this.colour.addEventListener("change", () => { this.fillGroups(); this.restyle(); });
    for (const input of [this.size, this.group, this.role, this.ego]) {
      input.addEventListener("change", () => this.restyle());
    }
    this.minimum.addEventListener("input", () => this.restyle());
    this.find.addEventListener("change", () => this.findPerson());

    const zoomButton = (text, label, action) => {
      const button = element("button", { type: "button", class: "button secondary compact", "aria-label": label, text });
      button.addEventListener("click", action);
      return button;
    };
    const zoom = element("div", { class: "map-zoom" },
      zoomButton("+", "Zoom in", () => this.zoomBy(1.5)),
      zoomButton("−", "Zoom out", () => this.zoomBy(1 / 1.5)),
      zoomButton("Fit", "Fit the map", () => this.fit()));
    this.card = element("aside", { class: "map-card", hidden: true, "aria-live": "polite" });
    this.stage = element("div", { class: "map-stage" }, canvas, this.labels, zoom, this.card);
    this.legend = element("ul", { class: "legend map-legend" });
    const help = element("p", { class: "hint", id: `${this.mount.id}-help`,
      text: "Drag to pan, scroll to zoom; on the map, arrow keys pan, + and − zoom, 0 fits and / finds a person. Click a dot for the person's card. Every person’s figures are also in the People part." });
    canvas.setAttribute("aria-describedby", `${this.status.id} ${help.id}`);
    this.mount.prepend(controls, this.stage, this.legend, help);
    this.mount.append(this.status);
    this.ui = true;
    if (this.fallback) this.fallback.hidden = true;
    const redraw = this.figure && this.figure.previousElementSibling;
    if (redraw && redraw.classList.contains("map-redraw")) redraw.hidden = true;
    this.listen();
    this.resize();
    new ResizeObserver(() => this.resize()).observe(this.stage);
    return true;
  }

  // One department's people (`name`), or the network as it opens (null).
  openGroup(name) {
    const src = new URL(this.mount.dataset.mapSrc, location.href);
    if (name == null) src.searchParams.delete("only");
    else src.searchParams.set("only", name);
    this.status.textContent = name == null ? "Loading the map…" : `Loading the people of ${name}…`;
    this.load(src.pathname + src.search);
  }

  // Data of a newly loaded network: menus, fixed colours, the camera.
  prepare() {
    const d = this.data;
    const fields = d.fields.map((f, i) => ({ ...f, index: i }));
    const keepColour = this.colour.value;
    const keepSize = this.size.value;
    this.colour.replaceChildren(...fields.filter((f) => f.kind === "group" || f.kind === "roles")
      .map((f) => element("option", { value: f.name, text: humanName(f.name) })));
    this.colour.value = fields.some((f) => f.name === keepColour) ? keepColour : "department";
    this.size.replaceChildren(...fields.filter((f) => f.kind === "metric")
      .map((f) => element("option", { value: f.name, text: humanName(f.name), title: f.about || "" })));
    const firstMetric = fields.find((f) => f.kind === "metric");
    this.size.value = fields.some((f) => f.name === keepSize) ? keepSize
      : fields.some((f) => f.name === "in_degree") ? "in_degree" : (firstMetric ? firstMetric.name : "");
    const roles = new Set();
    const rolesAt = this.field("roles");
    for (const n of d.nodes) for (const r of String(n.values[rolesAt] || "").split(" ")) if (r) roles.add(r);
    this.role.replaceChildren(element("option", { value: "", text: "any" }),
      ...[...roles].sort().map((r) => element("option", { value: r, text: humanName(r) })));
    this.names.replaceChildren(...d.nodes.map((n) => element("option", { value: n.label })));
    this.neighbours = d.nodes.map(() => []);
    for (const [s, t] of d.ties) { this.neighbours[s].push(t); this.neighbours[t].push(s); }
    this.focus = this.selected = this.hovered = -1;
    this.card.hidden = true;
    this.fitScale = this.scaleFor(d.nodes.map((_, i) => i)).scale;
    this.fillGroups();
    this.restyle();
    this.fit();
  }

  // Every group a person is in: one value, or each of their roles.
  groupsOf(node, at) {
    const field = this.data.fields[at];
    const value = node.values[at];
    if (field.kind === "roles") {
      const roles = String(value || "").split(" ").filter(Boolean).map(humanName);
      return roles.length ? roles : ["no role"];
    }
    if (value == null || value === "") return [`no ${humanName(field.name)}`];
    return [field.name === "community" ? `community ${value}` : String(value)];
  }

  // The group a person's dot is coloured by: with several roles, the rarest
  // (the legend still counts them under each role they hold).
  groupOf(node, at) {
    const groups = this.groupsOf(node, at);
    if (groups.length === 1 || !this.groupSizes) return groups[0];
    return groups.reduce((a, b) => ((this.groupSizes.get(b) || 0) < (this.groupSizes.get(a) || 0) ? b : a));
  }

  // The colour field's values, largest first: the palette's colours go to
  // the largest groups (as in the SVG picture), grey to the rest and to
  // people without a value.
  fillGroups() {
    const at = this.field(this.colour.value);
    const counts = new Map();
    let several = 0;
    for (const n of this.data.nodes) {
      const groups = this.groupsOf(n, at);
      if (groups.length > 1) several += 1;
      for (const g of groups) counts.set(g, (counts.get(g) || 0) + 1);
    }
    this.groupSizes = counts;
    const missing = at >= 0 && this.data.fields[at].kind === "roles" ? "no role" : `no ${humanName(this.colour.value)}`;
    this.groups = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const palette = this.data.palette.map(hexColour);
    const grey = hexColour(this.data.other);
    const coloured = this.groups.filter(([g]) => g !== missing);
    this.colours = new Map(this.groups.map(([g]) => [g, grey]));
    coloured.slice(0, palette.length).forEach(([g], i) => this.colours.set(g, palette[i]));
    const rest = [...coloured.slice(palette.length), ...this.groups.filter(([g]) => g === missing)];
    this.legendEntries = coloured.slice(0, palette.length).map(([g, n], i) => [`${g} (${n})`, palette[i]]);
    if (rest.length) {
      const people = rest.reduce((sum, [, n]) => sum + n, 0);
      const name = rest.length === 1 ? rest[0][0] : `${rest.length} other groups`;
      this.legendEntries.push([`${name} (${people})`, grey]);
    }
    // Role counts add up to more than the people: say so, and how dots are coloured.
    if (several) this.legendEntries.push([`${several} with several roles, coloured by their rarest; each counted under every role`, null]);
    this.group.replaceChildren(element("option", { value: "", text: "everyone" }),
      ...this.groups.map(([g, n]) => element("option", { value: g, text: `${g} (${n})` })));
  }

  // Who is shown, their colours and sizes, the legend: into the GPU buffers.
  restyle() {
    const d = this.data;
    const colourAt = this.field(this.colour.value);
    const sizeAt = this.field(this.size.value);
    const inAt = this.field("in_degree");
    const rolesAt = this.field("roles");
    const minimum = Number(this.minimum.value) || 0;
    const near = this.focus >= 0 ? new Set([this.focus, ...this.neighbours[this.focus]]) : null;
    const largest = d.nodes.reduce((m, n) => Math.max(m, Number(n.values[sizeAt]) || 0), 0);
    this.visible = d.nodes.map((n, i) => {
      if (near && this.ego.checked && !near.has(i)) return false;
      if (i === this.focus) return true;
      if (this.group.value && !this.groupsOf(n, colourAt).includes(this.group.value)) return false;
      if (this.role.value && !String(n.values[rolesAt] || "").split(" ").includes(this.role.value)) return false;
      return (Number(n.values[inAt]) || 0) >= minimum;
    });
    this.radius = d.nodes.map((n) => {
      const share = largest > 0 ? Math.max(0, Number(n.values[sizeAt]) || 0) / largest : 0;
      return 2.2 + 9 * Math.sqrt(share);
    });
    const order = d.nodes.map((_, i) => i).filter((i) => this.visible[i]);
    // Faded people first, the found person's circle on top.
    const rank = (i) => (near ? (i === this.focus ? 2 : near.has(i) ? 1 : 0) : 0);
    order.sort((a, b) => rank(a) - rank(b) || this.radius[a] - this.radius[b]);
    const nodes = new Float32Array(order.length * 7);
    order.forEach((i, k) => {
      const n = d.nodes[i];
      const [r, g, b] = near && !near.has(i) ? FADED : this.colours.get(this.groupOf(n, colourAt));
      nodes.set([n.x, n.y, this.radius[i], r / 255, g / 255, b / 255, 1], k * 7);
    });
    this.drawn = order;
    // Names go to key players first, then to the largest dots.
    const key = (i) => (rolesAt >= 0 && d.nodes[i].values[rolesAt] ? 1 : 0);
    this.largestFirst = [...order].sort((a, b) => key(b) - key(a) || this.radius[b] - this.radius[a]);
    let shownTies = 0;
    const ties = new Float32Array(d.ties.length * 12);
    for (const [s, t] of d.ties) {
      if (!this.visible[s] || !this.visible[t]) continue;
      const [r, g, b, a] = near ? (s === this.focus || t === this.focus ? TIE_NEAR : TIE_FADED) : TIE;
      const a1 = d.nodes[s], a2 = d.nodes[t];
      ties.set([a1.x, a1.y, r / 255, g / 255, b / 255, a, a2.x, a2.y, r / 255, g / 255, b / 255, a], shownTies * 12);
      shownTies += 1;
    }
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.nodeBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, nodes, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.tieBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, ties.subarray(0, shownTies * 12), gl.STATIC_DRAW);
    this.nodeCount = order.length;
    this.tieCount = shownTies;
    this.picture.view = null;
    this.legend.replaceChildren(...this.legendEntries.map(([text, colour]) => {
      if (!colour) return element("li", { class: "hint", text });
      const swatch = element("span", { class: "swatch" });
      // Through the style object: the page's policy refuses style attributes.
      swatch.style.background = `rgb(${colour.join(", ")})`;
      return element("li", {}, swatch, text);
    }));
    this.status.textContent = d.groups
      ? `${d.title}: ${d.people.toLocaleString()} people in ${d.nodes.length.toLocaleString()} departments, sized by ${humanName(this.size.value)}, with the ties between them. Click a department to see its people.`
      : `${d.title}${d.group == null ? "" : `, ${d.group}`}: ${order.length.toLocaleString()} of ${d.nodes.length.toLocaleString()} people and ${shownTies.toLocaleString()} ties shown, coloured by ${humanName(this.colour.value)} and sized by ${humanName(this.size.value)}.`;
    if (this.selected >= 0) this.showCard(this.selected);
    this.render();
  }

  findPerson() {
    const needle = this.find.value.trim().toLowerCase();
    const nodes = this.data.nodes;
    // The person named exactly (picked from the list), or the first whose name holds the words.
    this.focus = needle ? nodes.findIndex((n) => n.label.toLowerCase() === needle) : -1;
    if (needle && this.focus < 0) this.focus = nodes.findIndex((n) => n.label.toLowerCase().includes(needle));
    if (needle && this.focus < 0) {
      this.status.textContent = `No one on this map is called “${this.find.value.trim()}”.`;
      return;
    }
    this.restyle();
    if (this.focus >= 0) {
      this.showCard(this.focus);
      // Their circle in view, and they at its centre.
      this.fitTo([this.focus, ...this.neighbours[this.focus]]);
      this.view.x = nodes[this.focus].x;
      this.view.y = nodes[this.focus].y;
    }
  }

  showCard(i) {
    this.selected = i;
    const d = this.data;
    const n = d.nodes[i];
    const rows = [];
    for (const [at, f] of d.fields.entries()) {
      if (f.kind === "roles") continue;
      let value = n.values[at];
      if (f.kind !== "metric" && (value == null || value === "")) continue;
      rows.push(element("dt", { title: f.about || "" }, humanName(f.name)), element("dd", { text: figureText(value) }));
    }
    const roles = String(n.values[this.field("roles")] || "").split(" ").filter(Boolean).map(humanName);
    const close = element("button", { type: "button", class: "button secondary compact", "aria-label": "Close the card", text: "×" });
    close.addEventListener("click", () => { this.card.hidden = true; this.selected = -1; this.canvas.focus(); this.render(); });
    let about;
    if (d.groups) {
      about = element("button", { type: "button", class: "button compact", text: `Show its people` });
      about.addEventListener("click", () => this.openGroup(n.id));
    } else {
      about = element("a", { href: `/people/${encodeURIComponent(n.id)}`, text: "Their page" });
    }
    this.card.replaceChildren(close, element("h4", { text: n.label }),
      ...(d.groups ? [] : [element("p", { text: roles.length ? `Roles: ${roles.join(", ")}` : "No key player role" })]),
      about, element("dl", { class: "figures" }, ...rows));
    this.card.hidden = false;
    this.render();
  }

  // The camera: the map's centre in layout units and pixels per unit.
  fit() { this.fitTo(this.data.nodes.map((_, i) => i).filter((i) => this.visible[i])); }

  // The centre of some people and the pixels per layout unit that show them all.
  scaleFor(indices) {
    const nodes = this.data.nodes;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of indices) {
      const n = nodes[i];
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    }
    if (!Number.isFinite(x0)) { x0 = y0 = -1; x1 = y1 = 1; }
    const { width, height } = this.viewport();
    const span = Math.max(x1 - x0, y1 - y0, 1e-6);
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, scale: (Math.min(width, height) - 40) / span };
  }

  // A few people are shown close, but not closer than six times the whole map.
  fitTo(indices) {
    const { x, y, scale } = this.scaleFor(indices);
    this.view = { x, y, zoom: Math.min(Math.max(MIN_ZOOM, scale / this.fitScale), 6) };
    this.render();
  }

  zoomBy(factor, px, py) {
    const { width, height } = this.viewport();
    const before = this.toLayout(px ?? width / 2, py ?? height / 2);
    this.view.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.view.zoom * factor));
    const after = this.toLayout(px ?? width / 2, py ?? height / 2);
    this.view.x += before[0] - after[0];
    this.view.y += before[1] - after[1];
    this.moved();
  }

  panBy(dx, dy) {
    const scale = this.fitScale * this.view.zoom;
    this.view.x -= dx / scale;
    this.view.y -= dy / scale;
    this.moved();
  }

  // The camera moves: frames reuse the picture until it rests.
  moved() {
    this.moving = true;
    clearTimeout(this.resting);
    this.resting = setTimeout(() => { this.moving = false; this.render(); }, REST_MS);
    this.render();
  }

  viewport() {
    return { width: this.stage.clientWidth || 800, height: this.stage.clientHeight || 600 };
  }

  toLayout(px, py) {
    const { width, height } = this.viewport();
    const scale = this.fitScale * this.view.zoom;
    return [this.view.x + (px - width / 2) / scale, this.view.y + (py - height / 2) / scale];
  }

  toScreen(n) {
    const { width, height } = this.viewport();
    const scale = this.fitScale * this.view.zoom;
    return [(n.x - this.view.x) * scale + width / 2, (n.y - this.view.y) * scale + height / 2];
  }

  // A dot's radius on screen: dots grow more slowly than the map as it zooms.
  screenRadius(i) { return this.radius[i] * Math.sqrt(this.view.zoom); }

  nodeAt(px, py) {
    let best = -1, bestDistance = Infinity;
    for (const i of this.drawn) {
      const [x, y] = this.toScreen(this.data.nodes[i]);
      const distance = Math.hypot(x - px, y - py);
      if (distance <= this.screenRadius(i) + 3 && distance < bestDistance) { best = i; bestDistance = distance; }
    }
    return best;
  }

  listen() {
    const canvas = this.canvas;
    let press = null;
    const point = (event) => {
      const box = canvas.getBoundingClientRect();
      return [event.clientX - box.left, event.clientY - box.top];
    };
    canvas.addEventListener("pointerdown", (event) => {
      press = { at: point(event), last: point(event), moved: false };
      try { canvas.setPointerCapture(event.pointerId); } catch { /* a synthetic pointer */ }
    });
    canvas.addEventListener("pointermove", (event) => {
      const [x, y] = point(event);
      if (press) {
        if (Math.hypot(x - press.at[0], y - press.at[1]) > 3) press.moved = true;
        if (press.moved) this.panBy(x - press.last[0], y - press.last[1]);
        press.last = [x, y];
        return;
      }
      const hovered = this.nodeAt(x, y);
      if (hovered !== this.hovered) {
        this.hovered = hovered;
        canvas.style.cursor = hovered >= 0 ? "pointer" : "grab";
        // The name drawn beside the dot, and as the browser's own tooltip.
        canvas.title = hovered >= 0 ? this.hoverText(hovered) : "";
        this.render();
      }
    });
    canvas.addEventListener("pointerup", (event) => {
      if (press && !press.moved) {
        const i = this.nodeAt(...point(event));
        if (i >= 0) this.showCard(i);
        else { this.card.hidden = true; this.selected = -1; this.render(); }
      }
      press = null;
    });
    canvas.addEventListener("pointerleave", () => { this.hovered = -1; canvas.title = ""; this.render(); });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : 1;
      this.zoomBy(Math.exp(-event.deltaY * unit * 0.0015), ...point(event));
    }, { passive: false });
    canvas.addEventListener("keydown", (event) => {
      const step = 60;
      const actions = {
        ArrowLeft: () => this.panBy(step, 0), ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step), ArrowDown: () => this.panBy(0, -step),
        "+": () => this.zoomBy(1.25), "=": () => this.zoomBy(1.25), "-": () => this.zoomBy(0.8),
        0: () => this.fit(), "/": () => this.find.focus(),
        Escape: () => { this.card.hidden = true; this.selected = -1; this.render(); },
      };
      const action = actions[event.key];
      if (action) { event.preventDefault(); action(); }
    });
  }

  resize() {
    const { width, height } = this.viewport();
    const ratio = window.devicePixelRatio || 1;
    for (const c of [this.canvas, this.labels]) {
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
    }
    const gl = this.gl;
    gl.bindTexture(gl.TEXTURE_2D, this.picture.texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, this.canvas.width, this.canvas.height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
    for (const [name, value] of [[gl.TEXTURE_MIN_FILTER, gl.LINEAR], [gl.TEXTURE_MAG_FILTER, gl.LINEAR],
      [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE]]) gl.texParameteri(gl.TEXTURE_2D, name, value);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.picture.framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, this.picture.texture, 0);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.picture.view = null;
    this.render();
  }

  render() {
    if (this.pending || !this.data || !this.ui) return;
    this.pending = requestAnimationFrame(() => { this.pending = 0; this.draw(); });
  }

  draw() {
    const gl = this.gl;
    const { width, height } = this.viewport();
    const ratio = window.devicePixelRatio || 1;
    const camera = (program, view) => {
      const scale = this.fitScale * view.zoom;
      gl.useProgram(program);
      gl.uniform2f(gl.getUniformLocation(program, "u_center"), view.x, view.y);
      gl.uniform2f(gl.getUniformLocation(program, "u_scale"), (2 * scale) / width, (-2 * scale) / height);
    };
    const attribute = (program, name, size, stride, offset) => {
      const at = gl.getAttribLocation(program, name);
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, size, gl.FLOAT, false, stride * 4, offset * 4);
      return at;
    };
    const drawing = (program, buffer, stride, attributes, mode, count) => {
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      const enabled = attributes.map(([name, size, offset]) => attribute(program, name, size, stride, offset));
      gl.drawArrays(mode, 0, count);
      enabled.forEach((at) => gl.disableVertexAttribArray(at));
    };
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    const picture = this.picture;
    const same = (a, b) => a && a.x === b.x && a.y === b.y && a.zoom === b.zoom;
    if (!this.moving && !same(picture.view, this.view)) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, picture.framebuffer);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      // The ties' colours are premultiplied by their opacity.
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      camera(this.tieProgram, this.view);
      drawing(this.tieProgram, this.tieBuffer, 6, [["a_pos", 2, 0], ["a_color", 4, 2]], gl.LINES, this.tieCount * 2);
      camera(this.nodeProgram, this.view);
      // Straight colours over premultiplied ones: the picture stays premultiplied.
      gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.uniform1f(gl.getUniformLocation(this.nodeProgram, "u_size"), 2 * ratio * Math.sqrt(this.view.zoom));
      gl.uniform1f(gl.getUniformLocation(this.nodeProgram, "u_max"), this.maxPoint);
      drawing(this.nodeProgram, this.nodeBuffer, 7, [["a_pos", 2, 0], ["a_size", 1, 2], ["a_color", 4, 3]], gl.POINTS, this.nodeCount);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      picture.view = { ...this.view };
    }
    // Transparent shows the white stage below; the picture is copied
    // without blending, the cheapest way to cover every pixel.
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (picture.view) {
      gl.disable(gl.BLEND);
      // The picture where the camera it was drawn with saw it.
      const scale = this.fitScale * picture.view.zoom;
      const [left, right] = [picture.view.x - width / 2 / scale, picture.view.x + width / 2 / scale];
      const [top, bottom] = [picture.view.y - height / 2 / scale, picture.view.y + height / 2 / scale];
      gl.bindBuffer(gl.ARRAY_BUFFER, this.pictureBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([left, top, 0, 1, right, top, 1, 1, left, bottom, 0, 0, right, bottom, 1, 0]), gl.STREAM_DRAW);
      camera(this.pictureProgram, this.view);
      gl.bindTexture(gl.TEXTURE_2D, picture.texture);
      gl.uniform1i(gl.getUniformLocation(this.pictureProgram, "u_picture"), 0);
      drawing(this.pictureProgram, this.pictureBuffer, 4, [["a_pos", 2, 0], ["a_uv", 2, 2]], gl.TRIANGLE_STRIP, 4);
    }
    this.drawLabels(ratio, width, height);
    this.placeCard(width, height);
    this.frames += 1;
    if (this.frames === 1) this.mount.dataset.paintedAt = String(performance.now());
    this.mount.dataset.frames = String(this.frames);
  }

  // A person's name, with every role they hold.
  hoverText(i) {
    const n = this.data.nodes[i];
    const at = this.field("roles");
    const roles = at >= 0 ? String(n.values[at] || "").split(" ").filter(Boolean).map(humanName) : [];
    return roles.length ? `${n.label}: ${roles.join(", ")}` : n.label;
  }

  // The card sits on the side away from the person it shows: left or right
  // on a wide map, top or bottom on a phone's narrow one.
  placeCard(width, height) {
    if (this.card.hidden || this.selected < 0) return;
    const [x, y] = this.toScreen(this.data.nodes[this.selected]);
    const narrow = width < 600;
    this.card.classList.toggle("left", !narrow && x > width / 2);
    this.card.classList.toggle("bottom", narrow && y < height / 2);
  }

  // Names: the person under the pointer, the one found or opened, their
  // colleagues when found, and the largest dots where there is room.
  drawLabels(ratio, width, height) {
    const context = this.labels.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = "12px system-ui, sans-serif";
    context.lineWidth = 3;
    context.strokeStyle = "rgba(255, 255, 255, 0.9)";
    context.fillStyle = "#1f2328";
    const taken = [];
    const write = (i, strong) => {
      const n = this.data.nodes[i];
      const [x, y] = this.toScreen(n);
      if (x < -50 || y < -20 || x > width + 50 || y > height + 20) return;
      context.font = strong ? "600 13px system-ui, sans-serif" : "12px system-ui, sans-serif";
      const tx = x + this.screenRadius(i) + 3;
      // Names never overlap, except those asked for (hovered, found, opened).
      const box = [tx - 2, y - 9, tx + context.measureText(n.label).width + 2, y + 7];
      const overlaps = taken.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
      if (!strong && overlaps) return;
      taken.push(box);
      context.strokeText(n.label, tx, y + 4);
      context.fillText(n.label, tx, y + 4);
    };
    for (const i of [this.hovered, this.selected, this.focus]) if (i >= 0 && this.visible[i]) write(i, true);
    const largest = this.focus >= 0
      ? this.neighbours[this.focus].filter((i) => this.visible[i]).sort((a, b) => this.radius[b] - this.radius[a])
      : this.largestFirst;
    let written = 0;
    for (const i of largest) {
      if (written >= LABELS) break;
      if (this.screenRadius(i) < 4 && this.focus < 0) break;
      write(i, false);
      written += 1;
    }
  }
}

function startAll(root) {
  for (const mount of root.querySelectorAll("[data-map-src]:not([data-map-started])")) {
    mount.dataset.mapStarted = "1";
    new NetworkMap(mount);
  }
}

startAll(document);
// Pages rendered later in the browser (moving between waves) bring new maps.
new MutationObserver(() => startAll(document)).observe(document.body, { childList: true, subtree: true });
