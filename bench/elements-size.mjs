// The size of @hubkit/elements as a partner's page receives it from the CDN build
// (packages/elements/dist/cdn, made by `npm run build`): every file compressed on its own, as the
// hub's /cdn/ sends it, in gzip (level 9) and brotli (quality 11), against the issue's budgets.
//
//   loader alone               the one script a partner pastes
//   first paint of an element  loader + the chunks the element's code imports statically
//   element fully working      + the chunks it imports later (validation, the HTTP client, the
//                              proof-of-work solver), but not Welsh and not the Open Referral UK reader
//   all three on one page      finder, referral form with consent capture, and the provider
//   Welsh extra                (bytes the page fetches in Welsh) − (bytes it fetches in English),
//                              fully working, for each page above and all three on one page; beside
//                              it the Welsh chunks' bytes alone (the extra when a Welsh page also
//                              fetches the English it replaces; less when English catalogues are
//                              chunks of their own, `*.en.ts`, fetched on English pages only); then
//                              a check that no English chunk holds a Welsh string, and what the
//                              Welsh chunks hold
//
// The baseline, from the same run: the self-contained file per element the CDN served before
// (one rollup bundle per define entry, everything inlined), and the figures the issue measured
// at c1262e6. Run: npm run build && npm run bench -- elements-size
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleForBrowser } from '../scripts/browser-bundle.mjs';

const KIB = 1024;
const elements = join(import.meta.dirname, '..', 'packages', 'elements');
const cdn = join(elements, 'dist', 'cdn');
if (!existsSync(join(cdn, 'chunks.json'))) {
  console.error('No CDN build in packages/elements/dist/cdn: run `npm run build` first.');
  process.exit(1);
}
const { loader, elements: tags, chunks } = JSON.parse(readFileSync(join(cdn, 'chunks.json'), 'utf8'));

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
const sizes = new Map();
const sizeOf = (file) => {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(cdn, file));
    sizes.set(file, { raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) });
  }
  return sizes.get(file);
};
const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;

/** What kind of later chunk a file is: Welsh, the ORUK reader, or part of working. */
const kindOf = (file) => {
  const modules = Object.keys(chunks[file].modules).join(' ');
  if (/(^|\/)[^/ ]*\.cy\.ts\b|\/cy\.ts\b/.test(modules)) return 'welsh';
  // An English catalogue in a chunk of its own: fetched by English pages only, a Welsh page
  // fetches its Welsh twin instead.
  if (/(^|\/)[^/ ]*\.en\.ts\b/.test(modules)) return 'english';
  if (/directory-reader\.ts\b/.test(modules)) return 'oruk';
  return 'later';
};

/** A chunk and what it imports statically. */
function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of chunks[file].imports) staticClosure(dep, seen);
  return seen;
}
/** A chunk, what it imports statically, and what it imports later of the kinds asked for. */
function fullClosure(file, kinds, seen = new Set()) {
  for (const f of staticClosure(file)) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const dynamic of chunks[f].dynamicImports)
      if (kinds.includes(kindOf(dynamic))) fullClosure(dynamic, kinds, seen);
  }
  return seen;
}
const total = (files) =>
  [...files].reduce(
    (sum, file) => {
      const s = sizeOf(file);
      return {
        raw: sum.raw + s.raw,
        gzip: sum.gzip + s.gzip,
        brotli: sum.brotli + s.brotli,
        files: sum.files + 1,
      };
    },
    { raw: 0, gzip: 0, brotli: 0, files: 0 },
  );
const entry = (tag) => {
  const index = tags[tag];
  return Object.keys(chunks)[index];
};
const union = (...sets) => new Set(sets.flatMap((s) => [...s]));

const MUST = { loader: 3 * KIB, firstPaint: 20 * KIB, all: 65 * KIB, welsh: 4 * KIB };
const GOAL = { all: 55 * KIB, one: 40 * KIB };
// Measured at c1262e6 (the issue): the self-contained file per element, gzip.
const ISSUE = {
  'hub-provider': 28.2,
  'hub-consent-capture': 45.6,
  'hub-referral-form': 54.0,
  'hub-service-finder': 53.1,
  all: 79.0,
};

