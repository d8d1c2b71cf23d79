/** The SDK's report read, loaded with <hub-report>'s first report. */
export { retrieveReferralReport } from '@hubkit/sdk';
