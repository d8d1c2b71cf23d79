/**
 * The single assessment as an R4 Questionnaire (one group per need domain) and each version
 * of a person's assessment as a QuestionnaireResponse to it.
 */
import type {
  Practitioner,
  PractitionerRole,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import { actionOwnerCodes, labelOf, needCodes, wellbeingScale, type NeedCode } from '../codelists.ts';
import { Assessment, type AssessmentAction, type AssessmentSection, type Assessor } from '../assessment.ts';
import { EXTENSIONS, FHIR_BASE, IDENTIFIER_SYSTEMS } from './constants.ts';
import {
  ExtensionReader,
  codeOf,
  codingOf,
  expectResourceType,
  ext,
  fail,
  idFrom,
  isCode,
  local,
  parseAs,
  referenceTo,
  required,
  type DeepReadonly,
} from './support.ts';

export const ASSESSMENT_QUESTIONNAIRE_URL = `${FHIR_BASE}/Questionnaire/single-assessment`;
export const ASSESSMENT_QUESTIONNAIRE_VERSION = '1';

/** The questions of a domain and of an action, by the end of their linkId. */
const question = {
  score: { type: 'choice', text: 'Where things stand, from in crisis to thriving' },
  summary: { type: 'text', text: 'Where things stand now, in words' },
  whatMatters: { type: 'text', text: 'What matters to the person in this part of their life' },
  strengths: { type: 'text', text: 'Strengths' },
  risks: { type: 'text', text: 'Risks' },
  actions: { type: 'group', text: 'Actions agreed' },
} as const;
const actionQuestion = {
  description: { type: 'text', text: 'What will be done' },
  owner: { type: 'choice', text: 'Who will do it' },
  ownerName: { type: 'string', text: 'The named person or organisation' },
  dueBy: { type: 'date', text: 'Due by' },
  done: { type: 'boolean', text: 'Done' },
} as const;
const overallQuestion = {
  whatMattersMost: { type: 'text', text: 'What matters most to the person, overall' },
  strengths: { type: 'text', text: 'Strengths, overall' },
  risks: { type: 'text', text: 'Risks, overall' },
} as const;

type SectionText = 'summary' | 'whatMatters' | 'strengths' | 'risks';
const sectionTexts: readonly SectionText[] = ['summary', 'whatMatters', 'strengths', 'risks'];
type OverallText = keyof typeof overallQuestion;
const overallTexts: readonly OverallText[] = ['whatMattersMost', 'strengths', 'risks'];

function domainItem(domain: NeedCode): QuestionnaireItem {
  const id = (name: string) => `${domain}.${name}`;
  return {
    linkId: domain,
    code: [codingOf(needCodes, domain)],
    text: labelOf(needCodes, domain),
    type: 'group',
    item: [
      {
        linkId: id('score'),
        ...question.score,
        required: true,
        answerOption: wellbeingScale.entries.map((entry) => ({
          valueCoding: codingOf(wellbeingScale, entry.code),
        })),
      },
      ...sectionTexts.map((name) => ({ linkId: id(name), ...question[name] })),
      {
        linkId: id('actions'),
        ...question.actions,
        repeats: true,
        item: [
          { linkId: id('actions.description'), ...actionQuestion.description, required: true },
          {
            linkId: id('actions.owner'),
            ...actionQuestion.owner,
            required: true,
            answerOption: actionOwnerCodes.entries.map((entry) => ({
              valueCoding: codingOf(actionOwnerCodes, entry.code),
            })),
          },
          { linkId: id('actions.ownerName'), ...actionQuestion.ownerName },
          { linkId: id('actions.dueBy'), ...actionQuestion.dueBy },
          { linkId: id('actions.done'), ...actionQuestion.done },
        ],
      },
    ],
  };
}

/**
 * The single assessment as a Questionnaire: one group per need domain (a score from 1, in
 * crisis, to 5, thriving; where things stand, what matters, strengths, risks; the actions
 * agreed, repeating), then what matters most, strengths and risks overall.
 */
export const assessmentQuestionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'single-assessment',
  url: ASSESSMENT_QUESTIONNAIRE_URL,
  version: ASSESSMENT_QUESTIONNAIRE_VERSION,
  name: 'SingleAssessment',
  title: 'Single assessment',
  status: 'active',
  subjectType: ['Patient'],
  publisher: 'hubkit',
  description:
    'Completed once by a connector with the person, and reused by every partner the person consents to share it with, so they tell their story once.',
  item: [
    ...needCodes.codes.map(domainItem),
    ...overallTexts.map((name) => ({ linkId: name, ...overallQuestion[name] })),
  ],
};

const CONTAINED = { assessor: 'assessor', practitioner: 'assessor-practitioner' } as const;

function answered(
  linkId: string,
  text: string,
  answer: QuestionnaireResponseItemAnswer | undefined,
): QuestionnaireResponseItem[] {
  return answer === undefined ? [] : [{ linkId, text, answer: [answer] }];
}
const stringAnswer = (value: string | undefined) =>
  value === undefined ? undefined : { valueString: value };

