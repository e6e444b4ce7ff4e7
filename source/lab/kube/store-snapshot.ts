// The store's snapshot format (plain JSON, persisted by the lab's world file) and its parser.
import {z} from 'zod';
import type {LabObject} from '../types.js';

const labObjectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generateName: z.string().optional(),
    creationTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    ownerReferences: z.array(z.unknown()).optional(),
    managedFields: z.array(z.unknown()).optional(),
  }),
});

const snapshotSchema = z.object({
  resourceVersion: z.number().int().nonnegative(),
  objects: z.record(z.string(), z.array(labObjectSchema)),
  logs: z.record(z.string(), z.string()).optional(),
});

/** Every object (by plural resource name) and container log, as plain JSON. */
export type StoreSnapshot = {
  readonly resourceVersion: number;
  readonly objects: Record<string, LabObject[]>;
  readonly logs?: Record<string, string>;
};

/** Validates a snapshot read from disk. */
export function parseSnapshot(value: unknown): StoreSnapshot {
  return snapshotSchema.parse(value);
}

/** Validates one object from outside (an HTTP body, a file). */
export function parseLabObject(value: unknown): LabObject {
  return labObjectSchema.parse(value);
}
