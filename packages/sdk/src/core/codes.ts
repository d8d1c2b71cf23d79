/**
 * Whether `value` is one of `codes`: narrows a code read from the hub (`NeedCode | (string & {})`)
 * to the codes this SDK knows, before sending it back (requests take only those).
 *
 * ```ts
 * if (isKnownCode(NEED_CODES, need.code)) await hub.referrals.recordOutcome(id, { need: need.code, code: 'advice_given' });
 * ```
 */
export function isKnownCode<const C extends string>(codes: readonly C[], value: string): value is C {
  return (codes as readonly string[]).includes(value);
}
