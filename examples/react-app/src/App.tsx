/**
 * A GP practice's page (fictional): find a community service, then refer a patient to it.
 * React owns the page's state: the service chosen in the finder becomes the referral form's
 * destination, and the reference of the referral sent is shown by React.
 */
import { useState } from 'react';
import type { RequestedService } from '@hubkit/elements';

/** Filled in by the hub that serves the page (see index.html). */
function config(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

export function App() {
  const publishableKey = config('hubkit-publishable-key');
  const apiBase = config('hubkit-api-base');
  const [service, setService] = useState<RequestedService>();
  const [reference, setReference] = useState<string>();

  return (
    <>
      <header className="masthead">
        <p className="logo">Harlesden Road Medical Centre (fictional)</p>
      </header>
      <main className="page">
        <h1>Community support for your patients</h1>
        <p className="lead">
          Social prescribing: find a local service, then refer a patient to it through the community hub.
        </p>
        {publishableKey.startsWith('pk_') ? (
          <hub-provider publishableKey={publishableKey} apiBase={apiBase}>
            <section aria-labelledby="find-heading">
              <h2 id="find-heading">1. Find a service</h2>
              <hub-service-finder
                onhub-service-select={(event) => {
                  // Only what the form needs: the service's id and name.
                  const { id, name } = event.detail.service;
                  setService({ id, name });
                }}
              />
            </section>
            <section aria-labelledby="refer-heading">
              <h2 id="refer-heading">2. Refer your patient</h2>
              <p className="chosen" data-testid="chosen-service">
                {service
                  ? `Referring to: ${service.name}`
                  : 'No service chosen yet: the hub will choose one.'}
              </p>
              {reference && (
                <p className="sent" role="status" data-testid="sent-reference">
                  Referral sent. Reference: {reference}
                </p>
              )}
              <hub-referral-form
                service={service}
                referrerType="gp_practice"
                onhub-referral-submitted={(event) => {
                  setReference(event.detail.referral.reference);
                }}
              >
                <hub-consent-capture
                  slot="consent"
                  noticeVersion="2026-09"
                  controller="Harlesden Road Medical Centre (fictional)"
                >
                  We share what you tell us in this referral with the community hub and the service chosen, so
                  that they can contact the patient and help them. You can withdraw consent at any time by
                  calling the practice on 01632 960 456.
                </hub-consent-capture>
              </hub-referral-form>
            </section>
          </hub-provider>
        ) : (
          <p className="notice">
            This page needs the hub to serve it: run <code>npm run example:react</code>.
          </p>
        )}
      </main>
    </>
  );
}
