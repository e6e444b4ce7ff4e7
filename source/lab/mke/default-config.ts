// MKE 3.4's configuration file as `GET /api/ucp/config-toml` returns it on a fresh install: the
// sections and keys a 3.4 cluster has, with the four privileged-attribute keys present and empty.

/** The config TOML of a fresh MKE 3.4 install. */
export function defaultMkeConfigToml(options: {readonly podCidr?: string} = {}): string {
  return `[auth]
  default_new_user_role = "restrictedcontrol"
  backend = "managed"
  samlEnabled = false
  samlLoginText = ""
  managedPasswordDisabled = false
  managedPasswordFallbackUser = ""

  [auth.sessions]
    lifetime_minutes = 60
    renewal_threshold_minutes = 20
    per_user_limit = 10
    store_token_per_session = false

[hardening_configuration]
  hardening_enabled = false

[scheduling_configuration]
  enable_admin_ucp_scheduling = false
  default_node_orchestrator = "kubernetes"

[tracking_configuration]
  disable_usageinfo = false
  disable_tracking = false
  anonymize_tracking = false
  cluster_label = ""

[trust_configuration]
  require_content_trust = false
  require_signature_from = []

[log_configuration]
  level = "INFO"

[audit_log_configuration]
  level = ""
  support_dump_include_audit_logs = false

[license_configuration]
  auto_refresh = true

[cluster_config]
  controller_port = 443
  kube_apiserver_port = 6443
  swarm_port = 2376
  swarm_strategy = "spread"
  kv_timeout = 5000
  kv_snapshot_count = 20000
  profiling_enabled = false
  external_service_lb = ""
  metrics_retention_time = "24h"
  metrics_scrape_interval = "1m"
  rethinkdb_cache_size = "1GB"
  exclude_server_identity_headers = false
  cloud_provider = ""
  cni_installer_url = ""
  pod_cidr = "${options.podCidr ?? '192.168.0.0/16'}"
  calico_mtu = "1480"
  ipip_mtu = "1480"
  unmanaged_cni = false
  nodeport_range = "32768-35535"
  custom_kube_api_server_flags = []
  custom_kube_controller_manager_flags = []
  custom_kubelet_flags = []
  custom_kube_scheduler_flags = []
  local_volume_collection_mapping = false
  manager_kube_reserved_resources = "cpu=250m,memory=2Gi,ephemeral-storage=4Gi"
  worker_kube_reserved_resources = "cpu=50m,memory=300Mi,ephemeral-storage=500Mi"
  kubelet_max_pods = 110
  secure_overlay = false
  image_scan_aggregation_enabled = false
  service_cluster_ip_range = "10.96.0.0/16"
  use_flex_volume_driver = false
  priv_attributes_allowed_for_user_accounts = []
  priv_attributes_user_accounts = []
  priv_attributes_allowed_for_service_accounts = []
  priv_attributes_service_accounts = []

[iSCSI_config]
  iscsi_enabled = false
  iscsiadm_path = ""
  iscsidb_path = ""
`;
}
