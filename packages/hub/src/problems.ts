/**
 * Problem details (RFC 9457) as the hub answers them: the shape, the titles in English and
 * Welsh, and the language a caller asks for. The reference server and the mocks both build
 * their problems here, so they cannot differ.
 */
import { SECRET_KEY_PREFIX, type FieldError, type Lang, type ProblemCode } from '@hubkit/schema';

export const PROBLEM_TYPE_BASE = 'https://hubkit.dev/problems/';

const titles: Record<ProblemCode, readonly [en: string, cy: string]> = {
  validation_failed: ['Check the information you sent', 'Gwiriwch yr wybodaeth a anfonwyd gennych'],
  invalid_json: ['The body is not valid JSON', 'Nid yw’r corff yn JSON dilys'],
  unsupported_media_type: ['Send the body as application/json', 'Anfonwch y corff fel application/json'],
  payload_too_large: ['The body is too large', 'Mae’r corff yn rhy fawr'],
  invalid_query: ['Check the query parameters', 'Gwiriwch baramedrau’r ymholiad'],
  unauthorized: ['Send a valid API key', 'Anfonwch allwedd API ddilys'],
  token_expired: [
    'This staff token has expired: get a new one',
    'Mae’r tocyn staff hwn wedi dod i ben: mynnwch un newydd',
  ],
  forbidden: ['This key may not do that', 'Ni all yr allwedd hon wneud hynny'],
  origin_not_allowed: [
    'This key may not be used from this website',
    'Ni ellir defnyddio’r allwedd hon o’r wefan hon',
  ],
  secret_key_in_browser: [
    'Secret keys never belong in a browser',
    'Ni ddylai allweddi cyfrinachol fyth fod mewn porwr',
  ],
  not_found: ['Not found', 'Heb ei ganfod'],
  method_not_allowed: ['That method is not allowed here', 'Ni chaniateir y dull hwnnw yma'],
  idempotency_key_invalid: ['Check the Idempotency-Key', 'Gwiriwch yr Idempotency-Key'],
  idempotency_key_reused: [
    'This Idempotency-Key was used with a different request',
    'Defnyddiwyd yr Idempotency-Key hwn gyda chais gwahanol',
  ],
  idempotency_request_in_flight: [
    'A request with this Idempotency-Key is still in progress',
    'Mae cais gyda’r Idempotency-Key hwn yn dal i fynd rhagddo',
  ],
  transition_not_allowed: [
    'The referral cannot move to that status',
    'Ni all yr atgyfeiriad symud i’r statws hwnnw',
  ],
  role_not_allowed: ['This key may not make that change', 'Ni all yr allwedd hon wneud y newid hwnnw'],
  reason_required: ['Give a reason for the change', 'Rhowch reswm dros y newid'],
  service_required: ['Name the service', 'Enwch y gwasanaeth'],
  outcomes_required: ['Record the outcomes first', 'Cofnodwch y canlyniadau yn gyntaf'],
  conflict: ['The record changed or is already like that', 'Mae’r cofnod wedi newid neu mae eisoes felly'],
  consent_withdrawn: ['Consent to share was withdrawn', 'Tynnwyd y cydsyniad i rannu yn ôl'],
  postcode_not_found: ['Postcode not found', 'Cod post heb ei ganfod'],
  rate_limited: ['Too many requests', 'Gormod o geisiadau'],
  proof_of_work_required: [
    'Solve a challenge from /v1/challenges first',
    'Datryswch her o /v1/challenges yn gyntaf',
  ],
  proof_of_work_invalid: [
    'The challenge solution is not valid, has expired or was used before',
    'Nid yw datrysiad yr her yn ddilys, mae wedi dod i ben neu fe’i defnyddiwyd o’r blaen',
  ],
  bad_request: ['The request is not valid HTTP', 'Nid yw’r cais yn HTTP dilys'],
  unknown_host: [
    'This hub does not answer for that host name',
    'Nid yw’r hyb hwn yn ateb ar gyfer yr enw gwesteiwr hwnnw',
  ],
  headers_too_large: [
    'The request’s headers or address are too long',
    'Mae penawdau neu gyfeiriad y cais yn rhy hir',
  ],
  request_timeout: ['The hub took too long to answer', 'Cymerodd yr hyb ormod o amser i ateb'],
  internal_error: ['Something went wrong at the hub', 'Aeth rhywbeth o’i le yn yr hyb'],
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  requestId: string;
  errors?: FieldError[];
}

/**
 * The one error a hub throws on purpose, and the mocks too: a problem (RFC 9457) with an HTTP
 * status, a stable code and, for validation, every failing field; turned into a body with
 * `problemBody`. Its text never contains personal data.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ProblemCode,
    detail: string,
    options: { errors?: FieldError[] | undefined; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/**
 * A secret key sent by a browser: a request that carries an `Origin` (browsers add it; servers
 * calling the hub do not) and a secret key. Refused before the key is even looked up, and never
 * given CORS permission, so no page can use a secret key, nor read what the hub would answer.
 */
export function secretKeyInBrowser(
  authorization: string | null | undefined,
  origin: string | null | undefined,
): ProblemError | null {
  if (origin === null || origin === undefined) return null;
  if (!(authorization ?? '').trim().startsWith(`Bearer ${SECRET_KEY_PREFIX}`)) return null;
  return new ProblemError(
    403,
    'secret_key_in_browser',
    'Secret keys never belong in a browser: anyone who opens the page can copy them. Call the hub with ' +
      'this key from your server only, use a publishable key (pk_) in web pages, and revoke this key if ' +
      'it was ever shipped to a browser.',
  );
}

/** A 404 that says what was not found, and no more (not whether it exists for another key). */
export const notFound = (what: string): ProblemError =>
  new ProblemError(404, 'not_found', `There is no ${what} with that id that this key may see.`);

/** A 422 for one field, in the same shape as the schema's validation errors. */
export function fieldProblem(path: string, code: string, message: string, detail = message): ProblemError {
  return new ProblemError(422, 'validation_failed', detail, { errors: [{ path, code, message }] });
}

export function problemBody(
  status: number,
  code: ProblemCode,
  lang: Lang,
  requestId: string,
  detail?: string,
  errors?: FieldError[],
): ProblemBody {
  const [en, cy] = titles[code];
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: lang === 'cy' ? cy : en,
    status,
    code,
    ...(detail ? { detail } : {}),
    requestId,
    ...(errors ? { errors } : {}),
  };
}

/** `cy` when the caller prefers Welsh to English, else `en`. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'en';
  let best: { lang: Lang; q: number } = { lang: 'en', q: -1 };
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const lang =
      tag === 'cy' || tag.startsWith('cy-') ? 'cy' : tag === 'en' || tag.startsWith('en-') ? 'en' : null;
    if (lang && Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}

/** A request with an Idempotency-Key whose first request is still being handled (or lost its claim). */
export const idempotencyInFlight = (): ProblemError =>
  new ProblemError(
    409,
    'idempotency_request_in_flight',
    'A request with this Idempotency-Key is still being handled; retry shortly.',
    { headers: { 'Retry-After': '1' } },
  );
