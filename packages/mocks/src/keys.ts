/**
 * The API keys a mock hub knows. Publishable keys (`pk_…`) refer, from the web origins they are
 * registered for (any, unless origins are given); secret keys (`sk_…`) are the hub (given
 * origins, it mints report tokens for its dashboards there), a provider bound to its services,
 * or a partner's own system that refers (and, given origins, mints staff tokens for its pages
 * there).
 */
import { PUBLISHABLE_KEY_PREFIX, SECRET_KEY_PREFIX } from '@hubkit/schema';
import { kindOf, normaliseOrigin, sessionKindOf } from '@hubkit/hub';

export type MockKeyKind = 'publishable' | 'secret';
export type MockKeyRole = 'hub' | 'provider' | 'referrer';

/** The publishable key every mock hub has, unless replaced. */
export const DEFAULT_PUBLISHABLE_KEY = 'pk_test_hubkitMockPublishable0001';
/** The secret hub key every mock hub has, unless replaced. */
export const DEFAULT_SECRET_KEY = 'sk_test_hubkitMockSecret00000000001';
/** The web origin of the mock partner's staff pages: where its staff tokens may be used. */
export const DEFAULT_STAFF_ORIGIN = 'https://portal.example.org';
/**
 * The secret key of a referring partner every mock hub has, unless replaced: it makes referrals,
 * follows its own, and mints staff tokens for `DEFAULT_STAFF_ORIGIN` (see `mintStaffToken`).
 */
export const DEFAULT_PARTNER_KEY = 'sk_test_hubkitMockPartner0000000001';
/** The web origin of the mock hub's own intranet dashboard: where its report tokens may be used. */
export const DEFAULT_DASHBOARD_ORIGIN = 'https://intranet.example.gov.uk';
/**
 * A secret key of the hub's own every mock hub has, unless replaced: the server behind its
 * intranet dashboard, which mints report tokens for `DEFAULT_DASHBOARD_ORIGIN` (see
 * `mintReportToken`). Those read the reports only.
 */
export const DEFAULT_DASHBOARD_KEY = 'sk_test_hubkitMockDashboard000000001';

/** A key to give the mock hub. */
export interface MockKeyOptions {
  /** The key itself: `pk_` or `sk_` and at least 16 more visible characters. */
  key: string;
  /** Taken from the prefix when left out. */
  kind?: MockKeyKind;
  /** Secret keys: hub (default), provider or referrer. Publishable keys always refer. */
  role?: MockKeyRole;
  /** Provider keys: the directory services whose referrals the key may see and work on. */
  serviceIds?: readonly string[];
  /**
   * Publishable keys: the web origins it may be used from (default: any). Secret referrer and
   * hub keys: the origins of the staff tokens it may mint (default: none, so it mints none).
   */
  origins?: readonly string[];
  /** The key's id, as it appears in histories and the audit trail (default: made up from its position). */
  id?: string;
  name?: string;
  /** A revoked key is refused with 401, as at the hub. */
  revoked?: boolean;
}

/** A key as the mock holds it. */
export interface MockKey {
  readonly id: string;
  readonly key: string;
  readonly kind: MockKeyKind;
  readonly role: MockKeyRole;
  readonly name: string;
  /** Null: any origin (a publishable key), or none (a secret key). */
  readonly origins: readonly string[] | null;
  readonly serviceIds: readonly string[];
  readonly revoked: boolean;
}

function toKey(options: MockKeyOptions, fallbackId: string): MockKey {
  const kind = options.kind ?? kindOf(options.key);
  const prefix = kind === 'publishable' ? PUBLISHABLE_KEY_PREFIX : SECRET_KEY_PREFIX;
  if (
    !kind ||
    !options.key.startsWith(prefix) ||
    options.key.length < prefix.length + 16 ||
    !/^[\x21-\x7e]{1,200}$/.test(options.key)
  ) {
    throw new Error(
      `A mock ${kind ?? 'API'} key starts ${kind ? prefix : 'pk_ or sk_'} and has 16 to 196 more visible characters`,
    );
  }
  const role = kind === 'publishable' ? 'referrer' : (options.role ?? 'hub');
  const origins =
    (kind === 'publishable' || sessionKindOf({ kind, role })) && options.origins
      ? options.origins.map((o) => {
          const normal = normaliseOrigin(o);
          if (!normal) throw new Error(`Not a web origin: ${o}`);
          return normal;
        })
      : null;
  return {
    id: options.id ?? fallbackId,
    key: options.key,
    kind,
    role,
    name: options.name ?? `Mock ${role} ${kind} key`,
    origins,
    serviceIds: kind === 'secret' && role === 'provider' ? [...(options.serviceIds ?? [])] : [],
    revoked: options.revoked ?? false,
  };
}

/**
 * The default keys, then `extra`; an extra key with a default key's value replaces it.
 * `origins` limits the default publishable key.
 */
export function buildKeys(extra: readonly MockKeyOptions[] = [], origins?: readonly string[]): MockKey[] {
  const defaults: MockKeyOptions[] = [
    {
      key: DEFAULT_PUBLISHABLE_KEY,
      id: 'key_mock_publishable',
      name: 'Mock publishable key',
      ...(origins ? { origins } : {}),
    },
    { key: DEFAULT_SECRET_KEY, id: 'key_mock_secret', role: 'hub', name: 'Mock secret key' },
    {
      key: DEFAULT_PARTNER_KEY,
      id: 'key_mock_partner',
      role: 'referrer',
      name: 'Mock partner system',
      origins: [DEFAULT_STAFF_ORIGIN],
    },
    {
      key: DEFAULT_DASHBOARD_KEY,
      id: 'key_mock_dashboard',
      role: 'hub',
      name: 'Mock hub dashboard',
      origins: [DEFAULT_DASHBOARD_ORIGIN],
    },
  ];
  // A key given with a default key's value replaces it, keeping its id unless given one.
  const all = [
    ...defaults.map((d) => {
      const over = extra.find((k) => k.key === d.key);
      return over ? { ...d, ...over } : d;
    }),
    ...extra.filter((k) => !defaults.some((d) => d.key === k.key)),
  ];
  const keys = all.map((k, i) => toKey(k, `key_mock_${i + 1}`));
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new Error('Each mock key needs its own id');
  return keys;
}
