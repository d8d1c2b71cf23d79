/* global window, document, requestAnimationFrame -- functions run in the page (page.evaluate) */
// The example partner site (examples/vcs-site) as a person on a mid-range phone gets it: served by
// the reference hub (compressed, as /cdn/ serves), loaded in Chromium under slow 4G and 4× CPU
// throttling (Lighthouse's mobile settings, through CDP), traced with page.tracing. Beside it, the
// floor: a lit hello-world page served the same way (its element bundled and served from /cdn/).
//
// For each page, the median of RUNS loads: long tasks over 50 ms on the main thread (and those
// running hubkit's CDN code), total blocking time (tasks' time over 50 ms, after first
// contentful paint), cumulative layout shift (PerformanceObserver), when the elements have
// rendered, and the bytes over the wire (CDP encodedDataLength). Needs `npm run build`.
// Run: npm run bench -- page-trace
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { silentLogger, startHub } from '@hubkit/server';
import { bundleForBrowser } from '../scripts/browser-bundle.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const root = join(import.meta.dirname, '..');
const cdn = join(root, 'packages', 'elements', 'dist', 'cdn');
if (!existsSync(join(cdn, 'chunks.json'))) {
  console.error('No CDN build in packages/elements/dist/cdn: run `npm run build` first.');
  process.exit(1);
}
const KEYS = {
  publishable: 'pk_demo_PageTraceBench0000000001',
  secret: 'sk_demo_PageTraceBenchSecret00000001',
};
// Lighthouse's mobile throttling ("slow 4G"), as DevTools applies it.
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};
const CPU = 4;
const LONG = 50;

