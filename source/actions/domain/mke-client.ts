import {z} from 'zod';
import type {HttpPort, HttpResponse} from '../../integrations/ports.js';

/** MKE answered with an error status. */
export class MkeApiError extends Error {
  readonly status: number;
  /** MKE's own words (`errors[0].message`), or the body. */
  readonly detail: string;

  constructor(message: string, status: number, detail: string) {
    super(message);
    this.name = 'MkeApiError';
    this.status = status;
    this.detail = detail;
  }
}

/** Where and how to reach MKE. */
export type MkeTarget = {
  readonly url: string;
  readonly insecure: boolean;
  readonly signal?: AbortSignal;
};

const loginAnswer = z.looseObject({auth_token: z.string().min(1)});
const errorAnswer = z.looseObject({
  errors: z.array(z.looseObject({message: z.string()})).optional(),
  message: z.string().optional(),
});

const endpoint = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

function mkeWords(response: HttpResponse): string {
  const text = response.text();
  try {
    const parsed = errorAnswer.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.errors?.[0]?.message ?? parsed.data.message ?? text;
  } catch {
    // not JSON: MKE's words are the body itself
  }
  return text.trim() || `HTTP ${response.status}`;
}

function check(response: HttpResponse, what: string): HttpResponse {
  if (response.status >= 200 && response.status < 300) return response;
  const words = mkeWords(response);
  throw new MkeApiError(
    `${what}: MKE answered ${response.status} (${words})`,
    response.status,
    words,
  );
}

// A body that is not JSON (an HTML page, a cut-off answer) is an answer of the wrong shape.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `POST /auth/login` → the bearer token. The password travels only in the request body. */
export async function mkeLogin(
  http: HttpPort,
  target: MkeTarget,
  username: string,
  password: string,
): Promise<string> {
  const response = await http.request({
    method: 'POST',
    url: endpoint(target.url, '/auth/login'),
    headers: {'content-type': 'application/json', accept: 'application/json'},
    body: JSON.stringify({username, password}),
    insecure: target.insecure,
    ...(target.signal ? {signal: target.signal} : {}),
  });
  check(response, `log in to MKE as ${username}`);
  const parsed = loginAnswer.safeParse(parseJson(response.text()));
  if (!parsed.success)
    throw new MkeApiError(
      `log in to MKE as ${username}: MKE answered without auth_token (${response.text().slice(0, 200)})`,
      response.status,
      response.text(),
    );
  return parsed.data.auth_token;
}

/** `GET /api/ucp/config-toml`. */
export async function getMkeConfig(
  http: HttpPort,
  target: MkeTarget,
  token: string,
): Promise<string> {
  const response = await http.request({
    method: 'GET',
    url: endpoint(target.url, '/api/ucp/config-toml'),
    headers: {authorization: `Bearer ${token}`, accept: 'application/toml'},
    insecure: target.insecure,
    ...(target.signal ? {signal: target.signal} : {}),
  });
  return check(response, 'read MKE configuration').text();
}

/** `PUT /api/ucp/config-toml` with the whole file (MKE replaces its configuration with it). */
export async function putMkeConfig(
  http: HttpPort,
  target: MkeTarget,
  token: string,
  toml: string,
): Promise<void> {
  const response = await http.request({
    method: 'PUT',
    url: endpoint(target.url, '/api/ucp/config-toml'),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/toml',
      accept: 'application/json',
    },
    body: toml,
    insecure: target.insecure,
    ...(target.signal ? {signal: target.signal} : {}),
  });
  check(response, 'write MKE configuration');
}
