import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseYaml, stringify} from 'yaml';
import {z} from 'zod';
import {StandinExit} from '../common/exit.js';
import type {Standin, StandinContext} from '../common/run-standin.js';
import {applySet, parseHelmArgs, type HelmArgs} from './args.js';
import {chartFor, defaultValuesText, type ChartInfo} from './chart.js';
import {ClusterUnreachable, loadKubeClient, statusMessage, type KubeClient} from './kube-client.js';
import {ansic, goTime, latestByName, listRevisions, saveRevision, type Release} from './release.js';
import {renderChart, renderNotes, type Manifest, type Values} from './render.js';
import {readRepos, writeRepos} from './repos.js';

// The stand-in `helm` (Helm 3): repo add/update, show|inspect values, install,
// upgrade --install, uninstall, status, list, version — for the one chart gitlab/gitlab-runner.

const fail = (message: string) => new StandinExit(1, [`Error: ${message}`]);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(base: Values, over: Values): Values {
  const result: Values = {...base};
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isRecord(current) && isRecord(value) ? merge(current, value) : value;
  }

  return result;
}

/** The chart's values.yaml as a tree (our own asset: a mapping at the top). */
function chartDefaults(text: string): Values {
  const parsed: unknown = parseYaml(text);
  return isRecord(parsed) ? parsed : {};
}

async function chartOf(context: StandinContext, reference: string | undefined): Promise<ChartInfo> {
  if (!reference) throw fail('"helm show values" requires 1 argument');
  const [repo, name] = reference.includes('/') ? reference.split('/', 2) : [undefined, reference];
  if (repo && !(await readRepos(context.env)).some((r) => r.name === repo))
    throw fail(`repo ${repo} not found`);
  if (name !== 'gitlab-runner')
    throw fail(`chart "${name}" not found in ${repo ?? 'local'} repository`);
  const world = z
    .object({chartEra: z.enum(['2021', 'current'])})
    .parse(await context.lab.call('GET', '/_lab/settings'));
  return chartFor(world.chartEra);
}

async function userValues(context: StandinContext, args: HelmArgs): Promise<Values> {
  let values: Values = {};
  for (const file of args.values) {
    let text: string;
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      text = await readFile(path.resolve(context.cwd, file), 'utf8').catch(() => {
        throw fail(`open ${file}: no such file or directory`);
      });
    }

    const parsed: unknown = parseYaml(text);
    if (parsed !== null && !isRecord(parsed))
      throw fail(`failed to parse ${file}: error converting YAML to JSON`);
    values = merge(values, parsed ?? {});
  }

  for (const assignment of args.set) applySet(values, assignment);
  return values;
}

function pathFor(manifest: Manifest, namespace: string, name?: string): string {
  const plural = `${manifest.kind.toLowerCase()}s`;
  const base = manifest.apiVersion === 'v1' ? '/api/v1' : `/apis/${manifest.apiVersion}`;
  return `${base}/namespaces/${namespace}/${plural}${name ? `/${name}` : ''}`;
}

async function reachable(kube: KubeClient, prefix: string): Promise<void> {
  try {
    await kube.request('GET', '/version');
  } catch (error) {
    if (error instanceof ClusterUnreachable)
      throw fail(`${prefix}Kubernetes cluster unreachable: ${error.message}`);
    throw error;
  }
}

async function applyObjects(
  kube: KubeClient,
  objects: readonly Manifest[],
  namespace: string,
  upgrade: boolean,
  prefix: string,
) {
  for (const object of objects) {
    const existing = await kube.request('GET', pathFor(object, namespace, object.metadata.name));
    if (existing.status === 200 && !upgrade) {
      throw fail(
        `${prefix}rendered manifests contain a resource that already exists. Unable to continue with install: ${object.kind} "${object.metadata.name}" in namespace "${namespace}" exists and cannot be imported into the current release`,
      );
    }

    const answer =
      existing.status === 200
        ? await kube.request('PUT', pathFor(object, namespace, object.metadata.name), {
            ...object,
            metadata: {
              ...object.metadata,
              resourceVersion: z
                .object({metadata: z.object({resourceVersion: z.string()})})
                .safeParse(existing.body).data?.metadata.resourceVersion,
            },
          })
        : await kube.request('POST', pathFor(object, namespace), object);
    if (answer.status >= 300) throw fail(`${prefix}${statusMessage(answer.body)}`);
  }
}

