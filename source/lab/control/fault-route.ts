import type {Socket} from 'node:net';
import type {LabRoute} from '../types.js';
import type {FaultBook} from './faults.js';

/** The fault middleware: the first route of the lab, so every request can be made to fail. */
export type FaultRoute = {
  readonly route: LabRoute;
  /** Closes the connections held by `hang` faults (on shutdown). */
  readonly releaseHung: () => void;
};

/** Builds the route that applies HTTP faults from `book`; the control API itself is exempt. */
export function createFaultRoute(book: FaultBook): FaultRoute {
  const hung = new Set<Socket>();

  const route: LabRoute = async (request, response, url) => {
    if (url.pathname.startsWith('/_lab/')) return false;
    const hit = book.takeHttp(request.method ?? 'GET', url.pathname);
    if (!hit) return false;

    switch (hit.mode) {
      case 'drop': {
        request.socket.destroy();
        return true;
      }

      case 'hang': {
        const socket = request.socket;
        hung.add(socket);
        socket.once('close', () => hung.delete(socket));
        return true;
      }

      case 'delay': {
        await new Promise((resolve) => {
          setTimeout(resolve, hit.delayMs ?? 1000);
        });
        return false;
      }

      case 'error': {
        const code = hit.status ?? 500;
        const body = JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `an error on the server ("injected by the lab") has prevented the request from succeeding`,
          reason: 'InternalError',
          details: {causes: [{reason: 'UnexpectedServerResponse', message: 'injected by the lab'}]},
          code,
        });
        response.writeHead(code, {'content-type': 'application/json'});
        response.end(body);
        return true;
      }
    }
  };

  return {
    route,
    releaseHung() {
      for (const socket of hung) socket.destroy();
      hung.clear();
    },
  };
}
