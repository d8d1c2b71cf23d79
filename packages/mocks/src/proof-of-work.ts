/**
 * Proof of work as the hub asks for it: the hub core's own rule (`@hubkit/hub`), ALTCHA v2
 * challenges made and checked with Web Crypto, so the mock runs in browsers too. Off unless
 * `createHubMock({ proofOfWork: { required: true } })`.
 */
export { DEFAULT_PROOF_MAX_NUMBER, ProofOfWork, type ProofOfWorkOptions } from '@hubkit/hub';
