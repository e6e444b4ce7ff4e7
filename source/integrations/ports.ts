import type {KubePort} from './kube-port.js';

// The typed edges of the app. Only source/cli.ts builds the real ones (process.ts,
// files.ts, http.ts, kube.ts); tests pass fakes that the type checker keeps honest.

/** Options for running a child process (never through a shell). */
export type RunOptions = {
  readonly cwd?: string;
  /** Added to the child's environment (secrets travel here, never in argv). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, then closed. */
  readonly stdin?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Called with complete lines as they arrive; a returned promise pauses reading until it settles (back-pressure). */
  readonly onLines?: (
    lines: readonly string[],
    stream: 'stdout' | 'stderr',
  ) => void | Promise<void>;
  /** Output that need not come back line by line (ignored when `onLines` is given). */
  readonly stream?: OutputStream;
};

/** Recent lines of a command's output, in the order they came, grouped by stream. */
export type OutputSample = ReadonlyArray<{
  readonly stream: 'stdout' | 'stderr';
  readonly lines: readonly string[];
}>;

/**
 * Where a command's output goes when the caller only shows its latest lines: appended to a
 * log file, secrets masked, by the port itself — off the caller's thread where it can, so a
 * busy caller never holds up a fast child — with a sample of the latest lines now and then.
 */
export type OutputStream = {
  /** Appended to (the caller writes nothing to it until the run ends). */
  readonly logPath: string;
  /** Values masked, in every form the redactor knows, before anything is written or sampled. */
  readonly secrets: readonly string[];
  /** At most this many lines per sample: the latest. */
  readonly sampleLines: number;
  readonly onSample: (sample: OutputSample) => void;
};

/** How a child process ended. */
export type RunResult = {
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  /** The last lines of stderr and stdout (bounded), for error messages. */
  readonly tail: readonly string[];
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: string;
  /** Set when a `stream` run's output could not all be written to its log (a full disk). */
  readonly logError?: string;
};

/** Runs programs with argument arrays. */
export type ProcessPort = {
  readonly run: (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;
  /** The absolute path of a program on the child PATH, if any. */
  readonly which: (file: string) => Promise<string | undefined>;
  /** Gets ready for `stream` runs ahead of the first (an interface calls it once it is up). */
  readonly warm?: () => void;
};

/** Reads and writes files; writes are atomic (temp file + rename). */
export type FilesPort = {
  readonly readText: (file: string) => Promise<string | undefined>;
  readonly writeText: (file: string, content: string, mode?: number) => Promise<void>;
  readonly remove: (file: string) => Promise<void>;
  readonly exists: (file: string) => Promise<boolean>;
};

/** An HTTP request. */
export type HttpRequest = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs?: number;
  /** Accept a self-signed certificate (MKE's default CA). */
  readonly insecure?: boolean;
  readonly signal?: AbortSignal;
};

/** An HTTP response, body read whole (bounded by the integration). */
export type HttpResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly text: () => string;
};

/** HTTP to MKE and GitLab. In simulate mode, the lab's addresses are routed to the lab. */
export type HttpPort = {
  readonly request: (request: HttpRequest) => Promise<HttpResponse>;
};

/** Everything an action may reach. */
export type Ports = {
  readonly process: ProcessPort;
  readonly files: FilesPort;
  readonly http: HttpPort;
  /** A Kubernetes client for a kubeconfig file, loaded lazily (client-node is heavy). */
  readonly kube: (kubeconfigPath: string) => Promise<KubePort>;
  /** True when the target is the simulated lab (then all HTTP goes to the lab, and children see the lab's PATH). */
  readonly simulated: boolean;
  /** HOME as child processes see it (`{{ home }}` in templates): the lab gives its own, so a real ~/.mirantis-launchpad is never touched. */
  readonly home: string;
};
