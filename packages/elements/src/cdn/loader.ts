/**
 * The CDN loader of @hubkit/elements: the one script a partner pastes, with its integrity hash.
 *
 * It watches the page (the document, and every open shadow root it meets) and, when a `hub-*`
 * element appears, fetches that element's code and defines it, the way Shoelace's and Web
 * Awesome's autoloaders do. The code is split into ES-module chunks with content-hashed names
 * (scripts/after-build.ts); shared chunks (lit, the schema, the SDK) are fetched once however many
 * elements a page has.
 *
 * Every chunk is integrity-checked, not only this file: the build writes each chunk's SHA-384
 * into this loader (HUBKIT_MANIFEST), and before importing a chunk the loader inserts a
 * `<link rel="modulepreload" integrity crossorigin>` for it and for every chunk it imports
 * statically, and waits for them. A chunk whose bytes differ fails its check, its module-map entry
 * is an error, and nothing of it runs. Dynamic imports inside chunks are written by the build as
 * calls to this loader's `hubkit.import` (below), so they are checked the same way. Nothing here
 * writes HTML or script text, so it works under `require-trusted-types-for 'script'` with no
 * inline script or style.
 */

/** Written by the build: each file with its hash, the files it imports statically, and the tags. */
interface Manifest {
  /** `name sha384-…` for each chunk, names relative to this loader. */
  f: string[];
  /** The indexes in `f` each chunk imports statically. */
  d: number[][];
  /** Tag name → index in `f` of the chunk that defines it. */
  t: Record<string, number>;
}
declare const HUBKIT_MANIFEST: Manifest;

const { f: files, d: deps, t: tags } = HUBKIT_MANIFEST;
const urls = files.map((entry) => new URL(entry.split(' ')[0] ?? '', import.meta.url).href);
const checked = new Map<number, Promise<unknown>>();

/** A chunk and every chunk it imports statically, each after the chunks it imports. */
function order(index: number, seen = new Set<number>(), out: number[] = []): number[] {
  if (!seen.has(index)) {
    seen.add(index);
    for (const dep of deps[index] ?? []) order(dep, seen, out);
    out.push(index);
  }
  return out;
}

// Long tasks (issue 12): starting a fetch costs the page a few milliseconds of its main thread
// (more on a slow phone), and a chunk's code runs when it is imported. So each link goes in, and
// each chunk runs, one at a time, each in a task of its own, dependencies first (lit, the
// shared code, then the element), one element at a time: the page gets several short tasks
// rather than one long one, and input runs between them. scheduler.yield() where there is one
// (Chromium), else a timeout (Firefox, Safari).
const yieldTask = (): Promise<unknown> =>
  (globalThis as { scheduler?: { yield?: () => Promise<unknown> } }).scheduler?.yield?.() ??
  new Promise((resolve) => setTimeout(resolve));
let queue: Promise<unknown> = Promise.resolve();
/** Runs `work` after the work queued before it, in a task of its own. */
function inTurn<T>(work: () => T | PromiseLike<T>): Promise<T> {
  const turn = queue.then(yieldTask).then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

/** Fetches one chunk through an integrity-checked modulepreload, once. */
function preload(index: number): Promise<unknown> {
  let done = checked.get(index);
  if (!done) {
    const link = document.createElement('link');
    const url = urls[index] ?? '';
    done = new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = () => {
        reject(new Error(`@hubkit/elements: ${url} failed its integrity check or could not be fetched`));
      };
    });
    link.rel = 'modulepreload';
    link.crossOrigin = 'anonymous';
    link.integrity = files[index]?.split(' ')[1] ?? '';
    link.href = url;
    void inTurn(() => {
      document.head.append(link);
    });
    checked.set(index, done);
  }
  return done;
}

const running = new Map<number, Promise<unknown>>();
/** Runs one chunk's code (whatever it imports has run before), once. */
function run(index: number): Promise<unknown> {
  let done = running.get(index);
  if (!done) running.set(index, (done = inTurn(() => import(urls[index] ?? ''))));
  return done;
}

/** Imports a chunk once it and every chunk it imports statically have passed their check. */
async function load(index: number): Promise<unknown> {
  if (!document.createElement('link').relList.supports('modulepreload'))
    throw new Error('@hubkit/elements: this browser cannot check the code’s integrity (no modulepreload)');
  const chunks = order(index);
  await Promise.all(chunks.map(preload));
  let module: unknown;
  for (const chunk of chunks) module = await run(chunk);
  return module;
}

// The chunks' own dynamic imports come here (the build rewrites `import('./x.js')` as
// `globalThis[Symbol.for('hubkit.import')]('./x.js', import.meta.url)`). Another copy of the
// loader (another version) on the same page keeps its own files: what is not ours goes to it.
type Importer = (specifier: string, from: string) => Promise<unknown>;
const key = Symbol.for('hubkit.import');
const scope = globalThis as unknown as Record<symbol, Importer | undefined>;
const previous = scope[key];
scope[key] = (specifier, from) => {
  const index = urls.indexOf(new URL(specifier, from).href);
  if (index >= 0) return load(index);
  return previous
    ? previous(specifier, from)
    : Promise.reject(new Error(`@hubkit/elements: ${specifier} is not one of the loader’s files`));
};

const observer = new MutationObserver((records) => {
  for (const record of records)
    for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
});
const watched = new WeakSet<Node>();
const options: MutationObserverInit = { childList: true, subtree: true };

/** Defines one tag: fetches its code and waits for the definition. */
async function define(tag: string): Promise<void> {
  const index = tags[tag];
  if (index === undefined || customElements.get(tag)) return;
  await load(index);
  await customElements.whenDefined(tag);
}

/**
 * Finds the `hub-*` elements not yet defined in a part of the page (and in the open shadow roots
 * inside it, which it then watches too) and defines them. Runs on the whole document when the
 * loader starts; call it yourself for a closed shadow root of your own.
 */
export async function discover(root: Document | Element | ShadowRoot = document): Promise<void> {
  const found = new Set<string>();
  const visit = (element: Element) => {
    const tag = element.localName;
    if (tag in tags && !customElements.get(tag)) found.add(tag);
    // Our own elements render no hub-* elements: their shadow roots are not watched, so their
    // renders cost the observer nothing.
    const shadow = tag in tags ? null : element.shadowRoot;
    if (shadow && !watched.has(shadow)) {
      watched.add(shadow);
      observer.observe(shadow, options);
      for (const inner of shadow.querySelectorAll('*')) visit(inner);
    }
  };
  if (root instanceof Element) visit(root);
  for (const element of root.querySelectorAll('*')) visit(element);
  const results = await Promise.allSettled([...found].map(define));
  for (const result of results) if (result.status === 'rejected') console.error(result.reason);
}

observer.observe(document, options);
void discover(document);
