/** The hub's answers as Responses: JSON, or problem details for an error. */
import { problemBody, type ProblemError } from '@hubkit/hub';
import type { Context } from 'hono';
import { toJsonBytes } from '../json-text.ts';
import type { HubEnv } from './env.ts';

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : typeof body === 'string' ? body : toJsonBytes(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, ...headers },
  });
}

/** The problem details body of `error`, in the request's language, with its request id. */
export function problemOf(c: Context<HubEnv>, error: ProblemError): ReturnType<typeof problemBody> {
  return problemBody(
    error.status,
    error.code,
    c.get('lang'),
    c.get('requestId'),
    error.message,
    error.errors,
  );
}

export function problem(c: Context<HubEnv>, error: ProblemError): Response {
  return json(problemOf(c, error), error.status, error.headers);
}
