// Which container `kubectl logs` reads, and Kubernetes' words when the request does not say.
import type {LabObject} from '../types.js';
import {isRecord} from './json.js';
import {badRequest} from './status.js';

function names(pod: LabObject, kind: string): string[] {
  const spec = pod['spec'];
  const list = isRecord(spec) ? spec[kind] : undefined;
  return Array.isArray(list)
    ? list.flatMap((item) =>
        isRecord(item) && typeof item['name'] === 'string' ? [item['name']] : [],
      )
    : [];
}

/** The container to read: the one asked for, or the only one; 400 otherwise. */
export function chooseContainer(pod: LabObject, container: string | undefined): string {
  const containers = names(pod, 'containers');
  const init = names(pod, 'initContainers');
  const podName = pod.metadata.name;
  if (container) {
    if (![...containers, ...init].includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${podName}`);
    }

    return container;
  }

  if (containers.length === 1 && containers[0]) return containers[0];
  const initText = init.length > 0 ? ` or one of the init containers: [${init.join(' ')}]` : '';
  throw badRequest(
    `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]${initText}`,
  );
}
