/**
 * The Welsh label of every code, by codelist name: loaded only where Welsh is spoken (a browser
 * on a Welsh page) and put in place by `registerWelsh()` (see `cy.ts`).
 */
type Labels = Readonly<Record<string, string>>;

// One export a codelist, so a bundle that shows a few lists (the elements) takes only those.
export const accessibilityNeedCodesCy = {
  step_free: 'Mynediad heb risiau',
  wheelchair: 'Defnyddiwr cadair olwyn',
  hearing_loop: 'Dolen sain',
  bsl: 'Dehonglydd Iaith Arwyddion Prydain',
  large_print: 'Print bras',
  easy_read: 'Hawdd ei ddarllen',
  braille: 'Braille',
  text_relay: 'Gwasanaeth cyfnewid testun',
  home_visit: 'Ymweliad cartref',
  extra_time: 'Amser ychwanegol neu seibiannau',
  other: 'Rhywbeth arall',
} satisfies Labels;

export const actionOwnerCodesCy = {
  resident: 'Yr unigolyn',
  hub: 'Yr hyb',
  partner: 'Sefydliad partner',
  referrer: 'Yr atgyfeiriwr',
} satisfies Labels;

export const actorRoleCodesCy = {
  referrer: 'Atgyfeiriwr',
  hub: 'Staff yr hyb',
  provider: 'Darparwr gwasanaeth',
  system: 'System',
} satisfies Labels;

