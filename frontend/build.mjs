// Copies the front-end dependencies from node_modules into Django's static folder.
//
// Samskapa runs in closed municipal networks, so nothing is loaded from a CDN: the files that
// the templates reference are copied from the pinned npm packages into samskapa/static/vendor/,
// where collectstatic and WhiteNoise pick them up. The folder is build output; it is emptied on
// every run so that a removed dependency cannot leave a stale file behind.
//
// Usage: npm ci && npm run build

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const modules = join(root, "node_modules");
const vendor = join(root, "samskapa", "static", "vendor");

// [package, file inside the package, destination inside static/vendor]. Each package's licence
// travels with its files, as the MIT and 0BSD terms ask.
const files = [
  ["@digdir/designsystemet-css", "dist/src/index.css", "designsystemet/designsystemet.css"],
  // The default theme (colours, typography, sizes) ships with the CSS package, in step with it.
  // The separate @digdir/designsystemet-theme package is deprecated in its own README.
  ["@digdir/designsystemet-css", "dist/theme/designsystemet.css", "designsystemet/theme.css"],
  ["@digdir/designsystemet-css", "LICENSE", "designsystemet/LICENSE"],
  ["htmx.org", "dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org", "LICENSE", "htmx/LICENSE"],
  // Chart.js draws the portfolio's balance charts. The UMD build defines window.Chart for our
  // plain script; it bundles @kurkle/color, whose licence therefore travels with it. The source
  // map is copied too, because the bundle names it and collectstatic's manifest storage refuses
  // a reference to a missing file.
  ["chart.js", "dist/chart.umd.min.js", "chartjs/chart.umd.min.js"],
  ["chart.js", "dist/chart.umd.min.js.map", "chartjs/chart.umd.min.js.map"],
  ["chart.js", "LICENSE.md", "chartjs/LICENSE.md"],
  ["@kurkle/color", "LICENSE.md", "chartjs/LICENSE-kurkle-color.md"],
];

function packageVersion(name) {
  const manifest = join(modules, name, "package.json");
  if (!existsSync(manifest)) {
    throw new Error(`${name} is not installed; run "npm ci" first.`);
  }
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

rmSync(vendor, { recursive: true, force: true });

for (const [name, source, destination] of files) {
  const from = join(modules, name, source);
  const to = join(vendor, destination);
  if (!existsSync(from)) {
    throw new Error(`${name}@${packageVersion(name)} has no ${source}; check the pinned version.`);
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  console.log(`${name}@${packageVersion(name)}: ${source} -> ${relative(root, to)}`);
}
