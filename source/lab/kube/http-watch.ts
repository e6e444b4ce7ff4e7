// Watch over HTTP: a chunked stream of `{"type":…,"object":…}` lines, ended by timeoutSeconds,
// by the client going away, or by the server closing.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {LabObject, LabUser} from '../types.js';
import type {KubeApi, QueryOptions} from './api.js';
import {KubeStatusError} from './status.js';

/** Streams a watch until it ends; resolves when the response is finished. */
export async function streamWatch(
  api: KubeApi,
  user: LabUser,
  request: IncomingMessage,
  response: ServerResponse,
  target: {readonly resource: string; readonly namespace?: string},
  query: QueryOptions & {readonly timeoutSeconds?: number},
  // Turns each event's object into what the client asked for (kubectl get -w asks for Tables).
  present: (object: LabObject, first: boolean) => unknown = (object) => object,
): Promise<void> {
  let first = true;
  const pending: string[] = [];
  let started = false;
  const write = (line: string) => {
    if (started) response.write(line);
    else pending.push(line);
  };

  let unsubscribe: () => void;
  try {
    unsubscribe = api.watch(user, target.resource, target.namespace, query, (event) => {
      write(`${JSON.stringify({type: event.type, object: present(event.object, first)})}\n`);
      first = false;
    });
  } catch (error) {
    // A too-old resourceVersion is reported inside the stream, as the API server does.
    if (!(error instanceof KubeStatusError) || error.status.code !== 410) throw error;
    response.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
    response.end(`${JSON.stringify({type: 'ERROR', object: error.status})}\n`);
    return;
  }

  response.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
  response.flushHeaders();
  started = true;
  for (const line of pending.splice(0)) response.write(line);
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      if (!response.writableEnded) response.end();
      resolve();
    };

    const timer =
      query.timeoutSeconds === undefined
        ? undefined
        : setTimeout(finish, query.timeoutSeconds * 1000);
    request.socket.once('close', finish);
    response.once('close', finish);
  });
}
