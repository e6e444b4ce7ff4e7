import path from 'node:path';
import {unzipSync} from 'fflate';
import {z} from 'zod';
import {send, type StandinRequest, type StandinResponse} from '../common/http.js';
import type {StandinContext} from '../common/run-standin.js';
import {connectHosts, fatal, loadConfig, requireLicense, stateDir, writeWithDir} from './common.js';
import {hostMessage, logLine, phaseLine} from './logrus.js';

// `launchpad client-config`: logs in to MKE with the YAML's admin credentials, downloads
// the client bundle and writes it where Launchpad does (0600 for *key.pem, else 0644).

const loginAnswer = z.object({auth_token: z.string().min(1)});

async function mkeRequest(url: string, init: StandinRequest): Promise<StandinResponse> {
  try {
    return await send(url, init);
  } catch (error) {
    throw fatal(
      `failed to connect to MKE: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Downloads and writes the admin client bundle. */
export async function clientConfig(context: StandinContext): Promise<number> {
  await requireLicense(context);
  const {config} = await loadConfig(context);
  const {adminUsername, adminPassword} = config.spec.mke;
  if (!adminUsername || !adminPassword) {
    throw fatal(
      'failed to download admin bundle: spec.mke.adminUsername and spec.mke.adminPassword are required',
    );
  }

  const managers = config.spec.hosts.filter((h) => h.role === 'manager');
  const lines: string[] = [phaseLine('Open Remote Connection')];
  await connectHosts(context, managers);
  lines.push(phaseLine('Detect host operating systems'));
  for (const h of managers)
    lines.push(
      logLine('INFO', hostMessage(h.ssh.address, h.ssh.port, 'is running CentOS Linux 7 (Core)')),
    );
  lines.push(phaseLine('Gather Facts'), phaseLine('Download Client Bundle'));

  const login = await mkeRequest(new URL('/auth/login', context.lab.url).href, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({username: adminUsername, password: adminPassword}),
  });
  const loginText = login.text();
  if (login.status !== 200)
    throw fatal(
      `failed to download admin bundle: failed to get token: ${login.status} ${loginText.trim()}`,
    );
  const token = loginAnswer.safeParse(JSON.parse(loginText) as unknown);
  if (!token.success) throw fatal('failed to download admin bundle: MKE sent no auth_token');

  const bundle = await mkeRequest(new URL('/api/clientbundle', context.lab.url).href, {
    headers: {authorization: `Bearer ${token.data.auth_token}`},
  });
  if (bundle.status !== 200) {
    throw fatal(`failed to download admin bundle: unexpected response code ${bundle.status}`);
  }

  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(bundle.body));
  } catch (error) {
    throw fatal(
      `failed to download admin bundle: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const dir = path.join(
    stateDir(context.env),
    'cluster',
    config.metadata.name,
    'bundle',
    adminUsername,
  );
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/') || name.includes('..')) continue;
    await writeWithDir(path.join(dir, name), content, name.endsWith('key.pem') ? 0o600 : 0o644);
  }

  lines.push(
    phaseLine('Close Connection'),
    logLine('INFO', `Successfully wrote client bundle to ${dir}`),
  );
  await context.play(
    'client-config',
    lines.map((line) => ({line})),
  );
  return 0;
}
