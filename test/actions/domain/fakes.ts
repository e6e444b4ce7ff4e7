import type {ActionContext} from '../../../source/actions/types.js';
import type {
  FilesPort,
  HttpPort,
  HttpRequest,
  HttpResponse,
  Ports,
  ProcessPort,
  RunOptions,
  RunResult,
} from '../../../source/integrations/ports.js';
import {KubeError, type KubeObject, type KubePort} from '../../../source/integrations/kube-port.js';

/** A recorded call on a fake. */
export type Call = {readonly op: string; readonly detail: unknown};

/** An in-memory cluster: objects by `kind/namespace/name`, every call recorded. */
export function fakeKube(initial: readonly KubeObject[] = [], hooks: Partial<KubePort> = {}) {
  const store = new Map<string, KubeObject>();
  const key = (kind: string, name: string, namespace?: string) =>
    `${kind}/${namespace ?? ''}/${name}`;
  for (const object of initial)
    store.set(key(object.kind, object.metadata.name, object.metadata.namespace), object);
  const calls: Call[] = [];
  const port: KubePort = {
    async get(_apiVersion, kind, name, namespace) {
      calls.push({op: 'get', detail: [kind, name, namespace]});
      return store.get(key(kind, name, namespace));
    },
    async list(_apiVersion, kind, namespace) {
      calls.push({op: 'list', detail: [kind, namespace]});
      return [...store.values()].filter(
        (o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace),
      );
    },
    async apply(object, options) {
      calls.push({op: 'apply', detail: {object, options}});
      store.set(key(object.kind, object.metadata.name, object.metadata.namespace), object);
      return object;
    },
    async create(object, options) {
      calls.push({op: 'create', detail: {object, options}});
      return object;
    },
    async remove(_apiVersion, kind, name, namespace) {
      calls.push({op: 'remove', detail: [kind, name, namespace]});
      return store.delete(key(kind, name, namespace));
    },
    async version() {
      return 'v1.20.15';
    },
    async waitFor(_apiVersion, kind, name, namespace, condition) {
      const object = store.get(key(kind, name, namespace));
      if (condition(object)) return object;
      throw new KubeError('timeout', `Timed out waiting for ${kind} ${name}`, 'not ready');
    },
    async logs() {
      return '';
    },
    ...hooks,
  };
  return {port, calls, store};
}

/** Files in memory. */
export function fakeFiles(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const port: FilesPort = {
    async readText(file) {
      return files.get(file);
    },
    async writeText(file, content) {
      files.set(file, content);
    },
    async remove(file) {
      files.delete(file);
    },
    async exists(file) {
      return files.has(file);
    },
  };
  return {port, files};
}

/** A scripted HTTP server: a handler per request, every request recorded. */
export function fakeHttp(handler: (request: HttpRequest) => {status: number; body: string}) {
  const requests: HttpRequest[] = [];
  const port: HttpPort = {
    async request(request) {
      requests.push(request);
      const {status, body} = handler(request);
      const bytes = new TextEncoder().encode(body);
      const response: HttpResponse = {status, headers: {}, body: bytes, text: () => body};
      return response;
    },
  };
  return {port, requests};
}

/** Programs that print scripted lines. */
export function fakeProcess(
  programs: Record<string, (args: readonly string[]) => {lines: string[]; exitCode?: number}>,
) {
  const runs: Array<{file: string; args: readonly string[]; options: RunOptions | undefined}> = [];
  const port: ProcessPort = {
    async run(file, args, options): Promise<RunResult> {
      runs.push({file, args, options});
      const program = programs[file];
      if (!program)
        return {
          exitCode: undefined,
          signal: undefined,
          cancelled: false,
          timedOut: false,
          tail: [],
          spawnError: `spawn ${file} ENOENT`,
        };
      const {lines, exitCode = 0} = program(args);
      options?.onLines?.(lines, 'stdout');
      return {
        exitCode,
        signal: undefined,
        cancelled: false,
        timedOut: false,
        tail: lines.slice(-5),
      };
    },
    async which(file) {
      return programs[file] ? `/usr/bin/${file}` : undefined;
    },
  };
  return {port, runs};
}

/** An action context over the fakes; output lines are collected. */
export function fakeContext(
  parts: {
    kube?: KubePort;
    files?: FilesPort;
    http?: HttpPort;
    process?: ProcessPort;
    secrets?: Record<string, string>;
    simulated?: boolean;
    workdir?: string;
  } = {},
) {
  const lines: Array<{stream: string; line: string}> = [];
  const kubeconfigs: string[] = [];
  const ports: Ports = {
    process: parts.process ?? fakeProcess({}).port,
    files: parts.files ?? fakeFiles().port,
    http: parts.http ?? fakeHttp(() => ({status: 500, body: 'no server'})).port,
    kube: async (kubeconfig) => {
      kubeconfigs.push(kubeconfig);
      return parts.kube ?? fakeKube().port;
    },
    simulated: parts.simulated ?? false,
    home: '/home/user',
  };
  const ctx: ActionContext = {
    signal: new AbortController().signal,
    output(chunk, stream = 'stdout') {
      for (const line of chunk) lines.push({stream, line});
    },
    ports,
    workdir: parts.workdir ?? '/work/profile',
    lang: 'en',
    prompter: {
      askParam: async () => '',
      confirm: async () => true,
      choose: async () => '',
    },
    assumeYes: true,
    secrets: parts.secrets ?? {},
  };
  return {ctx, lines, kubeconfigs, text: () => lines.map((entry) => entry.line).join('\n')};
}
