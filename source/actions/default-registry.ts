import {createRegistry, type Registry} from './registry.js';
import {domainActions, domainProbes} from './domain.js';
import {shellExec} from './generic/shell-exec.js';
import {shellSucceeds} from './generic/shell-succeeds.js';
import {fileWrite} from './generic/file-write.js';
import {manualConfirm} from './generic/manual-confirm.js';
import {createWaitUntil} from './generic/wait-until.js';

let cached: Registry | undefined;

/** Every action and probe: the generic ones and the procedure's (domain.ts). */
export function defaultRegistry(): Registry {
  cached ??= buildRegistry();
  return cached;
}

function buildRegistry(): Registry {
  const registry: Registry = createRegistry(
    [shellExec, fileWrite, manualConfirm, createWaitUntil(() => registry.probes), ...domainActions],
    [shellSucceeds, ...domainProbes],
  );
  return registry;
}
