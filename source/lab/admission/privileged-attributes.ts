import {arrayField, containersOf, field} from './pod-spec.js';

/** MKE's privileged attribute names, lower-case as its error messages print them. */
export type PrivilegedAttribute =
  'hostbindmounts' | 'hostipc' | 'hostnetwork' | 'hostpid' | 'kernelcapabilities' | 'privileged';

/** The privileged attributes a pod spec uses, sorted as MKE prints them. */
export function privilegedAttributesOf(
  spec: Readonly<Record<string, unknown>>,
): readonly PrivilegedAttribute[] {
  const found = new Set<PrivilegedAttribute>();
  if (field(spec, 'hostNetwork') === true) found.add('hostnetwork');
  if (field(spec, 'hostIPC') === true) found.add('hostipc');
  if (field(spec, 'hostPID') === true) found.add('hostpid');
  if (arrayField(spec, 'volumes').some((volume) => field(volume, 'hostPath') !== undefined)) {
    found.add('hostbindmounts');
  }

  for (const {container} of containersOf(spec)) {
    const context = field(container, 'securityContext');
    // MKE's table: "privileged" covers privileged containers and privilege escalation.
    if (
      field(context, 'privileged') === true ||
      field(context, 'allowPrivilegeEscalation') === true
    ) {
      found.add('privileged');
    }

    if (arrayField(field(context, 'capabilities'), 'add').length > 0)
      found.add('kernelcapabilities');
  }

  return [...found].sort();
}
