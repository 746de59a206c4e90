// Real-client checks in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core). Prints one JSON object on stdout; the Rust tests in tests/clients.rs assert
// on it.
//
//   node check.mjs html PAGE.html SCREENSHOT.png QUERY
//     loads the page from file:// with the network cut off; reports console errors and page
//     errors, the node counts the page shows before and after typing QUERY into the search
//     box, the side panel's mention count after clicking the first match, and the count with
//     the kind filter set to talks.
//   node check.mjs mermaid DIAGRAM.mmd
//     renders the diagram with Mermaid (node_modules/mermaid) in a blank page; reports the
//     error, or the number of nodes and edges in the SVG.
import { readFileSync } from "node:fs";
import { pathToFileURL, fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const [mode, file, screenshot, query] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const result = { errors: [], requests: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") result.errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => result.errors.push(`page error: ${e.message}`));
  // the page must need nothing from the network: every request but the file itself is noted
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url === "about:blank") return route.continue();
    result.requests.push(url);
    return route.abort();
  });

  if (mode === "html") {
    // the layout runs in the page's script: a busy machine may take a while over it
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "domcontentloaded", timeout: 120000 });
    await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
    const counts = () => page.$eval("#count", (e) => ({ shown: Number(e.dataset.shown), total: Number(e.dataset.total), matches: Number(e.dataset.matches) }));
    result.before = await counts();
    result.drawn = await page.evaluate(() => document.querySelectorAll("#cy canvas").length);
    await page.fill("#search", query);
    result.after = await counts();
    // click the first match in the graph: its mentions appear in the side panel
    const pos = await page.evaluate(() => {
      const cyEl = document.getElementById("cy");
      const n = window.__talkgraph.cy.nodes(".match").first();
      if (n.empty()) return null;
      const p = n.renderedPosition();
      const r = cyEl.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    if (pos) {
      await page.mouse.click(pos.x, pos.y);
      result.panel = await page.$eval("#panel", (p) => ({ title: p.querySelector("h2")?.textContent ?? null, mentions: p.querySelectorAll("#mentions li").length }));
    }
    await page.fill("#search", "");
    // the kind filter alone: only talks are shown
    await page.selectOption("#kind", "talk");
    result.talks = await counts();
    await page.selectOption("#kind", "");
    await page.evaluate(() => { window.__talkgraph.cy.fit(undefined, 30); });
    if (screenshot) await page.screenshot({ path: screenshot });
  } else if (mode === "mermaid") {
    const diagram = readFileSync(file, "utf8");
    await page.setContent("<!DOCTYPE html><html><body><div id=out></div></body></html>");
    await page.addScriptTag({ path: join(here, "node_modules/mermaid/dist/mermaid.min.js") });
    const r = await page.evaluate(async (text) => {
      try {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
        const { svg } = await window.mermaid.render("g", text);
        const div = document.getElementById("out");
        div.innerHTML = svg;
        return {
          nodes: div.querySelectorAll("g.node").length,
          edges: div.querySelectorAll("path.flowchart-link, g.edgePaths path").length,
          error: svg.includes("Syntax error") ? "syntax error in the SVG" : null,
        };
      } catch (e) {
        return { error: String(e && e.message ? e.message : e) };
      }
    }, diagram);
    Object.assign(result, r);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result) + "\n");
