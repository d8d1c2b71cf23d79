import {
  Assessment,
  AssessmentCreate,
  AssessmentDraft,
  AssessmentListQuery,
  ListQuery,
  pageOf,
} from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages, segment } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import { checked } from '../core/validate-input.ts';

const AssessmentPage = /* @__PURE__ */ pageOf(Assessment);

export type AssessmentCreateParams = z.input<typeof AssessmentCreate>;
export type AssessmentVersionParams = z.input<typeof AssessmentDraft>;

/** Records a single assessment, as version 1. */
export async function createAssessment(
  client: HubClient,
  params: AssessmentCreateParams,
  options?: RequestOptions,
): Promise<Assessment> {
  const body = checked(AssessmentCreate, params, client.lang);
  return client.request(
    { method: 'POST', path: '/v1/assessments', body, response: Assessment, idempotent: true },
    options,
  );
}

/** The latest version of an assessment. */
export async function retrieveAssessment(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): Promise<Assessment> {
  return client.request(
    { method: 'GET', path: `/v1/assessments/${segment(id)}`, response: Assessment },
    options,
  );
}

/** The latest versions of a person's or a referral's assessments. */
export function listAssessments(
  client: HubClient,
  params: z.input<typeof AssessmentListQuery>,
  options?: RequestOptions,
): PagePromise<Assessment> {
  return listPages(
    client,
    '/v1/assessments',
    checked(AssessmentListQuery, params, client.lang),
    AssessmentPage,
    options,
  );
}

/** Records the assessment as it now stands, as the next version. */
export async function createAssessmentVersion(
  client: HubClient,
  id: string,
  params: AssessmentVersionParams,
  options?: RequestOptions,
): Promise<Assessment> {
  const body = checked(AssessmentDraft, params, client.lang);
  return client.request(
    {
      method: 'POST',
      path: `/v1/assessments/${segment(id)}/versions`,
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
): PagePromise<Assessment> {
  return listPages(
    client,
    `/v1/assessments/${segment(id)}/versions`,
    checked(ListQuery, params, client.lang),
    AssessmentPage,
    options,
  );
}

export async function retrieveAssessmentVersion(
  client: HubClient,
  id: string,
  version: number,
  options?: RequestOptions,
): Promise<Assessment> {
  return client.request(
    {
      method: 'GET',
      path: `/v1/assessments/${segment(id)}/versions/${segment(version)}`,
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

  create(params: AssessmentCreateParams, options?: RequestOptions): Promise<Assessment> {
    return createAssessment(this.#client, params, options);
  }

  /** {@inheritDoc retrieveAssessment} */
  retrieve(id: string, options?: RequestOptions): Promise<Assessment> {
    return retrieveAssessment(this.#client, id, options);
  }

  /** {@inheritDoc listAssessments} */
  list(params: z.input<typeof AssessmentListQuery>, options?: RequestOptions): PagePromise<Assessment> {
    return listAssessments(this.#client, params, options);
  }

  /** {@inheritDoc createAssessmentVersion} */
  createVersion(id: string, params: AssessmentVersionParams, options?: RequestOptions): Promise<Assessment> {
    return createAssessmentVersion(this.#client, id, params, options);
  }

  /** {@inheritDoc listAssessmentVersions} */
  listVersions(
    id: string,
    params?: z.input<typeof ListQuery>,
    options?: RequestOptions,
  ): PagePromise<Assessment> {
    return listAssessmentVersions(this.#client, id, params, options);
  }

  retrieveVersion(id: string, version: number, options?: RequestOptions): Promise<Assessment> {
    return retrieveAssessmentVersion(this.#client, id, version, options);
  }
}
