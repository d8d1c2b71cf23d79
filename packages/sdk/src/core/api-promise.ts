/**
 * What every single call returns: a Promise of the data (so `await hub.referrals.create(…)` is
 * the referral), with two more ways to read the same answer, as in openai-node:
 *
 *   const { data, response } = await hub.referrals.create(params).withResponse();
 *   response.headers.get('X-Request-Id');
 *   const response = await hub.referrals.retrieve(id).asResponse(); // unread, unchecked
 *
 * The request starts when the call is made, once; the answer is read (and checked) only when
 * the data is asked for, so `asResponse()` leaves the body for you to read.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #response: Promise<Response>;
  readonly #parse: (response: Response) => Promise<T>;
  #parsed: Promise<T> | undefined;

  /** @internal */
  constructor(response: Promise<Response>, parse: (response: Response) => Promise<T>) {
    // A no-op: `then`, `catch` and `finally` below read the answer, so that `asResponse()` can
    // hand over a body nobody has read.
    super((resolve) => {
      resolve(null as T);
    });
    this.#response = response;
    this.#parse = parse;
  }

  // Promise's own methods (and `Promise.all`) make plain Promises from this one.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** @internal The same answer, its data mapped by `map`. */
  _thenUnwrap<U>(map: (data: T) => U): APIPromise<U> {
    return new APIPromise(this.#response, async (response) => map(await this.#parse(response)));
  }

  /** The hub's `Response`, its body unread: status, headers, and the body as sent. */
  asResponse(): Promise<Response> {
    return this.#response;
  }

  /** The data and the `Response` it was read from (its body already read). */
  async withResponse(): Promise<{ data: T; response: Response }> {
    const [data, response] = await Promise.all([this.#data(), this.#response]);
    return { data, response };
  }

  #data(): Promise<T> {
    this.#parsed ??= this.#response.then(this.#parse);
    return this.#parsed;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#data().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#data().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#data().finally(onFinally);
  }
}
