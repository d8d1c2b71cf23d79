/**
 * Single assessments over loopback HTTP: made for a referral or a person the hub knows,
 * versioned, listed, and followed across referrals by NHS number.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Assessment, AssessmentDraft, Page, Problem, Referral, ReferralCreate } from '@hubkit/schema';
import {
  gpSocialPrescribingLoneliness,
  immediateSafeguardingConcern,
  tenantAssessmentDraft,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { ORIGIN, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

const draft = structuredClone(tenantAssessmentDraft);

/** The draft as it stands after a review: one score better, and one more thing that matters. */
function reviewed(n: number): AssessmentDraft {
  const [first, ...rest] = draft.sections;
  assert.ok(first);
  return {
    ...draft,
    sections: [{ ...first, score: Math.min(5, first.score + n) }, ...rest],
    whatMattersMost: `${draft.whatMattersMost ?? ''} (review ${n})`,
    completedAt: `2026-09-${String(10 + n)}T09:45:00.000Z`,
  };
}

/** What an assessment says, without the fields the hub sets. */
function contentOf(a: Assessment): AssessmentDraft {
  const { id: _i, version: _v, residentId: _r, referralId: _f, createdAt: _c, ...rest } = a;
  return rest;
}

forEachEngine((engine) => {
  describe('single assessments', () => {
    let hub: TestHub;

    before(async () => {
      hub = await engine.testHub();
    });
    after(async () => {
      await hub.close();
    });

    async function refer(body: ReferralCreate): Promise<Referral> {
      const answer = await hub.request<Referral>('POST', '/v1/referrals', { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    }

    async function create(body: object): Promise<Assessment> {
      const answer = await hub.request<Assessment>('POST', '/v1/assessments', { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    }

    async function newVersion(id: string, body: AssessmentDraft): Promise<Assessment> {
      const answer = await hub.request<Assessment>('POST', `/v1/assessments/${id}/versions`, { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    }

    async function list(query: string): Promise<Page<Assessment>> {
      const answer = await hub.request<Page<Assessment>>('GET', `/v1/assessments?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    }

    it('makes version 1 for a referral, for the referral’s person', async () => {
      const referral = await refer(tenantAtRiskOfEviction);
      const made = await create({ ...draft, referralId: referral.id });
      assert.equal(made.version, 1);
      assert.equal(made.referralId, referral.id);
      assert.equal(made.residentId, referral.residentId);
      assert.deepEqual(contentOf(made), draft);
      assert.ok(Math.abs(Date.parse(made.createdAt) - Date.now()) < 60_000);
      const read = await hub.request<Assessment>('GET', `/v1/assessments/${made.id}`);
      assert.deepEqual(read.body, made);
    });

    it('makes one for a person known through a referral, not tied to any referral', async () => {
      const referral = await refer(tenantAtRiskOfEviction);
      const made = await create({ ...draft, residentId: referral.residentId });
      assert.equal(made.version, 1);
      assert.equal(made.residentId, referral.residentId);
      assert.equal(made.referralId, null);
    });

    it('refuses a person the hub does not know, a referral it does not have or for someone else, and neither', async () => {
      const unknown = await hub.request<Problem>('POST', '/v1/assessments', {
        body: { ...draft, residentId: '2f1c9a4e-7b3d-4e8a-9c6f-1d2e3f4a5b6c' },
      });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, 'validation_failed');
      assert.deepEqual(
        unknown.body.errors?.map((e) => [e.path, e.code]),
        [['/residentId', 'not_found']],
      );

      const one = await refer(tenantAtRiskOfEviction);
      const other = await refer(immediateSafeguardingConcern);
      const mismatch = await hub.request<Problem>('POST', '/v1/assessments', {
        body: { ...draft, referralId: one.id, residentId: other.residentId },
      });
      assert.equal(mismatch.status, 422);
      assert.equal(mismatch.body.errors?.[0]?.code, 'resident_mismatch');

      const noReferral = await hub.request<Problem>('POST', '/v1/assessments', {
        body: { ...draft, referralId: '7c0e5d1a-2b3c-4d5e-8f9a-0b1c2d3e4f5a' },
      });
      assert.equal(
        noReferral.status,
        422,
        'a referral named in the body that does not exist is a field to correct',
      );
      assert.deepEqual(
        noReferral.body.errors?.map((e) => [e.path, e.code]),
        [['/referralId', 'not_found']],
      );

      const neither = await hub.request<Problem>('POST', '/v1/assessments', { body: draft });
      assert.equal(neither.status, 422);
      assert.equal(neither.body.errors?.[0]?.code, 'assessment_subject_required');
    });

    it('numbers new versions, keeps the person and referral, and reads the latest, one version, or all newest first', async () => {
      const referral = await refer(tenantAtRiskOfEviction);
      const v1 = await create({ ...draft, referralId: referral.id });
      const v2 = await newVersion(v1.id, reviewed(1));
      const v3 = await newVersion(v1.id, reviewed(2));
      for (const [v, n, content] of [
        [v2, 2, reviewed(1)],
        [v3, 3, reviewed(2)],
      ] as const) {
        assert.equal(v.id, v1.id);
        assert.equal(v.version, n);
        assert.equal(v.residentId, referral.residentId);
        assert.equal(v.referralId, referral.id);
        assert.deepEqual(contentOf(v), content);
      }
      // A new version cannot move the assessment to someone else.
      const moved = await hub.request<Problem>('POST', `/v1/assessments/${v1.id}/versions`, {
        body: { ...reviewed(3), residentId: '2f1c9a4e-7b3d-4e8a-9c6f-1d2e3f4a5b6c' },
      });
      assert.equal(moved.status, 422);
      assert.deepEqual(
        moved.body.errors?.map((e) => [e.path, e.code]),
        [['/residentId', 'unknown_field']],
      );

      const latest = await hub.request<Assessment>('GET', `/v1/assessments/${v1.id}`);
      assert.deepEqual(latest.body, v3);
      for (const v of [v1, v2, v3]) {
        const one = await hub.request<Assessment>('GET', `/v1/assessments/${v1.id}/versions/${v.version}`);
        assert.equal(one.status, 200);
        assert.deepEqual(one.body, v);
      }
      assert.equal((await hub.request('GET', `/v1/assessments/${v1.id}/versions/4`)).status, 404);
      assert.equal(
        (await hub.request('GET', '/v1/assessments/6d0b1f8e-3c2a-4b5d-9e7f-0a1b2c3d4e5f')).status,
        404,
      );
      assert.equal(
        (await hub.request('GET', '/v1/assessments/6d0b1f8e-3c2a-4b5d-9e7f-0a1b2c3d4e5f/versions')).status,
        404,
      );

      const all = await hub.request<Page<Assessment>>('GET', `/v1/assessments/${v1.id}/versions`);
      assert.deepEqual(
        all.body.data.map((a) => a.version),
        [3, 2, 1],
      );
      assert.equal(all.body.nextCursor, null);
      const first = await hub.request<Page<Assessment>>('GET', `/v1/assessments/${v1.id}/versions?limit=2`);
      assert.deepEqual(
        first.body.data.map((a) => a.version),
        [3, 2],
      );
      assert.ok(first.body.nextCursor);
      const second = await hub.request<Page<Assessment>>(
        'GET',
        `/v1/assessments/${v1.id}/versions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      assert.deepEqual(
        second.body.data.map((a) => a.version),
        [1],
      );
      assert.equal(second.body.nextCursor, null);
    });

    it('makes an inline assessment on a new referral its version 1, and follows one NHS number across referrals', async () => {
      const gp = structuredClone(gpSocialPrescribingLoneliness) as ReferralCreate;
      const first = await refer({ ...gp, assessment: draft });
      assert.ok(first.assessmentId, 'the referral links its assessment');
      const inline = await hub.request<Assessment>('GET', `/v1/assessments/${first.assessmentId}`);
      assert.equal(inline.status, 200);
      assert.equal(inline.body.version, 1);
      assert.equal(inline.body.referralId, first.id);
      assert.equal(inline.body.residentId, first.residentId);
      assert.deepEqual(contentOf(inline.body), draft);

      // The same person, referred again by the same practice months later.
      const second = await refer({ ...gp, needs: [{ code: 'physical_health', urgency: 'routine' }] });
      assert.equal(second.residentId, first.residentId, 'one NHS number, one person');
      assert.equal(second.assessmentId, null);
      const later = await create({ ...reviewed(1), referralId: second.id });
      await newVersion(later.id, reviewed(2));
      const standalone = await create({ ...draft, residentId: first.residentId });

      const byResident = await list(`residentId=${first.residentId}`);
      assert.deepEqual(
        byResident.data.map((a) => [a.id, a.version]).sort(),
        [
          [inline.body.id, 1],
          [later.id, 2],
          [standalone.id, 1],
        ].sort(),
        'each assessment once, at its latest version',
      );
      const paged = await list(`residentId=${first.residentId}&limit=2`);
      assert.equal(paged.data.length, 2);
      assert.ok(paged.nextCursor);
      const rest = await list(
        `residentId=${first.residentId}&limit=2&cursor=${encodeURIComponent(paged.nextCursor)}`,
      );
      assert.deepEqual(
        [...paged.data, ...rest.data].map((a) => a.id).sort(),
        byResident.data.map((a) => a.id).sort(),
      );
      assert.equal(rest.nextCursor, null);

      const bySecond = await list(`referralId=${second.id}`);
      assert.deepEqual(
        bySecond.data.map((a) => [a.id, a.version]),
        [[later.id, 2]],
      );
      const byFirst = await list(`referralId=${first.id}`);
      assert.deepEqual(
        byFirst.data.map((a) => a.id),
        [inline.body.id],
      );

      // Without an NHS number nobody is matched by name: two referrals, two people.
      const a = await refer(tenantAtRiskOfEviction);
      const b = await refer(tenantAtRiskOfEviction);
      assert.notEqual(a.residentId, b.residentId);
      assert.notEqual(a.residentId, first.residentId);
    });

    it('is closed to publishable keys', async () => {
      const referral = await refer(tenantAtRiskOfEviction);
      const made = await create({ ...draft, referralId: referral.id });
      const asWebsite = { key: 'publishable', headers: { Origin: ORIGIN } } as const;
      const calls: [string, string, unknown][] = [
        ['POST', '/v1/assessments', { ...draft, referralId: referral.id }],
        ['GET', `/v1/assessments?referralId=${referral.id}`, undefined],
        ['GET', `/v1/assessments/${made.id}`, undefined],
        ['POST', `/v1/assessments/${made.id}/versions`, reviewed(1)],
        ['GET', `/v1/assessments/${made.id}/versions`, undefined],
        ['GET', `/v1/assessments/${made.id}/versions/1`, undefined],
      ];
      for (const [method, path, body] of calls) {
        const answer = await hub.request<Problem>(method, path, { ...asWebsite, body });
        assert.equal(answer.status, 403, `${method} ${path}`);
        assert.equal(answer.body.code, 'forbidden');
        assert.ok(!answer.text.includes(draft.completedBy.name), 'nothing of the assessment comes back');
      }
      const unchanged = await hub.request<Page<Assessment>>('GET', `/v1/assessments/${made.id}/versions`);
      assert.deepEqual(
        unchanged.body.data.map((a) => a.version),
        [1],
      );
    });
  });
});
