/**
 * Referrals made over HTTP by tests that start real hub processes (crash.test.ts,
 * multi-process.test.ts): a body told apart by the resident's given name, a create with its
 * Idempotency-Key, and every referral listed by that name.
 */
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import type { Referral } from '@hubkit/schema';
import { KEYS } from './hub.ts';

export const bodyFor = (given: string) => ({
  ...councillorDebtAndFood,
  resident: { ...councillorDebtAndFood.resident, name: { given, family: 'Crashtest' } },
});

export async function create(
  url: string,
  key: string,
  body: unknown,
): Promise<{ status: number; code?: string; id?: string }> {
  const response = await fetch(`${url}/v1/referrals`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${KEYS.secret}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { code?: string; id?: string };
  return {
    status: response.status,
    ...(answer.code ? { code: answer.code } : {}),
    ...(answer.id ? { id: answer.id } : {}),
  };
}

export async function referralsByName(url: string): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${url}/v1/referrals?limit=100${query}`, {
      headers: { Authorization: `Bearer ${KEYS.secret}` },
    });
    const page = (await response.json()) as { data: Referral[]; nextCursor: string | null };
    for (const r of page.data)
      ids.set(r.resident.name.given, [...(ids.get(r.resident.name.given) ?? []), r.id]);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}
