import type {LabObject} from '../types.js';
import {arrayField, containersOf, field} from './pod-spec.js';

// Kubernetes 1.20's PodSecurityPolicy provider checks, the subset a runner's pods touch, with the
// field paths and wording of k8s.io/kubernetes/pkg/security/podsecuritypolicy.

function invalid(path: string, value: unknown, detail: string): string {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

function hostChecks(pod: Readonly<Record<string, unknown>>, psp: unknown): string[] {
  const errors: string[] = [];
  const checks = [
    ['hostNetwork', 'Host network'],
    ['hostPID', 'Host PID'],
    ['hostIPC', 'Host IPC'],
  ] as const;
  for (const [key, words] of checks) {
    if (field(pod, key) === true && field(psp, key) !== true) {
      errors.push(
        invalid(`spec.securityContext.${key}`, true, `${words} is not allowed to be used`),
      );
    }
  }

  return errors;
}

function volumeChecks(pod: Readonly<Record<string, unknown>>, psp: unknown): string[] {
  const errors: string[] = [];
  const allowed = arrayField(psp, 'volumes').map(String);
  const allowedHostPaths = arrayField(psp, 'allowedHostPaths');
  for (const [index, volume] of arrayField(pod, 'volumes').entries()) {
    const kinds = Object.keys(volume ?? {}).filter((key) => key !== 'name');
    const kind = kinds[0] ?? 'emptyDir';
    if (!allowed.includes('*') && !allowed.includes(kind)) {
      errors.push(
        invalid(`spec.volumes[${index}]`, kind, `${kind} volumes are not allowed to be used`),
      );
      continue;
    }

    const hostPath = field(field(volume, 'hostPath'), 'path');
    if (typeof hostPath === 'string' && allowedHostPaths.length > 0) {
      const fits = allowedHostPaths.some((entry) => {
        const prefix = String(field(entry, 'pathPrefix') ?? '');
        return hostPath === prefix || hostPath.startsWith(`${prefix.replace(/\/$/, '')}/`);
      });
      if (!fits) {
        errors.push(
          invalid(
            `spec.volumes[${index}].hostPath.pathPrefix`,
            hostPath,
            'is not allowed to be used',
          ),
        );
      }
    }
  }

  return errors;
}

function containerChecks(pod: Readonly<Record<string, unknown>>, psp: unknown): string[] {
  const errors: string[] = [];
  const allowedCaps = arrayField(psp, 'allowedCapabilities').map(String);
  for (const {path, container} of containersOf(pod)) {
    const context = field(container, 'securityContext');
    if (field(context, 'privileged') === true && field(psp, 'privileged') !== true) {
      errors.push(
        invalid(
          `${path}.securityContext.privileged`,
          true,
          'Privileged containers are not allowed',
        ),
      );
    }

    if (
      field(context, 'allowPrivilegeEscalation') === true &&
      field(psp, 'allowPrivilegeEscalation') === false
    ) {
      errors.push(
        invalid(
          `${path}.securityContext.allowPrivilegeEscalation`,
          true,
          'Allowing privilege escalation for containers is not allowed',
        ),
      );
    }

    for (const capability of arrayField(field(context, 'capabilities'), 'add').map(String)) {
      if (!allowedCaps.includes('*') && !allowedCaps.includes(capability)) {
        errors.push(
          invalid(
            `${path}.securityContext.capabilities.add`,
            capability,
            'capability may not be added',
          ),
        );
      }
    }
  }

  return errors;
}

/** Why a PSP refuses a pod spec (empty when it allows it). */
export function pspViolations(pod: Readonly<Record<string, unknown>>, psp: LabObject): string[] {
  const spec = field(psp, 'spec');
  return [...hostChecks(pod, spec), ...volumeChecks(pod, spec), ...containerChecks(pod, spec)];
}
