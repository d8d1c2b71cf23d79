/**
 * The hubkit elements as JSX tags, typed from the element classes themselves.
 *
 * React 19 sets a prop on a custom element as a property when the element has one by that name
 * (so objects such as `service` pass as they are), and adds an `on<event>` prop as a listener
 * for the event named after `on`, exactly: `onhub-service-select` listens for
 * `hub-service-select`. The props below are each element's own writable properties, with the
 * class's types, and a handler for every `hub-*` event, with its type from
 * `HTMLElementEventMap` (hubkit events bubble and are composed, so any hub element may hear any).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LitElement } from 'lit';
import type { HubConsentCapture, HubProvider, HubReferralForm, HubServiceFinder } from '@hubkit/elements';

/** Whether X and Y are the same type, readonly modifiers included. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the type-equality idiom.
type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** Keys that can be assigned: not readonly fields, not getters without a setter. */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<Pick<T, K>, Record<K, T[K]>, K, never>;
}[keyof T];

/** What an element's class adds to LitElement, as props: writable, and not methods. */
type OwnProperties<E extends LitElement> = {
  [
    K in Exclude<WritableKeys<E>, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? never : K
  ]?: E[K];
};

type HubEventName = Extract<keyof HTMLElementEventMap, `hub-${string}`>;

/** `onhub-service-select={(event) => event.detail.service}`, typed per event. */
type HubEventProps = {
  [N in HubEventName as `on${N}`]?: (event: HTMLElementEventMap[N]) => void;
};

/** React's own props for an element (children, key, ref, slot, id…) with the element's own. */
type HubElementProps<E extends LitElement> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  keyof OwnProperties<E>
> &
  OwnProperties<E> &
  HubEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'hub-provider': HubElementProps<HubProvider>;
      'hub-service-finder': HubElementProps<HubServiceFinder>;
      'hub-referral-form': HubElementProps<HubReferralForm>;
      'hub-consent-capture': HubElementProps<HubConsentCapture>;
    }
  }
}
