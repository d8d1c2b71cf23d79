/**
 * Every error the SDK throws is a HubkitError: a hub's answer (APIError and its subclasses), no
 * answer (APIConnectionError), an answer that breaks the contract (InvalidResponseError), or
 * something caught before any request (ValidationError). None ever contains the API key.
 */
export class HubkitError extends Error {
  override readonly name: string = 'HubkitError';
}
