// Every hub-… event is declared on GlobalEventHandlersEventMap: a listener on the document, the
// window or any element gets its typed `detail` with no cast. This file is type-checked with the
// tests (tsc -b): the `@ts-expect-error` lines fail the build if the types loosen, and the
// typed reads fail it if they go missing. It also runs, to show the events reach the document.
import { expect } from '@open-wc/testing';
import { closedTenantReferral } from '@hubkit/schema/fixtures';
import type { Referral } from '@hubkit/schema';
import { HubReferralSubmittedEvent } from '../referral-form/referral-form.ts';

describe('hub-… events, typed wherever they are listened to', () => {
  it('reach the document and the window with their typed detail', () => {
    const referral: Referral = closedTenantReferral;
    const seen: string[] = [];
    const onDocument = (event: HubReferralSubmittedEvent) => {
      seen.push(`document ${event.detail.referral.reference}`);
    };
    const onWindow = (event: GlobalEventHandlersEventMap['hub-referral-submitted']) => {
      seen.push(`window ${event.detail.referral.reference}`);
    };
    document.addEventListener('hub-referral-submitted', onDocument);
    window.addEventListener('hub-referral-submitted', onWindow);
    try {
      const element = document.createElement('div');
      document.body.append(element);
      element.addEventListener('hub-referral-submitted', (event) => {
        // Typed on elements as before (HTMLElementEventMap extends the global map).
        const reference: string = event.detail.referral.reference;
        seen.push(`element ${reference}`);
      });
      element.dispatchEvent(new HubReferralSubmittedEvent(referral));
      element.remove();
    } finally {
      document.removeEventListener('hub-referral-submitted', onDocument);
      window.removeEventListener('hub-referral-submitted', onWindow);
    }
    expect(seen).to.deep.equal(['element HUB-6ZRK-EN', 'document HUB-6ZRK-EN', 'window HUB-6ZRK-EN']);
  });

  it('are typed for every hubkit event, and only with their own detail', () => {
    const stop = new AbortController();
    const { signal } = stop;
    const ids: string[] = [];
    document.addEventListener(
      'hub-referral-submitted',
      (e) => {
        const id: string = e.detail.referral.id;
        // @ts-expect-error a referral-submitted event has no `service`
        const wrong: unknown = e.detail.service;
        expect(wrong).to.equal(undefined);
        ids.push(id);
      },
      { signal },
    );
    document.addEventListener(
      'hub-service-select',
      (e) => {
        const name: string = e.detail.service.name;
        ids.push(name);
      },
      { signal },
    );
    document.addEventListener(
      'hub-consent-change',
      (e) => {
        const id: string = e.detail.consent.id;
        ids.push(id);
      },
      { signal },
    );
    window.addEventListener(
      'hub-service-select',
      (e) => {
        // @ts-expect-error a service-select event has no `referral`
        const wrong: unknown = e.detail.referral;
        expect(wrong).to.equal(undefined);
      },
      { signal },
    );
    const referral: Referral = closedTenantReferral;
    document.dispatchEvent(new HubReferralSubmittedEvent(referral));
    stop.abort();
    document.dispatchEvent(new HubReferralSubmittedEvent(referral));
    expect(ids).to.deep.equal([closedTenantReferral.id]);
  });
});
