import { HubConsentCapture } from '../consent-capture/consent-capture.ts';

if (!customElements.get('hub-consent-capture'))
  customElements.define('hub-consent-capture', HubConsentCapture);
