import {labSpeedEnv, labUrlEnv} from '../../contract.js';
import type {StandinOrders, StandinTool} from '../../control/faults.js';
import {StandinExit} from './exit.js';
import {send, type StandinResponse} from './http.js';

/** A stand-in's line to the lab's control API. */
export type LabClient = {
  readonly url: string;
  /** Calls `/_lab/…` and returns the JSON answer; a refused call ends the stand-in. */
  readonly call: (method: string, path: string, body?: unknown) => Promise<unknown>;
};

/** Finds the lab from the environment, or ends the stand-in with a message saying there is none. */
export function labClient(tool: StandinTool, env: NodeJS.ProcessEnv): LabClient {
  const url = env[labUrlEnv];
  const noLab = `this is the mke-runbook lab's stand-in for ${tool}; no lab is running (${labUrlEnv} is not set)`;
  if (!url) throw new StandinExit(1, [noLab]);
  return {
    url,
    async call(method, path, body) {
      let response: StandinResponse;
      try {
        response = await send(new URL(path, url).href, {
          method,
          headers: body === undefined ? {} : {'content-type': 'application/json'},
          ...(body === undefined ? {} : {body: JSON.stringify(body)}),
        });
      } catch {
        throw new StandinExit(1, [
          `this is the mke-runbook lab's stand-in for ${tool}; no lab answers at ${url}`,
        ]);
      }

      const text = response.text();
      if (response.status >= 300) {
        throw new StandinExit(1, [`the lab refused ${method} ${path}: ${text}`]);
      }

      return JSON.parse(text) as unknown;
    },
  };
}

/** How fast simulated time runs: env first, then the lab's setting, else 1. */
export function speedFrom(env: NodeJS.ProcessEnv, labSetting: unknown): number {
  const fromEnv = Number.parseFloat(env[labSpeedEnv] ?? '');
  if (Number.isFinite(fromEnv) && fromEnv >= 0) return fromEnv;
  return typeof labSetting === 'number' && labSetting >= 0 ? labSetting : 1;
}

/** Asks the lab whether this run must die half-way or go slow (fault injection). */
export async function ordersFor(
  lab: LabClient,
  tool: StandinTool,
  command: string,
): Promise<StandinOrders> {
  const answer = await lab.call('POST', '/_lab/faults/standin', {tool, command});
  if (typeof answer === 'object' && answer !== null && 'die' in answer && 'slowFactor' in answer) {
    return {
      die: answer.die === true,
      slowFactor: typeof answer.slowFactor === 'number' ? answer.slowFactor : 1,
    };
  }

  return {die: false, slowFactor: 1};
}
