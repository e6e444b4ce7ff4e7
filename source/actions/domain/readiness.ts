import {z} from 'zod';
import type {KubeObject} from '../../integrations/kube-port.js';

/** Kinds whose readiness the procedure waits on. */
export const readyKinds = ['Deployment', 'Pod', 'Namespace'] as const;

/** One of the kinds above. */
export type ReadyKind = (typeof readyKinds)[number];

/** The apiVersion of each kind. */
export const apiVersionOf: Readonly<Record<ReadyKind, string>> = {
  Deployment: 'apps/v1',
  Pod: 'v1',
  Namespace: 'v1',
};

const deploymentSchema = z.looseObject({
  metadata: z.looseObject({generation: z.number().optional()}),
  spec: z.looseObject({replicas: z.number().optional()}).optional(),
  status: z
    .looseObject({
      readyReplicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      observedGeneration: z.number().optional(),
    })
    .optional(),
});
const podSchema = z.looseObject({
  status: z
    .looseObject({
      phase: z.string().optional(),
      conditions: z.array(z.looseObject({type: z.string(), status: z.string()})).optional(),
    })
    .optional(),
});
const namespaceSchema = z.looseObject({
  status: z.looseObject({phase: z.string().optional()}).optional(),
});

/** Whether the object is ready, and in a few words what was seen. */
export function readiness(
  kind: ReadyKind,
  object: KubeObject | undefined,
): {readonly ready: boolean; readonly seen: string} {
  if (!object) return {ready: false, seen: 'not found'};
  switch (kind) {
    case 'Deployment': {
      const parsed = deploymentSchema.safeParse(object);
      if (!parsed.success) return {ready: false, seen: 'unreadable status'};
      const wanted = parsed.data.spec?.replicas ?? 1;
      const ready = parsed.data.status?.readyReplicas ?? 0;
      const observed = parsed.data.status?.observedGeneration;
      const current =
        observed === undefined ||
        parsed.data.metadata.generation === undefined ||
        observed >= parsed.data.metadata.generation;
      return {ready: current && ready >= wanted && wanted > 0, seen: `${ready}/${wanted} ready`};
    }
    case 'Pod': {
      const parsed = podSchema.safeParse(object);
      const status = parsed.success ? parsed.data.status : undefined;
      const ready =
        status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      return {ready, seen: `${status?.phase ?? 'Unknown'}${ready ? ', Ready' : ''}`};
    }
    case 'Namespace': {
      const parsed = namespaceSchema.safeParse(object);
      const phase = parsed.success ? (parsed.data.status?.phase ?? 'Active') : 'Active';
      return {ready: phase === 'Active', seen: phase};
    }
  }
}
