/**
 * Colour contrast as a person sees it, computed from the browser's own styles: any CSS colour
 * (system colours, `color-mix()`, relative colours) is painted on a canvas and read back as sRGB,
 * so the check is exactly as good as what Chromium resolved.
 */
import { executeServerCommand } from '@web/test-runner-commands';

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const context = canvas.getContext('2d', { willReadFrequently: true });

/** A computed CSS colour as [r, g, b, alpha], each 0–255 (alpha 0–1). */
export function rgba(color: string): [number, number, number, number] {
  if (!context) throw new Error('No 2D canvas');
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

function luminance([r, g, b]: readonly number[]): number {
  const channel = (c = 0) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG relative luminance of a CSS colour (0–1). */
export const luminanceOf = (color: string): number => luminance(rgba(color));

/** WCAG contrast ratio of two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(rgba(a)), luminance(rgba(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The background a person sees behind `el`: its own, else the nearest ancestor's (across shadow roots). */
export function backgroundBehind(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const background = getComputedStyle(node).backgroundColor;
    if (rgba(background)[3] > 0.5) return background;
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  // Nothing painted: the page's canvas, white unless a dark colour scheme paints it.
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'Canvas' : 'white';
}

/**
 * Contrast of `el`'s text against what is behind it. Under forced colours Chromium (like Windows)
 * paints a backplate of `Canvas` right behind text whose `forced-color-adjust` is `auto`: that is
 * what the letters sit on, whatever the box's background (white on a white backplate is how the
 * buttons' labels vanished).
 */
export function textContrast(el: Element): number {
  const style = getComputedStyle(el);
  const backplate = matchMedia('(forced-colors: active)').matches && style.forcedColorAdjust === 'auto';
  return contrast(style.color, backplate ? 'Canvas' : backgroundBehind(el));
}

export interface MediaFeature {
  name: 'forced-colors' | 'prefers-color-scheme' | 'prefers-contrast';
  value: string;
}

/** Emulates media features in this page through the DevTools Protocol (scripts/wtr-emulate-media.mjs). */
export async function emulateMedia(features: MediaFeature[]): Promise<void> {
  await executeServerCommand('emulate-media-features', features);
  // Styles recompute on the next frame.
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
