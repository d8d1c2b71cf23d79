/**
 * The SDK's error classes, loaded late by the submit controller to tell failures apart. A module
 * of its own, so a dynamic import of it keeps the rest of the SDK out of the chunk.
 */
export {
  APIConnectionError,
  APIError,
  DirectoryReaderError,
  RateLimitError,
  ValidationError,
} from '@hubkit/sdk';
