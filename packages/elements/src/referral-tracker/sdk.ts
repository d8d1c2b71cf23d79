/** The SDK's referral reads, loaded with <hub-referral-tracker>'s first list. */
export { listReferralEvents, listReferrals, retrieveReferral } from '@hubkit/sdk';
