/** A fixed-size ring of the last lines: the live pane's whole memory of a flood. */
export type RingBuffer = {
  readonly push: (lines: readonly string[]) => void;
  /** The retained lines, oldest first. */
  readonly snapshot: () => readonly string[];
  readonly clear: () => void;
  /** Lines pushed since creation or the last clear (the tail is a window onto these). */
  readonly total: () => number;
  readonly capacity: number;
};

/** Makes a ring that keeps the last `capacity` lines. */
export function createRingBuffer(capacity: number): RingBuffer {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new TypeError(`\`capacity\` must be a positive integer, got ${capacity}`);
  }

  const slots: string[] = Array.from({length: capacity}, () => '');
  let next = 0;
  let count = 0;
  let total = 0;
  return {
    capacity,
    push(lines) {
      // A batch longer than the ring only leaves its tail, so skip straight to it.
      const start = Math.max(0, lines.length - capacity);
      for (let index = start; index < lines.length; index++) {
        slots[next] = lines[index] ?? '';
        next = (next + 1) % capacity;
      }

      count = Math.min(capacity, count + lines.length - start);
      total += lines.length;
    },
    snapshot() {
      const first = (next - count + capacity) % capacity;
      return Array.from({length: count}, (_, index) => slots[(first + index) % capacity] ?? '');
    },
    clear() {
      next = 0;
      count = 0;
      total = 0;
    },
    total: () => total,
  };
}
