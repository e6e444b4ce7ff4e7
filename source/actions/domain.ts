import type {RegisteredAction, RegisteredProbe} from './registry.js';
import {preflightCheck} from './domain/preflight-check.js';
import {kubeFindKubeconfig} from './domain/kube-find-kubeconfig.js';
import {kubeApply} from './domain/kube-apply.js';
import {kubeDelete} from './domain/kube-delete.js';
import {kubeWaitReady} from './domain/kube-wait-ready.js';
import {kubeRunnerReady, kubeRunnerServiceAccount} from './domain/kube-runner-service-account.js';
import {kubeRunnerTokenSecret, kubeSecretFromParam} from './domain/kube-secrets.js';
import {kubeAdmissionAllowed, kubeAdmissionProbe} from './domain/kube-admission.js';
import {kubeAccessSummary} from './domain/kube-access-summary.js';
import {valuesPrepare, valuesPrepared} from './domain/values-prepare.js';
import {
  mkeGrantPrivileged,
  mkeLoginWorks,
  mkePrivilegeGranted,
  mkeRevokePrivileged,
} from './domain/mke-grant.js';
import {gitlabRunPipeline} from './domain/gitlab-run-pipeline.js';
import {diagnoseJob, gitlabJobSucceeded} from './domain/diagnose-job.js';
import {vagrantAllRunning} from './domain/vagrant-all-running.js';
import {helmReleaseDeployed} from './domain/helm-release-deployed.js';
import {kubeAbsent, kubeExists, kubeReachable, kubeReady} from './domain/kube-probes.js';

// The procedure's own actions and probes, registered beside the generic ones
// (docs/actions.md lists their arguments and outputs).

/** Domain actions, by name. */
export const domainActions: readonly RegisteredAction[] = [
  preflightCheck,
  kubeFindKubeconfig,
  kubeApply,
  kubeDelete,
  kubeWaitReady,
  kubeRunnerServiceAccount,
  kubeRunnerTokenSecret,
  kubeSecretFromParam,
  kubeAdmissionProbe,
  kubeAccessSummary,
  valuesPrepare,
  mkeGrantPrivileged,
  mkeRevokePrivileged,
  gitlabRunPipeline,
  diagnoseJob,
];

/** Domain probes, by name. */
export const domainProbes: readonly RegisteredProbe[] = [
  vagrantAllRunning,
  mkeLoginWorks,
  kubeReachable,
  kubeExists,
  kubeAbsent,
  kubeReady,
  kubeRunnerReady,
  kubeAdmissionAllowed,
  helmReleaseDeployed,
  valuesPrepared,
  mkePrivilegeGranted,
  gitlabJobSucceeded,
];