const verdict = (bytes, budget, word = 'must') =>
  budget === undefined
    ? ''
    : bytes <= budget
      ? `${word} ≤ ${kib(budget)}: met`
      : `${word} ≤ ${kib(budget)}: OVER by ${kib(bytes - budget)}`;

const rows = [];
const row = (label, files, ...notes) => {
  const t = total(files);
  rows.push([label, t, notes.filter(Boolean).join('; ')]);
  return t;
};

console.log(
  '@hubkit/elements from the CDN build (packages/elements/dist/cdn), each file compressed on its own',
);
row('loader alone', [loader], verdict(sizeOf(loader).gzip, MUST.loader));
const pageOf = {
  'hub-provider': ['hub-provider'],
  'hub-service-finder': ['hub-provider', 'hub-service-finder'],
  'hub-consent-capture': ['hub-provider', 'hub-consent-capture'],
  'hub-referral-form': ['hub-provider', 'hub-referral-form', 'hub-consent-capture'],
  // Issue 16: a staff page, on the same budgets (first paint ≤ 20 KiB, fully working goal ≤ 40).
  'hub-referral-tracker': ['hub-provider', 'hub-referral-tracker'],
  // Issue 16: the hub's dashboard on an intranet page, on the same budgets.
  'hub-report': ['hub-provider', 'hub-report'],
};
for (const tag of Object.keys(tags).sort()) {
  const first = union([loader], staticClosure(entry(tag)));
  const t = total(first);
  row(`<${tag}> first paint (loader + static chunks)`, first, verdict(t.gzip, MUST.firstPaint));
}
for (const [tag, with_] of Object.entries(pageOf)) {
  const files = union([loader], ...with_.map((t) => fullClosure(entry(t), ['later', 'english'])));
  const t = total(files);
  row(
    `<${tag}> fully working${with_.length > 1 ? ` (with ${with_.filter((t) => t !== tag).join(', ')})` : ''}`,
    files,
    verdict(t.gzip, GOAL.one, 'goal'),
    ISSUE[tag] === undefined ? '' : `c1262e6: ${ISSUE[tag].toFixed(1)} KiB alone`,
  );
}
const three = union(
  [loader],
  ...['hub-provider', 'hub-service-finder', 'hub-referral-form', 'hub-consent-capture'].map((t) =>
    fullClosure(entry(t), ['later', 'english']),
  ),
);
const allT = total(three);
row(
  'all three on one page, fully working',
  three,
  verdict(allT.gzip, MUST.all),
  verdict(allT.gzip, GOAL.all, 'goal'),
  `c1262e6: ${ISSUE.all.toFixed(1)} KiB (all four, one file)`,
);
// Welsh: what a page fetches, fully working, when its elements speak Welsh, less what it fetches
// in English. Beside it the Welsh chunks alone.
const pageFiles = (tags_, lang) =>
  union([loader], ...tags_.map((t) => fullClosure(entry(t), ['later', lang === 'cy' ? 'welsh' : 'english'])));
const welshRow = (label, tags_) => {
  const en = total(pageFiles(tags_, 'en')).gzip;
  const cyFiles = pageFiles(tags_, 'cy');
  const cy = total(cyFiles).gzip;
  const welshAlone = new Set([...cyFiles].filter((f) => f !== loader && kindOf(f) === 'welsh'));
  if (welshAlone.size === 0 && cy === en) return row(label, welshAlone, 'no Welsh to fetch');
  return row(
    label,
    welshAlone,
    `Welsh extra (Welsh page − English page) ${kib(cy - en)}: ${verdict(cy - en, MUST.welsh)}`,
    `the page in English ${kib(en)}, in Welsh ${kib(cy)}`,
  );
};
for (const [tag, with_] of Object.entries(pageOf))
  welshRow(`<${tag}> page in Welsh: the Welsh chunks alone`, with_);
