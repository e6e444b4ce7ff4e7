import {gunzipSync, gzipSync} from 'node:zlib';
import {z} from 'zod';
import type {KubeClient} from './kube-client.js';

// Helm 3's release storage: one Secret per revision, `sh.helm.release.v1.<name>.v<N>`, type
// `helm.sh/release.v1`, labels name/owner/status/version, and `data.release` holding the
// release JSON gzipped and base64-encoded (then base64-encoded again as Secret data).

/** A stored release, as `helm status -o json` shows it (plus the chart for `list`). */
export type Release = {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed: string;
    last_deployed: string;
    deleted: string;
    description: string;
    status: string;
    notes: string;
  };
  chart: {metadata: {name: string; version: string; appVersion: string}};
  config: Record<string, unknown>;
  manifest: string;
};

const releaseSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  version: z.number(),
  info: z.object({
    first_deployed: z.string(),
    last_deployed: z.string(),
    deleted: z.string().default(''),
    description: z.string().default(''),
    status: z.string(),
    notes: z.string().default(''),
  }),
  chart: z.object({
    metadata: z.object({name: z.string(), version: z.string(), appVersion: z.string().default('')}),
  }),
  config: z.record(z.string(), z.unknown()).default({}),
  manifest: z.string().default(''),
});

const secretList = z.object({
  items: z.array(
    z.object({
      metadata: z.object({name: z.string(), namespace: z.string().optional()}),
      data: z.object({release: z.string()}).partial().optional(),
    }),
  ),
});

/** The Secret that stores a revision. */
export function releaseSecret(release: Release): unknown {
  const packed = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${release.name}.v${release.version}`,
      namespace: release.namespace,
      labels: {
        name: release.name,
        owner: 'helm',
        status: release.info.status,
        version: String(release.version),
      },
    },
    data: {release: Buffer.from(packed).toString('base64')},
  };
}

function decode(data: string): Release | undefined {
  try {
    const packed = Buffer.from(Buffer.from(data, 'base64').toString('utf8'), 'base64');
    const parsed = releaseSchema.safeParse(
      JSON.parse(gunzipSync(packed).toString('utf8')) as unknown,
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every stored revision in a namespace (all namespaces when undefined), newest last per name. */
export async function listRevisions(
  kube: KubeClient,
  namespace: string | undefined,
  name?: string,
): Promise<Release[]> {
  const selector = encodeURIComponent(`owner=helm${name ? `,name=${name}` : ''}`);
  const base = namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets';
  const answer = await kube.request('GET', `${base}?labelSelector=${selector}`);
  if (answer.status !== 200) return [];
  const parsed = secretList.safeParse(answer.body);
  if (!parsed.success) return [];
  return parsed.data.items
    .flatMap((item) => {
      const release = item.data?.release ? decode(item.data.release) : undefined;
      return release ? [release] : [];
    })
    .sort((a, b) => a.version - b.version);
}

/** The newest revision of each release. */
export function latestByName(revisions: readonly Release[]): Release[] {
  const latest = new Map<string, Release>();
  for (const release of revisions) latest.set(`${release.namespace}/${release.name}`, release);
  return [...latest.values()];
}

/** Writes a revision's Secret (create, or replace when it exists). */
export async function saveRevision(kube: KubeClient, release: Release): Promise<void> {
  const secret = releaseSecret(release);
  const path = `/api/v1/namespaces/${release.namespace}/secrets`;
  const name = `sh.helm.release.v1.${release.name}.v${release.version}`;
  const created = await kube.request('POST', path, secret);
  if (created.status === 409) await kube.request('PUT', `${path}/${name}`, secret);
}

/** Go's time.String() for a date: `2006-01-02 15:04:05.000000000 +0000 UTC`. */
export function goTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000 UTC`;
}

/** `LAST DEPLOYED: Mon Jan  2 15:04:05 2006` (Go's ANSIC). */
export function ansic(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${day} ${date.toISOString().slice(11, 19)} ${date.getUTCFullYear()}`;
}
