import http from 'node:http';
import https from 'node:https';
import {KubeConfig} from '@kubernetes/client-node';

/** client-node's KubeConfig, reusing connections, with a plain GET for what needs no typed API. */
export type PooledKubeConfig = KubeConfig & {
  readonly getText: (apiPath: string) => Promise<string>;
};

const getTimeoutMs = 30_000;

/**
 * A KubeConfig whose requests share one keep-alive agent. client-node makes a new agent for
 * every request, so every request to the API paid a TCP connect and a TLS handshake; a
 * reconcile's probes paid it many times over.
 */
export function createPooledKubeConfig(): PooledKubeConfig {
  return new Pooled();
}

class Pooled extends KubeConfig {
  #agent: Promise<http.Agent> | undefined;

  override async applySecurityAuthentication(
    context: Parameters<KubeConfig['applySecurityAuthentication']>[0],
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    context.setAgent(await this.sharedAgent());
  }

  override async applyToFetchOptions(
    options: https.RequestOptions,
  ): ReturnType<KubeConfig['applyToFetchOptions']> {
    const init = await super.applyToFetchOptions(options);
    return {...init, agent: await this.sharedAgent()};
  }

  /** GETs a path of the API as text through the shared agent; a non-2xx throws `{code, body}` as client-node does. */
  async getText(apiPath: string): Promise<string> {
    const options: https.RequestOptions = {};
    await super.applyToHTTPSOptions(options);
    const cluster = this.getCurrentCluster();
    if (!cluster) {
      const context = this.getCurrentContext();
      throw new Error(
        context
          ? `the kubeconfig's current context "${context}" names no cluster it defines`
          : 'the kubeconfig has no current context (set current-context to one of its contexts)',
      );
    }

    const url = new URL(`${cluster.server.replace(/\/+$/, '')}${apiPath}`);
    const agent = await this.sharedAgent();
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'GET',
          agent,
          headers: {...options.headers, accept: '*/*'},
          ...(options.auth ? {auth: options.auth} : {}),
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('error', reject);
          response.on('end', () => {
            const code = response.statusCode ?? 0;
            if (code >= 200 && code < 300) resolve(body);
            else reject(Object.assign(new Error(`HTTP ${code}`), {code, body}));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.setTimeout(getTimeoutMs, () => {
        outgoing.destroy(
          new Error(`ETIMEDOUT: no answer to GET ${apiPath} in ${getTimeoutMs / 1000} s`),
        );
      });
      outgoing.end();
    });
  }

  async sharedAgent(): Promise<http.Agent> {
    this.#agent ??= this.makeAgent();
    return this.#agent;
  }

  async makeAgent(): Promise<http.Agent> {
    // The same TLS material client-node would put on its own per-request agent.
    const options: https.RequestOptions = {};
    await super.applyToHTTPSOptions(options);
    const server = this.getCurrentCluster()?.server ?? '';
    if (server.startsWith('http:')) return new http.Agent({keepAlive: true});
    return new https.Agent({
      keepAlive: true,
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
      servername: options.servername,
      ...(options.rejectUnauthorized === undefined
        ? {}
        : {rejectUnauthorized: options.rejectUnauthorized}),
    });
  }
}