const readiness = z.object({
  spec: z
    .object({replicas: z.number().default(1)})
    .partial()
    .optional(),
  status: z.object({readyReplicas: z.number()}).partial().optional(),
});

/** `--wait`: until every Deployment has its replicas ready (Helm's default timeout, 5 minutes). */
async function waitReady(
  kube: KubeClient,
  objects: readonly Manifest[],
  namespace: string,
  prefix: string,
) {
  const deadline = Date.now() + 300_000;
  for (const object of objects.filter((o) => o.kind === 'Deployment')) {
    for (;;) {
      const answer = await kube.request('GET', pathFor(object, namespace, object.metadata.name));
      const parsed = readiness.safeParse(answer.body);
      const wanted = parsed.data?.spec?.replicas ?? 1;
      if ((parsed.data?.status?.readyReplicas ?? 0) >= wanted) break;
      if (Date.now() > deadline) throw fail(`${prefix}timed out waiting for the condition`);
      await new Promise((resolve) => {
        setTimeout(resolve, 200);
      });
    }
  }
}

async function installOrUpgrade(
  context: StandinContext,
  args: HelmArgs,
  mode: 'install' | 'upgrade',
): Promise<number> {
  const [releaseName, reference] = args.positional.slice(1);
  if (!releaseName || !reference) throw fail(`"helm ${mode}" requires 2 arguments`);
  const kube = await loadKubeClient(args.kubeconfig, context.env).catch((error: unknown) => {
    throw fail(
      `Kubernetes cluster unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const namespace = args.namespace ?? kube.defaultNamespace ?? 'default';
  const chart = await chartOf(context, reference);
  const config = await userValues(context, args);
  const values = merge(chartDefaults(await defaultValuesText(chart)), config);
  let prefix = mode === 'install' ? 'INSTALLATION FAILED: ' : 'UPGRADE FAILED: ';
  await reachable(kube, prefix);

  const previous = (await listRevisions(kube, namespace, releaseName)).at(-1);
  const lines: string[] = [];
  if (mode === 'install' && previous && previous.info.status !== 'uninstalled')
    throw fail(`${prefix}cannot re-use a name that is still in use`);
  if (mode === 'upgrade' && !previous) {
    if (!args.flags.has('--install') && !args.flags.has('-i'))
      throw fail(`${prefix}"${releaseName}" has no deployed releases`);
    lines.push(`Release "${releaseName}" does not exist. Installing it now.`);
    prefix = 'INSTALLATION FAILED: ';
  }

  if (args.flags.has('--create-namespace')) {
    await kube.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {name: namespace},
    });
  }

  const namespaceAnswer = await kube.request('GET', `/api/v1/namespaces/${namespace}`);
  if (namespaceAnswer.status === 404)
    throw fail(`${prefix}create: failed to create: namespaces "${namespace}" not found`);

  const objects = renderChart(chart, releaseName, namespace, values);
  await applyObjects(kube, objects, namespace, mode === 'upgrade', prefix);
  const now = new Date();
  const notes = renderNotes(releaseName, values);
  const revision = (previous?.version ?? 0) + 1;
  const release: Release = {
    name: releaseName,
    namespace,
    version: revision,
    info: {
      first_deployed: previous?.info.first_deployed ?? now.toISOString(),
      last_deployed: now.toISOString(),
      deleted: '',
      description: revision === 1 ? 'Install complete' : 'Upgrade complete',
      status: 'deployed',
      notes,
    },
    chart: {metadata: {name: chart.name, version: chart.version, appVersion: chart.appVersion}},
    config,
    manifest: objects
      .map(
        (object) =>
          `---\n# Source: gitlab-runner/templates/${object.kind.toLowerCase()}.yaml\n${stringify(object)}`,
      )
      .join(''),
  };
  if (args.flags.has('--wait')) await waitReady(kube, objects, namespace, prefix);
  if (previous)
    await saveRevision(kube, {...previous, info: {...previous.info, status: 'superseded'}});
  await saveRevision(kube, release);

  if (mode === 'upgrade' && previous)
    lines.push(`Release "${releaseName}" has been upgraded. Happy Helming!`);
  lines.push(
    `NAME: ${releaseName}`,
    `LAST DEPLOYED: ${ansic(now)}`,
    `NAMESPACE: ${namespace}`,
    'STATUS: deployed',
    `REVISION: ${revision}`,
    'TEST SUITE: None',
    'NOTES:',
    ...notes.split('\n'),
  );
  await context.play(mode, [{pause: 500}, ...lines.map((line) => ({line}))]);
  return 0;
}

async function uninstall(context: StandinContext, args: HelmArgs): Promise<number> {
  const releaseName = args.positional[1];
  if (!releaseName) throw fail('"helm uninstall" requires at least 1 argument');
  const kube = await loadKubeClient(args.kubeconfig, context.env).catch(() => {
    throw fail('Kubernetes cluster unreachable');
  });
  const namespace = args.namespace ?? kube.defaultNamespace ?? 'default';
  await reachable(kube, '');
  const revisions = await listRevisions(kube, namespace, releaseName);
  const latest = revisions.at(-1);
  if (!latest) throw fail(`uninstall: Release not loaded: ${releaseName}: release: not found`);
  const chart = chartFor(latest.chart.metadata.version === '0.86.0' ? 'current' : '2021');
  const values = merge(chartDefaults(await defaultValuesText(chart)), latest.config);
  for (const object of renderChart(chart, releaseName, namespace, values).reverse()) {
    await kube.request('DELETE', pathFor(object, namespace, object.metadata.name));
  }

  for (const revision of revisions) {
    await kube.request(
      'DELETE',
      `/api/v1/namespaces/${namespace}/secrets/sh.helm.release.v1.${releaseName}.v${revision.version}`,
    );
  }

  await context.play('uninstall', [{pause: 200}, {line: `release "${releaseName}" uninstalled`}]);
  return 0;
}

function listElement(release: Release) {
  return {
    name: release.name,
    namespace: release.namespace,
    revision: String(release.version),
    updated: goTime(new Date(release.info.last_deployed)),
    status: release.info.status,
    chart: `${release.chart.metadata.name}-${release.chart.metadata.version}`,
    app_version: release.chart.metadata.appVersion,
  };
}

async function statusOrList(
  context: StandinContext,
  args: HelmArgs,
  command: 'status' | 'list',
): Promise<number> {
  const kube = await loadKubeClient(args.kubeconfig, context.env).catch((error: unknown) => {
    throw fail(
      `Kubernetes cluster unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  await reachable(kube, '');
  const allNamespaces = args.flags.has('-A') || args.flags.has('--all-namespaces');
  const namespace = allNamespaces
    ? undefined
    : (args.namespace ?? kube.defaultNamespace ?? 'default');
  const json = args.output === 'json';
  let lines: string[];
  if (command === 'status') {
    const name = args.positional[1];
    if (!name) throw fail('"helm status" requires 1 argument');
    const release = (await listRevisions(kube, namespace, name)).at(-1);
    if (!release) throw fail('release: not found');
    const {chart: _chart, ...shown} = release;
    lines = json
      ? [JSON.stringify(shown)]
      : [
          `NAME: ${release.name}`,
          `LAST DEPLOYED: ${ansic(new Date(release.info.last_deployed))}`,
          `NAMESPACE: ${release.namespace}`,
          `STATUS: ${release.info.status}`,
          `REVISION: ${release.version}`,
          'TEST SUITE: None',
          'NOTES:',
          ...release.info.notes.split('\n'),
        ];
  } else {
    const all = args.flags.has('-a') || args.flags.has('--all');
    const releases = latestByName(await listRevisions(kube, namespace)).filter(
      (r) => all || r.info.status === 'deployed' || r.info.status === 'failed',
    );
    const rows = releases.map((r) => listElement(r));
    if (json) {
      lines = [
        JSON.stringify(
          args.flags.has('-q') || args.flags.has('--short') ? rows.map((r) => r.name) : rows,
        ),
      ];
    } else {
      const table = [
        ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
        ...rows.map((r) => Object.values(r)),
      ];
      const widths = table[0]!.map((_, i) =>
        Math.max(...table.map((row) => (row[i] ?? '').length)),
      );
      lines = table.map((row) =>
        row
          .map((cell, i) => (cell ?? '').padEnd((widths[i] ?? 0) + 1))
          .join('\t')
          .trimEnd(),
      );
    }
  }

  await context.play(
    command,
    lines.map((line) => ({line})),
  );
  return 0;
}

async function repo(context: StandinContext, args: HelmArgs): Promise<number> {
  const [, sub, name, url] = args.positional;
  const repos = await readRepos(context.env);
  if (sub === 'add') {
    if (!name || !url) throw fail('"helm repo add" requires 2 arguments');
    const existing = repos.find((r) => r.name === name);
    if (existing?.url === url) {
      await context.play('repo', [
        {line: `"${name}" already exists with the same configuration, skipping`},
      ]);
      return 0;
    }

    if (existing && !args.flags.has('--force-update'))
      throw fail(`repository name (${name}) already exists, please specify a different name`);
    await writeRepos(context.env, [...repos.filter((r) => r.name !== name), {name, url}]);
    await context.play('repo', [
      {pause: 300},
      {line: `"${name}" has been added to your repositories`},
    ]);
    return 0;
  }

  if (sub === 'update') {
    if (repos.length === 0) throw fail('no repositories found. You must add one before updating');
    const lines = [
      'Hang tight while we grab the latest from your chart repositories...',
      ...repos.map((r) => `...Successfully got an update from the "${r.name}" chart repository`),
      'Update Complete. ⎈Happy Helming!⎈',
    ];
    await context.play('repo', [
      {line: lines[0]!},
      {pause: 400},
      ...lines.slice(1).map((line) => ({line})),
    ]);
    return 0;
  }

  if (sub === 'list') {
    if (repos.length === 0) throw fail('no repositories to show');
    await context.play(
      'repo',
      ['NAME\tURL', ...repos.map((r) => `${r.name}\t${r.url}`)].map((line) => ({line})),
    );
    return 0;
  }

  throw fail(`unknown command "${sub ?? ''}" for "helm repo"`);
}

/** The stand-in `helm`. */
export const helm: Standin = async (context) => {
  const args = parseHelmArgs(context.args);
  const [command = ''] = args.positional;
  switch (command) {
    case 'repo': {
      return repo(context, args);
    }

    case 'show':
    case 'inspect': {
      if (args.positional[1] !== 'values')
        throw fail(`unknown command "${args.positional[1] ?? ''}" for "helm ${command}"`);
      const chart = await chartOf(context, args.positional[2]);
      const text = await defaultValuesText(chart);
      await context.play(
        'show',
        text
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => ({line})),
      );
      return 0;
    }

    case 'install': {
      return installOrUpgrade(context, args, 'install');
    }

    case 'upgrade': {
      return installOrUpgrade(context, args, 'upgrade');
    }

    case 'uninstall':
    case 'delete': {
      return uninstall(context, args);
    }

    case 'status':
    case 'list':
    case 'ls': {
      return statusOrList(context, args, command === 'status' ? 'status' : 'list');
    }

    case 'version': {
      const short = args.flags.has('--short');
      await context.play('version', [
        {
          line: short
            ? 'v3.7.1+g1d11fcb'
            : 'version.BuildInfo{Version:"v3.7.1", GitCommit:"1d11fcb5d3f3bf00dbe6fe31b8412839a96b3dc4", GitTreeState:"clean", GoVersion:"go1.16.9"}',
        },
      ]);
      return 0;
    }

    default: {
      throw fail(`unknown command "${command}" for "helm"\nRun 'helm --help' for usage.`);
    }
  }
};
