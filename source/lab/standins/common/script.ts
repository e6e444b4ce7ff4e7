import {setTimeout as sleep} from 'node:timers/promises';

// A stand-in's run as a script: lines, pauses and the moments it changes the lab. Knowing
// the whole script up front lets a fault kill the tool half-way through its output.

/** One item of a stand-in's script. */
export type ScriptItem =
  | {readonly line: string; readonly stream?: 'stdout' | 'stderr'}
  | {readonly pause: number}
  | {readonly act: () => Promise<void>};

/** How a script is played. */
export type PlayOptions = {
  /** Multiplies every pause (0 = instant). */
  readonly speed: number;
  /** Kill the process (SIGKILL) after half of the lines, as a crash would. */
  readonly die?: boolean;
};

/** Writes one line, waiting for the pipe to drain so output streams line by line. */
export async function writeLine(
  text: string,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<void> {
  const target = stream === 'stdout' ? process.stdout : process.stderr;
  if (!target.write(`${text}\n`)) {
    await new Promise((resolve) => {
      target.once('drain', resolve);
    });
  }
}

/** Plays a script. */
export async function play(items: readonly ScriptItem[], options: PlayOptions): Promise<void> {
  const total = items.filter((item) => 'line' in item).length;
  const dieAfter = options.die ? Math.max(1, Math.floor(total / 2)) : Number.POSITIVE_INFINITY;
  let printed = 0;
  for (const item of items) {
    if ('line' in item) {
      await writeLine(item.line, item.stream);
      printed++;
      if (printed >= dieAfter) process.kill(process.pid, 'SIGKILL');
    } else if ('pause' in item) {
      const ms = item.pause * options.speed;
      if (ms >= 1) await sleep(ms);
    } else {
      await item.act();
    }
  }
}