function actionItem(domain: NeedCode, action: DeepReadonly<AssessmentAction>): QuestionnaireResponseItem {
  const id = (name: keyof typeof actionQuestion) => `${domain}.actions.${name}`;
  return {
    linkId: `${domain}.actions`,
    text: question.actions.text,
    item: [
      ...answered(id('description'), actionQuestion.description.text, { valueString: action.description }),
      ...answered(id('owner'), actionQuestion.owner.text, {
        valueCoding: codingOf(actionOwnerCodes, action.owner),
      }),
      ...answered(id('ownerName'), actionQuestion.ownerName.text, stringAnswer(action.ownerName)),
      ...answered(
        id('dueBy'),
        actionQuestion.dueBy.text,
        action.dueBy === undefined ? undefined : { valueDate: action.dueBy },
      ),
      ...answered(
        id('done'),
        actionQuestion.done.text,
        action.done === undefined ? undefined : { valueBoolean: action.done },
      ),
    ],
  };
}

/**
 * A domain's group. Groups follow the Questionnaire's order (codelist order), as a response
 * should; each carries its place in the assessment, so the sections read back in the order
 * the person and the connector went through them.
 */
function sectionItem(section: DeepReadonly<AssessmentSection>, position: number): QuestionnaireResponseItem {
  const { domain } = section;
  const score = String(section.score);
  return {
    extension: ext.positiveInt(EXTENSIONS.sectionPosition, position),
    linkId: domain,
    text: labelOf(needCodes, domain),
    item: [
      ...answered(`${domain}.score`, question.score.text, {
        valueCoding: isCode(wellbeingScale, score) ? codingOf(wellbeingScale, score) : { code: score },
      }),
      ...sectionTexts.flatMap((name) =>
        answered(`${domain}.${name}`, question[name].text, stringAnswer(section[name])),
      ),
      ...section.actions.map((action) => actionItem(domain, action)),
    ],
  };
}

function assessorOf(assessor: DeepReadonly<Assessor>): [Practitioner, PractitionerRole] {
  return [
    { resourceType: 'Practitioner', id: CONTAINED.practitioner, name: [{ text: assessor.name }] },
    {
      resourceType: 'PractitionerRole',
      id: CONTAINED.assessor,
      practitioner: local('Practitioner', CONTAINED.practitioner),
      ...(assessor.organisation === undefined ? {} : { organization: { display: assessor.organisation } }),
      ...(assessor.role === undefined ? {} : { code: [{ text: assessor.role }] }),
    },
  ];
}

/** One version of a person's single assessment, as a completed QuestionnaireResponse. */
export function assessmentToQuestionnaireResponse(
  assessment: DeepReadonly<Assessment>,
): QuestionnaireResponse {
  const order = new Map(assessment.sections.map((section, index) => [section.domain, index + 1]));
  const sections = [...assessment.sections].sort(
    (a, b) => needCodes.codes.indexOf(a.domain) - needCodes.codes.indexOf(b.domain),
  );
  return {
    resourceType: 'QuestionnaireResponse',
    id: assessment.id,
    contained: assessorOf(assessment.completedBy),
    extension: [
      ...ext.positiveInt(EXTENSIONS.assessmentVersion, assessment.version),
      ...ext.dateTime(EXTENSIONS.createdAt, assessment.createdAt),
    ],
    identifier: { system: IDENTIFIER_SYSTEMS.assessmentId, value: assessment.id },
    ...(assessment.referralId === null
      ? {}
      : { basedOn: [referenceTo('ServiceRequest', assessment.referralId)] }),
    questionnaire: `${ASSESSMENT_QUESTIONNAIRE_URL}|${ASSESSMENT_QUESTIONNAIRE_VERSION}`,
    status: 'completed',
    subject: referenceTo('Patient', assessment.residentId),
    authored: assessment.completedAt,
    author: { ...local('PractitionerRole', CONTAINED.assessor), display: assessment.completedBy.name },
    item: [
      ...sections.map((section) => sectionItem(section, order.get(section.domain) ?? 0)),
      ...overallTexts.flatMap((name) =>
        answered(name, overallQuestion[name].text, stringAnswer(assessment[name])),
      ),
    ],
  };
}

/** The one answer to a question, if it was answered. */
function answerOf(
  items: readonly QuestionnaireResponseItem[],
  linkId: string,
): QuestionnaireResponseItemAnswer | undefined {
  const found = items.filter((i) => i.linkId === linkId);
  if (found.length > 1) fail(`QuestionnaireResponse.item('${linkId}')`, 'is answered more than once');
  const answers = found[0]?.answer ?? [];
  if (answers.length > 1) fail(`QuestionnaireResponse.item('${linkId}')`, 'has more than one answer');
  return answers[0];
}

function actionFrom(domain: NeedCode, item: QuestionnaireResponseItem) {
  const items = item.item ?? [];
  const id = (name: keyof typeof actionQuestion) => `${domain}.actions.${name}`;
  checkLinkIds(
    items,
    Object.keys(actionQuestion).map((name) => `${domain}.actions.${name}`),
  );
  const owner = answerOf(items, id('owner'))?.valueCoding;
  return {
    description: answerOf(items, id('description'))?.valueString,
    owner: owner && codeOf(actionOwnerCodes, owner, `QuestionnaireResponse.item('${id('owner')}')`),
    ownerName: answerOf(items, id('ownerName'))?.valueString,
    dueBy: answerOf(items, id('dueBy'))?.valueDate,
    done: answerOf(items, id('done'))?.valueBoolean,
  };
}

