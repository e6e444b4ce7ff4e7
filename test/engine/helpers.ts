import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {EngineOptions} from '../../source/engine/engine-api.js';
import type {EngineEvent} from '../../source/engine/events.js';
import type {Prompter} from '../../source/engine/prompter.js';
import type {Ports} from '../../source/integrations/ports.js';
import {createProcessPort} from '../../source/integrations/process.js';
import {createOffThreadRunner} from '../../source/integrations/process-offthread.js';
import {createFilesPort} from '../../source/integrations/files.js';
import {loadRunbook} from '../../source/runbook/load.js';
import type {Runbook} from '../../source/runbook/types.js';

/** The directory of the engine's own fixture runbooks. */
export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Loads a fixture runbook by name (`walk` → test/fixtures/runbooks/walk.yaml). */
export async function fixture(name: string): Promise<Runbook> {
  return loadRunbook(path.join(fixtures, 'runbooks', `${name}.yaml`));
}

/** A temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{
  readonly dir: string;
  readonly cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-test-'));
  return {dir, cleanup: async () => rm(dir, {recursive: true, force: true})};
}

/** Real process and file ports; HTTP and Kubernetes are not used by the fixtures. */
export function realPorts(home: string): Ports {
  return {
    process: createProcessPort({graceMs: 500}),
    files: createFilesPort(),
    http: {
      async request() {
        throw new Error('no HTTP in these tests');
      },
    },
    async kube() {
      throw new Error('no Kubernetes in these tests');
    },
    simulated: false,
    home,
  };
}

/** Real ports whose `stream` runs are read on the output worker, as in the interface. */
export function workerPorts(home: string): Ports {
  return {
    ...realPorts(home),
    process: createProcessPort({graceMs: 500, offThread: createOffThreadRunner}),
  };
}

/** A prompter that answers from a script and fails on anything unexpected. */
export function scriptedPrompter(
  answers: {
    readonly params?: Readonly<Record<string, string>>;
    readonly confirm?: boolean;
    readonly branch?: string;
  } = {},
): Prompter & {readonly asked: string[]} {
  const asked: string[] = [];
  return {
    asked,
    async askParam(param) {
      asked.push(param.id);
      const answer = answers.params?.[param.id];
      if (answer === undefined) {
        throw new Error(`unexpected question for ${param.id}`);
      }

      return answer;
    },
    async confirm() {
      asked.push('confirm');
      return answers.confirm ?? true;
    },
    async choose(stepId) {
      asked.push(`choose:${stepId}`);
      if (!answers.branch) {
        throw new Error(`unexpected choice ${stepId}`);
      }

      return answers.branch;
    },
  };
}

/** Engine options over a temp state dir, overridable. */
export function engineOptions(
  runbook: Runbook,
  stateDir: string,
  overrides: Partial<EngineOptions> = {},
): EngineOptions {
  return {
    runbook,
    stateDir,
    profile: 'default',
    ports: realPorts(stateDir),
    prompter: scriptedPrompter(),
    lang: 'en',
    assumeYes: true,
    target: 'real',
    paramSources: {set: {}, env: {}},
    ...overrides,
  };
}

/** Collects events. */
export function recorder(): {
  readonly events: EngineEvent[];
  readonly listener: (event: EngineEvent) => void;
} {
  const events: EngineEvent[] = [];
  return {events, listener: (event) => events.push(event)};
}
