/** The Open Referral UK reader, loaded only by a <hub-service-finder> that reads a feed. */
export { createDirectoryReader } from '@hubkit/sdk';
