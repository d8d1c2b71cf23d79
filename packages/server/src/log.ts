/**
 * The hub's log: one JSON line per entry. Here, apart from HTTP and the domain, so that both can
 * log without either importing the other.
 */
export interface Logger {
  info(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

/** One JSON line per request: route template, status, time, ids. Never bodies, queries or personal data. */
export const jsonLogger: Logger = {
  info: (entry) => {
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  },
  error: (entry) => {
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  },
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
