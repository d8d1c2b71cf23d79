/**
 * Records read as JSON text and sent on unchanged, written out as that same text. A page of the
 * directory is 25 services of about 1 KB each: parsing them and writing them out again was a
 * fifth of the CPU of a list request at 10,000 services (issue 14). The store reads each with
 * `parsedFrom`, which remembers the text (weakly: it goes with the object); the HTTP layer writes
 * answers with `toJson`, which puts that text where the object was.
 *
 * Only for objects nothing changes after they are read: the store's directory reads, whose
 * objects go from the store to the answer untouched. Objects made once and answered again
 * unchanged (a service's ORUK forms) are marked `lasting`: the first answer that holds one
 * writes it out and keeps the text for the next.
 */
const texts = new WeakMap<object, string>();
const lastingObjects = new WeakSet<object>();

/** `JSON.parse(text)`, remembering that the object is `text` written out. */
export function parsedFrom(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value;
}

/** Marks `value` as never changing: `toJson` writes it out once and keeps the text. */
export function lasting(value: object): void {
  lastingObjects.add(value);
}

/** Stands for the Nth remembered text in the JSON being written; no string written can hold it. */
const MARK = '\u0000json-text:';
const MARKED = /"\\u0000json-text:(\d+)"/g;

/**
 * `JSON.stringify(value)` with a mark in place of each object known as text, and the objects
 * marked, in order; null where the plain `JSON.stringify` must be used instead.
 */
function marked(value: unknown): { text: string; found: object[] } | null {
  const found: object[] = [];
  const seen = { clash: false };
  const text = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    if (key.includes('\u0000')) seen.clash = true;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) seen.clash = true;
    } else if (typeof item === 'object' && item !== null) {
      if (!texts.has(item) && lastingObjects.has(item)) texts.set(item, JSON.stringify(item));
      if (texts.has(item)) {
        found.push(item);
        return `${MARK}${String(found.length - 1)}`;
      }
    }
    return item;
  });
  // A string of the answer's own that holds a NUL could pass for a mark: written out plainly.
  return seen.clash ? null : { text, found };
}

/** `JSON.stringify(value)`, with each object read by `parsedFrom` written as the text it was read from. */
export function toJson(value: unknown): string {
  const m = marked(value);
  if (m === null) return JSON.stringify(value);
  if (m.found.length === 0) return m.text;
  return m.text.replace(MARKED, (_, index: string) => texts.get(m.found[Number(index)] ?? {}) ?? 'null');
}

/**
 * Each remembered text as UTF-8, made the first time it is written out. A page of the directory
 * holds text outside Latin-1 (a Welsh name, a curly apostrophe), so its whole string is held two
 * bytes a character, and encoding it again for every answer (twice: once to count its length)
 * was a tenth of a search's CPU at 10,000 services (issue 14). Copying the bytes is not.
 */
const bytes = new WeakMap<object, Uint8Array>();

/** `toJson(value)` as UTF-8: the known objects' bytes copied in, not encoded again. */
export function toJsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const m = marked(value);
  if (m === null) return Buffer.from(JSON.stringify(value));
  if (m.found.length === 0) return Buffer.from(m.text);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const mark of m.text.matchAll(MARKED)) {
    parts.push(Buffer.from(m.text.slice(from, mark.index)));
    const item = m.found[Number(mark[1])] ?? {};
    let encoded = bytes.get(item);
    if (encoded === undefined) {
      encoded = Buffer.from(texts.get(item) ?? 'null');
      bytes.set(item, encoded);
    }
    parts.push(encoded);
    from = mark.index + mark[0].length;
  }
  parts.push(Buffer.from(m.text.slice(from)));
  return Buffer.concat(parts);
}
