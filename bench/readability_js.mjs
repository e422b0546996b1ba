// Mozilla Readability.js on linkedom over the same pages as sach_bench.
// usage: node readability_js.mjs [--rounds R] FILE...   (one process, one thread)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
const require = createRequire(new URL('./js/', import.meta.url));
const { Readability } = require('@mozilla/readability');
const { parseHTML } = require('linkedom');

let args = process.argv.slice(2), rounds = 1;
if (args[0] === '--rounds') { rounds = Number(args[1]); args = args.slice(2); }
const pages = args.map((f) => {
  let b = readFileSync(f);
  if (b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b);
  return b.toString('utf8');
});
const size = pages.reduce((s, p) => s + Buffer.byteLength(p), 0);
let failed = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const p of pages) {
    try { const { document } = parseHTML(p); new Readability(document).parse(); } catch { failed++; }
  }
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
const n = pages.length * rounds;
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`tool=readability-js threads=1 pages=${n} seconds=${secs.toFixed(3)} pages_per_s=${(n / secs).toFixed(1)} ` +
  `mb_per_s=${(size * rounds / secs / 1e6).toFixed(2)} peak_rss_mb=${rss.toFixed(1)} failed=${failed}`);
