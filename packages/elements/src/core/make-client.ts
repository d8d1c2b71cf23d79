/**
 * The part of the SDK every element needs to talk to the hub, loaded late by client.ts. A module
 * of its own, so a dynamic import of it keeps the rest of the SDK tree-shakeable (a dynamic
 * `import('@hubkit/sdk')` would keep all of it).
 */
export { createClient } from '@hubkit/sdk';
