import {defaultMkeConfigToml} from '../mke/default-config.js';
import type {LabWorld} from '../types.js';

/** An empty lab: no VMs, MKE not installed, the 2021 chart (the article's), one GitLab project. */
export function defaultWorld(): LabWorld {
  return {
    vms: {},
    // What MKE will serve once installed: a fresh 3.4 install's config, the grant keys empty.
    mke: {installed: false, configToml: defaultMkeConfigToml()},
    chartEra: '2021',
    gitlab: {
      projectId: 1154,
      runnerTokenHashes: [],
      nextPipelineId: 1,
      nextJobId: 1,
      pipelines: [],
      jobs: [],
    },
  };
}
