import {cleanLines} from '../../diagnosis/clean-text.js';
import type {HttpPort} from '../../integrations/ports.js';
import {finishedStatuses, jobTrace, type GitlabTarget, type Job} from './gitlab-client.js';

/** Streams each job's trace as it grows: new complete lines only, cleaned of ANSI and section markers. */
export class JobFollower {
  readonly #http: HttpPort;
  readonly #target: GitlabTarget;
  readonly #emit: (lines: readonly string[]) => void | Promise<void>;
  readonly #offsets = new Map<number, number>();
  readonly #traces = new Map<number, string>();
  readonly #done = new Set<number>();

  constructor(
    http: HttpPort,
    target: GitlabTarget,
    emit: (lines: readonly string[]) => void | Promise<void>,
  ) {
    this.#http = http;
    this.#target = target;
    this.#emit = emit;
  }

  /** Reads the new part of every started job's trace and emits it. */
  async poll(jobs: readonly Job[]): Promise<void> {
    for (const job of jobs) {
      if (this.#done.has(job.id) || job.status === 'created' || job.status === 'skipped') continue;
      if (!this.#offsets.has(job.id)) {
        this.#offsets.set(job.id, 0);
        await this.#emit([`── job ${job.name} (#${job.id}, stage ${job.stage ?? '?'}) ──`]);
      }
      const trace = await jobTrace(this.#http, this.#target, job.id);
      this.#traces.set(job.id, trace);
      const finished = finishedStatuses.has(job.status);
      const from = this.#offsets.get(job.id) ?? 0;
      // Hold back a partial last line until it is complete (or the job has ended).
      const to = finished ? trace.length : trace.lastIndexOf('\n') + 1;
      if (to > from) {
        const lines = cleanLines(trace.slice(from, to));
        if (lines.length > 0) await this.#emit(lines);
        this.#offsets.set(job.id, to);
      }
      if (finished) this.#done.add(job.id);
    }
  }

  /** Every trace read so far, joined, for diagnosis. */
  allTraces(): string {
    return [...this.#traces.values()].join('\n');
  }
}
