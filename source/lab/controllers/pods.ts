import type {ClusterStore} from './cluster.js';
import {tryUpdate} from './cluster.js';
import {recordEvent} from './events.js';
import type {Clock} from './timing.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Where pods run: the worker's name and address. */
export type NodePlacement = {
  readonly nodeName: string;
  readonly hostIP: string;
  readonly podCidrPrefix: string;
};

// Milliseconds (× speed) from scheduling to all containers running.
const startDelay = 1500;

function waiting(containers: Json[]): Json[] {
  return containers.map((container) => ({
    name: container['name'],
    image: container['image'],
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    state: {waiting: {reason: 'ContainerCreating'}},
  }));
}

function running(containers: Json[], startedAt: string): Json[] {
  return containers.map((container) => ({
    name: container['name'],
    image: container['image'],
    imageID: `docker-pullable://${String(container['image'])}`,
    containerID: `docker://${Math.random().toString(16).slice(2).padEnd(16, '0')}`,
    ready: true,
    restartCount: 0,
    started: true,
    state: {running: {startedAt}},
  }));
}

function conditions(ready: boolean, time: string, names: string[]): Json[] {
  const unready = `containers with unready status: [${names.join(' ')}]`;
  return [
    {type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: time},
    ready
      ? {type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: time}
      : {
          type: 'Ready',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: time,
          reason: 'ContainersNotReady',
          message: unready,
        },
    ready
      ? {type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: time}
      : {
          type: 'ContainersReady',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: time,
          reason: 'ContainersNotReady',
          message: unready,
        },
    {type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: time},
  ];
}

/** Schedules a new pod onto the worker and, after a short delay, runs its containers. */
export function createPodLifecycle(store: ClusterStore, clock: Clock, node: NodePlacement) {
  const starting = new Set<string>();
  let nextIp = 2;

  function start(namespace: string, name: string, uid: string): void {
    const pod = store.get('pods', namespace, name);
    if (!pod || pod.metadata.uid !== uid) return;
    const spec = record(pod['spec']);
    const containers = list(spec['containers']);
    const time = now();
    for (const container of [...list(spec['initContainers']), ...containers]) {
      const image = String(container['image'] ?? '');
      const host = node.nodeName;
      recordEvent(store, pod, {
        reason: 'Pulled',
        message: `Container image "${image}" already present on machine`,
        component: 'kubelet',
        host,
      });
      recordEvent(store, pod, {
        reason: 'Created',
        message: `Created container ${String(container['name'])}`,
        component: 'kubelet',
        host,
      });
      recordEvent(store, pod, {
        reason: 'Started',
        message: `Started container ${String(container['name'])}`,
        component: 'kubelet',
        host,
      });
    }

    const status = record(pod['status']);
    tryUpdate(store, 'pods', {
      ...pod,
      status: {
        ...status,
        phase: 'Running',
        conditions: conditions(true, time, []),
        containerStatuses: running(containers, time),
        ...(list(spec['initContainers']).length > 0
          ? {
              initContainerStatuses: list(spec['initContainers']).map((container) => ({
                name: container['name'],
                image: container['image'],
                ready: true,
                restartCount: 0,
                state: {
                  terminated: {exitCode: 0, reason: 'Completed', startedAt: time, finishedAt: time},
                },
              })),
            }
          : {}),
      },
    });
  }

  /** Moves a pod along its lifecycle; called for every pod change. */
  return function reconcilePod(namespace: string, name: string): void {
    const pod = store.get('pods', namespace, name);
    if (!pod?.metadata.uid) return;
    const spec = record(pod['spec']);
    const phase = record(pod['status'])['phase'];
    if ((phase !== undefined && phase !== 'Pending') || starting.has(pod.metadata.uid)) return;
    const {uid} = pod.metadata;
    starting.add(uid);
    const startLater = () =>
      clock.after(startDelay, () => {
        starting.delete(uid);
        start(namespace, name, uid);
      });
    // A pod scheduled before the lab restarted only needs its containers started.
    if (spec['nodeName']) {
      startLater();
      return;
    }

    const time = now();
    const containers = list(spec['containers']);
    const names = containers.map((container) => String(container['name']));
    const podIP = `${node.podCidrPrefix}.${nextIp++ % 250}`;
    tryUpdate(store, 'pods', {
      ...pod,
      spec: {...spec, nodeName: node.nodeName},
      status: {
        ...record(pod['status']),
        phase: 'Pending',
        conditions: conditions(false, time, names),
        hostIP: node.hostIP,
        podIP,
        podIPs: [{ip: podIP}],
        startTime: time,
        containerStatuses: waiting(containers),
      },
    });
    recordEvent(store, pod, {
      reason: 'Scheduled',
      message: `Successfully assigned ${namespace}/${name} to ${node.nodeName}`,
      component: 'default-scheduler',
    });
    startLater();
  };
}
