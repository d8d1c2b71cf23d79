/** What an ORUK API's `/` answers: which HSDS version and profile it speaks. */
import type { OrukApiInfo } from './types.ts';

export const HSDS_VERSION = '3.0';
/** The Open Referral UK profile of HSDS 3.0. */
export const ORUK_PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile';
/** HSDS 3.0's OpenAPI description of the endpoints. */
export const HSDS_OPENAPI_URL =
  'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json';

export function orukApiInfo(options: Partial<OrukApiInfo> = {}): OrukApiInfo {
  return {
    version: HSDS_VERSION,
    profile: ORUK_PROFILE_URL,
    openapi_url: HSDS_OPENAPI_URL,
    ...options,
  };
}
