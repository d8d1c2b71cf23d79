/**
 * The hub's log: one JSON line per entry. Here, apart from HTTP and the domain, so that both can
 * log without either importing the other.
 */
export interface Logger {
  info(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

// The lines of one event-loop turn go out in one write: a write per request (a system call each,
// stdout being synchronous on a pipe or file) was some 5% of the hub's main thread under load. What
// is still waiting when the process exits is written then.
let pending = '';
const flush = () => {
  const lines = pending;
  pending = '';
  if (lines) process.stdout.write(lines);
};
let exitHooked = false;

/** One JSON line per request: route template, status, time, ids. Never bodies, queries or personal data. */
export const jsonLogger: Logger = {
  info: (entry) => {
    if (!pending) setImmediate(flush).unref();
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', flush);
    }
    pending += `${JSON.stringify(entry)}\n`;
  },
  error: (entry) => {
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  },
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
