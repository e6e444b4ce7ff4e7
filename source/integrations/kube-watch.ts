import {z} from 'zod';
import {KubeError, type KubeObject, type KubeWaitOptions} from './kube-port.js';

/** The two calls a wait needs, so it can be tested without a cluster. */
export type WatchSource = {
  readonly list: (
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
  ) => Promise<{
    readonly items: readonly KubeObject[];
    readonly resourceVersion: string | undefined;
  }>;
  readonly watch: (
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    onEvent: (phase: string, object: unknown) => void,
    onDone: (error: unknown) => void,
  ) => Promise<AbortController>;
  readonly toObject: (value: unknown, apiVersion: string, kind: string) => KubeObject;
};

/** The object waited on. */
export type WatchTarget = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
};

const retryable = new Set(['unreachable', 'server', 'timeout']);
const versionSchema = z.looseObject({
  metadata: z.looseObject({resourceVersion: z.string().optional()}).optional(),
});
const statusCodeSchema = z.looseObject({statusCode: z.number()});

/**
 * Lists, then watches from the list's resourceVersion until `condition` holds. A dropped
 * stream is watched again from the last resourceVersion it delivered (at once after a clean
 * close, after a short pause after an error), so nothing in between is missed and nothing is
 * listed again; an ERROR event or a 410 (that version is too old) or a failed list starts a
 * new list-then-watch cycle after a short pause. Only the timeout or a cancel ends the wait.
 */
export async function waitForObject(
  source: WatchSource,
  target: WatchTarget,
  condition: (object: KubeObject | undefined) => boolean,
  options: KubeWaitOptions,
): Promise<KubeObject | undefined> {
  return new Promise((resolve, reject) => {
    let finished = false;
    let generation = 0;
    let controller: AbortController | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let last: KubeObject | undefined;
    let pause = 100;
    let version: string | undefined;

    const end = (error: KubeError | undefined, value?: KubeObject) => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(retryTimer);
      options.signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      if (error) reject(error);
      else resolve(value);
    };
    const deadline = setTimeout(() => {
      end(
        new KubeError(
          'timeout',
          `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.description}`,
          last ? `last seen: ${summarize(last)}` : `${target.kind} ${target.name} was not found`,
        ),
      );
    }, options.timeoutMs);
    const onAbort = () => {
      end(new KubeError('cancelled', `Stopped waiting for ${options.description}`, 'cancelled'));
    };
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, {once: true});

    const see = (object: KubeObject | undefined): boolean => {
      last = object;
      options.onChange?.(object);
      if (condition(object)) end(undefined, object);
      return finished;
    };
    // `relist`: from a new list (410, ERROR, nothing listed yet); else from `version`.
    const again = (relist: boolean, delay: number) => {
      if (finished) return;
      generation++;
      controller?.abort();
      controller = undefined;
      clearTimeout(retryTimer);
      const next = relist || version === undefined ? cycle : async () => watchFrom(++generation);
      retryTimer = setTimeout(() => void next(), delay);
      if (delay > 0) pause = Math.min(pause * 2, 2000);
    };
    const onEvent = (mine: number, phase: string, raw: unknown) => {
      if (finished || mine !== generation) return;
      if (phase === 'ERROR') {
        again(true, pause);
        return;
      }

      const seen = versionSchema.safeParse(raw);
      version = (seen.success ? seen.data.metadata?.resourceVersion : undefined) ?? version;
      if (phase === 'BOOKMARK') return;
      const object = source.toObject(raw, target.apiVersion, target.kind);
      if (object.metadata.name !== target.name) return;
      pause = 100;
      see(phase === 'DELETED' ? undefined : object);
    };
    const watchFrom = async (mine: number) => {
      let delivered = false;
      try {
        const started = await source.watch(
          target.apiVersion,
          target.kind,
          target.namespace,
          version,
          (phase, raw) => {
            delivered = true;
            onEvent(mine, phase, raw);
          },
          (error: unknown) => {
            if (finished || mine !== generation) return;
            const status = statusCodeSchema.safeParse(error);
            // A clean close of a stream that delivered (servers end watches now and then) is
            // watched again at once; one that closes empty or fails waits a little first.
            if (status.success && status.data.statusCode === 410) again(true, pause);
            else again(false, error || !delivered ? pause : 0);
          },
        );
        if (finished || mine !== generation) started.abort();
        else controller = started;
      } catch (error) {
        if (finished || mine !== generation) return;
        if (error instanceof KubeError && !retryable.has(error.code)) end(error);
        else again(false, pause);
      }
    };
    const cycle = async () => {
      const mine = ++generation;
      try {
        const listed = await source.list(target.apiVersion, target.kind, target.namespace);
        if (finished || mine !== generation) return;
        version = listed.resourceVersion;
        if (see(listed.items.find((item) => item.metadata.name === target.name))) return;
        await watchFrom(mine);
      } catch (error) {
        if (finished || mine !== generation) return;
        if (error instanceof KubeError && !retryable.has(error.code)) end(error);
        else again(true, pause);
      }
    };
    void cycle();
  });
}

function summarize(object: KubeObject): string {
  const status = object['status'];
  return `${object.kind} ${object.metadata.name}${status === undefined ? '' : ` status ${JSON.stringify(status)}`}`;
}
