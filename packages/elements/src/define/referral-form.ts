import { HubReferralForm } from '../referral-form/referral-form.ts';

if (!customElements.get('hub-referral-form')) customElements.define('hub-referral-form', HubReferralForm);
