import type {IncomingMessage, ServerResponse} from 'node:http';
import {parse as parseToml} from 'smol-toml';
import {z} from 'zod';
import type {LabRoute, LabUser, LabWorld} from '../types.js';
import {clientBundleZip} from './client-bundle.js';
import {verifyPassword} from './password.js';
import {BodyTooLargeError, labBaseUrl, readBody, sendBody, sendJson} from './http.js';

/** What MKE's API needs from the rest of the lab. */
export type MkeApiDeps = {
  readonly world: LabWorld;
  /** A bearer token for a user, accepted by the lab's Kubernetes API too (as MKE's are). */
  readonly issueToken: (user: LabUser) => string;
  /** The user a request's bearer token stands for. */
  readonly authenticate: (request: IncomingMessage) => LabUser | undefined;
  /** Called after the world changed, so it is persisted. */
  readonly changed: () => void;
  /** The lab's certificate (PEM) when it serves HTTPS, for the bundle's ca.pem. */
  readonly caPem?: string;
};

/** Largest config TOML the lab accepts on PUT. */
export const maxConfigBytes = 256 * 1024;

const loginSchema = z.object({username: z.string(), password: z.string()});

function mkeError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, {errors: [{code, message}]});
}

/** The MKE admin as a lab user. */
export function mkeAdminUser(username: string): LabUser {
  return {name: username, groups: ['system:masters', 'system:authenticated'], mkeAdmin: true};
}

async function login(deps: MkeApiDeps, request: IncomingMessage, response: ServerResponse) {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request, 64 * 1024));
  } catch {
    mkeError(response, 400, 'INVALID_JSON', 'invalid JSON in request body');
    return;
  }

  const parsed = loginSchema.safeParse(body);
  const {mke} = deps.world;
  if (
    !parsed.success ||
    parsed.data.username !== mke.adminUsername ||
    !verifyPassword(parsed.data.password, mke.adminPasswordHash)
  ) {
    mkeError(response, 401, 'UNAUTHORIZED', 'invalid username or password');
    return;
  }

  const token = deps.issueToken(mkeAdminUser(parsed.data.username));
  sendJson(response, 200, {
    auth_token: token,
    token_id: `${parsed.data.username}-${token.slice(-12)}`,
    user_agent: String(request.headers['user-agent'] ?? ''),
  });
}

function requireUser(
  deps: MkeApiDeps,
  request: IncomingMessage,
  response: ServerResponse,
  adminOnly: boolean,
): LabUser | undefined {
  const user = deps.authenticate(request);
  if (!user) {
    mkeError(response, 401, 'UNAUTHORIZED', 'unauthorized');
    return undefined;
  }

  if (adminOnly && !user.mkeAdmin) {
    mkeError(response, 403, 'ACCESS_DENIED', 'access denied');
    return undefined;
  }

  return user;
}

async function putConfig(deps: MkeApiDeps, request: IncomingMessage, response: ServerResponse) {
  let text: string;
  try {
    text = await readBody(request, maxConfigBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      mkeError(response, 413, 'REQUEST_TOO_LARGE', error.message);
      request.resume();
      return;
    }

    throw error;
  }

  try {
    parseToml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    mkeError(response, 400, 'INVALID_CONFIG', `unable to parse config file: ${detail}`);
    return;
  }

  deps.world.mke.configToml = text;
  deps.changed();
  sendJson(response, 200, {message: 'Configuration updated successfully'});
}

function clientBundle(deps: MkeApiDeps, user: LabUser, request: IncomingMessage, url: URL) {
  const {mke} = deps.world;
  return clientBundleZip({
    serverUrl: labBaseUrl(request),
    mkeAddress: mke.address ?? '127.0.0.1',
    username: user.name,
    token: deps.issueToken(user),
    label: url.searchParams.get('label') ?? undefined,
    ...(deps.caPem ? {caPem: deps.caPem} : {}),
  });
}

const mkePaths = new Set(['/_ping', '/auth/login', '/api/ucp/config-toml', '/api/clientbundle']);

/** MKE's HTTP API: login, the config TOML, the client bundle (facts §1.3). */
export function createMkeRoute(deps: MkeApiDeps): LabRoute {
  return async (request, response, url) => {
    if (!mkePaths.has(url.pathname)) return false;
    // Until Launchpad has installed MKE nothing listens on the manager: the lab drops the
    // connection, as a refused connection looks to an HTTP client.
    if (!deps.world.mke.installed) {
      request.socket.destroy();
      return true;
    }

    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /_ping') {
      sendBody(response, 200, 'text/plain; charset=utf-8', 'OK');
    } else if (route === 'POST /auth/login') {
      await login(deps, request, response);
    } else if (url.pathname === '/api/ucp/config-toml' || url.pathname === '/api/clientbundle') {
      // Every user may download their own bundle; the config file is for admins only.
      const adminOnly = url.pathname === '/api/ucp/config-toml';
      const user = requireUser(deps, request, response, adminOnly);
      if (!user) return true;
      if (route === 'GET /api/ucp/config-toml') {
        sendBody(response, 200, 'application/toml', deps.world.mke.configToml);
      } else if (route === 'PUT /api/ucp/config-toml') {
        await putConfig(deps, request, response);
      } else if (route === 'GET /api/clientbundle' || route === 'POST /api/clientbundle') {
        sendBody(response, 200, 'application/zip', clientBundle(deps, user, request, url));
      } else {
        mkeError(response, 405, 'METHOD_NOT_ALLOWED', `method ${request.method} not allowed`);
      }
    } else {
      mkeError(response, 405, 'METHOD_NOT_ALLOWED', `method ${request.method} not allowed`);
    }

    return true;
  };
}
