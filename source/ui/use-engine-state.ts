import {useEffect, useReducer, useRef, useState} from 'react';
import type {Engine, PlannedStep} from '../engine/engine-api.js';
import {initialUiState, reduceUi, type UiState} from './ui-state.js';
import {createRingBuffer, type RingBuffer} from './ring-buffer.js';

/** The live tail the output pane shows, copied from the ring on a throttle. */
export type LiveTail = {
  readonly stepId: string | undefined;
  readonly lines: readonly string[];
  /** When the last output arrived (ms since epoch), for "quiet for…". */
  readonly lastOutputAt: number | undefined;
  /** The last lines of the steps that ran before, this session: a step's findings stay readable. */
  readonly earlier?: ReadonlyMap<string, readonly string[]>;
};

/** How many output lines the interface keeps at most: the pane never shows more. */
export const tailCapacity = 200;

// perf-notes: a setState per output chunk costs React + Yoga on every commit. So output goes
// to a ring from the listener and nothing else; the tail is read from the ring when the app
// renders anyway — on the clock's tick (100 ms while a step runs) or on an engine event. One
// timer drives every redraw during a flood, not one for the clock and another for the tail.

/** Subscribes to the engine: reduced state, the planned steps, and the output tail. */
export function useEngineState(
  engine: Engine,
  ring?: RingBuffer,
): {readonly state: UiState; readonly planned: readonly PlannedStep[]; readonly tail: LiveTail} {
  const [state, dispatch] = useReducer(reduceUi, undefined, () => initialUiState(engine.state()));
  const [planned, setPlanned] = useState(() => engine.steps());
  const ringRef = useRef<RingBuffer>(ring ?? createRingBuffer(tailCapacity));
  const outputStep = useRef<string | undefined>(undefined);
  const lastOutputAt = useRef<number | undefined>(undefined);
  const kept = useRef(new Map<string, readonly string[]>());
  const tailRef = useRef<{total: number; stepId: string | undefined; tail: LiveTail}>({
    total: -1,
    stepId: undefined,
    tail: {stepId: undefined, lines: [], lastOutputAt: undefined},
  });

  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === 'step-output') {
          ringRef.current.push(event.lines);
          outputStep.current = event.stepId;
          lastOutputAt.current = Date.now();
          return;
        }

        if (event.type === 'step-started') {
          const previous = outputStep.current;
          if (previous !== undefined) kept.current.set(previous, ringRef.current.snapshot());
          kept.current.delete(event.stepId);
          ringRef.current.clear();
          outputStep.current = event.stepId;
          lastOutputAt.current = undefined;
        }

        if (event.type === 'branch-chosen' || event.type === 'step-finished') {
          setPlanned(engine.steps());
        }

        dispatch(event);
      }),
    [engine],
  );

  // Copy the ring only when it changed, so an unchanged tail keeps its identity.
  const seen = tailRef.current;
  const total = ringRef.current.total();
  if (total !== seen.total || outputStep.current !== seen.stepId) {
    tailRef.current = {
      total,
      stepId: outputStep.current,
      tail: {
        stepId: outputStep.current,
        lines: ringRef.current.snapshot(),
        lastOutputAt: lastOutputAt.current,
        earlier: kept.current,
      },
    };
  }

  return {state, planned, tail: tailRef.current.tail};
}

// While output pours in, the pane itself shows life: four frames a second are enough, and
// every frame Ink draws stalls the child's pipe for its duration (perf-notes). A quiet step
// keeps a smooth spinner.
const quietRedrawMs = 100;
const floodRedrawMs = 250;
const idleRedrawMs = 1000;

/** How often the screen redraws: faster while a step runs, slower while its output floods. */
export function redrawEveryMs(running: boolean, lastOutputAt: number | undefined): number {
  if (!running) return idleRedrawMs;
  return lastOutputAt !== undefined && Date.now() - lastOutputAt < floodRedrawMs
    ? floodRedrawMs
    : quietRedrawMs;
}

/** The current time, refreshed every `ms` (spinner and clocks). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, ms);
    return () => {
      clearInterval(timer);
    };
  }, [ms]);
  return now;
}
