import { HubkitError } from './hubkit-error.ts';

/** Why an Open Referral UK publisher could not be read. */
export type DirectoryReaderErrorReason =
  /** The publisher answered 404. */
  | 'not_found'
  /** Any other error status. */
  | 'http_error'
  | 'network_error'
  | 'timeout'
  /** An answer that is not JSON, not an ORUK page, or (for one service) not a service the reader can read. */
  | 'invalid_response';

/**
 * A publisher could not be read. It names the path asked for but never the query string, where
 * ORUK puts postcodes and search words; ky's own error (whose message has the whole URL) is not
 * kept as the cause for the same reason.
 */
export class DirectoryReaderError extends HubkitError {
  override readonly name = 'DirectoryReaderError';
  readonly reason: DirectoryReaderErrorReason;
  /** The URL's path, without its query string: `/oruk/services`. */
  readonly path: string;
  /** The HTTP status, when the publisher answered. */
  readonly status: number | undefined;

  constructor(reason: DirectoryReaderErrorReason, path: string, status?: number) {
    const what: Record<DirectoryReaderErrorReason, string> = {
      not_found: 'found nothing',
      http_error: 'answered with an error',
      network_error: 'could not be reached',
      timeout: 'took too long to answer',
      invalid_response: 'sent something that is not Open Referral UK',
    };
    super(`The directory ${what[reason]}${status === undefined ? '' : ` (HTTP ${status})`} at ${path}`);
    this.reason = reason;
    this.path = path;
    this.status = status;
  }
}
