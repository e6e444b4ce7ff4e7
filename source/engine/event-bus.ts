import type {EngineEvent} from './events.js';

/** Delivers events to listeners in order; a listener that throws cannot stop the engine. */
export type EventBus = {
  readonly emit: (event: EngineEvent) => void;
  readonly subscribe: (listener: (event: EngineEvent) => void) => () => void;
};

/** A synchronous event bus. */
export function createEventBus(redact: (event: EngineEvent) => EngineEvent): EventBus {
  const listeners = new Set<(event: EngineEvent) => void>();
  return {
    emit(event) {
      const safe = redact(event);
      for (const listener of listeners) {
        try {
          listener(safe);
        } catch {
          // A broken view must not break the run; the state file stays the truth.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
