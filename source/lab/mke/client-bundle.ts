import {generateKeyPairSync} from 'node:crypto';
import {strToU8, zipSync} from 'fflate';
import {stringify} from 'yaml';

/** What goes into a client bundle. */
export type BundleInput = {
  /** The lab's URL: kube.yml points kubectl and client-node at it. */
  readonly serverUrl: string;
  /** The address MKE answers on (the manager's), as a real bundle names its cluster. */
  readonly mkeAddress: string;
  readonly username: string;
  /** The user's bearer token for the lab's Kubernetes API. */
  readonly token: string;
  readonly label?: string;
  /** The lab's own certificate when it serves HTTPS: it is its own CA, so it is ca.pem. */
  readonly caPem?: string;
};

// The lab authenticates by bearer token, so kube.yml carries a token instead of MKE's client
// certificate. ca.pem is the lab's own certificate when it serves HTTPS (kube.yml embeds it as
// certificate-authority-data); otherwise, and for cert.pem, a placeholder shaped like PEM that
// nothing verifies. key.pem and cert.pub are a real key pair.
function placeholderPem(kind: string, text: string): string {
  const body = Buffer.from(`mke-runbook simulated lab: ${text}`).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n-----END ${kind}-----\n`;
}

/** The kubeconfig (`kube.yml`) of a client bundle. */
export function bundleKubeconfig(input: BundleInput): string {
  const name = `ucp_${input.mkeAddress}:6443_${input.username}`;
  return stringify({
    apiVersion: 'v1',
    clusters: [
      {
        cluster: {
          ...(input.caPem && input.serverUrl.startsWith('https:')
            ? {'certificate-authority-data': Buffer.from(input.caPem).toString('base64')}
            : {}),
          server: input.serverUrl,
        },
        name,
      },
    ],
    contexts: [{context: {cluster: name, user: name}, name}],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{name, user: {token: input.token}}],
  });
}

function envScript(input: BundleInput): string {
  return [
    'export DOCKER_TLS_VERIFY=1',
    'export COMPOSE_TLS_VERSION=TLSv1_2',
    'export DOCKER_CERT_PATH="$(pwd)"',
    `export DOCKER_HOST=tcp://${input.mkeAddress}:443`,
    '',
    '# Run this command from within this directory to configure your shell:',
    '# eval "$(<env.sh)"',
    '',
    'if kubectl >/dev/null 2>&1; then',
    '    export KUBECONFIG="$(pwd)/kube.yml"',
    'fi',
    '',
  ].join('\n');
}

/** The client bundle ZIP as MKE's `/api/clientbundle` returns it. */
export function clientBundleZip(input: BundleInput): Uint8Array {
  const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
  const meta = JSON.stringify({
    Name: input.label ?? `${input.username} bundle`,
    Description: `${input.username} client bundle for the mke-runbook simulated lab`,
    Endpoints: {
      docker: {Host: `tcp://${input.mkeAddress}:443`, SkipTLSVerify: false},
      kubernetes: {Host: input.serverUrl, SkipTLSVerify: false},
    },
  });
  return zipSync({
    'ca.pem': strToU8(
      input.caPem ?? placeholderPem('CERTIFICATE', `MKE CA for ${input.mkeAddress}`),
    ),
    'cert.pem': strToU8(placeholderPem('CERTIFICATE', `client certificate of ${input.username}`)),
    'key.pem': strToU8(privateKey.export({type: 'pkcs8', format: 'pem'}).toString()),
    'cert.pub': strToU8(publicKey.export({type: 'spki', format: 'pem'}).toString()),
    'kube.yml': strToU8(bundleKubeconfig(input)),
    'env.sh': strToU8(envScript(input)),
    'ucp-docker-bundle.zip': zipSync({'meta.json': strToU8(meta)}),
  });
}
