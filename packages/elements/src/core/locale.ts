/**
 * Text a person reads comes from a catalogue, never inline. Each element keeps its own catalogue
 * (so a page with one element carries only its strings), with English and Welsh complete: the
 * Welsh type is the English one, so a missing or extra string is a type error.
 */
import type { Lang } from '@hubkit/schema';

export type Message = string | ((...args: never[]) => string);
export type Catalogue = Readonly<Record<string, Message>>;
export type Catalogues<C extends Catalogue> = Readonly<Record<Lang, C>>;

/**
 * An element's catalogue: the English strings, and the Welsh ones with exactly the same keys
 * and the same function signatures (a missing or extra string does not compile).
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineMessages<C extends Catalogue>(en: C, cy: NoInfer<C>): Catalogues<C> {
  return { en, cy };
}

/** `en` or `cy` from a BCP 47 tag (`cy-GB` → `cy`); anything else is English. */
export function langOf(tag: string | null | undefined): Lang {
  return tag?.trim().toLowerCase().split('-')[0] === 'cy' ? 'cy' : 'en';
}

/** Something that re-renders when asked: every hubkit element, and the provider. */
interface Follower {
  requestUpdate(): void;
}

const followers = new Set<Follower>();
let pageLang: MutationObserver | undefined;

/**
 * Re-renders `element` whenever the page's language (`<html lang>`) changes, as a site's
 * language switch does without a reload. One observer for every element on the page (as Lion's
 * localize has), started with the first and stopped with the last. Returns the way to stop.
 */
export function followPageLang(element: Follower): () => void {
  followers.add(element);
  if (!pageLang) {
    pageLang = new MutationObserver(() => {
      for (const follower of followers) follower.requestUpdate();
    });
    pageLang.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
  return () => {
    followers.delete(element);
    if (followers.size === 0) {
      pageLang?.disconnect();
      pageLang = undefined;
    }
  };
}

/** How many elements follow the page's language now (for tests: one observer serves them all). */
export const pageLangFollowers = (): number => followers.size;

/** Strings every element shares: the error summary, loading and failure states. */
export const common = defineMessages(
  {
    errorSummaryTitle: 'There is a problem',
    loading: 'Loading…',
    optional: '(optional)',
    error: 'Error:',
    networkError:
      'We could not reach the service. Check your connection and try again. Nothing you typed has been lost.',
    serverError:
      'Something went wrong on our side. Try again in a few minutes. Nothing you typed has been lost.',
    rateLimited:
      'Too many people are using this at the moment. Try again in a minute. Nothing you typed has been lost.',
    proofFailed:
      'We could not finish the check that protects this form from misuse. Try again. Nothing you typed has been lost.',
    notConfigured: 'This form is not set up: it needs a publishable key and the hub’s address.',
    tryAgain: 'Try again',
    // The submit controller's failures that the strings above do not cover.
    offline: 'You are offline. Nothing you typed has been lost: try again when you are back online.',
    rateLimitedFor: (seconds: number) =>
      `Too many people are using this at the moment. Try again in ${String(seconds)} seconds. Nothing you typed has been lost.`,
    conflict: 'These answers were changed after they were first sent. Check them and send them again.',
  },
  {
    errorSummaryTitle: 'Mae problem wedi codi',
    loading: 'Wrthi’n llwytho…',
    optional: '(dewisol)',
    error: 'Gwall:',
    networkError:
      'Doedd dim modd cysylltu â’r gwasanaeth. Gwiriwch eich cysylltiad a rhowch gynnig arall arni. Nid oes dim a deipiwyd gennych wedi’i golli.',
    serverError:
      'Aeth rhywbeth o’i le ar ein hochr ni. Rhowch gynnig arall arni ymhen ychydig funudau. Nid oes dim a deipiwyd gennych wedi’i golli.',
    rateLimited:
      'Mae gormod o bobl yn defnyddio hwn ar hyn o bryd. Rhowch gynnig arall arni ymhen munud. Nid oes dim a deipiwyd gennych wedi’i golli.',
    proofFailed:
      'Doedd dim modd cwblhau’r gwiriad sy’n diogelu’r ffurflen hon rhag camddefnydd. Rhowch gynnig arall arni. Nid oes dim a deipiwyd gennych wedi’i golli.',
    notConfigured: 'Nid yw’r ffurflen hon wedi’i gosod: mae angen allwedd gyhoeddadwy a chyfeiriad yr hyb.',
    tryAgain: 'Rhowch gynnig arall arni',
    offline:
      'Rydych chi all-lein. Nid oes dim a deipiwyd gennych wedi’i golli: rhowch gynnig arall arni pan fyddwch chi ar-lein eto.',
    rateLimitedFor: (seconds: number) =>
      `Mae gormod o bobl yn defnyddio hwn ar hyn o bryd. Rhowch gynnig arall arni ymhen ${String(seconds)} eiliad. Nid oes dim a deipiwyd gennych wedi’i golli.`,
    conflict: 'Cafodd yr atebion hyn eu newid ar ôl eu hanfon gyntaf. Gwiriwch nhw a’u hanfon eto.',
  },
);
