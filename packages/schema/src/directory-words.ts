/**
 * Words typed into a directory search, matched as people type them: the reference server and
 * the mocks both match here, so "food bank", "foodbank" and "food banks" find the same services
 * everywhere.
 *
 * - Several words: every one must match, each in any field searched.
 * - As typed so far: a word matches the start of a word in the service ("couns" finds
 *   "counselling").
 * - Plurals and simple endings: "banks", "families", "boxes" match "bank", "family", "box".
 * - Compounds: "foodbank" matches "food bank" in a service, and "food bank" matches "foodbank".
 * - Case, accents (Welsh circumflexes) and apostrophes do not matter.
 */
import type { Service } from './service.ts';

/** At most this many words of a query count: the rest are dropped. */
export const MAX_QUERY_WORDS = 12;

/** Lower-case words without accents or apostrophes ("Children’s" → "childrens"). */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * A word without a plural or simple ending (English; Welsh words pass through mostly intact):
 * families → family, boxes → box, banks → bank, services → service. Short words stay whole.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh|zz)es$/u.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/u.test(word)) return word.slice(0, -1);
  return word;
}

/** The fields searched, each as its words, with a weight for ranking (the name counts most). */
function fieldsOf(service: Service): { words: string[]; weight: number }[] {
  return [
    { words: searchWords([service.name, service.alternateName ?? ''].join(' ')), weight: 5 },
    { words: searchWords(service.description), weight: 1 },
    { words: searchWords(service.organisation.name), weight: 2 },
    { words: searchWords(service.taxonomyTerms.map((t) => t.name).join(' ')), weight: 2 },
    { words: searchWords(service.areas.join(' ')), weight: 2 },
  ];
}

/** Whether `typed` (one word, or several typed words joined) starts a word of `words`, or a run of them written together. */
function startsIn(typed: string, words: readonly string[]): boolean {
  const wanted = [typed, stem(typed)];
  for (let i = 0; i < words.length; i += 1) {
    // A run of up to three words written as one ("food bank" in the service for "foodbank").
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + 3); j += 1) {
      joined += words[j] ?? '';
      const candidates = j === i ? [joined, stem(joined)] : [joined];
      if (wanted.some((w) => candidates.some((c) => c.startsWith(w)))) return true;
      if (!wanted.some((w) => w.startsWith(joined))) break;
    }
  }
  return false;
}

/**
 * How well `service` matches the words of `q`: 0 when it does not (some word matches nowhere),
 * else a score that weighs matches in the name above those in the description. An empty query
 * matches everything (score 1).
 */
export function wordMatchScore(service: Service, q: string | undefined): number {
  const typed = searchWords(q ?? '').slice(0, MAX_QUERY_WORDS);
  if (typed.length === 0) return 1;
  const fields = fieldsOf(service);
  const best = (word: string) =>
    fields.reduce((score, field) => (startsIn(word, field.words) ? Math.max(score, field.weight) : score), 0);
  // Cover the typed words in order, each alone or written together with the next ones
  // ("food bank" in the query for "foodbank" in the service): best score of each cover.
  const cover: number[] = Array.from({ length: typed.length + 1 }, () => -1);
  cover[0] = 0;
  for (let i = 0; i < typed.length; i += 1) {
    const before = cover[i] ?? -1;
    if (before < 0) continue;
    let joined = '';
    for (let j = i; j < Math.min(typed.length, i + 3); j += 1) {
      joined += typed[j] ?? '';
      const score = best(joined);
      if (score > 0) cover[j + 1] = Math.max(cover[j + 1] ?? -1, before + score * (j - i + 1));
    }
  }
  const total = cover[typed.length] ?? -1;
  return total > 0 ? total : 0;
}

/** Whether `service` matches every word of `q` (see `wordMatchScore`). */
export const matchesWords = (service: Service, q: string | undefined): boolean =>
  wordMatchScore(service, q) > 0;
