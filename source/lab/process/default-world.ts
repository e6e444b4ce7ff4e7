import type {LabWorld} from '../types.js';

/** MKE's configuration file as a fresh 3.4 install has it (abridged); the four grant keys empty. */
export const defaultMkeConfigToml = `[auth]
  default_new_user_role = "restrictedcontrol"
  backend = "managed"

[scheduling_configuration]
  enable_admin_ucp_scheduling = false
  default_node_orchestrator = "kubernetes"

[cluster_config]
  controller_port = 443
  kube_apiserver_port = 6443
  swarm_port = 2376
  swarm_strategy = "spread"
  pod_cidr = "192.168.0.0/16"
  service_cluster_ip_range = "10.96.0.0/16"
  priv_attributes_allowed_for_user_accounts = []
  priv_attributes_user_accounts = []
  priv_attributes_allowed_for_service_accounts = []
  priv_attributes_service_accounts = []
`;

/** An empty lab: no VMs, MKE not installed, the 2021 chart (the article's), one GitLab project. */
export function defaultWorld(): LabWorld {
  return {
    vms: {},
    mke: {installed: false, configToml: defaultMkeConfigToml},
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
