/** Why an HTTP request got no answer. */
export type HttpErrorCode = 'unreachable' | 'timeout' | 'cancelled' | 'too-large' | 'tls';

/** An HTTP request that got no usable answer (an HTTP error status is an answer, not this). */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly url: string;

  constructor(code: HttpErrorCode, url: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.url = url;
  }
}
