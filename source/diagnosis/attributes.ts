// MKE prints privileged attribute names in lower case; its config file and docs use
// camelCase (facts §1.2). Matching in MKE appears case-insensitive, but we write the
// documented spelling.
const documented: Readonly<Record<string, string>> = {
  hostbindmounts: 'hostBindMounts',
  hostipc: 'hostIPC',
  hostnetwork: 'hostNetwork',
  hostpid: 'hostPID',
  kernelcapabilities: 'kernelCapabilities',
  privileged: 'privileged',
};

/** Turns MKE's printed attribute list (`hostbindmounts privileged`) into documented names (`hostBindMounts`, `privileged`). */
export function documentedAttributes(printed: string): string[] {
  return printed
    .split(/[\s,]+/)
    .filter((name) => name !== '')
    .map((name) => documented[name.toLowerCase()] ?? name);
}
