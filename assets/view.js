// The talkgraph HTML view: draws the embedded graph with Cytoscape.js; search, filters and a
// side panel. Report text only ever reaches the page through textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);

  var COLORS = {
    event: "#fde68a", session: "#c7d2fe", talk: "#e0e7ff", speaker: "#dcfce7",
    aws: "#fed7aa", gcp: "#bbf7d0", azure: "#bae6fd", service: "#e5e7eb", tool: "#f3e8ff"
  };
  var SHAPES = { event: "tag", talk: "round-rectangle", speaker: "ellipse", service: "rectangle", tool: "hexagon" };
  var KINDS = ["event", "talk", "speaker", "service", "tool"];

  function colour(n) {
    if (n.kind === "service") { return COLORS[n.provider] || COLORS.service; }
    if (n.kind === "talk" && n.attrs.some(function (a) { return a[0] === "session"; })) { return COLORS.session; }
    return COLORS[n.kind];
  }

  // cut by characters, not UTF-16 units, so no emoji is split in half
  function short(s) {
    var chars = Array.from(s);
    return chars.length > 40 ? chars.slice(0, 39).join("") + "…" : s;
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var elements = data.nodes.map(function (n) {
    return { group: "nodes", data: { id: n.id, label: short(n.label), kind: n.kind, color: colour(n), shape: SHAPES[n.kind] } };
  });
  data.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind, width: e.count ? Math.min(1 + Math.log2(e.count), 6) : 1 } });
  });

  // the force layout costs about nodes² × iterations: fewer iterations for more nodes keep a
  // few hundred nodes to a second or two, and above 1200 nodes rings by kind take over
  var big = data.nodes.length > 1200;
  var iterations = Math.max(100, Math.min(2000, Math.floor(4e7 / Math.max(1, data.nodes.length * data.nodes.length))));
  // the force layout draws on Math.random: seeded while it runs, the same file always gives
  // the same picture
  var random = Math.random;
  var seed = 20180310;
  Math.random = function () {
    seed = (seed * 48271) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  var cy;
  try {
    cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    minZoom: 0.02,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "background-color": "data(color)", "shape": "data(shape)",
        "border-width": 1, "border-color": "#6b7280", "font-size": 10, "text-valign": "center",
        "text-halign": "center", "text-wrap": "wrap", "text-max-width": 120, "width": 36, "height": 36
      } },
      { selector: "node[kind = 'talk']", style: { "width": 120, "height": 40, "text-max-width": 110 } },
      { selector: "node[kind = 'event']", style: { "width": 140, "height": 44, "font-weight": "bold" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "#9ca3af", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#9ca3af", "arrow-scale": 0.6 } },
      { selector: "edge[kind = 'presents']", style: { "line-color": "#16a34a", "target-arrow-color": "#16a34a" } },
      { selector: "edge[kind = 'part_of']", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".match", style: { "border-width": 3, "border-color": "#dc2626" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#2563eb" } }
    ],
    layout: big
      ? { name: "concentric", concentric: function (n) { return 5 - KINDS.indexOf(n.data("kind")); }, levelWidth: function () { return 1; }, animate: false }
      : { name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 200000; }, idealEdgeLength: function () { return 90; }, nodeOverlap: 40, gravity: 0.5, numIter: iterations }
    });
  } finally {
    Math.random = random;
  }

  // filters: options from what the graph holds
  function fill(select, values) {
    values.sort().forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      select.appendChild(o);
    });
  }
  function distinct(key) {
    var seen = {};
    data.nodes.forEach(function (n) { if (n[key]) { seen[n[key]] = true; } });
    return Object.keys(seen);
  }
  var search = document.getElementById("search");
  var kind = document.getElementById("kind");
  var provider = document.getElementById("provider");
  var category = document.getElementById("category");
  var count = document.getElementById("count");
  fill(kind, KINDS.filter(function (k) { return data.nodes.some(function (n) { return n.kind === k; }); }));
  fill(provider, distinct("provider"));
  fill(category, distinct("category"));

  var legend = document.getElementById("legend");
  ["event", "session", "talk", "speaker", "aws", "gcp", "azure", "service", "tool"].forEach(function (k) {
    var s = document.createElement("span");
    s.style.background = COLORS[k];
    s.textContent = k;
    legend.appendChild(s);
  });

  function passes(n) {
    if (kind.value && n.kind !== kind.value) { return false; }
    if (provider.value && (n.kind === "service" || n.kind === "tool") && n.provider !== provider.value) { return false; }
    if (category.value && (n.kind === "service" || n.kind === "tool") && n.category !== category.value) { return false; }
    return true;
  }

  function apply() {
    var q = search.value.trim().toLowerCase();
    var visible = {};
    var matches = {};
    cy.nodes().forEach(function (node) {
      var n = byId[node.id()];
      if (!passes(n)) { return; }
      if (!q || n.search.indexOf(q) >= 0) {
        visible[n.id] = true;
        if (q) { matches[n.id] = true; }
      }
    });
    if (q) {
      // the talks and speakers next to a match stay, so a search shows who mentions what
      Object.keys(matches).forEach(function (id) {
        cy.getElementById(id).neighborhood("node").forEach(function (m) {
          var n = byId[m.id()];
          if (passes(n) && (n.kind === "talk" || n.kind === "speaker" || n.kind === "event")) { visible[n.id] = true; }
        });
      });
    }
    var shown = 0;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var on = visible[node.id()] === true;
        node.toggleClass("hidden", !on);
        node.toggleClass("match", matches[node.id()] === true);
        if (on) { shown += 1; }
      });
    });
    count.dataset.shown = String(shown);
    count.dataset.total = String(data.nodes.length);
    count.dataset.matches = String(Object.keys(matches).length);
    count.textContent = shown + " of " + data.nodes.length + " nodes shown";
  }

  // the side panel
  var panel = document.getElementById("panel");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  // a node the graph does not hold (filtered out) is named, not linked
  function nodeLink(id) {
    var n = byId[id];
    if (!n) { return el("span", id); }
    var a = el("span", n.label, "link");
    a.addEventListener("click", function () { select(id); });
    return a;
  }
  function show(id) {
    var n = byId[id];
    if (!n) { return; }
    panel.replaceChildren();
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("span", n.kind, "kind"));
    var dl = el("dl");
    n.attrs.forEach(function (a) { dl.appendChild(el("dt", a[0])); dl.appendChild(el("dd", a[1])); });
    panel.appendChild(dl);

    var out = data.edges.filter(function (e) { return e.source === id && e.kind !== "mentions"; });
    var into = data.edges.filter(function (e) { return e.target === id && e.kind !== "mentions"; });
    [["presents", out, "target", "Presents"], ["presents", into, "source", "Presented by"],
     ["part_of", out, "target", "Part of"], ["part_of", into, "source", "Parts"]].forEach(function (r) {
      var list = r[1].filter(function (e) { return e.kind === r[0]; });
      if (!list.length) { return; }
      panel.appendChild(el("h3", r[3]));
      var ol = el("ol");
      list.forEach(function (e) { var li = el("li"); li.appendChild(nodeLink(e[r[2]])); ol.appendChild(li); });
      panel.appendChild(ol);
    });

    // mentions: what this node names (a talk) or where it is named (a service or tool)
    var rows = [];
    data.edges.forEach(function (e) {
      if (e.kind !== "mentions") { return; }
      (e.evidence || []).forEach(function (m) {
        if (e.source === id) { rows.push({ other: m.entity, m: m }); }
        else if (e.target === id || m.entity === id) { rows.push({ other: e.source, m: m }); }
      });
    });
    rows.sort(function (a, b) {
      return a.m.report < b.m.report ? -1 : a.m.report > b.m.report ? 1 : (a.m.line - b.m.line) || (a.m.column - b.m.column);
    });
    if (rows.length) {
      panel.appendChild(el("h3", "Mentions (" + rows.length + ")"));
      var ol = el("ol");
      ol.id = "mentions";
      rows.slice(0, 500).forEach(function (r) {
        var li = el("li");
        li.appendChild(el("q", r.m.text));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(nodeLink(r.other));
        li.appendChild(el("div", r.m.report + ":" + r.m.line + ":" + r.m.column + (r.m.in_code ? " (code)" : ""), "where"));
        ol.appendChild(li);
      });
      panel.appendChild(ol);
      if (rows.length > 500) { panel.appendChild(el("p", (rows.length - 500) + " more not shown", "hint")); }
    }
  }
  function select(id) {
    cy.elements().unselect();
    var node = cy.getElementById(id);
    node.select();
    show(id);
  }
  cy.on("tap", "node", function (evt) { select(evt.target.id()); });

  [search].forEach(function (i) { i.addEventListener("input", apply); });
  [kind, provider, category].forEach(function (s) { s.addEventListener("change", apply); });
  document.getElementById("fit").addEventListener("click", function () {
    cy.fit(cy.nodes(":visible"), 30);
  });

  // #q=lambda opens the page with that search, so a search can be shared as a link
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("q")) { search.value = hash.get("q"); }
  apply();
  cy.fit(undefined, 30);
  // for the browser console (and the tests): the Cytoscape instance and the data
  window.__talkgraph = { cy: cy, data: data, apply: apply };
  document.body.dataset.ready = "true";
})();
