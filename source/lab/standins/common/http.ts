import {request as httpRequest} from 'node:http';
import {request as httpsRequest} from 'node:https';

// The stand-ins' HTTP client (node:http/https, not fetch: the lab serves HTTPS with its own
// certificate and fetch takes no CA). The lab on 127.0.0.1 is trusted without verification
// unless a CA is given (helm passes the kubeconfig's certificate-authority-data).

/** A request to the lab. */
export type StandinRequest = {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** PEM CA to verify the server with; absent = trust a loopback server as it is. */
  readonly ca?: string;
  readonly timeoutMs?: number;
};

/** The answer, body read whole. */
export type StandinResponse = {
  readonly status: number;
  readonly body: Buffer;
  readonly text: () => string;
};

/** Sends one request; network failures reject with Go-like `dial tcp …` wording. */
export async function send(url: string, options: StandinRequest = {}): Promise<StandinResponse> {
  const target = new URL(url);
  const loopback = target.hostname === '127.0.0.1' || target.hostname === 'localhost';
  const make = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = make(
      target,
      {
        method: options.method ?? 'GET',
        headers: {connection: 'close', ...options.headers},
        ...(target.protocol === 'https:'
          ? options.ca
            ? {ca: options.ca}
            : {rejectUnauthorized: !loopback}
          : {}),
        timeout: options.timeoutMs ?? 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({status: response.statusCode ?? 0, body, text: () => body.toString('utf8')});
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => {
      request.destroy(
        new Error(`net/http: request canceled (Client.Timeout exceeded while awaiting headers)`),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const port = target.port || (target.protocol === 'https:' ? '443' : '80');
      const why =
        error.code === 'ECONNREFUSED'
          ? 'connect: connection refused'
          : error.code === 'ECONNRESET' || error.message === 'socket hang up'
            ? 'read: connection reset by peer'
            : error.message;
      reject(new Error(`dial tcp ${target.hostname}:${port}: ${why}`));
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
