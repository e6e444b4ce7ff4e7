import type {LabRoute, LabWorld} from '../types.js';
import {createRouteServer} from './route-server.js';

// The one place that puts the lab's parts together for server-main: the Kubernetes API,
// MKE and GitLab (engineers C and D) behind the control routes given here.

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

/** Builds the lab. */
export async function buildLabApp(options: BuildOptions): Promise<LabApp> {
  // Until the assembled lab (source/lab/assemble.ts) is in place the server carries the
  // control API only; the objects are kept as they were loaded.
  const server = createRouteServer(options.routes);
  return {
    listen: server.listen,
    close: server.close,
    snapshot: () => options.objects,
    onChange() {
      // No object store yet.
    },
    resetCluster() {
      // No object store yet.
    },
  };
}
