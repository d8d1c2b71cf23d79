/**
 * Following the page's language, the one way every hubkit element and `<hub-provider>` do it: a
 * lit reactive controller (as Lion's localize follows `<html lang>`). While its host is on the
 * page, a change of `<html lang>` (a site's language switch, without a reload) re-renders it;
 * one observer serves every element on the page (see `followPageLang`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { followPageLang } from './locale.ts';

export class PageLangController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #unfollow: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // Without its own `lang` (or a provider's), the host speaks the page's: and follows it.
    this.#unfollow ??= followPageLang(this.#host);
  }

  hostDisconnected(): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
  }
}
