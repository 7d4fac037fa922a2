// woopub review page: plain JS, no external assets. Every change is a POST with the CSRF token.
"use strict";
const CSRF = document.body.dataset.csrf;
const SCALE = 110 / 72; // page images are rendered at 110 dpi; boxes are in PDF points
let state = {proposals: [], open_points: [], documents: [], marks: []};
let current = 0;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
}
async function post(url, body) {
  const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": CSRF},
                              body: JSON.stringify(body), credentials: "same-origin"});
  const data = await r.json().catch(() => ({}));
  // a refused change (400) leaves the page as the reviewer filled it in; a stale one (409) shows the dossier now
  if (r.ok || r.status === 409) await load();
  document.getElementById("message").textContent = r.ok ? "" : (data.error || ("fout " + r.status));
  return r.ok;
}
function filtered() {
  const doc = document.getElementById("f-doc").value, st = document.getElementById("f-status").value;
  const gr = document.getElementById("f-ground").value, low = document.getElementById("f-low").checked;
  return state.proposals.filter(p => (!doc || p.document === doc) && (!st || p.status === st) &&
                                     (!gr || p.ground === gr) && (!low || p.score < 0.8));
}
async function load() {
  state = await (await fetch("api/state", {credentials: "same-origin"})).json();
  render();
}
function decide(p, status) { return post("api/decide", {key: p.key, status, version: p.version}); }
function render() {
  const list = filtered();
  const decided = state.proposals.filter(p => p.status !== "pending").length;
  document.getElementById("progress").textContent = `${decided} van ${state.proposals.length} besloten`;
  const ol = document.getElementById("proposals");
  ol.replaceChildren();
  list.forEach((p, i) => {
    const grounds = [...document.getElementById("term-ground").options].map(o => o.value);
    // a value the rules keep public has no ground until a reviewer gives one: shown as "—", not as the first ground
    const sel = el("select", {class: "ground", onchange: e => post("api/decide", {key: p.key, status: p.status, version: p.version, ground: e.target.value || null})},
                   ...(p.ground ? [] : [el("option", {value: "", selected: "selected"}, "—")]),
                   ...grounds.map(g => { const o = el("option", {}, g); if (g === p.ground) o.selected = true; return o; }));
    const li = el("li", {class: p.status + (i === current ? " current" : ""), "data-key": p.key},
      el("span", {class: "st"}, p.status), " ", el("b", {class: "value"}, p.text), ` ${p.entity} · ${p.document} p.${p.page} · `,
      sel, ` · ${p.action} · regel ${p.rule} · score ${p.score.toFixed(2)}`,
      el("div", {class: "ctx"}, p.context), el("div", {class: "ctx"}, "bewijs: " + p.evidence.join(", ")),
      el("button", {class: "accept", onclick: () => decide(p, "accepted")}, "Accepteren"),
      el("button", {class: "reject", onclick: () => decide(p, "rejected")}, "Afwijzen"),
      p.person ? el("button", {class: "person-accept", onclick: () => post("api/person", {person: p.person, status: "accepted"})}, "Hele persoon accepteren") : "",
      p.person ? el("button", {class: "person-reject", onclick: () => post("api/person", {person: p.person, status: "rejected"})}, "Hele persoon afwijzen") : "",
      el("details", {}, el("summary", {}, `audit (${p.audit.length})`),
         ...p.audit.map(a => el("div", {class: "ctx"}, `${a.at} ${a.reviewer}: ${a.before} → ${a.after}`))));
    ol.append(li);
  });
  const op = document.getElementById("open-points");
  op.replaceChildren(...state.open_points.map(o => el("div", {class: "open", "data-document": o.document},
    `Open punt: ${o.document} — ${o.reason} — ${o.resolution || "onopgelost"} `,
    ...[["exclude", "Document uitsluiten"], ["redact-pages", "Hele pagina's lakken"], ["ocr", "Pagina OCR'en"]].map(([r, t]) =>
      el("button", {class: "resolve-" + r, onclick: () => {
        // OCR pictures and reads the pages and scans them into the dossier: seconds a page, said while it runs
        if (r === "ocr") document.getElementById("message").textContent = `OCR van ${o.document} loopt…`;
        return post("api/open-point", {document: o.document, resolution: r}); }}, t)))));
  renderPages(list);
}
function renderPages(list) {
  const pages = document.getElementById("pages");
  const doc = document.getElementById("f-doc").value;
  pages.replaceChildren();
  for (const d of state.documents) {
    if (doc && d.name !== doc) continue;
    pages.append(markControl(d.name, 0));
    for (let n = 1; n <= d.pages; n++) {
      pages.append(markControl(d.name, n));
      const div = el("div", {class: "page", "data-document": d.name, "data-page": n});
      div.append(el("img", {src: `page/${encodeURIComponent(d.name)}/${n}.png`, alt: `${d.name} pagina ${n}`, draggable: "false"}));
      for (const p of state.proposals.filter(p => p.document === d.name && p.page === n)) {
        for (const b of p.boxes) {
          const cls = p.action === "keep" && p.status === "pending" ? "keep" : p.status;
          const box = el("div", {class: `box ${cls}` + (list[current] && list[current].key === p.key ? " current" : ""),
                                 title: `${p.ground || "openbaar"} · ${p.rule}`});
          Object.assign(box.style, {left: b[0] * SCALE + "px", top: b[1] * SCALE + "px",
                                    width: (b[2] - b[0]) * SCALE + "px", height: (b[3] - b[1]) * SCALE + "px"});
          div.append(box);
        }
      }
      enableDrawing(div, d.name, n);
      pages.append(div);
    }
  }
}
// "niet openbaar" (with a ground) or "reeds openbaar" (with a link) for a page, or page 0: the whole document
function markControl(name, page) {
  const m = state.marks.find(m => m.document === name && m.page === page);
  const grounds = [...document.getElementById("term-ground").options].map(o => o.value);
  const kind = el("select", {class: "mark-kind"}, el("option", {value: ""}, "openbaar volgens voorstellen"),
                  el("option", {value: "niet openbaar"}, "niet openbaar"), el("option", {value: "reeds openbaar"}, "reeds openbaar"));
  kind.value = m ? m.mark : "";
  const ground = el("select", {class: "mark-ground"}, ...grounds.map(g => el("option", {value: g}, g)));
  if (m && m.ground) ground.value = m.ground;
  const link = el("input", {class: "mark-link", placeholder: "https://... (reeds openbaar)", value: m && m.link ? m.link : ""});
  const form = el("form", {class: "mark", "data-document": name, "data-page": page, "data-mark": m ? m.mark : "",
                           onsubmit: e => { e.preventDefault();
                             post("api/mark", {document: name, page, mark: kind.value || null, ground: ground.value, link: link.value}); }},
    page ? `${name} pagina ${page}: ` : `${name} (heel document): `, kind, " grond ", ground, " ", link, " ",
    el("button", {class: "mark-save"}, "Vastleggen"),
    m ? el("details", {}, el("summary", {}, `audit (${m.audit.length})`),
           ...m.audit.map(a => el("div", {class: "ctx"}, `${a.at} ${a.reviewer}: ${a.before} → ${a.after}`))) : "");
  return form;
}
function enableDrawing(div, name, page) {
  let start = null, rect = null;
  div.addEventListener("mousedown", e => {
    const r = div.getBoundingClientRect();
    start = [e.clientX - r.left, e.clientY - r.top, e.shiftKey];
    rect = el("div", {class: "drag"}); div.append(rect); e.preventDefault();
  });
  div.addEventListener("mousemove", e => {
    if (!start) return;
    const r = div.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    Object.assign(rect.style, {left: Math.min(x, start[0]) + "px", top: Math.min(y, start[1]) + "px",
                               width: Math.abs(x - start[0]) + "px", height: Math.abs(y - start[1]) + "px"});
  });
  div.addEventListener("mouseup", e => {
    if (!start) return;
    const r = div.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    const pts = [Math.min(x, start[0]), Math.min(y, start[1]), Math.max(x, start[0]), Math.max(y, start[1])].map(v => v / SCALE);
    const words = start[2];
    start = null; rect.remove();
    if (pts[2] - pts[0] < 2 || pts[3] - pts[1] < 2) return;
    post("api/box", {document: name, page, rect: pts, ground: document.getElementById("term-ground").value, words});
  });
}
document.getElementById("search").addEventListener("submit", e => {
  e.preventDefault();
  post("api/term", {term: document.getElementById("term").value, ground: document.getElementById("term-ground").value});
});
for (const id of ["f-doc", "f-status", "f-ground", "f-low"]) document.getElementById(id).addEventListener("change", () => { current = 0; render(); });
document.addEventListener("keydown", e => {
  if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT") return;
  const list = filtered(), p = list[current];
  if (e.key === "j") { current = Math.min(current + 1, list.length - 1); render(); }
  else if (e.key === "k") { current = Math.max(current - 1, 0); render(); }
  else if (e.key === "a" && p) decide(p, "accepted");
  else if (e.key === "r" && p) decide(p, "rejected");
  else if (e.key === "p" && p && p.person) post("api/person", {person: p.person, status: "accepted"});
  else if (e.key === "P" && p && p.person) post("api/person", {person: p.person, status: "rejected"});
});
load();
