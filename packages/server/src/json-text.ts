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

/** `JSON.stringify(value)`, with each object read by `parsedFrom` written as the text it was read from. */
export function toJson(value: unknown): string {
  const found: string[] = [];
  const seen = { clash: false };
  const text = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    if (key.includes('\u0000')) seen.clash = true;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) seen.clash = true;
    } else if (typeof item === 'object' && item !== null) {
      let known = texts.get(item);
      if (known === undefined && lastingObjects.has(item)) {
        known = JSON.stringify(item);
        texts.set(item, known);
      }
      if (known !== undefined) {
        found.push(known);
        return `${MARK}${String(found.length - 1)}`;
      }
    }
    return item;
  });
  // A string of the answer's own that holds a NUL could pass for a mark: written out plainly.
  if (seen.clash) return JSON.stringify(value);
  if (found.length === 0) return text;
  return text.replace(MARKED, (_, index: string) => found[Number(index)] ?? 'null');
}
