/**
 * What play functions do to reach a state, as a person would: type, choose, click, inside the
 * elements' shadow roots (Storybook's `within` queries do not reach into them).
 */
import { userEvent, waitFor } from 'storybook/test';
import type { LitElement } from 'lit';

/** Generous: the machine running the story test may be slow and shared. */
const WAIT = { timeout: 15_000 };

/** The first `tag` element in the story. */
export async function element<T extends LitElement = LitElement>(
  canvas: HTMLElement,
  tag: string,
): Promise<T> {
  const found = canvas.querySelector<T>(tag);
  if (!found) throw new Error(`No <${tag}> in the story`);
  await found.updateComplete;
  return found;
}

/** An element inside `host`'s shadow root. */
export function inside(host: Element, selector: string): HTMLElement {
  const found = host.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`No ${selector} in <${host.localName}>`);
  return found;
}

/** Whether `selector` matches inside `host`'s shadow root. */
export const has = (host: Element, selector: string): boolean =>
  host.shadowRoot?.querySelector(selector) != null;

/** The text of `selector` in `host`, spaces collapsed. */
export const textOf = (host: Element, selector: string): string =>
  (host.shadowRoot?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a text field as a whole value (lit reads it on `input`). */
export async function fill(host: LitElement, selector: string, value: string): Promise<void> {
  const field = inside(host, selector);
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
    throw new Error(`${selector} is not a text field`);
  }
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await host.updateComplete;
}

/** Chooses an option of a `<select>`. */
export async function choose(host: LitElement, selector: string, value: string): Promise<void> {
  const field = inside(host, selector);
  if (!(field instanceof HTMLSelectElement)) throw new Error(`${selector} is not a select`);
  field.value = value;
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await host.updateComplete;
}

/** Clicks what `selector` matches in `host`. */
export async function click(host: LitElement, selector: string): Promise<void> {
  await userEvent.click(inside(host, selector));
  await host.updateComplete;
}

/** Ticks the radio or checkbox named `name` with `value`. */
export async function tick(host: LitElement, name: string, value: string): Promise<void> {
  await click(host, `input[name="${name}"][value="${value}"]`);
}

/** Waits until `selector` matches in `host`. */
export async function appears(host: LitElement, selector: string): Promise<HTMLElement> {
  await waitFor(() => {
    if (!has(host, selector)) throw new Error(`No ${selector} in <${host.localName}> yet`);
  }, WAIT);
  await host.updateComplete;
  return inside(host, selector);
}

/** Waits until `check` passes. */
export async function eventually(check: () => void): Promise<void> {
  await waitFor(check, WAIT);
}
