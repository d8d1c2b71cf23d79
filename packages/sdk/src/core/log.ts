/**
 * The SDK's log, as in openai-node: a `logger` (console by default) and a `logLevel` (`warn` by
 * default). What it writes is fixed here and holds no personal data and no key: the method, the
 * route's template (`/v1/referrals/{id}`, never the id or a query), the status, the hub's
 * request id, the attempt, and how long it took. Never a body, a header's value, or an error
 * message from the hub (a validation message can quote what was sent).
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Anything with console's four methods: `console`, pino, winston, a test's recorder. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/** What a log line carries beside its message: only these fields, all safe to keep. */
export interface LogDetails {
  method: string;
  /** The route's template: `/v1/referrals/{id}`. */
  route: string;
  status?: number;
  requestId?: string;
  /** 1 for the first try, 2 for the first retry… */
  attempt?: number;
  durationMs?: number;
  /** The SDK error's class name, for failures. */
  error?: string;
  /** Seconds or milliseconds, as named: a retry's delay. */
  retryInMs?: number;
}

const ranks: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export const LOG_LEVELS = Object.keys(ranks) as readonly LogLevel[];

export class Log {
  readonly #logger: Logger | undefined;
  readonly #rank: number;

  constructor(logger: Logger | undefined, level: LogLevel) {
    this.#logger = logger ?? (globalThis as { console?: Logger }).console;
    this.#rank = ranks[level];
  }

  #write(level: Exclude<LogLevel, 'off'>, message: string, details: LogDetails): void {
    if (ranks[level] > this.#rank || !this.#logger) return;
    this.#logger[level](`[hubkit] ${message}`, details);
  }

  error(message: string, details: LogDetails): void {
    this.#write('error', message, details);
  }
  warn(message: string, details: LogDetails): void {
    this.#write('warn', message, details);
  }
  info(message: string, details: LogDetails): void {
    this.#write('info', message, details);
  }
  debug(message: string, details: LogDetails): void {
    this.#write('debug', message, details);
  }
}
