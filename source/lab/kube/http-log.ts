// `GET …/pods/<name>/log`: the container's log as text; with `follow`, kept open until the pod
// finishes or goes away.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {LabUser} from '../types.js';
import type {KubeApi} from './api.js';
import {isRecord} from './json.js';

function tail(text: string, lines: number | undefined): string {
  if (lines === undefined) return text;
  const parts = text.split('\n');
  const trailing = parts.at(-1) === '' ? parts.pop() : undefined;
  return [
    ...parts.slice(Math.max(0, parts.length - lines)),
    ...(trailing === undefined ? [] : ['']),
  ].join('\n');
}

function finished(pod: unknown): boolean {
  const status = isRecord(pod) ? pod['status'] : undefined;
  const phase = isRecord(status) ? status['phase'] : undefined;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Answers a log request. */
export async function streamLog(
  api: KubeApi,
  user: LabUser,
  request: IncomingMessage,
  response: ServerResponse,
  target: {readonly namespace: string; readonly pod: string},
  query: {readonly container?: string; readonly follow: boolean; readonly tailLines?: number},
): Promise<void> {
  const {pod, container} = await api.logTarget(user, target.namespace, target.pod, query.container);
  const text = tail(api.store.readLog(target.namespace, target.pod, container), query.tailLines);
  response.writeHead(200, {'Content-Type': 'text/plain'});
  if (!query.follow || finished(pod)) {
    response.end(text);
    return;
  }

  response.write(text);
  await new Promise<void>((resolve) => {
    const stopLog = api.store.followLog(target.namespace, target.pod, container, (more) =>
      response.write(more),
    );
    const stopWatch = api.store.watch(
      'pods',
      target.namespace,
      api.store.resourceVersion(),
      (event) => {
        if (event.object.metadata.name !== target.pod) return;
        if (event.type === 'DELETED' || finished(event.object)) finish();
      },
    );
    function finish() {
      stopLog();
      stopWatch();
      if (!response.writableEnded) response.end();
      resolve();
    }

    request.socket.once('close', finish);
    response.once('close', finish);
  });
}
