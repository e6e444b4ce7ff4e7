import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import {z} from 'zod';
import {send} from '../common/http.js';

// helm's way into the cluster: the kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config),
// its current context's server, CA and bearer token; JSON over HTTPS.

const kubeconfigSchema = z.object({
  'current-context': z.string().optional(),
  clusters: z.array(
    z.object({
      name: z.string(),
      cluster: z.object({
        server: z.string(),
        'certificate-authority-data': z.string().optional(),
        'certificate-authority': z.string().optional(),
      }),
    }),
  ),
  contexts: z.array(
    z.object({
      name: z.string(),
      context: z.object({cluster: z.string(), user: z.string(), namespace: z.string().optional()}),
    }),
  ),
  users: z.array(z.object({name: z.string(), user: z.object({token: z.string().optional()})})),
});

/** A Kubernetes client as much as helm needs. */
export type KubeClient = {
  readonly server: string;
  readonly defaultNamespace: string | undefined;
  /** Sends JSON; answers the status and the parsed body (`unknown`). */
  readonly request: (
    method: string,
    apiPath: string,
    body?: unknown,
    contentType?: string,
  ) => Promise<{status: number; body: unknown}>;
};

/** helm's error for a cluster it cannot reach or a kubeconfig it cannot use. */
export class ClusterUnreachable extends Error {}

/** Loads the kubeconfig helm would use. */
export async function loadKubeClient(
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<KubeClient> {
  const chosen =
    file ??
    env['KUBECONFIG']?.split(path.delimiter)[0] ??
    path.join(env['HOME'] ?? '.', '.kube', 'config');
  const text = await readFile(chosen, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new ClusterUnreachable(
      'Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused',
    );
  }

  const parsed = kubeconfigSchema.safeParse(parseYaml(text) as unknown);
  if (!parsed.success)
    throw new ClusterUnreachable(
      `error loading config file "${chosen}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const config = parsed.data;
  const context =
    config.contexts.find((c) => c.name === config['current-context']) ?? config.contexts[0];
  const cluster = config.clusters.find((c) => c.name === context?.context.cluster);
  const user = config.users.find((u) => u.name === context?.context.user);
  if (!context || !cluster)
    throw new ClusterUnreachable('invalid configuration: no configuration has been provided');
  const caFile = cluster.cluster['certificate-authority'];
  const ca = cluster.cluster['certificate-authority-data']
    ? Buffer.from(cluster.cluster['certificate-authority-data'], 'base64').toString('utf8')
    : caFile
      ? await readFile(path.resolve(path.dirname(chosen), caFile), 'utf8')
      : undefined;
  const server = cluster.cluster.server.replace(/\/$/, '');
  const token = user?.user.token;

  return {
    server,
    defaultNamespace: context.context.namespace,
    async request(method, apiPath, body, contentType = 'application/json') {
      let response;
      try {
        response = await send(`${server}${apiPath}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(token ? {authorization: `Bearer ${token}`} : {}),
            ...(body === undefined ? {} : {'content-type': contentType}),
          },
          ...(body === undefined ? {} : {body: JSON.stringify(body)}),
          ...(ca ? {ca} : {}),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ClusterUnreachable(`Get "${server}/version": ${reason}`);
      }

      const raw = response.text();
      let parsedBody: unknown = raw;
      try {
        parsedBody = JSON.parse(raw) as unknown;
      } catch {
        // Not JSON: keep the text (a 500 from a fault, say).
      }

      return {status: response.status, body: parsedBody};
    },
  };
}

/** The `message` of a Kubernetes Status body, else the body as text. */
export function statusMessage(body: unknown): string {
  const parsed = z.object({message: z.string()}).safeParse(body);
  return parsed.success
    ? parsed.data.message
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
}
