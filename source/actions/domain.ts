import type {RegisteredAction, RegisteredProbe} from './registry.js';

// The procedure's own actions and probes (kube.*, helm.*, mke.*, gitlab.*, vagrant.*, …),
// registered beside the generic ones. Owned by the procedure work (issue 4).

/** Domain actions, by name. */
export const domainActions: readonly RegisteredAction[] = [];

/** Domain probes, by name. */
export const domainProbes: readonly RegisteredProbe[] = [];
