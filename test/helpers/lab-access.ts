// Ways a test reaches a lab it started: a kubeconfig file for a token, and running a program
// (kubectl, a stand-in) against it without a shell.
import {execFile} from 'node:child_process';
import {writeFile} from 'node:fs/promises';

/** What a program printed and how it ended. */
export type ProgramResult = {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
};

/** Runs `file` with `args` (no shell); never throws: a failure is a non-zero code (1 when killed). */
export async function runProgram(
  file: string,
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly env: Readonly<Record<string, string>>;
    readonly input?: string;
    readonly timeoutMs?: number;
  },
): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        ...(options.cwd === undefined ? {} : {cwd: options.cwd}),
        env: options.env,
        encoding: 'utf8',
        ...(options.timeoutMs === undefined ? {} : {timeout: options.timeoutMs}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, stdout, stderr});
      },
    );
    child.stdin?.end(options.input);
  });
}

/** Writes a kubeconfig for `token` at `file`: verified against `ca` when given, else TLS unchecked. */
export async function writeKubeconfig(
  file: string,
  server: {readonly url: string; readonly token: string; readonly ca?: string},
): Promise<void> {
  const trust = server.ca
    ? `certificate-authority-data: ${Buffer.from(server.ca).toString('base64')}`
    : 'insecure-skip-tls-verify: true';
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: lab\n  cluster:\n    server: ${server.url}\n    ${trust}`,
      'users:',
      `- name: admin\n  user:\n    token: ${server.token}`,
      'contexts:',
      '- name: lab\n  context:\n    cluster: lab\n    user: admin',
      'current-context: lab',
      '',
    ].join('\n'),
    {mode: 0o600},
  );
}
