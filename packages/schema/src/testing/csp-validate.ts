import { ReferralCreate, validate } from '@hubkit/schema';
import { registerWelsh } from '@hubkit/schema/cy';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { report } from './csp-listen.ts';

// The Welsh messages are a module of their own since the Welsh split: put them in place first.
registerWelsh();

const valid = validate(ReferralCreate, councillorDebtAndFood);
const invalid = validate(
  ReferralCreate,
  {
    ...councillorDebtAndFood,
    resident: {
      ...councillorDebtAndFood.resident,
      address: { ...councillorDebtAndFood.resident.address, postcode: 'N1 1CA' },
    },
  },
  { lang: 'cy' },
);
report({ valid: valid.success, errors: invalid.errors ?? [] });
