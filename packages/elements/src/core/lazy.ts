/**
 * Code that is not needed to paint an element (the schemas that check answers, the SDK and ky)
 * is loaded late: on first need, or on idle before that. One small helper, shared by every
 * element and controller, so each module is fetched once however many ask for it.
 */

export interface Lazy<T> {
  /** The module, loading it on the first call; every caller shares the one load. */
  load(): Promise<T>;
  /** The module once loaded, for code that can do without it until then. */
  readonly loaded: T | undefined;
  /** Starts loading when the browser is idle; a failure waits for the next `load()`. */
  prefetch(): void;
}

/**
 * A module loaded with `importer` (a dynamic `import()`), once. A failed load (the network
 * dropped) is forgotten, so the next `load()` tries again.
 */
export function lazy<T>(importer: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | undefined;
  let loaded: T | undefined;
  const load = (): Promise<T> => {
    pending ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return {
    load,
    get loaded() {
      return loaded;
    },
    prefetch() {
      if (loaded || pending) return;
      whenIdle(() => {
        load().catch(() => undefined);
      });
    },
  };
}

/**
 * Runs `task` when the main thread is idle (`requestIdleCallback`, within `timeout` ms), or
 * after a short timeout where there is none (Safari before 18.4).
 */
export function whenIdle(task: () => void, timeout = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, 200);
}

/**
 * Settles in a new task: `scheduler.yield()` where there is one (Chromium: the rest runs before
 * other queued tasks), else a timeout (Firefox, Safari). Work after it is not part of the task
 * that called it, so no one task grows long.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}
