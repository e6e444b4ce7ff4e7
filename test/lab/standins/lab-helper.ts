import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {labSpeedEnv, labUrlEnv, type LabRuntime} from '../../../source/lab/contract.js';
import {startLab, stopLab, type LabTarget} from '../../../source/lab/lifecycle.js';
import {labPaths} from '../../../source/lab/process/paths.js';
import {send} from '../../../source/lab/standins/common/http.js';

/** A lab process for one test file, with its stand-ins. */
export type TestLab = {
  readonly target: LabTarget;
  readonly runtime: LabRuntime;
  readonly dir: string;
  readonly home: string;
  readonly run: (
    tool: 'vagrant' | 'launchpad' | 'helm',
    args: readonly string[],
    options?: {cwd?: string; env?: Record<string, string>; input?: string},
  ) => Promise<{code: number; stdout: string; stderr: string}>;
  readonly control: (
    method: string,
    apiPath: string,
    body?: unknown,
  ) => Promise<{status: number; body: unknown}>;
  readonly stop: () => Promise<void>;
};

/** Starts a lab in a temp state dir. */
export async function startTestLab(): Promise<TestLab> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lab-test-'));
  const target = {stateDir: dir, profile: 'test'};
  const runtime = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  const home = labPaths(dir, 'test').home;
  return {
    target,
    runtime,
    dir,
    home,
    run: async (tool, args, options = {}) =>
      new Promise((resolve) => {
        const child = execFile(
          path.join(runtime.binDir, tool),
          args,
          {
            cwd: options.cwd ?? dir,
            env: {
              PATH: process.env['PATH'] ?? '',
              HOME: home,
              [labUrlEnv]: runtime.url,
              [labSpeedEnv]: '0',
              ...options.env,
            },
            encoding: 'utf8',
          },
          (error, stdout, stderr) => {
            const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
            resolve({code, stdout, stderr});
          },
        );
        if (options.input !== undefined) child.stdin?.end(options.input);
        else child.stdin?.end();
      }),
    async control(method, apiPath, body) {
      const answer = await send(`${runtime.url}${apiPath}`, {
        method,
        ...(body === undefined
          ? {}
          : {body: JSON.stringify(body), headers: {'content-type': 'application/json'}}),
      });
      const text = answer.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        // Keep the text.
      }

      return {status: answer.status, body: parsed};
    },
    async stop() {
      await stopLab(target);
      await rm(dir, {recursive: true, force: true});
    },
  };
}

/** Removes ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replaceAll(/\u001B\[[\d;]*m/g, '');
}
