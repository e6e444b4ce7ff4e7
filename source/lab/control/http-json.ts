import type {IncomingMessage, ServerResponse} from 'node:http';

/** The largest control request body the lab reads. */
const maxBody = 1024 * 1024;

/** Answers with a JSON body. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reads a request body as text, refusing anything over 1 MiB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBody) throw new Error('request body too large');
    chunks.push(buffer);
  }

  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body as `unknown` (an empty body is `{}`). */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}
