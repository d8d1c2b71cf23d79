/** Single assessments and their versions. */
import type { AssessmentCreate, AssessmentDraft } from '@hubkit/schema';
import { pageRequest as page } from '../records.ts';
import { caller, id, type Handler } from './context.ts';

export const assessmentHandlers = {
  createAssessment: async (c) => ({
    status: 201,
    body: await c.hub.createAssessment(c.body as AssessmentCreate, caller(c)),
    stored: true,
  }),
  listAssessments: async (c) => {
    const { residentId, referralId } = c.query as { residentId?: string; referralId?: string };
    return {
      status: 200,
      body: await c.hub.listAssessments({ residentId, referralId }, page(c.query), caller(c)),
    };
  },
  retrieveAssessment: async (c) => ({ status: 200, body: await c.hub.getAssessment(id(c), caller(c)) }),
  createAssessmentVersion: async (c) => ({
    status: 201,
    body: await c.hub.createAssessmentVersion(id(c), c.body as AssessmentDraft, caller(c)),
    stored: true,
  }),
  listAssessmentVersions: async (c) => ({
    status: 200,
    body: await c.hub.listAssessmentVersions(id(c), page(c.query), caller(c)),
  }),
  retrieveAssessmentVersion: async (c) => ({
    status: 200,
    body: await c.hub.getAssessment(id(c), caller(c), Number(c.params.version)),
  }),
} satisfies Record<string, Handler>;
