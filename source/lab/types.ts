import type {IncomingMessage, ServerResponse} from 'node:http';

// Internal contracts of the simulated lab (source/lab/). The Kubernetes API server
// (source/lab/kube/), the MKE and GitLab APIs, the controllers and the stand-in CLIs meet here.

/** A stored Kubernetes object (plain JSON). */
export type LabObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generateName?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: unknown[];
    managedFields?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Who is making a request, after authentication and impersonation. */
export type LabUser = {
  /** `admin`, or `system:serviceaccount:<ns>:<name>`, or another MKE user. */
  readonly name: string;
  readonly groups: readonly string[];
  /** True for MKE admins (the admin's token from the client bundle). */
  readonly mkeAdmin: boolean;
};

/** A change to the object store, as a watch sees it. */
export type WatchEvent = {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: LabObject;
};

/** What admission sees of a write. */
export type AdmissionRequest = {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly user: LabUser;
  /** Plural resource name, e.g. `pods`. */
  readonly resource: string;
  readonly group: string;
  readonly namespace: string | undefined;
  readonly object: LabObject;
  readonly oldObject?: LabObject;
  readonly dryRun: boolean;
};

/** An admission plugin's answer: allow (possibly mutating the object) or deny with a Status message. */
export type AdmissionResult =
  | {readonly allowed: true; readonly object?: LabObject}
  | {
      readonly allowed: false;
      readonly code: number;
      readonly reason: string;
      readonly message: string;
    };

/** An admission plugin (PSP, UCPAuthorization…); runs in order, the first denial wins. */
export type AdmissionPlugin = {
  readonly name: string;
  readonly admit: (request: AdmissionRequest) => AdmissionResult | Promise<AdmissionResult>;
};

/** An extra HTTP route of the lab (MKE API, GitLab API, control API). Return false to pass. */
export type LabRoute = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

/**
 * Wraps every request of the lab server (fault injection, logging): call `next()` to go on,
 * or answer/hang/destroy the socket yourself.
 */
export type LabMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  next: () => Promise<void>,
) => void | Promise<void>;

/** The lab's world outside Kubernetes objects; persisted in world.json. */
export type LabWorld = {
  /** The key the lab signs its bearer tokens with (`newAuthKey()` in kube/auth.ts); made once per world. */
  auth?: {key: string};
  /** The lab's HTTPS certificate and key (PEM, `createSelfSignedCertificate()` in kube/tls.ts); also the bundle's ca.pem. */
  tls?: {cert: string; key: string};
  /** VMs by name: node1..node3. */
  vms: Record<
    string,
    {state: 'not_created' | 'running' | 'poweroff'; address: string; memory: number}
  >;
  mke: {
    installed: boolean;
    version?: string;
    /** Address MKE answers on (the manager's), and its SANs. */
    address?: string;
    adminUsername?: string;
    /** scrypt hash of the admin password: the lab keeps no secret in plain text. */
    adminPasswordHash?: string;
    /** MKE's configuration file, TOML text. */
    configToml: string;
    clusterName?: string;
  };
  /** Which GitLab Runner chart the lab's `helm` serves: 2021 (0.37.x) or current (0.86.0). */
  chartEra: '2021' | 'current';
  /** Settings of the lab itself, changed through `/_lab/…`; absent = defaults. */
  control?: {
    /** False: `vagrant up` refuses host-only addresses outside 192.168.56.0/21, as VirtualBox ≥ 6.1.28 does without /etc/vbox/networks.conf. Default true. */
    hostOnlyAnyRange?: boolean;
    /** Overrides MKE_RUNBOOK_LAB_SPEED for the stand-ins (0 = instant). */
    speed?: number;
  };
  gitlab: {
    projectId: number;
    /** Runner tokens the lab's GitLab accepts (hashes). */
    runnerTokenHashes: string[];
    /** Personal access token hash for the API. */
    apiTokenHash?: string;
    nextPipelineId: number;
    nextJobId: number;
    pipelines: Array<{
      id: number;
      status: string;
      ref: string;
      createdAt: string;
      jobIds: number[];
    }>;
    jobs: Array<{
      id: number;
      pipelineId: number;
      name: string;
      stage: string;
      status: string;
      failureReason?: string;
      trace: string;
      createdAt: string;
      startedAt?: string;
      finishedAt?: string;
      /** The build pod the lab's runner made for the job, once it exists. */
      podName?: string;
    }>;
  };
};
