/**
 * Design tokens in tiers: partners set `--hub-*` (system tokens) on any ancestor, which reach
 * inside the shadow roots; elements read only the private `--_*` they resolve to. Defaults are
 * close to the GOV.UK Design System; `theme="dark"` swaps the defaults for a dark set, and under
 * `forced-colors` the system's colours win. Layout uses logical properties, so right-to-left
 * pages mirror it.
 */
import { css, type CSSResultGroup } from 'lit';

export const tokens: CSSResultGroup = css`
  :host {
    display: block;
    box-sizing: border-box;
    color-scheme: light;
    font-family: var(--hub-font-family, 'GDS Transport', arial, sans-serif);
    font-size: var(--hub-font-size, 1.1875rem);
    line-height: 1.3;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .root {
    --_text: var(--hub-color-text, #0b0c0c);
    --_secondary-text: var(--hub-color-secondary-text, #484949);
    --_background: var(--hub-color-background, #ffffff);
    --_surface: var(--hub-color-surface, #f3f2f1);
    --_border: var(--hub-color-border, #cecece);
    --_input-border: var(--hub-color-input-border, #0b0c0c);
    --_link: var(--hub-color-link, #1d70b8);
    --_link-visited: var(--hub-color-link-visited, #4c2c92);
    --_brand: var(--hub-color-brand, #1d70b8);
    --_error: var(--hub-color-error, #d4351c);
    --_success: var(--hub-color-success, #00703c);
    --_button: var(--hub-color-button, #00703c);
    --_button-text: var(--hub-color-button-text, #ffffff);
    --_button-secondary: var(--hub-color-button-secondary, #f3f2f1);
    --_button-secondary-text: var(--hub-color-button-secondary-text, #0b0c0c);
    --_focus: var(--hub-color-focus, #ffdd00);
    --_focus-text: var(--hub-color-focus-text, #0b0c0c);
    --_radius: var(--hub-radius, 0);
    --_space: var(--hub-space, 1rem);
    color: var(--_text);
    background: var(--_background);
  }
  .root[data-theme='dark'] {
    color-scheme: dark;
    --_text: var(--hub-color-text, #f3f2f1);
    --_secondary-text: var(--hub-color-secondary-text, #c8c8c8);
    --_background: var(--hub-color-background, #0b0c0c);
    --_surface: var(--hub-color-surface, #1f2021);
    --_border: var(--hub-color-border, #6f777b);
    --_input-border: var(--hub-color-input-border, #f3f2f1);
    --_link: var(--hub-color-link, #8fc3f5);
    --_link-visited: var(--hub-color-link-visited, #c9b3f0);
    --_brand: var(--hub-color-brand, #8fc3f5);
    --_error: var(--hub-color-error, #ff8a75);
    --_success: var(--hub-color-success, #6fd49a);
    --_button: var(--hub-color-button, #6fd49a);
    --_button-text: var(--hub-color-button-text, #0b0c0c);
    --_button-secondary: var(--hub-color-button-secondary, #2f3133);
    --_button-secondary-text: var(--hub-color-button-secondary-text, #f3f2f1);
  }
  a {
    color: var(--_link);
    text-decoration-thickness: max(1px, 0.0625rem);
    text-underline-offset: 0.15em;
  }
  a:visited {
    color: var(--_link-visited);
  }
  /* GOV.UK focus: yellow behind, a dark bar below; never hidden, never only a colour change. */
  a:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background-color: var(--_focus);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  button:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  @media (forced-colors: active) {
    .root {
      --_focus: Highlight;
      --_focus-text: CanvasText;
      --_border: CanvasText;
      --_input-border: CanvasText;
      --_error: CanvasText;
      --_button: ButtonText;
      --_button-text: ButtonFace;
      forced-color-adjust: auto;
    }
    a:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
