/**
 * Ids for the ORUK objects hubkit keeps no ids of its own for (phones, schedules, languages,
 * attributes, addresses…). HSDS 3.0 wants every object to have a UUID, and a publisher should
 * give the same object the same id on every request, so they are derived, not random: the same
 * service always maps to the same ids, with no store of them anywhere.
 */

// FNV-1a over UTF-16 code units, then murmur3's finaliser so that every input bit reaches every
// output bit. Not cryptographic: these ids only need to be stable and not collide by accident.
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A version 8 (RFC 9562, "custom") UUID derived from `parts`: the same parts always give the same
 * id, and different parts give different ids. `deterministicId('taxonomy', 'hubkit-needs')`.
 */
export function deterministicId(...parts: readonly (string | number)[]): string {
  // JSON keeps the parts apart: ['a-b', 'c'] and ['a', 'b-c'] hash differently.
  const text = JSON.stringify(parts);
  const hex = [1, 2, 3, 4].map((seed) => hash32(text, seed).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** The kinds of child object whose ids are derived from their parent's. */
export type OrukChildKind =
  | 'phone'
  | 'schedule'
  | 'language'
  | 'attribute'
  | 'service_area'
  | 'cost_option'
  | 'service_at_location'
  | 'address'
  | 'accessibility'
  | 'organization_identifier'
  | 'location'
  | 'organization';

/** The id of the `index`th child of `kind` under the object with id `parentId`. */
export function childId(parentId: string, kind: OrukChildKind, index: number): string {
  return deterministicId(parentId, kind, index);
}
