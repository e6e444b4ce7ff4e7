import http from 'node:http';
import https from 'node:https';
import type {HttpPort, HttpRequest, HttpResponse} from './ports.js';
import {HttpError} from './http-error.js';

/** Options of the HTTP integration. */
export type HttpPortOptions = {
  /** Simulate mode: every request goes to this lab URL, the original host in `X-Forwarded-Host`. */
  readonly labUrl?: string;
  /** Largest body read, in bytes (default 16 MiB). */
  readonly maxBodyBytes?: number;
  /** Default timeout per request, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
};

const defaultMaxBody = 16 * 1024 * 1024;
const defaultTimeout = 30_000;

/** The real HTTP port: node:http/https, bounded bodies, timeouts, self-signed only when asked. */
export function createHttpPort(options: HttpPortOptions = {}): HttpPort {
  const lab = options.labUrl === undefined ? undefined : new URL(options.labUrl);
  const maxBody = options.maxBodyBytes ?? defaultMaxBody;
  return {
    async request(request) {
      const original = new URL(request.url);
      const target = lab ? routeToLab(original, lab) : original;
      const headers: Record<string, string> = {...request.headers};
      if (lab) headers['X-Forwarded-Host'] = original.host;
      if (lab) headers['X-Forwarded-Proto'] = original.protocol.replace(':', '');
      // The lab is our own process on the loopback with its own self-signed CA: trusting it
      // says nothing about the real GitLab or MKE, whose requests never leave for them here.
      const routed = lab ? {...request, insecure: true} : request;
      return send(target, routed, headers, maxBody, request.timeoutMs ?? options.timeoutMs);
    },
  };
}

function routeToLab(original: URL, lab: URL): URL {
  const routed = new URL(lab.href);
  routed.pathname = original.pathname;
  routed.search = original.search;
  return routed;
}

async function send(
  target: URL,
  request: HttpRequest,
  headers: Record<string, string>,
  maxBody: number,
  timeoutMs = defaultTimeout,
): Promise<HttpResponse> {
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? Buffer.from(request.body)
        : Buffer.from(request.body);
  if (body) headers['Content-Length'] = String(body.length);
  const where = `${request.method} ${target.origin}${target.pathname}`;
  return new Promise<HttpResponse>((resolve, reject) => {
    const signal = request.signal;
    if (signal?.aborted) {
      reject(new HttpError('cancelled', target.href, `${where} was cancelled`));
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const outgoing = client.request(target, {
      method: request.method,
      headers,
      // Only when asked: MKE's default CA is self-signed.
      ...(target.protocol === 'https:' ? {rejectUnauthorized: request.insecure !== true} : {}),
    });
    let settled = false;
    const fail = (error: HttpError) => {
      if (settled) return;
      settled = true;
      finish();
      reject(error);
      // Destroyed without an error: the rejection above already carries the reason.
      outgoing.destroy();
    };
    const timer = setTimeout(() => {
      fail(new HttpError('timeout', target.href, `${where} got no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => {
      fail(new HttpError('cancelled', target.href, `${where} was cancelled`));
    };
    signal?.addEventListener('abort', onAbort, {once: true});
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      fail(describeNetworkError(error, target, where));
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          fail(
            new HttpError('too-large', target.href, `${where} answered more than ${maxBody} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('error', () => {
        fail(new HttpError('unreachable', target.href, `${where}: connection lost`));
      });
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        finish();
        const bytes = Buffer.concat(chunks);
        const flat: Record<string, string> = {};
        for (const [key, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          status: incoming.statusCode ?? 0,
          headers: flat,
          body: new Uint8Array(bytes),
          text: () => bytes.toString('utf8'),
        });
      });
    });
    outgoing.end(body);
  });
}

function describeNetworkError(error: NodeJS.ErrnoException, target: URL, where: string): HttpError {
  const code = error.code ?? '';
  if (
    code.startsWith('ERR_TLS') ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  ) {
    return new HttpError(
      'tls',
      target.href,
      `${where}: the server's certificate is not trusted (${code || error.message})`,
    );
  }
  return new HttpError('unreachable', target.href, `${where}: ${code || error.message}`);
}
