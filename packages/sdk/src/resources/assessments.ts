import {
  Assessment,
  AssessmentCreate,
  AssessmentDraft,
  AssessmentListQuery,
  ListQuery,
  pageOf,
} from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

const AssessmentPage = /* @__PURE__ */ pageOf(Assessment);

export type AssessmentCreateParams = z.input<typeof AssessmentCreate>;
export type AssessmentVersionParams = z.input<typeof AssessmentDraft>;

/** Records a single assessment, as version 1. */
export function createAssessment(
  client: HubClient,
  params: AssessmentCreateParams,
  options?: RequestOptions,
): APIPromise<read.Assessment> {
  const body = (): unknown => checked(AssessmentCreate, params, client.lang);
  return client.request(
    { method: 'POST', path: '/v1/assessments', body, response: Assessment, idempotent: true },
    options,
  );
}

/** The latest version of an assessment. */
export function retrieveAssessment(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<read.Assessment> {
  return client.request(
    { method: 'GET', path: '/v1/assessments/{id}', params: { id }, response: Assessment },
    options,
  );
}

/** The latest versions of a person's or a referral's assessments. */
export function listAssessments(
  client: HubClient,
  params: z.input<typeof AssessmentListQuery>,
  options?: RequestOptions,
): PagePromise<read.Assessment> {
  return listPages(
    client,
    '/v1/assessments',
    {},
    checked(AssessmentListQuery, params, client.lang),
    AssessmentPage,
    options,
  );
}

/** Records the assessment as it now stands, as the next version. */
export function createAssessmentVersion(
  client: HubClient,
  id: string,
  params: AssessmentVersionParams,
  options?: RequestOptions,
): APIPromise<read.Assessment> {
  const body = (): unknown => checked(AssessmentDraft, params, client.lang);
  return client.request(
    {
      method: 'POST',
      path: '/v1/assessments/{id}/versions',
      params: { id },
      body,
      response: Assessment,
      idempotent: true,
    },
    options,
  );
}

/** Every version of an assessment, newest first. */
export function listAssessmentVersions(
  client: HubClient,
  id: string,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<read.Assessment> {
  return listPages(
    client,
    '/v1/assessments/{id}/versions',
    { id },
    checked(ListQuery, params, client.lang),
    AssessmentPage,
    options,
  );
}

export function retrieveAssessmentVersion(
  client: HubClient,
  id: string,
  version: number,
  options?: RequestOptions,
): APIPromise<read.Assessment> {
  return client.request(
    {
      method: 'GET',
      path: '/v1/assessments/{id}/versions/{version}',
      params: { id, version },
      response: Assessment,
    },
    options,
  );
}

/** The single assessment: completed once, reused with consent, kept in versions. */
export class Assessments {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  create(params: AssessmentCreateParams, options?: RequestOptions): APIPromise<read.Assessment> {
    return createAssessment(this.#client, params, options);
  }

  /** {@inheritDoc retrieveAssessment} */
  retrieve(id: string, options?: RequestOptions): APIPromise<read.Assessment> {
    return retrieveAssessment(this.#client, id, options);
  }

  /** {@inheritDoc listAssessments} */
  list(params: z.input<typeof AssessmentListQuery>, options?: RequestOptions): PagePromise<read.Assessment> {
    return listAssessments(this.#client, params, options);
  }

  /** {@inheritDoc createAssessmentVersion} */
  createVersion(
    id: string,
    params: AssessmentVersionParams,
    options?: RequestOptions,
  ): APIPromise<read.Assessment> {
    return createAssessmentVersion(this.#client, id, params, options);
  }

  /** {@inheritDoc listAssessmentVersions} */
  listVersions(
    id: string,
    params?: z.input<typeof ListQuery>,
    options?: RequestOptions,
  ): PagePromise<read.Assessment> {
    return listAssessmentVersions(this.#client, id, params, options);
  }

  retrieveVersion(id: string, version: number, options?: RequestOptions): APIPromise<read.Assessment> {
    return retrieveAssessmentVersion(this.#client, id, version, options);
  }
}
