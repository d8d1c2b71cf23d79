import { HubReferralTracker } from '../referral-tracker/referral-tracker.ts';

if (!customElements.get('hub-referral-tracker'))
  customElements.define('hub-referral-tracker', HubReferralTracker);
