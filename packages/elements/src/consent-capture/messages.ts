/** Every string `<hub-consent-capture>` shows, in English and Welsh. Codelist labels come from @hubkit/schema. */
import { defineMessages } from '../core/locale.ts';

const en = {
  heading: 'Agreeing to share information',
  noticeHeading: 'Privacy notice',
  noticeVersion: (version: string) => `Version ${version}`,
  noticeLink: 'Read the full privacy notice (opens in a new tab)',
  purposesLegend: 'What do you agree to?',
  purposesHint:
    'Tick each one you agree to. You can agree to some and not others, and you can change your mind later.',
  giverLegend: 'Who is agreeing?',
  nameLabel: 'Full name of the person agreeing',
  relationshipLabel: 'Their relationship to the person',
  relationshipHint: 'For example, son, daughter or support worker',
  authorityLegend: 'By what authority are they agreeing for the person?',
  reasonLabel: 'Why is the person not agreeing for themselves?',
  methodLegend: 'How is consent being given?',
  staffNameLabel: 'Name of the staff member taking consent',
  staffRoleLabel: 'Their role',
  record: 'Record consent',
  recording: 'Recording consent…',
  recordedTitle: 'Consent recorded',
  recordedBody: (name: string) => `${name}’s answers have been recorded.`,
  agreed: 'Agreed',
  notAgreed: 'Not agreed',
  withdraw: 'Withdraw consent',
  withdrawing: 'Withdrawing consent…',
  withdrawHint: 'Withdrawing stops any more sharing. The record is kept.',
  withdrawConfirmTitle: 'Withdraw consent?',
  withdrawReasonLabel: 'Why is consent being withdrawn?',
  confirmWithdraw: 'Yes, withdraw consent',
  cancel: 'Cancel',
  withdrawnTitle: 'Consent withdrawn',
  withdrawnBody: 'Nothing more will be shared. The record of the consent and its withdrawal is kept.',
  failedTitle: 'Consent was not recorded',
  withdrawFailedTitle: 'Consent was not withdrawn',
  setupProblem: 'This form is not set up correctly:',
  noticeNotReady: 'the privacy notice is still being prepared. Try again in a moment.',
  validityMessage: 'Give and record consent before sending this form.',
};

/** The shape of the catalogue: its Welsh module satisfies it. */
export type ConsentCaptureMessages = typeof en;

export const messages = defineMessages(en, () =>
  import('../core/welsh.cy.ts').then((welsh) => ({ default: welsh.consentCapture })),
);
