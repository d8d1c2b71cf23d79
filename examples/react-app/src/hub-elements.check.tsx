/**
 * Type-level tests of the hub-* JSX tags (`@hubkit/elements/react`), checked by `tsc -b`: every line
 * below must compile, and every `@ts-expect-error` must really be an error. Never run.
 */
import type {} from '@hubkit/elements/react';
import type { Referral, Service } from '@hubkit/sdk';

declare const service: Service;
declare function show(text: string): void;

// Props take the element classes' own property types; events their `HTMLElementEventMap` types.
export const right = (
  <hub-provider publishableKey="pk_demo" apiBase="https://hub.example.org" theme="dark">
    <hub-service-finder
      pageSize={5}
      radiusKm={8}
      need="money_debt"
      onhub-service-select={(event) => {
        const chosen: Service = event.detail.service;
        show(chosen.name);
      }}
    />
    <hub-referral-form
      service={service}
      assessment
      emergencyContacts={[{ name: 'Police', phone: '999' }]}
      onhub-referral-submitted={(event) => {
        const made: Referral = event.detail.referral;
        show(made.reference);
      }}
    >
      <hub-consent-capture slot="consent" noticeVersion="2026-09" mode="embedded" />
    </hub-referral-form>
  </hub-provider>
);

// @ts-expect-error: a theme is `light` or `dark`.
export const badTheme = <hub-provider theme="blue" />;

// @ts-expect-error: the page size is a number, set as a property, not an attribute's string.
export const badPageSize = <hub-service-finder pageSize="10" />;

// @ts-expect-error: the form's service is an object with an id and a name, not an id.
export const badService = <hub-referral-form service="3e546a1c-cabc-43b7-a3e1-dcce1a0824c2" />;

// @ts-expect-error: no such property (`publishableKey`).
export const misspelt = <hub-provider publishableKee="pk_demo" />;

// @ts-expect-error: `value` is read-only on the form (a getter): not a prop.
export const readOnly = <hub-referral-form value={undefined} />;

// @ts-expect-error: a consent-capture mode is `standalone` or `embedded`.
export const badMode = <hub-consent-capture mode="inline" />;

export const wrongDetail = (
  <hub-service-finder
    onhub-service-select={(event) => {
      /* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access --
         the line is an error on purpose: its type is unknown to eslint too. */
      // @ts-expect-error: a service-select event carries a service, not a referral.
      show(event.detail.referral.reference);
      /* eslint-enable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access */
    }}
  />
);

export const wrongHandler = (
  // @ts-expect-error: a handler for another event's type (the submitted event is not a selection).
  <hub-referral-form
    onhub-referral-submitted={(event: HTMLElementEventMap['hub-service-select']) => {
      show(event.detail.service.name);
    }}
  />
);

// @ts-expect-error: an event handler is a function.
export const notAFunction = <hub-service-finder onhub-service-select="choose()" />;
