import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import type { Assessment } from '../assessment.ts';
import { needCodes } from '../codelists.ts';
import { tenantAssessment } from '../fixtures/index.ts';
import { assertInValueSet, assertValidFhir, R4_VALUE_SETS } from './fhir-validator.test.ts';
import {
  ASSESSMENT_QUESTIONNAIRE_URL,
  EXTENSIONS,
  FhirMappingError,
  assessmentQuestionnaire,
  assessmentToQuestionnaireResponse,
  questionnaireResponseToAssessment,
  type DeepReadonly,
} from './index.ts';

type StoredAssessment = DeepReadonly<Assessment>;

/** Every domain, in reverse codelist order, each with something different answered. */
const everyDomain: StoredAssessment = {
  id: '2f7b9c1d-8e3a-4b6c-9d0e-1f2a3b4c5d6e',
  version: 1,
  residentId: '9a1d2c3b-4e5f-4a6b-8c7d-000000000099',
  referralId: null,
  createdAt: '2026-12-01T10:00:00Z',
  sections: [...needCodes.codes].reverse().map((domain, i) => ({
    domain,
    score: (i % 5) + 1,
    ...(i % 2 === 0 ? { summary: `Summary for ${domain}.\nSecond line.` } : {}),
    ...(i % 3 === 0 ? { whatMatters: 'Family.' } : {}),
    ...(i % 4 === 0 ? { strengths: 'Determined.' } : {}),
    ...(i % 5 === 0 ? { risks: 'Might lose touch.' } : {}),
    actions:
      i % 3 === 1
        ? [
            { description: 'Call back on Monday', owner: 'hub', done: false },
            {
              description: 'Bring the letter',
              owner: 'resident',
              ownerName: 'Sam',
              dueBy: '2026-12-08',
              done: true,
            },
          ]
        : [],
  })),
  risks: 'None overall.',
  completedBy: { name: 'Alex Morgan' },
  completedAt: '2026-12-01T09:30:00Z',
};

const assessments: Record<string, StoredAssessment> = {
  tenantAssessment,
  everyDomain,
  oneSection: {
    ...tenantAssessment,
    version: 1,
    referralId: null,
    sections: [{ domain: 'other', score: 5, actions: [] }],
    completedBy: { name: 'Priya Shah', organisation: 'Community Hub (fictional council)' },
  },
};

function allItems(items: readonly QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) => [item, ...allItems(item.item)]);
}

function responseItem(
  response: QuestionnaireResponse,
  linkId: string,
): QuestionnaireResponseItem | undefined {
  const walk = (items: readonly QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item) => [item, ...walk(item.item)]);
  return walk(response.item).find((i) => i.linkId === linkId);
}

describe('assessmentQuestionnaire', () => {
  const items = allItems(assessmentQuestionnaire.item);

  it('is a valid R4 Questionnaire with allowed status and item types', () => {
    assertValidFhir(assessmentQuestionnaire);
    assertInValueSet(assessmentQuestionnaire.status, R4_VALUE_SETS.publicationStatus, 'Questionnaire.status');
    for (const item of items)
      assertInValueSet(item.type, R4_VALUE_SETS.itemType, `item('${item.linkId}').type`);
  });

  it('has one group per need domain, then the overall questions', () => {
    assert.deepEqual(
      assessmentQuestionnaire.item?.map((i) => [i.linkId, i.type]),
      [
        ...needCodes.codes.map((code) => [code, 'group']),
        ['whatMattersMost', 'text'],
        ['strengths', 'text'],
        ['risks', 'text'],
      ],
    );
  });

  it('scores each domain 1 to 5 with the wellbeing scale labels', () => {
    const score = items.find((i) => i.linkId === 'housing.score');
    assert.equal(score?.type, 'choice');
    assert.equal(score.required, true);
    assert.deepEqual(
      score.answerOption?.map((o) => [o.valueCoding?.code, o.valueCoding?.display]),
      [
        ['1', 'In crisis'],
        ['2', 'Struggling'],
        ['3', 'Getting by'],
        ['4', 'Doing well'],
        ['5', 'Thriving'],
      ],
    );
  });

  it('asks for actions in a repeating group', () => {
    const actions = items.find((i) => i.linkId === 'food.actions');
    assert.equal(actions?.type, 'group');
    assert.equal(actions.repeats, true);
    assert.deepEqual(
      actions.item?.map((i) => [i.linkId, i.type]),
      [
        ['food.actions.description', 'text'],
        ['food.actions.owner', 'choice'],
        ['food.actions.ownerName', 'string'],
        ['food.actions.dueBy', 'date'],
        ['food.actions.done', 'boolean'],
      ],
    );
  });

  it('has a unique linkId for every item', () => {
    assert.equal(new Set(items.map((i) => i.linkId)).size, items.length);
  });
});

