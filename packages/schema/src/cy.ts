/**
 * `@hubkit/schema/cy`: the Welsh of the schema (codelist labels and validation messages), apart
 * from the English so that a browser on an English page never downloads it.
 *
 * Call `registerWelsh()` once, at start, wherever Welsh is spoken: then `labelOf(…, 'cy')`,
 * `entry.cy` and `validate(…, { lang: 'cy' })` answer in Welsh, synchronously as before. Until
 * it is called they answer in English. A Node server or test calls it on start-up; the elements
 * import this module with a dynamic `import()` the first time one speaks Welsh.
 *
 * @module
 */
import { welshLabels } from './codelists.cy.ts';
import { registerWelshTables } from './codelists.ts';
import { welshMessages } from './messages.cy.ts';

export { welshLabels, welshMessages };
// Each codelist's Welsh on its own (`needCodesCy` for `needCodes`, …): a bundle that shows a few
// lists takes only those, as the elements' Welsh chunk does.
export * from './codelists.cy.ts';

/** Puts the schema's Welsh in place (idempotent; synchronous). */
export function registerWelsh(): void {
  registerWelshTables({ labels: welshLabels, messages: welshMessages });
}