// The floor: a lit hello-world element, bundled like the elements' chunks, on a page like the example's.
const hello = join('/tmp', `hubkit-page-trace-${process.pid}`);
rmSync(hello, { recursive: true, force: true });
mkdirSync(join(hello, 'cdn'), { recursive: true });
const helloCode = await bundleForBrowser({
  contents: `
    import { LitElement, html, css } from 'lit';
    class HelloWorld extends LitElement {
      static properties = { name: {} };
      static styles = css\`:host { display: block; padding: 1rem; border: 2px solid; }\`;
      constructor() { super(); this.name = 'world'; }
      render() { return html\`<p>Hello, \${this.name}!</p>\`; }
    }
    customElements.define('hello-world', HelloWorld);`,
});
const helloFile = `hello.${createHash('sha256').update(helloCode).digest('hex').slice(0, 8)}.js`;
writeFileSync(join(hello, 'cdn', helloFile), helloCode);
writeFileSync(
  join(hello, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hello</title>
    <link rel="stylesheet" href="/site.css" />
    <script type="module" src="/cdn/${helloFile}" integrity="{{integrity /cdn/${helloFile}}}" crossorigin="anonymous"></script>
  </head>
  <body><main class="width"><h1>Hello</h1><hello-world></hello-world></main></body>
</html>
`,
);
writeFileSync(join(hello, 'site.css'), readFileSync(join(root, 'examples', 'vcs-site', 'site.css')));

// PAGE_TRACE_PORT=4640 serves the example on 4640 and the floor on 4641 (default: any free ports).
const PORT = Number(process.env.PAGE_TRACE_PORT ?? 0);
const serve = (site, cdnDir, offset) =>
  startHub({
    port: PORT ? PORT + offset : 0,
    db: ':memory:',
    demo: true,
    publishableKey: KEYS.publishable,
    secretKey: KEYS.secret,
    logger: silentLogger,
    static: [
      { path: '/', dir: site },
      { path: '/cdn/', dir: cdnDir },
    ],
  });
const pages = {
  'example site (hubkit)': {
    hub: await serve(join(root, 'examples', 'vcs-site'), cdn, 0),
    tags: ['hub-service-finder', 'hub-referral-form', 'hub-consent-capture'],
  },
  'lit hello-world': { hub: await serve(hello, join(hello, 'cdn'), 1), tags: ['hello-world'] },
};
// PAGE_TRACE_COMPARE=<a dist/cdn folder of another build> (an older commit's, copied aside) adds
// the example site served with it, measured in the same run: before and after on one busy machine.
if (process.env.PAGE_TRACE_COMPARE)
  pages['example site (compared build)'] = {
    hub: await serve(join(root, 'examples', 'vcs-site'), process.env.PAGE_TRACE_COMPARE, 2),
    tags: pages['example site (hubkit)'].tags,
  };

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});

let dumped = 0;
/** One cold load of a page, traced (with the JavaScript sampler on for `profile`: slower). */
async function measure(url, tags, profile = false) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({
    width: 412,
    height: 823,
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const requests = new Map();
  const bytes = { total: 0, cdn: 0, files: 0 };
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes.total += e.encodedDataLength;
    bytes.files += 1;
    if (new URL(requests.get(e.requestId) ?? 'http://x/').pathname.startsWith('/cdn/'))
      bytes.cdn += e.encodedDataLength;
  });
  await page.evaluateOnNewDocument((watched) => {
    const seen = { cls: 0, shifts: [], rendered: undefined };
    window.__trace = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        seen.cls += entry.value;
        seen.shifts.push({
          value: entry.value,
          at: Math.round(entry.startTime),
          sources: (entry.sources ?? []).map(
            (s) => s.node?.nodeName ?? s.node?.textContent?.slice(0, 20) ?? '?',
          ),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
    const check = () => {
      const done = watched.every((tag) => {
        const el = document.querySelector(tag);
        // Cheap, as it runs every frame: reading the shadow roots' text would add to the tasks measured.
        return (el?.shadowRoot?.childElementCount ?? 0) > 0;
      });
      if (done) seen.rendered = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, tags);
  await page.tracing.start({
    categories: [
      '-*',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'loading',
      'toplevel',
      // Samples of what JavaScript ran, with each function's script URL: attribution.
      ...(profile ? ['disabled-by-default-v8.cpu_profiler'] : []),
    ],
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => window.__trace.rendered !== undefined, { timeout: 120_000 });
  // A quiet second after the render, for the last tasks and shifts.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const seen = await page.evaluate(() => window.__trace);
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString());
  // TRACE_DUMP=/tmp/x writes each load's trace to /tmp/x-<n>.json (for DevTools' Performance panel).
  if (process.env.TRACE_DUMP)
    writeFileSync(`${process.env.TRACE_DUMP}-${(dumped += 1)}.json`, JSON.stringify(trace));
  await context.close();
  return {
    ...analyse(trace.traceEvents ?? trace, new URL(url).origin),
    cls: seen.cls,
    shifts: seen.shifts,
    rendered: seen.rendered,
    bytes,
  };
}

/**
 * JavaScript samples of one process's main thread: [time (µs, trace clock), stack], the stack
 * leaf first, each frame `{ name, url, line }`.
 */
function samplesOf(events, pid, tid) {
  const nodes = new Map();
  const samples = [];
  const profile = events.find((e) => e.pid === pid && e.tid === tid && e.name === 'Profile');
  if (!profile) return [];
  let time = profile.args?.data?.startTime;
  for (const e of events) {
    // The chunks come from the sampler's own thread, tied to the profile by its id.
    if (e.pid !== pid || e.name !== 'ProfileChunk' || e.id !== profile.id) continue;
    const chunk = e.args?.data?.cpuProfile ?? {};
    for (const node of chunk.nodes ?? [])
      nodes.set(node.id, {
        parent: node.parent,
        frame: {
          name: node.callFrame?.functionName || '(anonymous)',
          url: node.callFrame?.url ?? '',
          line: (node.callFrame?.lineNumber ?? -1) + 1,
          column: (node.callFrame?.columnNumber ?? -1) + 1,
        },
      });
    const deltas = e.args?.data?.timeDeltas ?? [];
    for (const [i, id] of (chunk.samples ?? []).entries()) {
      time = (time ?? e.ts) + (deltas[i] ?? 0);
      samples.push([time, id]);
    }
  }
  const stackOf = (id) => {
    const stack = [];
    for (let node = nodes.get(id); node; node = nodes.get(node.parent)) stack.push(node.frame);
    return stack;
  };
  return samples.map(([t, id]) => [t, stackOf(id)]);
}

/** The top of a tally: `[key, ms]` sorted, the first `n`. */
const top = (tally, n) =>
  [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => ({ key, ms: Math.round(ms) }));
const add = (tally, key, ms) => tally.set(key, (tally.get(key) ?? 0) + ms);

// What a task does, as the trace names it (the scheduler's wrappers around them left out).
const PHASES = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'FireIdleCallback',
  'FireAnimationFrame',
  'RunMicrotasks',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'HitTest',
  'MajorGC',
  'MinorGC',
]);

/**
 * What a long task did, from the trace's own events: the time of its outermost events by name
 * (a module's evaluation, a timer, style and layout…), with the script each ran where the trace
 * says; what no named event covers is "other".
 */
function phasesOf(events, task) {
  const end = task.ts + task.dur;
  const inside = events
    .filter((e) => PHASES.has(e.name) && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tally = new Map();
  let reach = 0;
  let covered = 0;
  for (const e of inside) {
    if (e.ts < reach) continue;
    reach = e.ts + e.dur;
    covered += e.dur / 1000;
    const url = e.args?.data?.url ?? e.args?.fileName ?? '';
    const where = url ? ` ${new URL(url, 'http://x/').pathname.replace(/^\/cdn\//, '')}` : '';
    add(tally, `${e.name}${where}`, e.dur / 1000);
  }
  if (task.dur / 1000 - covered >= 1) add(tally, 'other', task.dur / 1000 - covered);
  return top(tally, 5);
}

/** Long tasks and blocking time on the page's main thread, and whose code ran in them. */
function analyse(events, origin) {
  const nav =
    events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin)) ??
    events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'));
  if (!nav) throw new Error('the trace has no navigation to the page');
  const { pid, ts: start } = nav;
  const tid = events.find(
    (e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )?.tid;
  const navigationId = nav.args.data.navigationId;
  const fcp = events.find(
    (e) => e.name === 'firstContentfulPaint' && e.args?.data?.navigationId === navigationId,
  );
  const thread = events.filter((e) => e.pid === pid && e.tid === tid);
  const tasks = thread.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= start);
  const long = tasks.filter((t) => t.dur / 1000 > LONG);
  const fcpTs = fcp?.ts ?? start;
  const tbt = tasks
    .filter((t) => t.ts >= fcpTs)
    .reduce((sum, t) => sum + Math.max(0, t.dur / 1000 - LONG), 0);
  // In each long task, the sampled JavaScript time (the profiler samples every ~0.1–1 ms) by
  // script, and by the innermost function of the page's own scripts on the stack (hubkit's
  // chunks, lit inside them): the code that was running, or that called the engine's own.
  const samples = samplesOf(events, pid, tid);
  const described = long.map((task) => {
    const inside = samples.filter(([t]) => t >= task.ts && t <= task.ts + task.dur);
    const byUrl = new Map();
    const byFunction = new Map();
    for (const [i, [t, stack]] of inside.entries()) {
      const ms = ((inside[i + 1]?.[0] ?? task.ts + task.dur) - t) / 1000;
      const own = stack.find((f) => f.url.startsWith(origin));
      const leaf = stack.find((f) => f.url) ?? stack[0];
      const url = own?.url ?? leaf?.url;
      if (url) add(byUrl, new URL(url, origin).pathname, ms);
      if (own)
        add(
          byFunction,
          `${own.name} (${new URL(own.url).pathname.replace(/^\/cdn\//, '')}:${own.line}:${own.column})`,
          ms,
        );
      else if (leaf && !leaf.url) add(byFunction, leaf.name, ms);
    }
    const scripts = top(byUrl, 99).map(({ key, ms }) => ({ url: key, ms }));
    return {
      at: Math.round((task.ts - start) / 1000),
      ms: Math.round(task.dur / 1000),
      scripts,
      functions: top(byFunction, 4),
      phases: phasesOf(thread, task),
    };
  });
  return {
    fcp: fcp ? (fcp.ts - start) / 1000 : undefined,
    long: described,
    longHubkit: described.filter((t) => t.scripts.some((s) => s.url.startsWith('/cdn/') && s.ms > 0)),
    tbt,
    longest: Math.max(0, ...tasks.map((t) => t.dur / 1000)),
  };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

const results = {};
const profiled = {};
// A trace now and then misses its navigation (the tracing buffer): measure that load again.
const again = ({ hub, tags }, profile) =>
  measure(`${hub.url}/`, tags, profile).catch(() => measure(`${hub.url}/`, tags, profile));
// Pages in turn, load after load, so a machine busy with other work weighs on each alike.
for (const name of Object.keys(pages)) results[name] = [];
for (let i = 0; i < RUNS; i += 1)
  for (const [name, page] of Object.entries(pages)) results[name].push(await again(page, false));
for (const [name, page] of Object.entries(pages)) profiled[name] = await again(page, true);
await browser.close();
for (const { hub } of Object.values(pages)) await hub.close();
rmSync(hello, { recursive: true, force: true });

const names = Object.keys(results);
const [site, floor, compared] = names;
const fig = (name, pick) => median(results[name].map(pick));
const lines = [
  ['first contentful paint (ms)', (r) => r.fcp],
  ['elements rendered (ms after navigation)', (r) => r.rendered],
  ['longest main-thread task (ms)', (r) => r.longest],
  ['long tasks > 50 ms', (r) => r.long.length],
  ['total blocking time (ms)', (r) => r.tbt],
  ['cumulative layout shift', (r) => r.cls],
  ['bytes over the wire, all (KiB)', (r) => r.bytes.total / 1024],
  ['  of them /cdn/ (KiB)', (r) => r.bytes.cdn / 1024],
  ['requests', (r) => r.bytes.files],
];
console.log(
  `Chromium, slow 4G (${SLOW_4G.latency} ms RTT, 1.47 Mbit/s) and ${CPU}× CPU throttling, 412×823 mobile viewport; median of ${RUNS} cold loads`,
);
const w = Math.max(...lines.map(([l]) => l.length));
const third = compared ? ` ${'compared build'.padStart(16)}` : '';
console.log(`${''.padEnd(w)} ${site.padStart(24)} ${floor.padStart(18)} ${'ratio'.padStart(8)}${third}`);
for (const [label, pick] of lines) {
  const a = fig(site, pick);
  const b = fig(floor, pick);
  const digits = label.startsWith('cumulative') ? 3 : label.includes('KiB') ? 1 : 0;
  const ratio = b > 0 ? `${(a / b).toFixed(1)}×` : '';
  const c = compared ? ` ${fig(compared, pick).toFixed(digits).padStart(16)}` : '';
  console.log(
    `${label.padEnd(w)} ${a.toFixed(digits).padStart(24)} ${b.toFixed(digits).padStart(18)} ${ratio.padStart(8)}${c}`,
  );
}
console.log(
  '\nMust (issue 12), on the example site: no long task over 50 ms from hubkit code, total blocking time ≤ 50 ms, CLS 0.',
);
console.log('Long tasks and layout shifts of each run:');
const describe = (run, label, sampled = false) => {
  const list = (items) => items.map((i) => `${i.key} ${i.ms}`).join(', ');
  if (!sampled) {
    const tasks = run.long.map((t) => `${t.ms} ms at ${t.at} ms (${list(t.phases)})`);
    console.log(`  ${label}: long tasks: ${tasks.join('; ') || 'none'}`);
  } else {
    console.log(`  ${label}: ${run.long.length ? '' : 'no long tasks'}`);
    for (const t of run.long) {
      const scripts = t.scripts.map((s) => `${s.url.replace(/^\/cdn\//, '')} ${s.ms}`).join(', ');
      console.log(`    ${t.ms} ms at ${t.at} ms`);
      console.log(`      trace: ${list(t.phases)}`);
      console.log(`      scripts (ms): ${scripts || 'no JavaScript sampled'}`);
      if (t.functions.length) console.log(`      functions (ms): ${list(t.functions)}`);
    }
  }
  if (run.shifts.length)
    console.log(
      `    layout shifts: ${run.shifts.map((s) => `${s.value.toFixed(3)} at ${s.at} ms (${s.sources.join(', ')})`).join('; ')}`,
    );
};
for (const [i, run] of results[site].entries()) describe(run, `run ${i + 1}`);
if (compared)
  for (const [i, run] of results[compared].entries()) describe(run, `compared build, run ${i + 1}`);
console.log(
  '\nWhose code runs in the long tasks: one more load of each page with the JavaScript sampler on (the sampler slows the',
);
console.log('page down, so these tasks are longer than above); the time sampled in each script, by script:');
for (const name of names) describe(profiled[name], name, true);
for (const name of [site, compared].filter(Boolean))
  console.log(
    `  ${name}: long tasks running hubkit's /cdn/ code: ${profiled[name].longHubkit.length} of ${profiled[name].long.length}`,
  );
