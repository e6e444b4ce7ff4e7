import {createServer, type Server} from 'node:http';
import type {Socket} from 'node:net';
import type {LabRoute} from '../types.js';

/** A listening HTTP server made of lab routes. */
export type RouteServer = {
  readonly listen: (port?: number) => Promise<{url: string; port: number}>;
  readonly close: () => Promise<void>;
};

/** An HTTP server on 127.0.0.1 that tries each route in turn; none → 404. */
export function createRouteServer(routes: readonly LabRoute[]): RouteServer {
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      for (const route of routes) {
        if (await route(request, response, url)) return;
      }

      response.writeHead(404, {'content-type': 'application/json'});
      response.end(JSON.stringify({error: `not found: ${url.pathname}`}));
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, {'content-type': 'text/plain'});
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return {
    listen: async (port = 0) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const address = server.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve({url: `http://127.0.0.1:${actual}`, port: actual});
        });
      }),
    close: async () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
