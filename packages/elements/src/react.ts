/**
 * `@hubkit/elements/react`: the hubkit elements as typed JSX tags for React 19 (types only; no
 * code). Import it once, for its types, anywhere in a React app:
 *
 * ```ts
 * import type {} from '@hubkit/elements/react';
 * import '@hubkit/elements/define';
 * // <hub-service-finder onhub-service-select={(e) => setService(e.detail.service)} />
 * ```
 *
 * React 19 sets a prop on a custom element as a property when the element has one by that name
 * (so objects such as `service` pass as they are), and adds an `on<event>` prop as a listener
 * for the event named after `on`, exactly: `onhub-service-select` listens for
 * `hub-service-select`. The props are each element's own writable properties, with the class's
 * types, and a handler for every `hub-*` event, typed from `HTMLElementEventMap` (hubkit events
 * bubble and are composed, so any hub element may hear any). Needs `@types/react` 19.
 *
 * @module
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LitElement } from 'lit';
import type { HubConsentCapture } from './consent-capture/consent-capture.ts';
import type { HubProvider } from './provider/hub-provider.ts';
import type { HubReferralForm } from './referral-form/referral-form.ts';
import type { HubReferralTracker } from './referral-tracker/referral-tracker.ts';
import type { HubReport } from './report/report.ts';
import type { HubServiceFinder } from './service-finder/service-finder.ts';

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
export type HubEventProps = {
  [N in HubEventName as `on${N}`]?: (event: HTMLElementEventMap[N]) => void;
};

/** React's own props for an element (children, key, ref, slot, id…) with the element's own. */
export type HubElementProps<E extends LitElement> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  keyof OwnProperties<E>
> &
  OwnProperties<E> &
  HubEventProps;

// React declares its JSX tags in the `JSX` namespace of the 'react' module: adding ours is the
// only way in, so the namespace here is React's, not ours.
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'hub-provider': HubElementProps<HubProvider>;
      'hub-service-finder': HubElementProps<HubServiceFinder>;
      'hub-referral-form': HubElementProps<HubReferralForm>;
      'hub-consent-capture': HubElementProps<HubConsentCapture>;
      'hub-referral-tracker': HubElementProps<HubReferralTracker>;
      'hub-report': HubElementProps<HubReport>;
    }
  }
}
