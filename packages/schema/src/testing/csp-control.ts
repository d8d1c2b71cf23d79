// Classic zod without the jitless setting, under the same policy: building an object schema
// probes `new Function` for zod's JIT, which a strict policy reports. Proves the test can see a
// violation. (zod/mini builds no JIT today; hubkit sets jitless anyway, so a later zod that
// adds one stays within the policy.)
import * as z from 'zod';
import { report } from './csp-listen.ts';

const schema = z.object({ name: z.string() });
report({ valid: schema.safeParse({ name: 'x' }).success, errors: [] });
