// The Open Referral UK reader, imported by the finder only when it reads a feed (`directory-url`),
// so the CDN build puts it in a chunk that pages without a feed never fetch.
export { createDirectoryReader } from '@hubkit/sdk';
