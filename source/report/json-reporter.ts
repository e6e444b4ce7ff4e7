import type {EngineEvent} from '../engine/events.js';

/** A reporter writing each event as one JSON line (events are already redacted). */
export function createJsonReporter(write: (text: string) => void): (event: EngineEvent) => void {
  return (event) => {
    write(`${JSON.stringify(event)}\n`);
  };
}
