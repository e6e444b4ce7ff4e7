// The Kubernetes operations the runbook's actions use, as plain domain types.
// Owned by the procedure work (issue 4): extend it there; client-node types stay in kube.ts.

/** A Kubernetes object as plain data. */
export type KubeObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
};

/** Why a Kubernetes call failed. */
export type KubeErrorCode =
  | 'forbidden'
  | 'not-found'
  | 'unreachable'
  | 'invalid'
  | 'conflict'
  | 'unauthorized'
  | 'timeout'
  | 'cancelled'
  | 'server';

/** A failed Kubernetes call, carrying the API's own words (the Status `message`). */
export class KubeError extends Error {
  readonly code: KubeErrorCode;
  /** HTTP status, when the API answered. */
  readonly status: number | undefined;
  /** The API's Status message, or the network error, as the server or socket said it. */
  readonly detail: string;

  constructor(code: KubeErrorCode, message: string, detail: string, status?: number) {
    super(message);
    this.name = 'KubeError';
    this.code = code;
    this.detail = detail;
    this.status = status;
  }
}

/** Options of a write. */
export type KubeWriteOptions = {
  readonly dryRun?: boolean;
  /** A user to act as (`Impersonate-User`), e.g. `system:serviceaccount:gitlab-runner:gitlab-runner`. */
  readonly impersonate?: string;
};

/** What `waitFor` waits on, and for how long. */
export type KubeWaitOptions = {
  /** Says what was awaited, for the timeout message ("deployment gitlab-runner/gitlab-runner ready"). */
  readonly description: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Each state seen (undefined: the object does not exist). */
  readonly onChange?: (object: KubeObject | undefined) => void;
};

/** Operations on one cluster. */
export type KubePort = {
  readonly get: (
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ) => Promise<KubeObject | undefined>;
  readonly list: (
    apiVersion: string,
    kind: string,
    namespace?: string,
    options?: {readonly labelSelector?: string; readonly fieldSelector?: string},
  ) => Promise<readonly KubeObject[]>;
  /** Server-side apply (field manager `mke-runbook`, force). */
  readonly apply: (object: KubeObject, options?: KubeWriteOptions) => Promise<KubeObject>;
  readonly create: (object: KubeObject, options?: KubeWriteOptions) => Promise<KubeObject>;
  /** True when it deleted something, false when there was nothing to delete. */
  readonly remove: (
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ) => Promise<boolean>;
  readonly version: () => Promise<string>;
  /**
   * Watches one object until `condition` holds and returns it. Re-lists and re-watches on a
   * dropped stream or a 410; rejects with KubeError `timeout` naming `description`.
   */
  readonly waitFor: (
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    condition: (object: KubeObject | undefined) => boolean,
    options: KubeWaitOptions,
  ) => Promise<KubeObject | undefined>;
  /** A container's log, whole or its last lines. */
  readonly logs: (
    name: string,
    namespace: string,
    options?: {readonly container?: string; readonly tailLines?: number},
  ) => Promise<string>;
};
