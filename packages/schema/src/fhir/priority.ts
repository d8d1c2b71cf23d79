import type { ServiceRequest } from '@medplum/fhirtypes';
import type { Priority } from '../codelists.ts';
import { fail } from './support.ts';

type RequestPriority = NonNullable<ServiceRequest['priority']>;

/** An emergency (immediate danger) is `stat`: the most urgent a FHIR request can be. */
export const priorityToFhir: Readonly<Record<Priority, RequestPriority>> = {
  routine: 'routine',
  urgent: 'urgent',
  emergency: 'stat',
};

/** `asap` (from another system) is nearer urgent than an emergency. */
export function priorityFromFhir(priority: RequestPriority | undefined, location: string): Priority {
  switch (priority) {
    case 'routine':
      return 'routine';
    case 'urgent':
    case 'asap':
      return 'urgent';
    case 'stat':
      return 'emergency';
    case undefined:
      return 'routine';
    default:
      return fail(location, `'${String(priority)}' is not a request priority`);
  }
}
