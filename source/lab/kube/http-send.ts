// Writing API answers: JSON bodies and Status failures.
import type {ServerResponse} from 'node:http';
import {internalError, KubeStatusError} from './status.js';

/** Sends a JSON body. */
export function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(code, {
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends an error as a Kubernetes Status (anything unexpected becomes a 500 InternalError). */
export function sendError(response: ServerResponse, error: unknown): void {
  const failure =
    error instanceof KubeStatusError
      ? error
      : internalError(error instanceof Error ? error.message : String(error));
  if (response.headersSent) {
    response.destroy();
    return;
  }

  sendJson(response, failure.status.code, failure.status);
}
