// Runs the bundled CLI with an argument array (no shell) and reads its `--json` events.
import {spawn} from 'node:child_process';
import {z} from 'zod';
import {cliPath, repoRoot} from './lab.js';

/** How a CLI run ended, with its output. */
export type CliRun = {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
};

/** Runs `node dist/cli.js ARGS` to its end. */
export async function runBundledCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => {
    child.on('close', (exitCode) => {
      resolve(exitCode);
    });
  });
  return {code, stdout, stderr, wallMs: performance.now() - started};
}

const eventSchema = z.discriminatedUnion('type', [
  z.object({type: z.literal('reconcile-started'), at: z.number()}),
  z.object({
    type: z.literal('reconcile-step'),
    stepId: z.string(),
    verdict: z.string(),
    detail: z.string(),
  }),
  z.object({type: z.literal('reconcile-finished'), at: z.number()}),
  z.object({type: z.literal('step-started'), stepId: z.string()}),
]);

/** The reconcile (and step-start) events among a `--json` run's lines. */
export type ReadEvent = z.infer<typeof eventSchema>;

/** Parses every JSON line, keeping the events above. */
export function readEvents(stdout: string): ReadEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      const parsed = eventSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    });
}
