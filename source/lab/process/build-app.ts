import type {LabRoute, LabWorld} from '../types.js';

// The contract between server-main and the assembled lab (source/lab/assemble.ts): what the
// lab is built from, and what server-main needs of it.

/** The running lab as server-main needs it. */
export type LabApp = {
  readonly listen: (port?: number) => Promise<{url: string; port: number}>;
  readonly close: () => Promise<void>;
  /** The Kubernetes objects as plain JSON, for world.json. */
  readonly snapshot: () => unknown;
  /** Called whenever an object changes. */
  readonly onChange: (listener: () => void) => void;
  /** Removes every object and seeds a fresh cluster. */
  readonly resetCluster: () => void;
};

/** What the lab is built from. */
export type BuildOptions = {
  readonly world: LabWorld;
  /** The object store's snapshot from world.json, or undefined for a fresh cluster. */
  readonly objects: unknown;
  /** Routes tried before all others (faults first, then the control API). */
  readonly routes: readonly LabRoute[];
};
