import type { CodeSystem } from '@medplum/fhirtypes';
import type { Codelist } from '../codelists.ts';
import { codeSystemUrl } from './constants.ts';
import { welshLabels } from '../codelists.cy.ts';

type Labels = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** `referrer-type` → `ReferrerType`: CodeSystem.name must be usable as an identifier. */
function machineName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The R4 CodeSystem of a hubkit codelist: every code with its English label as display and
 * its Welsh label as a designation in `cy`.
 */
export function codeSystemFor<C extends string>(list: Codelist<C>): CodeSystem {
  return {
    resourceType: 'CodeSystem',
    id: list.name,
    url: codeSystemUrl(list.name),
    name: machineName(list.name),
    status: 'active',
    publisher: 'hubkit',
    language: 'en',
    caseSensitive: true,
    content: 'complete',
    count: list.entries.length,
    concept: list.entries.map((entry) => ({
      code: entry.code,
      display: entry.en,
      // Read from the Welsh table itself: a CodeSystem is data, Welsh whether or not registerWelsh() ran.
      designation: [{ language: 'cy', value: (welshLabels as Labels)[list.name]?.[entry.code] ?? entry.cy }],
    })),
  };
}
