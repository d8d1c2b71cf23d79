/**
 * Switches for failures, so a client can rehearse every path: the network failing, a request
 * that never answers, any status (429 and 503 with Retry-After), a body that is not JSON or
 * breaks the contract, and a request carried out whose answer is lost on the way back.
 */
import type { ProblemCode } from '@hubkit/schema';
import type { RouteName } from '@hubkit/schema/routes';

interface FaultScope {
  /** Only requests to this route (or these routes); every request when left out. */
  route?: RouteName | readonly RouteName[];
  /** How many requests fail; until `clear()` when left out. */
  times?: number;
}

/** The network fails: `fetch` rejects (msw's `HttpResponse.error()`). */
export interface NetworkFault extends FaultScope {
  kind: 'network';
}
/** The hub never answers (msw's `delay('infinite')`): the client's own timeout has to act. */
export interface TimeoutFault extends FaultScope {
  kind: 'timeout';
}
/** The hub answers `status` with a problem body; with `retryAfter`, a `Retry-After` header in seconds. */
export interface StatusFault extends FaultScope {
  kind: 'status';
  status: number;
  /** The problem's code (default: the usual one for the status, `rate_limited` for 429). */
  code?: ProblemCode;
  retryAfter?: number;
  detail?: string;
}
/**
 * A success status whose body is broken: `invalid_json` (default) is not JSON at all;
 * `contract` is JSON that does not match the route's response schema.
 */
export interface MalformedFault extends FaultScope {
  kind: 'malformed';
  body?: 'invalid_json' | 'contract';
}
/**
 * The request is carried out and stored, then the answer is lost: the client sees a network
 * error. A retry with the same Idempotency-Key gets the stored answer; without one, a second record.
 */
export interface LostFault extends FaultScope {
  kind: 'lost';
}

export type Fault = NetworkFault | TimeoutFault | StatusFault | MalformedFault | LostFault;

/** A fault that is switched on, with the requests it has left (null: until cleared). */
export type ActiveFault = Fault & { readonly id: number; readonly remaining: number | null };

/** The failure switches of a mock hub. */
export interface Faults {
  /**
   * Switches a failure on; returns a function that switches it off. Faults apply in the order
   * added: the first that matches a request is the one it meets.
   */
  add(fault: Fault): () => void;
  /** Switches every failure off. */
  clear(): void;
  /** The failures switched on. */
  list(): readonly ActiveFault[];
}

/** The switches, and the mock's own way of meeting the next fault for a route. */
export function createFaults(): { faults: Faults; take: (route: RouteName | null) => Fault | undefined } {
  let active: { id: number; fault: Fault; remaining: number | null }[] = [];
  let nextId = 1;
  const faults: Faults = {
    add(fault) {
      if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
        throw new RangeError(`times is a whole number from 1, not ${fault.times}`);
      }
      if (
        fault.kind === 'status' &&
        (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599)
      ) {
        throw new RangeError(`A failure's status is from 400 to 599, not ${fault.status}`);
      }
      const id = nextId;
      nextId += 1;
      active.push({ id, fault: { ...fault }, remaining: fault.times ?? null });
      return () => {
        active = active.filter((a) => a.id !== id);
      };
    },
    clear() {
      active = [];
    },
    list() {
      return active.map((a) => ({ ...a.fault, id: a.id, remaining: a.remaining }));
    },
  };
  const take = (route: RouteName | null): Fault | undefined => {
    const found = active.find(({ fault }) => {
      if (fault.route === undefined) return true;
      if (route === null) return false;
      return typeof fault.route === 'string' ? fault.route === route : fault.route.includes(route);
    });
    if (!found) return undefined;
    if (found.remaining !== null) {
      found.remaining -= 1;
      if (found.remaining === 0) active = active.filter((a) => a !== found);
    }
    return found.fault;
  };
  return { faults, take };
}
