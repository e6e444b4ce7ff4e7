// Defaulting, as Kubernetes' registry strategies and defaulters fill in fields on create.
import type {LabObject} from '../types.js';
import {isRecord, type JsonRecord} from './json.js';

function record(parent: JsonRecord, key: string): JsonRecord {
  const value = parent[key];
  if (isRecord(value)) return value;
  const created: JsonRecord = {};
  parent[key] = created;
  return created;
}

function defaultContainer(container: unknown): void {
  if (!isRecord(container)) return;
  const image = typeof container['image'] === 'string' ? container['image'] : '';
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  container['imagePullPolicy'] ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
  container['terminationMessagePath'] ??= '/dev/termination-log';
  container['terminationMessagePolicy'] ??= 'File';
  container['resources'] ??= {};
}

/** Fills in a pod spec's defaults (also used for workload templates). */
export function defaultPodSpec(spec: JsonRecord): void {
  spec['serviceAccountName'] ??=
    typeof spec['serviceAccount'] === 'string' ? spec['serviceAccount'] : 'default';
  spec['serviceAccount'] ??= spec['serviceAccountName'];
  spec['restartPolicy'] ??= 'Always';
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['schedulerName'] ??= 'default-scheduler';
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['securityContext'] ??= {};
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (Array.isArray(list)) for (const container of list) defaultContainer(container);
  }
}

let nextClusterIp = 1;
// The API server's default node-port range is 30000–32767; the lab hands them out in order.
let nextNodePort = 30_000;

/** Applies defaults for a new object of `resource` (mutates `object`). */
export function applyCreateDefaults(resource: string, object: LabObject): void {
  switch (resource) {
    case 'namespaces': {
      record(object, 'spec')['finalizers'] ??= ['kubernetes'];
      object['status'] = {phase: 'Active'};
      break;
    }

    case 'pods': {
      defaultPodSpec(record(object, 'spec'));
      object['status'] = {phase: 'Pending', qosClass: 'BestEffort'};
      break;
    }

    case 'deployments':
    case 'replicasets': {
      const spec = record(object, 'spec');
      spec['replicas'] ??= 1;
      if (resource === 'deployments') {
        spec['revisionHistoryLimit'] ??= 10;
        spec['progressDeadlineSeconds'] ??= 600;
        spec['strategy'] ??= {
          type: 'RollingUpdate',
          rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'},
        };
      }

      defaultPodSpec(record(record(spec, 'template'), 'spec'));
      object['status'] = {};
      break;
    }

    case 'services': {
      const spec = record(object, 'spec');
      spec['type'] ??= 'ClusterIP';
      spec['sessionAffinity'] ??= 'None';
      if (spec['clusterIP'] === undefined) {
        spec['clusterIP'] = `10.96.${Math.floor(nextClusterIp / 250)}.${(nextClusterIp % 250) + 2}`;
        nextClusterIp++;
      }

      const ports = spec['ports'];
      const exposed = spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer';
      if (Array.isArray(ports)) {
        for (const port of ports) {
          if (!isRecord(port)) continue;
          port['protocol'] ??= 'TCP';
          port['targetPort'] ??= port['port'];
          if (exposed && port['nodePort'] === undefined) port['nodePort'] = nextNodePort++;
        }
      }

      object['status'] = {loadBalancer: {}};
      break;
    }

    case 'secrets': {
      object['type'] ??= 'Opaque';
      break;
    }

    default: {
      break;
    }
  }
}

/** Turns a Secret's `stringData` into base64 `data`, as the API server does on every write. */
export function normaliseSecret(object: LabObject): void {
  const stringData = object['stringData'];
  if (!isRecord(stringData)) return;
  const data = isRecord(object['data']) ? object['data'] : {};
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === 'string') data[key] = Buffer.from(value).toString('base64');
  }

  object['data'] = data;
  delete object['stringData'];
}
