import type { APIPromise } from './api-promise.ts';

/**
 * Lists come a page at a time (`{ data, nextCursor }`). A list call returns a PagePromise:
 * await it for the first page, or iterate it for every item across all pages.
 *
 *   const page = await client.referrals.list({ status: 'accepted' });
 *   for await (const referral of client.referrals.list({ status: 'accepted' })) { … }
 *   for await (const page of client.referrals.list().pages()) { … }
 */
export class Page<T> {
  readonly data: T[];
  readonly nextCursor: string | null;
  readonly #next: (cursor: string) => Promise<Page<T>>;

  constructor(data: T[], nextCursor: string | null, next: (cursor: string) => Promise<Page<T>>) {
    this.data = data;
    this.nextCursor = nextCursor;
    this.#next = next;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** The next page, or null after the last. */
  async nextPage(): Promise<Page<T> | null> {
    return this.nextCursor === null ? null : this.#next(this.nextCursor);
  }
}

/**
 * Lazy: nothing is fetched until it is awaited or iterated, so iterating never fetches the first
 * page twice. `then`, `catch` and `finally` work as on a Promise; `Promise.resolve(list)` makes one.
 * `withResponse()` and `asResponse()` read the first page's answer as on a single call.
 */
export class PagePromise<T, P extends Page<T> = Page<T>> implements PromiseLike<P>, AsyncIterable<T> {
  readonly #first: () => APIPromise<P>;
  #started: APIPromise<P> | undefined;

  /** @internal */
  constructor(first: () => APIPromise<P>) {
    this.#first = first;
  }

  #page(): APIPromise<P> {
    this.#started ??= this.#first();
    return this.#started;
  }

  /** The first page and the `Response` it was read from. */
  withResponse(): Promise<{ data: P; response: Response }> {
    return this.#page().withResponse();
  }

  /** The first page's `Response`, its body unread. */
  asResponse(): Promise<Response> {
    return this.#page().asResponse();
  }

  then<A = P, B = never>(
    onFulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.#page().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<P> {
    return this.#page().finally(onFinally);
  }

  /** Every page, fetched as it is reached. */
  async *pages(): AsyncGenerator<P, void, undefined> {
    let page: P | null = await this.#page();
    while (page) {
      yield page;
      // Each page makes the next of its own kind.
      page = (await page.nextPage()) as P | null;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
