// The lab server as its own process (as `mke-runbook lab start` runs it), with its stand-ins.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {labSpeedEnv, labUrlEnv, type LabRuntime} from '../../source/lab/contract.js';
import {startLab, stopLab, type LabTarget} from '../../source/lab/lifecycle.js';
import {labPaths} from '../../source/lab/process/paths.js';
import {send} from '../../source/lab/standins/common/http.js';
import {runProgram, type ProgramResult} from './lab-access.js';

/** A lab process for one test file, with its stand-ins. */
export type LabProcess = {
  readonly target: LabTarget;
  readonly runtime: LabRuntime;
  readonly dir: string;
  /** HOME as the lab's tools see it. */
  readonly home: string;
  /** The environment a stand-in runs in: PATH, HOME, the lab's URL, instant timings. */
  readonly env: Readonly<Record<string, string>>;
  /** Runs a stand-in (cwd: `dir` unless given); never throws. */
  readonly run: (
    tool: 'vagrant' | 'launchpad' | 'helm',
    args: readonly string[],
    options?: {cwd?: string; env?: Record<string, string>; input?: string},
  ) => Promise<ProgramResult>;
  /** Calls the lab's HTTP API; the body is parsed JSON when it is JSON, else the text. */
  readonly control: (
    method: string,
    apiPath: string,
    body?: unknown,
  ) => Promise<{status: number; body: unknown}>;
  readonly stop: () => Promise<void>;
};

/** Starts a lab process over a temp state dir (profile `test`). */
export async function startLabProcess(): Promise<LabProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-lab-'));
  const target = {stateDir: dir, profile: 'test'};
  const runtime = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  const {home} = labPaths(dir, 'test');
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    [labUrlEnv]: runtime.url,
    [labSpeedEnv]: '0',
  };
  return {
    target,
    runtime,
    dir,
    home,
    env,
    run: async (tool, args, options = {}) =>
      runProgram(path.join(runtime.binDir, tool), args, {
        cwd: options.cwd ?? dir,
        env: {...env, ...options.env},
        ...(options.input === undefined ? {} : {input: options.input}),
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
        // Not JSON: the text is the answer.
      }

      return {status: answer.status, body: parsed};
    },
    async stop() {
      await stopLab(target);
      await rm(dir, {recursive: true, force: true});
    },
  };
}
