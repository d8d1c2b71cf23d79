/**
 * Text a person reads comes from a catalogue, never inline. Each element keeps its own catalogue
 * (so a page with one element carries only its strings), with English and Welsh complete: the
 * Welsh type is the English one, so a missing or extra string is a type error.
 *
 * Only English is in the code that paints an element. Each catalogue's Welsh is a module of its
 * own (`messages.cy.ts`), fetched (with all the others, as one chunk: `welsh.cy.ts`) by a dynamic
 * `import()` the first time an element resolves its language to `cy`: an English page never
 * fetches it. Until it has arrived an element does
 * not update (see `HubElement.scheduleUpdate`), so a Welsh page never flashes English.
 */
import type { Lang } from '@hubkit/schema';

export type Message = string | ((...args: never[]) => string);
export type Catalogue = Readonly<Record<string, Message>>;

/** What an element needs of a catalogue to wait for its Welsh. */
export interface WelshHalf {
  /** Whether the Welsh strings are here (then `cy` is Welsh). */
  readonly welshLoaded: boolean;
  /** Fetches the Welsh strings, once however many ask; a failed fetch is tried again next time. */
  loadWelsh(): Promise<void>;
}

/** A catalogue in both languages. `cy` is the English until `loadWelsh()` has settled. */
export interface Catalogues<C extends Catalogue> extends WelshHalf {
  readonly en: C;
  readonly cy: C;
}

/**
 * An element's catalogue: the English strings, and the way to fetch the Welsh ones, whose
 * module's default export has exactly the same keys and function signatures (checked there with
 * `satisfies`).
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineMessages<C extends Catalogue>(
  en: C,
  welsh: () => Promise<{ default: NoInfer<C> }>,
): Catalogues<C> {
  let cy: C | undefined;
  let pending: Promise<void> | undefined;
  return {
    en,
    get cy() {
      return cy ?? en;
    },
    get welshLoaded() {
      return cy !== undefined;
    },
    loadWelsh() {
      pending ??= welsh().then(
        (module) => {
          cy = module.default;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}

/**
 * Fetches the Welsh of every catalogue in `catalogues` not yet loaded: undefined when all are
 * here (nothing to wait for), else a promise that settles when every fetch has.
 */
export function welshOf(catalogues: readonly WelshHalf[]): Promise<unknown> | undefined {
  const missing = catalogues.filter((c) => !c.welshLoaded);
  return missing.length ? Promise.allSettled(missing.map((c) => c.loadWelsh())) : undefined;
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
