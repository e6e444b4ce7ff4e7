import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseYaml, stringify} from 'yaml';
import {z} from 'zod';

// Helm's repositories.yaml ($HELM_REPOSITORY_CONFIG, else ~/.config/helm/repositories.yaml).

const reposSchema = z.object({
  repositories: z.array(z.object({name: z.string(), url: z.string()})).nullish(),
});

/** A configured chart repository. */
export type Repo = {readonly name: string; readonly url: string};

function reposFile(env: NodeJS.ProcessEnv): string {
  const config = env['XDG_CONFIG_HOME'] ?? path.join(env['HOME'] ?? '.', '.config');
  return env['HELM_REPOSITORY_CONFIG'] ?? path.join(config, 'helm', 'repositories.yaml');
}

/** The configured repositories. */
export async function readRepos(env: NodeJS.ProcessEnv): Promise<Repo[]> {
  const text = await readFile(reposFile(env), 'utf8').catch(() => '');
  const parsed = reposSchema.safeParse(parseYaml(text) ?? {});
  return parsed.success ? (parsed.data.repositories ?? []) : [];
}

/** Saves the repositories. */
export async function writeRepos(env: NodeJS.ProcessEnv, repos: readonly Repo[]): Promise<void> {
  const file = reposFile(env);
  await mkdir(path.dirname(file), {recursive: true});
  const entries = repos.map((r) => ({
    name: r.name,
    url: r.url,
    caFile: '',
    certFile: '',
    keyFile: '',
    insecure_skip_tls_verify: false,
    pass_credentials_all: false,
  }));
  await writeFile(
    file,
    stringify({apiVersion: '', generated: '0001-01-01T00:00:00Z', repositories: entries}),
    {mode: 0o644},
  );
}