function checkLinkIds(items: readonly QuestionnaireResponseItem[], known: readonly string[]): void {
  const unknown = items.find((i) => !known.includes(i.linkId));
  if (unknown)
    fail(
      `QuestionnaireResponse.item('${unknown.linkId}')`,
      `is not a question of ${ASSESSMENT_QUESTIONNAIRE_URL}`,
    );
}

function sectionFrom(domain: NeedCode, item: QuestionnaireResponseItem) {
  const items = item.item ?? [];
  checkLinkIds(items, [...Object.keys(question).map((name) => `${domain}.${name}`)]);
  const score = answerOf(items, `${domain}.score`)?.valueCoding;
  const text = (name: SectionText) => answerOf(items, `${domain}.${name}`)?.valueString;
  return {
    domain,
    score: score && Number(codeOf(wellbeingScale, score, `QuestionnaireResponse.item('${domain}.score')`)),
    summary: text('summary'),
    whatMatters: text('whatMatters'),
    strengths: text('strengths'),
    risks: text('risks'),
    actions: items
      .filter((i) => i.linkId === `${domain}.actions`)
      .map((action) => actionFrom(domain, action)),
  };
}

function assessorFrom(response: QuestionnaireResponse) {
  const reference = required(
    response.author?.reference,
    'QuestionnaireResponse.author',
    'who completed the assessment',
  );
  const role = response.contained?.find(
    (r) => r.resourceType === 'PractitionerRole' && `#${r.id ?? ''}` === reference,
  );
  if (role?.resourceType !== 'PractitionerRole')
    fail('QuestionnaireResponse.author', `'${reference}' is not a contained PractitionerRole`);
  const practitioner = response.contained?.find(
    (r) => r.resourceType === 'Practitioner' && `#${r.id ?? ''}` === role.practitioner?.reference,
  );
  return {
    name: practitioner?.resourceType === 'Practitioner' ? practitioner.name?.[0]?.text : undefined,
    role: role.code?.[0]?.text,
    organisation: role.organization?.display,
  };
}

/**
 * Reads a QuestionnaireResponse made by {@link assessmentToQuestionnaireResponse} back into
 * the assessment version, exactly. It must be a completed response to the single assessment.
 */
export function questionnaireResponseToAssessment(response: QuestionnaireResponse): Assessment {
  expectResourceType(response, 'QuestionnaireResponse');
  const [url, version] = (response.questionnaire ?? '').split('|');
  if (url !== ASSESSMENT_QUESTIONNAIRE_URL) {
    fail(
      'QuestionnaireResponse.questionnaire',
      `'${String(response.questionnaire)}' is not ${ASSESSMENT_QUESTIONNAIRE_URL}`,
    );
  }
  if (version !== undefined && version !== ASSESSMENT_QUESTIONNAIRE_VERSION) {
    fail(
      'QuestionnaireResponse.questionnaire',
      `version ${version} is not one hubkit reads (${ASSESSMENT_QUESTIONNAIRE_VERSION})`,
    );
  }
  if (response.status !== 'completed' && response.status !== 'amended') {
    fail('QuestionnaireResponse.status', `'${response.status}': only a completed response is an assessment`);
  }
  const items = response.item ?? [];
  checkLinkIds(items, [...needCodes.codes, ...overallTexts]);
  const sections = items
    .filter((item) => isCode(needCodes, item.linkId))
    .map((item, index) => {
      const position = new ExtensionReader(
        item.extension,
        `QuestionnaireResponse.item('${item.linkId}')`,
      ).positiveInt(EXTENSIONS.sectionPosition);
      return { position: position ?? index + 1, section: sectionFrom(item.linkId as NeedCode, item) };
    })
    .sort((a, b) => a.position - b.position)
    .map(({ section }) => section);
  const extensions = new ExtensionReader(response.extension, 'QuestionnaireResponse');
  const overall = (name: OverallText) => answerOf(items, name)?.valueString;

  return parseAs(
    Assessment,
    {
      id:
        response.identifier?.system === IDENTIFIER_SYSTEMS.assessmentId
          ? response.identifier.value
          : response.id,
      version: extensions.positiveInt(EXTENSIONS.assessmentVersion),
      residentId: required(
        idFrom(response.subject, 'Patient'),
        'QuestionnaireResponse.subject',
        'the Patient assessed',
      ),
      referralId: idFrom(response.basedOn?.[0], 'ServiceRequest') ?? null,
      createdAt: extensions.dateTime(EXTENSIONS.createdAt),
      sections,
      whatMattersMost: overall('whatMattersMost'),
      strengths: overall('strengths'),
      risks: overall('risks'),
      completedBy: assessorFrom(response),
      completedAt: response.authored,
    },
    'The QuestionnaireResponse',
  );
}
