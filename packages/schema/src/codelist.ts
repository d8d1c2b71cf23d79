/**
 * What every codelist is made of: the languages, an entry, the way a list is made and read, and
 * where the Welsh tables sit once they are in place. A module apart from the lists themselves, so
 * that lists only some code shows (`report-codelists.ts`) can live in a module of their own: a
 * bundler then puts them only where they are used, not in every page's first chunk.
 */
import type { GeneralMessage } from './messages.ts';

/** A language hubkit speaks to people in. */
export type Lang = 'en' | 'cy';
export const langs = ['en', 'cy'] as const satisfies readonly Lang[];

export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly en: string;
  readonly cy: string;
}

export interface Codelist<C extends string> {
  /** Stable name, used in JSON Schema, FHIR CodeSystem and ORUK taxonomy ids. */
  readonly name: string;
  readonly codes: readonly [C, ...C[]];
  readonly entries: readonly CodeEntry<C>[];
}

/** The Welsh validation messages, as `registerWelsh()` puts them in place. */
export interface WelshMessages {
  readonly fields: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly names: Readonly<Record<string, string>>;
  readonly general: Readonly<Record<string, GeneralMessage>>;
  readonly words: { readonly request: string; readonly field: string; readonly body: string };
}

/**
 * Where the Welsh tables sit once `registerWelsh()` (from `@hubkit/schema/cy`) has put them in
 * place: the English modules read it, so no Welsh is in their code. Here, in a module every page
 * loads anyway, rather than a module of its own (a chunk of its own in the CDN build).
 * @internal
 */
export const welsh: {
  labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  messages?: WelshMessages;
} = {};

/** The schema's Welsh tables: codelist labels by list name and code, and validation messages. */
export interface WelshTables {
  readonly labels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly messages: WelshMessages;
}

/**
 * Puts the schema's Welsh tables in place. `registerWelsh()` from `@hubkit/schema/cy` calls it
 * with the package's own; a bundle that loads those tables as data (the elements' Welsh chunk)
 * calls it itself, so the Welsh chunk needs nothing else of the schema.
 */
export function registerWelshTables(tables: WelshTables): void {
  welsh.labels = tables.labels;
  welsh.messages = tables.messages;
}

/** Makes a codelist: its entries' `cy` read the Welsh tables once they are in place. @internal */
/* @__NO_SIDE_EFFECTS__ */
export function codelist<const C extends string>(
  name: string,
  codes: readonly [C, ...C[]],
  entries: readonly Omit<CodeEntry<C>, 'cy'>[],
): Codelist<C> {
  return {
    name,
    codes,
    entries: entries.map(({ code, en }) => ({
      code,
      en,
      get cy() {
        return welsh.labels?.[name]?.[code] ?? en;
      },
    })),
  };
}

/** The label of `code` in `list`, in `lang`; the code itself when the code is not in the list. */
export function labelOf<C extends string>(list: Codelist<C>, code: C, lang: Lang = 'en'): string {
  const entry = list.entries.find((e) => e.code === code);
  return entry ? entry[lang] : code;
}

/** The answer every equality monitoring question allows. @internal */
export const preferNotToSay = {
  code: 'prefer_not_to_say',
  en: 'Prefer not to say',
} as const;