export const ageBandCodesCy = {
  under_16: 'O dan 16',
  '16_24': '16 i 24',
  '25_34': '25 i 34',
  '35_44': '35 i 44',
  '45_54': '45 i 54',
  '55_64': '55 i 64',
  '65_74': '65 i 74',
  '75_plus': '75 neu hŷn',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const confidentialityBasisCodesCy = {
  explicit_consent: 'Cydsyniad penodol',
  implied_consent_direct_care: 'Cydsyniad ymhlyg ar gyfer gofal uniongyrchol',
  public_interest: 'Budd cyhoeddus tra phwysig',
  legal_requirement: 'Yn ofynnol yn ôl y gyfraith neu orchymyn llys',
} satisfies Labels;

export const consentGiverCodesCy = {
  resident: 'Yr unigolyn ei hun',
  representative: 'Rhywun ar ei ran',
} satisfies Labels;

export const consentMethodCodesCy = {
  online: 'Ar-lein',
  phone: 'Ar lafar, dros y ffôn',
  in_person: 'Wyneb yn wyneb',
  paper: 'Ar bapur',
} satisfies Labels;

export const consentPurposeCodesCy = {
  hub_triage: 'Mae’r hyb yn defnyddio’r manylion hyn i ddeall pa help sydd ei angen',
  share_with_services: 'Mae’r hyb yn rhannu’r manylion hyn â’r gwasanaethau a all helpu',
  single_assessment:
    'Mae gwasanaethau’n ailddefnyddio un asesiad a rennir, fel bod y stori’n cael ei hadrodd unwaith',
  contact: 'Mae gwasanaethau’n cysylltu â’r unigolyn am yr atgyfeiriad hwn',
  special_category: 'Defnyddir manylion am iechyd, anabledd neu ethnigrwydd i gael yr help cywir',
  follow_up: 'Mae’r hyb yn cysylltu â’r unigolyn yn nes ymlaen i ofyn sut aeth pethau',
} satisfies Labels;

export const contactMethodCodesCy = {
  phone: 'Galwad ffôn',
  text: 'Neges destun',
  email: 'E-bost',
  letter: 'Llythyr',
  in_person: 'Wyneb yn wyneb',
} satisfies Labels;

export const contactTimeCodesCy = {
  morning: 'Bore (9am i 12pm)',
  afternoon: 'Prynhawn (12pm i 5pm)',
  evening: 'Noswaith (5pm i 8pm)',
  weekend: 'Penwythnos',
} satisfies Labels;

export const controllerRoleCodesCy = {
  controller: 'Rheolydd',
  joint_controller: 'Cyd-reolydd',
} satisfies Labels;

export const deliveryMethodCodesCy = {
  in_person: 'Wyneb yn wyneb',
  phone: 'Dros y ffôn',
  online: 'Ar-lein',
  home_visit: 'Ymweliadau cartref',
} satisfies Labels;

export const disabilityCodesCy = {
  yes: 'Ydw',
  no: 'Nac ydw',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const ethnicityCodesCy = {
  white_british: 'Gwyn: Cymreig, Seisnig, Albanaidd, Gwyddelig Gogledd Iwerddon neu Brydeinig',
  white_irish: 'Gwyn: Gwyddelig',
  white_gypsy_traveller: 'Gwyn: Sipsi neu Deithiwr Gwyddelig',
  white_roma: 'Gwyn: Roma',
  white_other: 'Gwyn: unrhyw gefndir Gwyn arall',
  mixed_white_black_caribbean: 'Cymysg: Gwyn a Du Caribïaidd',
  mixed_white_black_african: 'Cymysg: Gwyn a Du Affricanaidd',
  mixed_white_asian: 'Cymysg: Gwyn ac Asiaidd',
  mixed_other: 'Cymysg: unrhyw gefndir cymysg neu amlethnig arall',
  asian_indian: 'Asiaidd neu Asiaidd Prydeinig: Indiaidd',
  asian_pakistani: 'Asiaidd neu Asiaidd Prydeinig: Pacistanaidd',
  asian_bangladeshi: 'Asiaidd neu Asiaidd Prydeinig: Bangladeshaidd',
  asian_chinese: 'Asiaidd neu Asiaidd Prydeinig: Tsieineaidd',
  asian_other: 'Asiaidd neu Asiaidd Prydeinig: unrhyw gefndir Asiaidd arall',
  black_african: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: Affricanaidd',
  black_caribbean: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: Caribïaidd',
  black_other: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: unrhyw gefndir arall',
  arab: 'Grŵp ethnig arall: Arabaidd',
  other: 'Grŵp ethnig arall: unrhyw grŵp ethnig arall',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const frequencyCodesCy = {
  one_off: 'Untro',
  weekly: 'Bob wythnos',
  fortnightly: 'Bob pythefnos',
  four_weekly: 'Bob 4 wythnos',
  monthly: 'Bob mis',
  yearly: 'Bob blwyddyn',
} satisfies Labels;

export const genderReassignmentCodesCy = {
  same: 'Ydy, yr un fath â’r rhyw a gofrestrwyd adeg geni',
  different: 'Nac ydy, yn wahanol i’r rhyw a gofrestrwyd adeg geni',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const languageCodesCy = {
  en: 'Saesneg',
  cy: 'Cymraeg',
  bfi: 'Iaith Arwyddion Prydain',
  ar: 'Arabeg',
  bn: 'Bengaleg',
  zh: 'Tsieinëeg',
  fa: 'Ffarsi',
  fr: 'Ffrangeg',
  gu: 'Gwjarati',
  hi: 'Hindi',
  ku: 'Cwrdeg',
  lt: 'Lithwaneg',
  pl: 'Pwyleg',
  pt: 'Portiwgaleg',
  pa: 'Pwnjabeg',
  ro: 'Rwmaneg',
  so: 'Somalieg',
  es: 'Sbaeneg',
  ta: 'Tamileg',
  ti: 'Tigrinya',
  tr: 'Tyrceg',
  tw: 'Twi',
  uk: 'Wcreineg',
  ur: 'Wrdw',
  yo: 'Iorwba',
} satisfies Labels;

export const lawfulBasisCodesCy = {
  consent: 'Cydsyniad (erthygl 6(1)(a))',
  contract: 'Contract (erthygl 6(1)(b))',
  legal_obligation: 'Rhwymedigaeth gyfreithiol (erthygl 6(1)(c))',
  vital_interests: 'Buddiannau hanfodol (erthygl 6(1)(d))',
  public_task: 'Tasg gyhoeddus (erthygl 6(1)(e))',
  legitimate_interests: 'Buddiannau dilys (erthygl 6(1)(f))',
} satisfies Labels;

export const maritalStatusCodesCy = {
  never_married: 'Erioed wedi priodi na bod mewn partneriaeth sifil',
  married: 'Yn briod',
  civil_partnership: 'Mewn partneriaeth sifil',
  separated: 'Wedi gwahanu',
  divorced: 'Wedi ysgaru neu bartneriaeth sifil wedi’i diddymu',
  widowed: 'Gweddw neu bartner sifil sy’n goroesi',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const needCodesCy = {
  money_debt: 'Arian a dyled',
  benefits: 'Budd-daliadau',
  food: 'Bwyd',
  fuel_energy: 'Tanwydd ac ynni',
  housing: 'Tai a digartrefedd',
  wellbeing_mental_health: 'Llesiant ac iechyd meddwl',
  physical_health: 'Iechyd corfforol',
  loneliness_isolation: 'Unigrwydd ac ynysigrwydd',
  family_parenting: 'Teulu a magu plant',
  caring: 'Gofalu am rywun',
  community_safety: 'Diogelwch cymunedol',
  domestic_abuse: 'Cam-drin domestig',
  work_skills: 'Gwaith a sgiliau',
  digital_inclusion: 'Help digidol',
  immigration: 'Cyngor ar fewnfudo',
  legal_advice: 'Cyngor cyfreithiol',
  practical_support: 'Help ymarferol (siopa, presgripsiynau)',
  addiction: 'Alcohol, cyffuriau neu gamblo',
  transport: 'Teithio a thrafnidiaeth',
  other: 'Rhywbeth arall',
} satisfies Labels;

export const outcomeCodesCy = {
  tenancy_sustained: 'Tenantiaeth wedi’i chynnal',
  eviction_prevented: 'Troi allan wedi’i atal',
  rehoused: 'Wedi symud i dai addas',
  income_maximised: 'Incwm wedi’i uchafu',
  debt_managed: 'Dyled yn cael ei rheoli',
  food_secured: 'Bwyd wedi’i sicrhau',
  fuel_support: 'Wedi cael help gyda chostau ynni',
  practical_help_arranged: 'Help ymarferol wedi’i drefnu',
  connected_to_community: 'Wedi’i gysylltu â’r gymuned',
  wellbeing_improved: 'Llesiant wedi gwella',
  health_support_in_place: 'Cymorth iechyd yn ei le',
  family_support_in_place: 'Cymorth i’r teulu yn ei le',
  carer_support_in_place: 'Cymorth i ofalwyr yn ei le',
  safety_plan_in_place: 'Cynllun diogelwch yn ei le',
  into_work: 'Wedi dechrau gwaith',
  into_training: 'Wedi dechrau hyfforddiant neu addysg',
  digital_skills_gained: 'Sgiliau digidol wedi’u hennill',
  device_or_data_provided: 'Dyfais neu ddata wedi’u darparu',
  immigration_status_resolved: 'Statws mewnfudo wedi’i ddatrys',
  legal_problem_resolved: 'Problem gyfreithiol wedi’i datrys',
  recovery_support_in_place: 'Cymorth adfer yn ei le',
  travel_arranged: 'Trefniadau teithio wedi’u gwneud',
  advice_given: 'Cyngor wedi’i roi',
  referred_on: 'Wedi’i atgyfeirio i wasanaeth arall',
  no_longer_needed: 'Dim angen mwyach',
  declined: 'Wedi gwrthod cymorth',
  unable_to_contact: 'Methu cysylltu',
} satisfies Labels;

export const phoneTypeCodesCy = {
  voice: 'Ffôn',
  text: 'Testun',
  textphone: 'Ffôn testun',
  video: 'Galwad fideo',
  fax: 'Ffacs',
  cell: 'Ffôn symudol',
  pager: 'Peiriant galw',
} satisfies Labels;

export const pregnancyMaternityCodesCy = {
  pregnant: 'Yn feichiog',
  recently_given_birth: 'Wedi rhoi genedigaeth yn ystod y 26 wythnos diwethaf',
  neither: 'Dim un o’r rhain',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const priorityCodesCy = {
  emergency: 'Argyfwng: perygl uniongyrchol',
  urgent: 'Brys',
  routine: 'Arferol',
} satisfies Labels;

export const referralChannelCodesCy = {
  web_form: 'Ffurflen ar-lein',
  phone: 'Ffôn',
  in_person: 'Wyneb yn wyneb',
  email: 'E-bost',
  paper: 'Ffurflen bapur',
  api: 'System partner',
} satisfies Labels;

export const referralStatusCodesCy = {
  draft: 'Drafft',
  submitted: 'Wedi’i chyflwyno',
  triage: 'Yn cael ei brysbennu',
  accepted: 'Wedi’i derbyn',
  declined: 'Wedi’i gwrthod',
  assigned: 'Wedi’i neilltuo i wasanaeth',
  in_progress: 'Ar y gweill',
  closed: 'Wedi’i chau',
  withdrawn: 'Wedi’i thynnu’n ôl',
  returned: 'Wedi’i dychwelyd am ragor o wybodaeth',
} satisfies Labels;

export const referrerTypeCodesCy = {
  self: 'Yr unigolyn ei hun',
  family_friend: 'Teulu, ffrind neu gymydog',
  councillor: 'Cynghorydd',
  council_officer: 'Staff y cyngor',
  gp_practice: 'Practis meddyg teulu',
  health_professional: 'Gweithiwr iechyd proffesiynol arall',
  vcs_partner: 'Sefydliad gwirfoddol neu gymunedol',
  housing_provider: 'Darparwr tai',
  school: 'Ysgol neu goleg',
  police: 'Heddlu',
  social_care: 'Gofal cymdeithasol i oedolion neu blant',
  dwp: 'Canolfan Byd Gwaith neu’r Adran Gwaith a Phensiynau',
  probation: 'Gwasanaeth prawf',
  fire_rescue: 'Gwasanaeth tân ac achub',
  other: 'Rhywun arall',
} satisfies Labels;

export const religionCodesCy = {
  none: 'Dim crefydd',
  christian: 'Cristion',
  buddhist: 'Bwdhydd',
  hindu: 'Hindŵ',
  jewish: 'Iddew',
  muslim: 'Mwslim',
  sikh: 'Sikh',
  other: 'Unrhyw grefydd neu gred arall',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const representativeAuthorityCodesCy = {
  resident_asked: 'Gofynnodd yr unigolyn iddynt',
  parent_guardian: 'Rhiant neu warcheidwad plentyn',
  lasting_power_of_attorney: 'Atwrneiaeth arhosol',
  deputy: 'Dirprwy a benodwyd gan y Llys Gwarchod',
  appointee: 'Penodai budd-daliadau',
  best_interests: 'Penderfyniad er lles pennaf (Deddf Galluedd Meddyliol 2005)',
  other: 'Arall',
} satisfies Labels;

export const safeguardingSubjectCodesCy = {
  adult: 'Oedolyn',
  child: 'Plentyn',
  both: 'Oedolyn a phlentyn',
} satisfies Labels;

export const serviceStatusCodesCy = {
  active: 'Ar agor',
  inactive: 'Ddim yn rhedeg ar hyn o bryd',
  defunct: 'Wedi cau am byth',
  'temporarily closed': 'Wedi cau dros dro',
} satisfies Labels;

export const sexCodesCy = {
  female: 'Benyw',
  male: 'Gwryw',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const sexualOrientationCodesCy = {
  straight: 'Syth neu heterorywiol',
  gay_lesbian: 'Hoyw neu lesbiaidd',
  bisexual: 'Deurywiol',
  other: 'Cyfeiriadedd rhywiol arall',
  prefer_not_to_say: 'Mae’n well gen i beidio â dweud',
} satisfies Labels;

export const specialCategoryConditionCodesCy = {
  explicit_consent: 'Cydsyniad penodol (erthygl 9(2)(a))',
  employment_social_security: 'Cyflogaeth, nawdd cymdeithasol ac amddiffyn cymdeithasol (erthygl 9(2)(b))',
  vital_interests: 'Buddiannau hanfodol (erthygl 9(2)(c))',
  not_for_profit: 'Corff nid-er-elw (erthygl 9(2)(d))',
  made_public: 'Wedi’i gyhoeddi gan yr unigolyn (erthygl 9(2)(e))',
  legal_claims: 'Hawliadau cyfreithiol (erthygl 9(2)(f))',
  substantial_public_interest: 'Budd cyhoeddus sylweddol (erthygl 9(2)(g))',
  health_social_care: 'Iechyd neu ofal cymdeithasol (erthygl 9(2)(h))',
  public_health: 'Iechyd y cyhoedd (erthygl 9(2)(i))',
  archiving_research: 'Archifo, ymchwil neu ystadegau (erthygl 9(2)(j))',
} satisfies Labels;

export const urgencyCodesCy = {
  routine: 'Ddim yn frys',
  soon: 'Cyn bo hir (o fewn wythnos)',
  urgent: 'Brys (o fewn 2 ddiwrnod)',
} satisfies Labels;

export const weekdayCodesCy = {
  MO: 'Dydd Llun',
  TU: 'Dydd Mawrth',
  WE: 'Dydd Mercher',
  TH: 'Dydd Iau',
  FR: 'Dydd Gwener',
  SA: 'Dydd Sadwrn',
  SU: 'Dydd Sul',
} satisfies Labels;

export const wellbeingScaleCy = {
  '1': 'Mewn argyfwng',
  '2': 'Cael trafferth',
  '3': 'Ymdopi',
  '4': 'Gwneud yn dda',
  '5': 'Ffynnu',
} satisfies Labels;

/** Every codelist’s Welsh labels, by codelist name. */
export const welshLabels = {
  'accessibility-need': accessibilityNeedCodesCy,
  'action-owner': actionOwnerCodesCy,
  'actor-role': actorRoleCodesCy,
  'age-band': ageBandCodesCy,
  'confidentiality-basis': confidentialityBasisCodesCy,
  'consent-giver': consentGiverCodesCy,
  'consent-method': consentMethodCodesCy,
  'consent-purpose': consentPurposeCodesCy,
  'contact-method': contactMethodCodesCy,
  'contact-time': contactTimeCodesCy,
  'controller-role': controllerRoleCodesCy,
  'delivery-method': deliveryMethodCodesCy,
  disability: disabilityCodesCy,
  ethnicity: ethnicityCodesCy,
  frequency: frequencyCodesCy,
  'gender-reassignment': genderReassignmentCodesCy,
  language: languageCodesCy,
  'lawful-basis': lawfulBasisCodesCy,
  'marital-status': maritalStatusCodesCy,
  need: needCodesCy,
  outcome: outcomeCodesCy,
  'phone-type': phoneTypeCodesCy,
  'pregnancy-maternity': pregnancyMaternityCodesCy,
  priority: priorityCodesCy,
  'referral-channel': referralChannelCodesCy,
  'referral-status': referralStatusCodesCy,
  'referrer-type': referrerTypeCodesCy,
  religion: religionCodesCy,
  'representative-authority': representativeAuthorityCodesCy,
  'safeguarding-subject': safeguardingSubjectCodesCy,
  'service-status': serviceStatusCodesCy,
  sex: sexCodesCy,
  'sexual-orientation': sexualOrientationCodesCy,
  'special-category-condition': specialCategoryConditionCodesCy,
  urgency: urgencyCodesCy,
  weekday: weekdayCodesCy,
  'wellbeing-scale': wellbeingScaleCy,
} satisfies Readonly<Record<string, Labels>>;
