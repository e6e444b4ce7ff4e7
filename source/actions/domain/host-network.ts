/** An IPv4 range. */
type Range = {readonly base: number; readonly bits: number};

function parseCidr(text: string): Range | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  return {base: address - (address % size), bits};
}

/** Whether `inner` lies inside `outer` (both `a.b.c.d/n`). */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || b.bits < a.bits) return false;
  const size = 2 ** (32 - a.bits);
  return b.base >= a.base && b.base < a.base + size;
}

/** True for a well-formed IPv4 CIDR. */
export function isCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

/** VirtualBox's default host-only range when networks.conf says nothing (≥ 6.1.28). */
export const defaultAllowedRange = '192.168.56.0/21';

/** Whether /etc/vbox/networks.conf (its text; undefined when absent) allows the range. */
export function networksConfAllows(text: string | undefined, cidr: string): boolean {
  const ranges = [defaultAllowedRange];
  for (const line of (text ?? '').split('\n')) {
    const [star, ...rest] = line.trim().split(/\s+/);
    if (star === '*') ranges.push(...rest);
  }
  return ranges.some((range) => cidrContains(range, cidr));
}

/** VirtualBox ≥ 6.1.28 restricts host-only addresses (from `VBoxManage --version`, e.g. `7.0.14r161095`). */
export function restrictsHostOnly(version: string): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return true;
  const [major, minor, patch] = match.slice(1, 4).map(Number) as [number, number, number];
  if (major !== 6) return major > 6;
  if (minor !== 1) return minor > 1;
  return patch >= 28;
}
