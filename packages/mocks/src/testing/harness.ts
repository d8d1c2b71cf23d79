/**
 * A mock hub behind msw's `setupServer`, for node:test files, and a small client that returns
 * status, headers and body. Requests go through plain `fetch`, as a partner's code would.
 */
import { after, before, beforeEach } from 'node:test';
import { setupServer, type SetupServer } from 'msw/node';
import { createHubMock, type HubMock, type HubMockOptions } from '../index.ts';
import { openApiResponses } from '../../../schema/src/testing/openapi-responses.ts';

export const ORIGIN = 'https://vcs.example.org';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** A literal key, or null for none (default: the mock's secret key). */
  key?: string | null;
  /** Sent as JSON unless it is a string (sent as it is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Call = <T = any>(method: string, path: string, options?: RequestOptions) => Promise<Answer<T>>;

/** Told of every answer, with the request's method and path (as the OpenAPI check is). */
export type AnswerCheck = (method: string, path: string, answer: Answer) => unknown;

/** Sends a request to `baseUrl` and reads the answer; `check` sees every answer. */
export function client(baseUrl: string, defaultKey: string | null, check?: AnswerCheck): Call {
  return async (method, path, { key = defaultKey, body, headers = {} } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: the text is the body.
    }
    const answer = { status: response.status, headers: response.headers, body: parsed as any, text };
    check?.(method, path, answer);
    return answer;
  };
}

export interface MockHarness {
  mock: HubMock;
  server: SetupServer;
  call: Call;
}

/**
 * A mock hub for this test file: listening before the tests, reset before each, closed after.
 * Requests no handler answers fail the test.
 */
export function useMockHub(options: HubMockOptions = {}, { resetEachTest = true } = {}): MockHarness {
  const mock = createHubMock(options);
  const server = setupServer(...mock.handlers);
  before(() => {
    server.listen({ onUnhandledFrame: 'error' });
  });
  if (resetEachTest) {
    beforeEach(() => {
      mock.reset();
    });
  }
  after(() => {
    server.close();
  });
  return { mock, server, call: client(mock.baseUrl, mock.keys.secret, documentedOnly()) };
}

/**
 * Fails the request that got it when an answer is not what the hub's OpenAPI document says
 * (status, content type, headers, body): the document cannot drift from what the mock answers.
 */
export function documentedOnly(): AnswerCheck {
  const responses = openApiResponses();
  return (method, path, answer) => {
    const wrong = responses.check(method, path, answer);
    if (wrong.length > 0)
      throw new Error(`The answer differs from the OpenAPI document: ${wrong.join('; ')}`);
  };
}
