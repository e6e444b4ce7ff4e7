// `Table` answers for `kubectl get` (Accept: …;as=Table;…), with the columns Kubernetes'
// own printers use for the resources people look at during the procedure.
import type {LabObject} from '../types.js';
import {fieldValue} from './selectors.js';
import {isRecord} from './json.js';

type Column = {readonly name: string; readonly type: string; readonly priority?: number};
type Printer = {
  readonly columns: readonly Column[];
  readonly cells: (object: LabObject) => unknown[];
};

/** `5s`, `3m`, `2h`, `4d`: roughly Kubernetes' HumanDuration. */
export function age(created: string | undefined, now = Date.now()): string {
  if (!created) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

const text = (object: unknown, path: string, fallback = ''): string =>
  fieldValue(object, path) ?? fallback;
const count = (object: unknown, path: string): number => Number(fieldValue(object, path) ?? 0);
const list = (object: unknown, key: string): unknown[] => {
  const spec = isRecord(object) ? object['spec'] : undefined;
  const value = isRecord(spec) ? spec[key] : undefined;
  return Array.isArray(value) ? value : [];
};

function podCells(pod: LabObject): unknown[] {
  const statuses =
    isRecord(pod['status']) && Array.isArray(pod['status']['containerStatuses'])
      ? pod['status']['containerStatuses']
      : [];
  const ready = statuses.filter((status) => isRecord(status) && status['ready'] === true).length;
  const restarts = statuses.reduce<number>(
    (sum, status) => sum + (isRecord(status) ? Number(status['restartCount'] ?? 0) : 0),
    0,
  );
  const waiting = statuses
    .map((status) =>
      isRecord(status) && isRecord(status['state']) && isRecord(status['state']['waiting'])
        ? status['state']['waiting']['reason']
        : undefined,
    )
    .find((reason) => typeof reason === 'string');
  return [
    pod.metadata.name,
    `${ready}/${list(pod, 'containers').length}`,
    typeof waiting === 'string'
      ? waiting
      : text(pod, 'status.reason', text(pod, 'status.phase', 'Unknown')),
    restarts,
    age(pod.metadata.creationTimestamp),
    text(pod, 'status.podIP', '<none>'),
    text(pod, 'spec.nodeName', '<none>'),
  ];
}

function ports(service: LabObject): string {
  const entries = list(service, 'ports').map(
    (port) => `${text(port, 'port')}/${text(port, 'protocol', 'TCP')}`,
  );
  return entries.length > 0 ? entries.join(',') : '<none>';
}

const ageColumn: Column = {name: 'Age', type: 'string'};
const printers: Readonly<Record<string, Printer>> = {
  pods: {
    columns: [
      {name: 'Name', type: 'string'},
      {name: 'Ready', type: 'string'},
      {name: 'Status', type: 'string'},
      {name: 'Restarts', type: 'integer'},
      ageColumn,
      {name: 'IP', type: 'string', priority: 1},
      {name: 'Node', type: 'string', priority: 1},
    ],
    cells: podCells,
  },
  deployments: {
    columns: [
      {name: 'Name', type: 'string'},
      {name: 'Ready', type: 'string'},
      {name: 'Up-to-date', type: 'integer'},
      {name: 'Available', type: 'integer'},
      ageColumn,
    ],
    cells: (object) => [
      object.metadata.name,
      `${count(object, 'status.readyReplicas')}/${count(object, 'spec.replicas')}`,
      count(object, 'status.updatedReplicas'),
      count(object, 'status.availableReplicas'),
      age(object.metadata.creationTimestamp),
    ],
  },
  replicasets: {
    columns: [
      {name: 'Name', type: 'string'},
      {name: 'Desired', type: 'integer'},
      {name: 'Current', type: 'integer'},
      {name: 'Ready', type: 'integer'},
      ageColumn,
    ],
    cells: (object) => [
      object.metadata.name,
      count(object, 'spec.replicas'),
      count(object, 'status.replicas'),
      count(object, 'status.readyReplicas'),
      age(object.metadata.creationTimestamp),
    ],
  },
  services: {
    columns: [
      {name: 'Name', type: 'string'},
      {name: 'Type', type: 'string'},
      {name: 'Cluster-IP', type: 'string'},
      {name: 'External-IP', type: 'string'},
      {name: 'Port(s)', type: 'string'},
      ageColumn,
    ],
    cells: (object) => [
      object.metadata.name,
      text(object, 'spec.type', 'ClusterIP'),
      text(object, 'spec.clusterIP', '<none>'),
      '<none>',
      ports(object),
      age(object.metadata.creationTimestamp),
    ],
  },
  namespaces: {
    columns: [{name: 'Name', type: 'string'}, {name: 'Status', type: 'string'}, ageColumn],
    cells: (object) => [
      object.metadata.name,
      text(object, 'status.phase', 'Active'),
      age(object.metadata.creationTimestamp),
    ],
  },
  podsecuritypolicies: {
    columns: [
      'Name',
      'Priv',
      'Caps',
      'SELinux',
      'RunAsUser',
      'FSGroup',
      'SupGroup',
      'ReadOnlyRootFS',
      'Volumes',
    ].map((name) => ({name, type: 'string'})),
    cells: (object) => [
      object.metadata.name,
      text(object, 'spec.privileged', 'false'),
      list(object, 'allowedCapabilities').map(String).join(',') || '<none>',
      text(object, 'spec.seLinux.rule'),
      text(object, 'spec.runAsUser.rule'),
      text(object, 'spec.fsGroup.rule'),
      text(object, 'spec.supplementalGroups.rule'),
      text(object, 'spec.readOnlyRootFilesystem', 'false'),
      list(object, 'volumes').map(String).join(','),
    ],
  },
};

const fallback: Printer = {
  columns: [{name: 'Name', type: 'string'}, ageColumn],
  cells: (object) => [object.metadata.name, age(object.metadata.creationTimestamp)],
};

/** Whether the client asked for a Table (kubectl get does). */
export function wantsTable(accept: string | undefined): boolean {
  const first = (accept ?? '').split(',')[0] ?? '';
  return /;\s*as=Table/.test(first);
}

/** Objects as a `meta.k8s.io/v1` Table. */
export function toTable(resource: string, items: readonly LabObject[], resourceVersion: string) {
  const printer = printers[resource] ?? fallback;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {resourceVersion},
    columnDefinitions: printer.columns.map((column) => ({
      name: column.name,
      type: column.type,
      format: column.name === 'Name' ? 'name' : '',
      description: '',
      priority: column.priority ?? 0,
    })),
    rows: items.map((item) => ({
      cells: printer.cells(item),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: item.metadata,
      },
    })),
  };
}
