import type {ParamValue} from '../runbook/types.js';
import type {DisplayStatusName} from './strings.js';
import {isSettled} from './ui-state.js';

/** A lab machine as the topology picture shows it. */
export type LabNode = {
  readonly name: string;
  readonly address: string;
  readonly role: 'client' | 'manager' | 'worker';
  readonly state: 'absent' | 'up' | 'mke' | 'runner';
};

const defaultPrefix = '192.168.123.';

/** The three machines, addressed from the parameters (the article's values by default), with state from the steps. */
export function labNodes(
  params: Readonly<Record<string, ParamValue>>,
  status: (stepId: string) => DisplayStatusName,
): LabNode[] {
  const prefix = typeof params['ip_prefix'] === 'string' ? params['ip_prefix'] : defaultPrefix;
  const address = (index: number, key: string) => {
    const given = params[key];
    return typeof given === 'string' && given !== '' ? given : `${prefix}${200 + index}`;
  };

  const up = isSettled(status('vms'));
  const mke = isSettled(status('mke-install'));
  const runner = isSettled(status('runner-install'));
  const clusterState = (worker: boolean) => {
    if (!up) return 'absent';
    if (!mke) return 'up';
    return worker && runner ? 'runner' : 'mke';
  };

  return [
    {
      name: 'node1',
      address: address(1, 'client_address'),
      role: 'client',
      state: up ? 'up' : 'absent',
    },
    {
      name: 'node2',
      address: address(2, 'manager_address'),
      role: 'manager',
      state: clusterState(false),
    },
    {
      name: 'node3',
      address: address(3, 'worker_address'),
      role: 'worker',
      state: clusterState(true),
    },
  ];
}