welshRow(
  'all three on one page in Welsh: the Welsh chunks alone',
  Object.keys(pageOf).filter((t) => t !== 'hub-referral-tracker' && t !== 'hub-report'),
);
const orukFiles = Object.keys(chunks).filter((f) => kindOf(f) === 'oruk');
row('Open Referral UK reader (directory-url only)', orukFiles);

const w = Math.max(...rows.map(([label]) => label.length));
console.log(
  `${'what'.padEnd(w)} ${'files'.padStart(5)} ${'min'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}  budget (gzip)`,
);
for (const [label, t, note] of rows)
  console.log(
    `${label.padEnd(w)} ${String(t.files).padStart(5)} ${kib(t.raw).padStart(10)} ${kib(t.gzip).padStart(10)} ${kib(t.brotli).padStart(10)}  ${note}`,
  );

console.log('\nEach chunk (who needs it: S = statically, L = later)');
const needers = (file) =>
  Object.keys(tags)
    .sort()
    .map((tag) => {
      if (staticClosure(entry(tag)).has(file)) return `${tag.slice(4)}:S`;
      if (fullClosure(entry(tag), ['later', 'welsh', 'oruk']).has(file)) return `${tag.slice(4)}:L`;
      return '';
    })
    .filter(Boolean)
    .join(' ');
const fw = Math.max(...Object.keys(chunks).map((f) => f.length));
for (const file of [loader, ...Object.keys(chunks)].sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip)) {
  const s = sizeOf(file);
  const isStatic = Object.keys(tags).some((tag) => staticClosure(entry(tag)).has(file));
  const kind = file === loader ? 'loader' : isStatic ? 'static' : kindOf(file);
  console.log(
    `  ${file.padEnd(fw)} ${kib(s.raw).padStart(10)} ${kib(s.gzip).padStart(10)} ${kib(s.brotli).padStart(10)}  ${kind.padEnd(6)} ${file === loader ? '' : needers(file)}`,
  );
}

// What each chunk holds, by package: each module's share of the chunk's minified length (each
// module minified alone), applied to the chunk's gzip size: an estimate, as modules compress
// differently.
const packageOf = (id) => {
  if (/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id)) return 'lit';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (match) return match[1];
  const own = /packages\/(\w+)\/src\/(?:([\w-]+)\/)?/.exec(id);
  if (own?.[1] === 'elements') return `elements/${own[2] ?? ''}`;
  return own ? `@hubkit/${own[1]}` : id;
};
console.log('\nWhat the chunks hold, by package (share of each chunk, gzip, estimated)');
const byPackage = new Map();
for (const [file, chunk] of Object.entries(chunks)) {
  const lengths = Object.entries(chunk.modules);
  const sum = lengths.reduce((a, [, n]) => a + n, 0) || 1;
  for (const [id, n] of lengths) {
    const key = packageOf(id);
    const entry = byPackage.get(key) ?? { gzip: 0, files: new Set() };
    entry.gzip += (sizeOf(file).gzip * n) / sum;
    entry.files.add(file.split('.')[0]);
    byPackage.set(key, entry);
  }
}
for (const [name, { gzip: g, files }] of [...byPackage].sort((a, b) => b[1].gzip - a[1].gzip))
  if (g >= 100) console.log(`  ${name.padEnd(32)} ${kib(g).padStart(10)}  in ${[...files].join(', ')}`);

console.log(
  '\nBaseline from this run: the self-contained file per element the CDN served before (everything inlined)',
);
const defineDir = join(elements, 'src', 'define');
for (const name of [
  'provider',
  'service-finder',
  'consent-capture',
  'referral-form',
  'referral-tracker',
  'report',
  'all',
]) {
  const code = Buffer.from(await bundleForBrowser({ input: join(defineDir, `${name}.ts`) }));
  const issue = ISSUE[name === 'all' ? 'all' : `hub-${name}`];
  console.log(
    `  ${`define/${name}`.padEnd(24)} ${kib(code.length).padStart(10)} ${kib(gzip(code)).padStart(10)} ${kib(brotli(code)).padStart(10)}  ${issue === undefined ? '(new since c1262e6)' : `(c1262e6: ${issue.toFixed(1)} KiB gzip)`}`,
  );
}

