import { ReferralCreate, validate } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { report } from './csp-listen.ts';

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
