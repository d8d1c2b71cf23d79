/**
 * The codelists only the hub's reports and dashboard show: the equality monitoring answers and how
 * often an amount of money comes. In a module of their own, apart from `codelists.ts` (which
 * re-exports them): a browser bundle holds their labels only where they are shown, not in the
 * first paint of every element.
 */
import {
  AGE_BAND_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  FREQUENCY_CODES,
  GENDER_REASSIGNMENT_CODES,
  MARITAL_STATUS_CODES,
  PREGNANCY_MATERNITY_CODES,
  RELIGION_CODES,
  SEXUAL_ORIENTATION_CODES,
  SEX_CODES,
} from './codes.ts';
import { codelist, preferNotToSay } from './codelist.ts';

// Equality monitoring: one question per protected characteristic in the Equality Act 2010
// (s.4), with answer options following the ONS 2021 Census where it asked the question.
// Every question is optional and every answer list allows "prefer not to say".

export const ageBandCodes = codelist('age-band', AGE_BAND_CODES, [
  { code: 'under_16', en: 'Under 16' },
  { code: '16_24', en: '16 to 24' },
  { code: '25_34', en: '25 to 34' },
  { code: '35_44', en: '35 to 44' },
  { code: '45_54', en: '45 to 54' },
  { code: '55_64', en: '55 to 64' },
  { code: '65_74', en: '65 to 74' },
  { code: '75_plus', en: '75 or over' },
  preferNotToSay,
]);

export const disabilityCodes = codelist('disability', DISABILITY_CODES, [
  { code: 'yes', en: 'Yes' },
  { code: 'no', en: 'No' },
  preferNotToSay,
]);

export const genderReassignmentCodes = codelist('gender-reassignment', GENDER_REASSIGNMENT_CODES, [
  {
    code: 'same',
    en: 'Yes, the same as sex registered at birth',
  },
  {
    code: 'different',
    en: 'No, different from sex registered at birth',
  },
  preferNotToSay,
]);

export const maritalStatusCodes = codelist('marital-status', MARITAL_STATUS_CODES, [
  {
    code: 'never_married',
    en: 'Never married or in a civil partnership',
  },
  { code: 'married', en: 'Married' },
  { code: 'civil_partnership', en: 'In a civil partnership' },
  { code: 'separated', en: 'Separated' },
  {
    code: 'divorced',
    en: 'Divorced or civil partnership dissolved',
  },
  { code: 'widowed', en: 'Widowed or surviving civil partner' },
  preferNotToSay,
]);

export const pregnancyMaternityCodes = codelist('pregnancy-maternity', PREGNANCY_MATERNITY_CODES, [
  { code: 'pregnant', en: 'Pregnant' },
  {
    code: 'recently_given_birth',
    en: 'Given birth in the last 26 weeks',
  },
  { code: 'neither', en: 'Neither' },
  preferNotToSay,
]);

export const ethnicityCodes = codelist('ethnicity', ETHNICITY_CODES, [
  {
    code: 'white_british',
    en: 'White: English, Welsh, Scottish, Northern Irish or British',
  },
  { code: 'white_irish', en: 'White: Irish' },
  {
    code: 'white_gypsy_traveller',
    en: 'White: Gypsy or Irish Traveller',
  },
  { code: 'white_roma', en: 'White: Roma' },
  { code: 'white_other', en: 'White: any other White background' },
  {
    code: 'mixed_white_black_caribbean',
    en: 'Mixed: White and Black Caribbean',
  },
  {
    code: 'mixed_white_black_african',
    en: 'Mixed: White and Black African',
  },
  { code: 'mixed_white_asian', en: 'Mixed: White and Asian' },
  {
    code: 'mixed_other',
    en: 'Mixed: any other mixed or multiple background',
  },
  {
    code: 'asian_indian',
    en: 'Asian or Asian British: Indian',
  },
  {
    code: 'asian_pakistani',
    en: 'Asian or Asian British: Pakistani',
  },
  {
    code: 'asian_bangladeshi',
    en: 'Asian or Asian British: Bangladeshi',
  },
  {
    code: 'asian_chinese',
    en: 'Asian or Asian British: Chinese',
  },
  {
    code: 'asian_other',
    en: 'Asian or Asian British: any other Asian background',
  },
  {
    code: 'black_african',
    en: 'Black, Black British, Caribbean or African: African',
  },
  {
    code: 'black_caribbean',
    en: 'Black, Black British, Caribbean or African: Caribbean',
  },
  {
    code: 'black_other',
    en: 'Black, Black British, Caribbean or African: any other background',
  },
  { code: 'arab', en: 'Other ethnic group: Arab' },
  {
    code: 'other',
    en: 'Other ethnic group: any other ethnic group',
  },
  preferNotToSay,
]);

export const religionCodes = codelist('religion', RELIGION_CODES, [
  { code: 'none', en: 'No religion' },
  { code: 'christian', en: 'Christian' },
  { code: 'buddhist', en: 'Buddhist' },
  { code: 'hindu', en: 'Hindu' },
  { code: 'jewish', en: 'Jewish' },
  { code: 'muslim', en: 'Muslim' },
  { code: 'sikh', en: 'Sikh' },
  { code: 'other', en: 'Any other religion or belief' },
  preferNotToSay,
]);

export const sexCodes = codelist('sex', SEX_CODES, [
  { code: 'female', en: 'Female' },
  { code: 'male', en: 'Male' },
  preferNotToSay,
]);

export const sexualOrientationCodes = codelist('sexual-orientation', SEXUAL_ORIENTATION_CODES, [
  { code: 'straight', en: 'Straight or heterosexual' },
  { code: 'gay_lesbian', en: 'Gay or lesbian' },
  { code: 'bisexual', en: 'Bisexual' },
  { code: 'other', en: 'Other sexual orientation' },
  preferNotToSay,
]);

export const frequencyCodes = codelist('frequency', FREQUENCY_CODES, [
  { code: 'one_off', en: 'One-off' },
  { code: 'weekly', en: 'Every week' },
  { code: 'fortnightly', en: 'Every 2 weeks' },
  { code: 'four_weekly', en: 'Every 4 weeks' },
  { code: 'monthly', en: 'Every month' },
  { code: 'yearly', en: 'Every year' },
]);
