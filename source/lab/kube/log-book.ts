// Container logs, kept per namespace/pod/container, as the kubelet would keep them.

// Enough for any job trace the lab produces; older text is dropped first.
const maxLogLength = 1_000_000;

/** Logs of every container, with followers for `kubectl logs -f`. */
export function createLogBook() {
  let logs = new Map<string, string>();
  const followers = new Map<string, Set<(text: string) => void>>();
  const keyOf = (namespace: string, pod: string, container: string) =>
    `${namespace}/${pod}/${container}`;

  return {
    append(namespace: string, pod: string, container: string, text: string): void {
      const key = keyOf(namespace, pod, container);
      const next = (logs.get(key) ?? '') + text;
      logs.set(key, next.length > maxLogLength ? next.slice(-maxLogLength) : next);
      for (const follower of followers.get(key) ?? []) follower(text);
    },
    read(namespace: string, pod: string, container: string): string {
      return logs.get(keyOf(namespace, pod, container)) ?? '';
    },
    follow(
      namespace: string,
      pod: string,
      container: string,
      listener: (text: string) => void,
    ): () => void {
      const key = keyOf(namespace, pod, container);
      const set = followers.get(key) ?? new Set();
      set.add(listener);
      followers.set(key, set);
      return () => set.delete(listener);
    },
    forget(namespace: string, pod: string): void {
      for (const key of [...logs.keys()]) {
        if (key.startsWith(`${namespace}/${pod}/`)) logs.delete(key);
      }
    },
    dump(): Record<string, string> {
      return Object.fromEntries(logs);
    },
    load(entries: Record<string, string>): void {
      logs = new Map(Object.entries(entries));
    },
  };
}