describe('assessmentToQuestionnaireResponse and questionnaireResponseToAssessment', () => {
  for (const [name, assessment] of Object.entries(assessments)) {
    describe(name, () => {
      const response = assessmentToQuestionnaireResponse(assessment);

      it('makes a valid R4 QuestionnaireResponse, completed', () => {
        assertValidFhir(response);
        assertInValueSet(
          response.status,
          R4_VALUE_SETS.questionnaireResponseStatus,
          'QuestionnaireResponse.status',
        );
        assert.equal(response.status, 'completed');
        assert.equal(response.questionnaire, `${ASSESSMENT_QUESTIONNAIRE_URL}|1`);
        assert.equal(response.subject?.reference, `Patient/${assessment.residentId}`);
      });

      it('answers only questions of the Questionnaire, in its order', () => {
        const order = allItems(assessmentQuestionnaire.item).map((i) => i.linkId);
        const walk = (items: readonly QuestionnaireResponseItem[] | undefined): string[] =>
          (items ?? []).flatMap((item) => [item.linkId, ...walk(item.item)]);
        const positions = walk(response.item).map((linkId) => order.indexOf(linkId));
        assert.ok(positions.every((p) => p >= 0));
        const groups = (response.item ?? []).map((i) => order.indexOf(i.linkId));
        assert.deepEqual(
          groups,
          [...groups].sort((a, b) => a - b),
        );
      });

      it('reads back exactly', () => {
        assert.deepStrictEqual(questionnaireResponseToAssessment(structuredClone(response)), assessment);
      });

      it('reads back exactly from JSON', () => {
        assert.deepStrictEqual(
          questionnaireResponseToAssessment(JSON.parse(JSON.stringify(response)) as QuestionnaireResponse),
          assessment,
        );
      });
    });
  }

  describe('the answers', () => {
    const response = assessmentToQuestionnaireResponse(tenantAssessment);

    it('scores with the wellbeing scale', () => {
      assert.deepEqual(responseItem(response, 'housing.score')?.answer, [
        {
          valueCoding: {
            system: 'https://hubkit.dev/fhir/CodeSystem/wellbeing-scale',
            code: '2',
            display: 'Struggling',
          },
        },
      ]);
    });

    it('keeps the sections’ own order while following the Questionnaire’s', () => {
      assert.deepEqual(
        response.item
          ?.slice(0, 3)
          .map((i) => [i.linkId, i.extension?.[0]?.url, i.extension?.[0]?.valuePositiveInt]),
        [
          ['benefits', EXTENSIONS.sectionPosition, 2],
          ['housing', EXTENSIONS.sectionPosition, 1],
          ['wellbeing_mental_health', EXTENSIONS.sectionPosition, 3],
        ],
      );
    });

    it('repeats the actions group, one per action', () => {
      const housing = response.item?.find((i) => i.linkId === 'housing');
      assert.equal(housing?.item?.filter((i) => i.linkId === 'housing.actions').length, 2);
    });

    it('links the referral and the connector who completed it', () => {
      assert.deepEqual(response.basedOn, [{ reference: `ServiceRequest/${tenantAssessment.referralId}` }]);
      assert.deepEqual(response.author, { reference: '#assessor', display: 'Priya Shah' });
      assert.equal(response.authored, tenantAssessment.completedAt);
    });
  });

  describe('a response that is not a hubkit assessment', () => {
    const response = assessmentToQuestionnaireResponse(tenantAssessment);

    it('is refused when it answers another questionnaire', () => {
      assert.throws(
        () =>
          questionnaireResponseToAssessment({
            ...response,
            questionnaire: 'https://example.org/Questionnaire/phq-9',
          }),
        {
          name: 'FhirMappingError',
          message: /is not https:\/\/hubkit\.dev\/fhir\/Questionnaire\/single-assessment/,
        },
      );
    });

    it('is refused while in progress', () => {
      assert.throws(
        () => questionnaireResponseToAssessment({ ...response, status: 'in-progress' }),
        /only a completed response/,
      );
    });

    it('is refused with a question the Questionnaire does not ask', () => {
      const json = JSON.stringify(response).replace('"linkId":"housing.risks"', '"linkId":"housing.pets"');
      assert.throws(
        () => questionnaireResponseToAssessment(JSON.parse(json) as QuestionnaireResponse),
        /item\('housing\.pets'\): is not a question/,
      );
    });

    it('is refused with a score off the scale', () => {
      const json = JSON.stringify(response).replace('"code":"3","display":"Getting by"', '"code":"7"');
      assert.throws(
        () => questionnaireResponseToAssessment(JSON.parse(json) as QuestionnaireResponse),
        /'7' is not a code/,
      );
    });

    it('is refused without a score, with the field errors', () => {
      const withoutScore = structuredClone(response);
      const housing = withoutScore.item?.find((i) => i.linkId === 'housing');
      assert.ok(housing?.item);
      housing.item = housing.item.filter((i) => i.linkId !== 'housing.score');
      assert.throws(
        () => questionnaireResponseToAssessment(withoutScore),
        (error: unknown) =>
          error instanceof FhirMappingError && error.errors.some((e) => e.path === '/sections/0/score'),
      );
    });
  });
});