// The Welsh text, from the Welsh modules themselves: each source's strings alone, gzip (an
// estimate: in a chunk they compress against the code around them), with the English beside it;
// and a check, on the built bytes, that no chunk an English page fetches holds a Welsh string.
const text = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'function' ? String(v) : v));
const { fieldMessages, fieldNames } = await import('../packages/schema/src/messages.ts');
const { codelists } = await import('../packages/schema/src/codelists.ts');
const { welshMessages } = await import('../packages/schema/src/cy.ts');
const { welshLabels: elementsLabels } = await import('../packages/elements/src/core/codelists.cy.ts');
const sources = {
  'schema: validation messages (messages.cy.ts)': [
    [fieldMessages, fieldNames],
    [welshMessages.fields, welshMessages.names],
  ],
  // Only the lists the elements show (core/codelists.cy.ts), as the Welsh chunk holds them.
  'schema: codelist labels the elements show': [
    Object.values(codelists)
      .filter((list) => list.name in elementsLabels)
      .map((list) => list.entries.map((e) => e.en)),
    elementsLabels,
  ],
};
for (const [name, path, cyPath = `${path}.cy`] of [
  [
    'elements: common (core/locale.cy.ts)',
    '../packages/elements/src/core/common',
    '../packages/elements/src/core/locale.cy',
  ],
  ['elements: service finder catalogue', '../packages/elements/src/service-finder/messages'],
  ['elements: referral form catalogue', '../packages/elements/src/referral-form/messages'],
  ['elements: consent capture catalogue', '../packages/elements/src/consent-capture/messages'],
  ['elements: referral tracker catalogue', '../packages/elements/src/referral-tracker/messages'],
  ['elements: report catalogue', '../packages/elements/src/report/messages'],
]) {
  const module = await import(`${path}.ts`);
  sources[name] = [(module.messages ?? module.common).en, (await import(`${cyPath}.ts`)).default];
}
console.log('\nThe Welsh modules (the strings alone, gzip, an estimate), English beside it');
let welshTotal = 0;
const sw = Math.max(...Object.keys(sources).map((s) => s.length));
console.log(`  ${'source'.padEnd(sw)} ${'cy gzip'.padStart(10)} ${'en gzip'.padStart(10)}`);
for (const [name, [en, cy]] of Object.entries(sources)) {
  const cyBytes = gzip(Buffer.from(text(cy)));
  welshTotal += cyBytes;
  console.log(
    `  ${name.padEnd(sw)} ${kib(cyBytes).padStart(10)} ${kib(gzip(Buffer.from(text(en)))).padStart(10)}`,
  );
}
console.log(
  `  ${'all Welsh, summed'.padEnd(sw)} ${kib(welshTotal).padStart(10)}   (budget for the Welsh extra: ≤ ${kib(MUST.welsh)})`,
);

// Every Welsh string (of a dozen characters or more, and not also an English one) looked for in
// the built bytes of every chunk that is not Welsh, as esbuild writes it (ASCII, \uXXXX escapes).
const strings = (value) =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(strings)
      : [];
const english = new Set(Object.values(sources).flatMap(([en]) => strings(en)));
const welshStrings = [
  ...new Set(
    Object.values(sources)
      .flatMap(([, cy]) => strings(cy))
      .filter((s) => s.length >= 12 && !english.has(s)),
  ),
];
const built = (s) =>
  s.replace(/[^\x20-\x7e]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const leaks = Object.keys(chunks)
  .filter((file) => kindOf(file) !== 'welsh')
  .flatMap((file) => {
    const code = readFileSync(join(cdn, file), 'utf8');
    const found = welshStrings.filter((s) => code.includes(built(s)) || code.includes(s));
    return found.length ? [`${file} (${found.length}: ${found.slice(0, 2).join(' | ')}…)`] : [];
  });
console.log(
  `\nWelsh strings in chunks an English page fetches: ${
    leaks.length === 0 ? `none of ${welshStrings.length} looked for` : leaks.join('; ')
  }`,
);
