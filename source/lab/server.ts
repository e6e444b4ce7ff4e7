// The lab's one HTTP server (127.0.0.1 only): middleware (faults…) around extra routes (MKE,
// GitLab, control API), then the Kubernetes API at the root for authenticated callers.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createTlsServer} from 'node:https';
import type {KubeApi} from './kube/api.js';
import {createKubeHandler} from './kube/http-handler.js';
import {sendError} from './kube/http-send.js';
import {unauthorized} from './kube/status.js';
import type {TlsMaterial} from './kube/tls.js';
import type {LabMiddleware, LabRoute, LabUser} from './types.js';

/** What the lab server is made of. */
export type LabServerOptions = {
  readonly api: KubeApi;
  /** Who the request is from (bearer token); undefined → 401 on Kubernetes paths. */
  readonly authenticate: (request: IncomingMessage) => LabUser | undefined;
  /** Tried in order before the Kubernetes API; a route returns false to pass. */
  readonly routes?: readonly LabRoute[];
  /** Wrap every request, outermost first. */
  readonly middleware?: readonly LabMiddleware[];
  /**
   * Serve HTTPS with this certificate (`createSelfSignedCertificate()`). kubectl sends bearer
   * tokens only over TLS, so a lab that kubectl uses needs it.
   */
  readonly tls?: TlsMaterial;
};

/** A lab server, not yet listening. */
export type LabServer = {
  /** Listens on 127.0.0.1 (`port` 0 or absent: a free one); the URL is https:// with `tls`. */
  readonly listen: (port?: number) => Promise<{readonly url: string; readonly port: number}>;
  /** Ends open watches and connections, then stops listening. */
  readonly close: () => Promise<void>;
};

/** Builds the lab server. */
export function createLabServer(options: LabServerOptions): LabServer {
  const handleKube = createKubeHandler(options.api);
  const routes = options.routes ?? [];
  const middleware = options.middleware ?? [];

  async function inner(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    for (const route of routes) {
      if (await route(request, response, url)) return;
    }

    const user = options.authenticate(request);
    if (!user) {
      sendError(response, unauthorized());
      return;
    }

    await handleKube(request, response, url, user);
  }

  function run(
    index: number,
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const layer = middleware[index];
    if (!layer) return inner(request, response, url);
    return Promise.resolve(
      layer(request, response, url, () => run(index + 1, request, response, url)),
    );
  }

  const scheme = options.tls ? 'https' : 'http';
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `${scheme}://127.0.0.1`);
    run(0, request, response, url).catch((error: unknown) => {
      sendError(response, error);
    });
  };

  const server = options.tls
    ? createTlsServer({cert: options.tls.cert, key: options.tls.key}, handle)
    : createServer(handle);
  // Watches and `logs -f` stay open; keep-alive sockets must not hold `close()` up.
  server.keepAliveTimeout = 5000;

  return {
    listen(port = 0) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          const address = server.address();
          const bound = typeof address === 'object' && address ? address.port : port;
          resolve({url: `${scheme}://127.0.0.1:${bound}`, port: bound});
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
