import {z} from 'zod';
import {registerProbe} from '../registry.js';
import {probeWords} from '../probe-words.js';

/** The machine states in `vagrant status --machine-readable` output (`ts,target,state,<id>`). */
export function machineStates(lines: readonly string[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const line of lines) {
    const [, target, type, state] = line.split(',');
    if (type === 'state' && target && state) states.set(target, state);
  }
  return states;
}

/** `vagrant status --machine-readable` reports every machine `running`. */
export const vagrantAllRunning = registerProbe({
  name: 'vagrant.allRunning',
  args: z.strictObject({
    cwd: z.string().min(1),
    nodes: z.coerce.number().int().min(1).optional(),
  }),
  async run(input, ctx) {
    const words = probeWords(ctx.lang);
    const lines: string[] = [];
    const result = await ctx.ports.process.run('vagrant', ['status', '--machine-readable'], {
      cwd: input.cwd,
      signal: ctx.signal,
      timeoutMs: 60_000,
      onLines(chunk, stream) {
        if (stream === 'stdout') lines.push(...chunk);
      },
    });
    if (result.spawnError)
      return {holds: false, detail: words.cannotStart('vagrant', result.spawnError)};
    if (result.exitCode !== 0) {
      return {
        holds: false,
        detail: words.statusFailed(
          'vagrant status',
          result.tail.slice(-3).join(' ') || words.exitCode(String(result.exitCode)),
        ),
      };
    }
    const states = machineStates(lines);
    const summary = words.machines([...states]);
    const allRunning =
      states.size > 0 && [...states.values()].every((state) => state === 'running');
    const enough = input.nodes === undefined || states.size >= input.nodes;
    return {holds: allRunning && enough, detail: summary};
  },
});
