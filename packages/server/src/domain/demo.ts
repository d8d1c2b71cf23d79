/**
 * The demo hub: the fictional directory of the four hub areas, and demo keys (random each
 * start, or the ones set in HUBKIT_PUBLISHABLE_KEY and HUBKIT_SECRET_KEY).
 */
import { demoDirectory } from '@hubkit/schema/fixtures';
import { hashKey, KeyError, makeKey } from './keys.ts';
import type { Hub } from '@hubkit/hub';

export const DEMO_PUBLISHABLE_NAME = 'Demo publishable key';
export const DEMO_SECRET_NAME = 'Demo secret key';
export const DEMO_PARTNER_NAME = 'Demo partner key (staff portal)';

export async function seedDirectory(hub: Hub): Promise<number> {
  const now = hub.now();
  for (const service of demoDirectory) await hub.store.upsertService(service, now);
  return demoDirectory.length;
}

export interface DemoKeys {
  publishableKey: string;
  secretKey: string;
  /** A referring partner's own secret key, whose staff pages (at `staffOrigins`) get staff tokens. */
  partnerKey?: string | undefined;
}

/** Makes sure the demo keys work: the given ones, or new ones replacing the last demo's. */
export async function demoKeys(
  hub: Hub,
  options: {
    publishableKey?: string | undefined;
    secretKey?: string | undefined;
    origins: readonly string[];
    /** The demo partner's key (made only when given, as the example staff portal gives it). */
    partnerKey?: string | undefined;
    staffOrigins?: readonly string[] | undefined;
  },
): Promise<DemoKeys> {
  const now = hub.now();
  const existing = await hub.store.listKeys();
  const ensure = async (
    kind: 'publishable' | 'secret',
    name: string,
    value: string | undefined,
    partner = false,
  ): Promise<string> => {
    if (value) {
      const found = await hub.store.findKeyByHash(hashKey(value));
      if (found && !found.revokedAt) return value;
      if (found) throw new KeyError(`The ${kind} key given for the demo was revoked; choose another.`);
    }
    // A fresh demo key replaces the one printed last time.
    for (const old of existing)
      if (old.name === name && !old.revokedAt) await hub.store.revokeKey(old.id, now);
    const made = partner
      ? makeKey({ kind, name, role: 'referrer', allowedOrigins: options.staffOrigins ?? [], value, now })
      : makeKey({ kind, name, allowedOrigins: options.origins, value, now });
    await hub.store.insertKey(made.record);
    return made.key;
  };
  return {
    publishableKey: await ensure('publishable', DEMO_PUBLISHABLE_NAME, options.publishableKey),
    secretKey: await ensure('secret', DEMO_SECRET_NAME, options.secretKey),
    partnerKey: options.partnerKey
      ? await ensure('secret', DEMO_PARTNER_NAME, options.partnerKey, true)
      : undefined,
  };
}
