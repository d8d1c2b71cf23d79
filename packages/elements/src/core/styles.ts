/**
 * Design tokens in tiers: partners set `--hub-*` (system tokens) on any ancestor, which reach
 * inside the shadow roots; elements read only the private `--_*` they resolve to. Defaults are
 * close to the GOV.UK Design System. The elements follow the system's colour scheme (light or
 * dark) unless `theme` pins one; text on a partner's colour is computed for contrast; under
 * `forced-colors` the system's colours win. Layout uses logical properties, so right-to-left
 * pages mirror it.
 */
import { css, unsafeCSS, type CSSResultGroup } from 'lit';

/** Black or white, whichever contrasts more with `background` (a CSS colour). */
const onColour = (background: string) => {
  const channel = (white: number) => `clamp(0, (0.179 - y) * 1000000, ${white})`;
  return unsafeCSS(`color(from ${background} xyz-d65 ${channel(0.9505)} ${channel(1)} ${channel(1.089)})`);
};

export const tokens: CSSResultGroup = css`
  :host {
    display: block;
    box-sizing: border-box;
    /* The host page's own font, unless the partner names one. */
    font-family: var(--hub-font-family, inherit);
    font-size: var(--hub-font-size, inherit);
    line-height: var(--hub-line-height, 1.4);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /*
   * Every colour is light-dark(light, dark): the root follows the system's colour scheme unless
   * the element (or its provider) pins theme="light" or theme="dark".
   */
  .root {
    color-scheme: light dark;
    --_text: var(--hub-color-text, light-dark(#0b0c0c, #f3f2f1));
    --_secondary-text: var(--hub-color-secondary-text, light-dark(#484949, #c8c8c8));
    --_background: var(--hub-color-background, light-dark(#ffffff, #0b0c0c));
    --_surface: var(--hub-color-surface, light-dark(#f3f2f1, #1f2021));
    --_border: var(--hub-color-border, light-dark(#cecece, #6f777b));
    --_input-border: var(--hub-color-input-border, light-dark(#0b0c0c, #f3f2f1));
    /* A partner's link colour is darkened on light backgrounds and lightened on dark ones, just
       enough to keep 4.5:1 (CIE lightness 45 and 70 clear it against the default backgrounds). */
    --_link-base: var(--hub-color-link, light-dark(#1d70b8, #8fc3f5));
    --_link: light-dark(
      lch(from var(--_link-base) min(l, 45) c h),
      lch(from var(--_link-base) max(l, 70) c h)
    );
    --_link-visited-base: var(--hub-color-link-visited, light-dark(#4c2c92, #c9b3f0));
    --_link-visited: light-dark(
      lch(from var(--_link-visited-base) min(l, 45) c h),
      lch(from var(--_link-visited-base) max(l, 70) c h)
    );
    --_brand: var(--hub-color-brand, light-dark(#1d70b8, #8fc3f5));
    --_error: var(--hub-color-error, light-dark(#d4351c, #ff8a75));
    --_success: var(--hub-color-success, light-dark(#00703c, #6fd49a));
    --_button: var(--hub-color-button, light-dark(#00703c, #6fd49a));
    /* Text on a partner's colour is black or white, whichever contrasts more: relative luminance
       0.179 is where both give the same ratio (4.58:1), so the choice never falls below 4.5:1.
       The luminance is the y of CIE XYZ, read with relative colour syntax. */
    --_button-text: var(--hub-color-button-text, ${onColour('var(--_button)')});
    --_on-success: ${onColour('var(--_success)')};
    --_button-secondary: var(--hub-color-button-secondary, light-dark(#f3f2f1, #2f3133));
    --_button-secondary-text: var(--hub-color-button-secondary-text, light-dark(#0b0c0c, #f3f2f1));
    --_focus: var(--hub-color-focus, #ffdd00);
    --_focus-text: var(--hub-color-focus-text, #0b0c0c);
    --_radius: var(--hub-radius, 0);
    --_space: var(--hub-space, 1rem);
    /* No bigger than a page's own section heading (browsers draw an h2 at 1.5em). */
    --_heading-size: var(--hub-heading-size, 1.25em);
    --_subheading-size: var(--hub-subheading-size, 1.1em);
    color: var(--_text);
    background: var(--_background);
  }
  .root[data-theme='light'] {
    color-scheme: light;
  }
  .root[data-theme='dark'] {
    color-scheme: dark;
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
      /* Text gets a Canvas backplate in forced colours: a label coloured ButtonFace (or any
         light colour) on it vanishes. Buttons are ButtonText on ButtonFace, as the system draws
         its own, and panels CanvasText on Canvas with a border to show their edge. */
      --_button: ButtonFace;
      --_button-text: ButtonText;
      --_button-secondary: ButtonFace;
      --_button-secondary-text: ButtonText;
      --_success: Canvas;
      --_on-success: CanvasText;
      forced-color-adjust: auto;
    }
    .button {
      border-color: ButtonText;
    }
    .button:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 2px;
      color: ButtonText;
      background: ButtonFace;
    }
    a:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
