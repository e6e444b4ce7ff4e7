import {z} from 'zod';

// Faults on demand, for tests and for a workshop's "what if" exercises. A fault is a rule
// with a remaining count: each matching request (or stand-in run) uses one up.

/** Environment variable with faults (a JSON array of FaultRule) the lab starts with. */
export const labFaultsEnv = 'MKE_RUNBOOK_LAB_FAULTS';

/** The stand-in tools. */
export type StandinTool = 'vagrant' | 'launchpad' | 'helm';

const httpFault = z.object({
  kind: z.literal('http'),
  /** Upper-case HTTP method; absent = any. */
  method: z.string().optional(),
  /** Request path prefix, e.g. `/api/v1/namespaces/gitlab-runner/pods`. */
  pathPrefix: z.string(),
  /** error: answer `status` (500); hang: never answer; drop: close the connection; delay: answer late. */
  mode: z.enum(['error', 'hang', 'drop', 'delay']),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().min(0).optional(),
  count: z.number().int().min(1),
});

const standinFault = z.object({
  kind: z.literal('standin'),
  tool: z.enum(['vagrant', 'launchpad', 'helm']),
  /** The subcommand (`up`, `apply`, `install` …); absent = any. */
  command: z.string().optional(),
  /** die: the tool is killed half-way through its output; slow: its delays are multiplied by `factor`. */
  mode: z.enum(['die', 'slow']),
  factor: z.number().min(0).optional(),
  count: z.number().int().min(1),
});

/** A fault rule, as set over `POST /_lab/faults` or by env at start. */
export const faultRuleSchema = z.discriminatedUnion('kind', [httpFault, standinFault]);

/** A fault rule. */
export type FaultRule = z.infer<typeof faultRuleSchema>;

/** An HTTP fault that matched a request. */
export type HttpFaultHit = Pick<z.infer<typeof httpFault>, 'mode' | 'status' | 'delayMs'>;

/** What a stand-in run must do, as the lab tells it. */
export type StandinOrders = {readonly die: boolean; readonly slowFactor: number};

/** The lab's fault rules, consumed as they match. */
export type FaultBook = {
  readonly add: (rules: readonly FaultRule[]) => void;
  readonly clear: () => void;
  readonly list: () => readonly FaultRule[];
  /** Uses up one matching HTTP fault, if any. */
  readonly takeHttp: (method: string, path: string) => HttpFaultHit | undefined;
  /** Uses up the stand-in faults that match one run of `tool command`. */
  readonly takeStandin: (tool: StandinTool, command: string) => StandinOrders;
};

/** A fresh fault book. */
export function createFaultBook(initial: readonly FaultRule[] = []): FaultBook {
  let rules: FaultRule[] = initial.map((rule) => ({...rule}));

  const useOne = (index: number): FaultRule | undefined => {
    const rule = rules[index];
    if (!rule) return undefined;
    rules =
      rule.count <= 1
        ? rules.filter((_, i) => i !== index)
        : rules.map((r, i) => (i === index ? {...r, count: r.count - 1} : r));
    return rule;
  };

  return {
    add(added) {
      rules = [...rules, ...added.map((rule) => ({...rule}))];
    },
    clear() {
      rules = [];
    },
    list: () => rules,
    takeHttp(method, path) {
      const index = rules.findIndex(
        (rule) =>
          rule.kind === 'http' &&
          (rule.method === undefined || rule.method.toUpperCase() === method.toUpperCase()) &&
          path.startsWith(rule.pathPrefix),
      );
      const rule = useOne(index);
      return rule?.kind === 'http'
        ? {mode: rule.mode, status: rule.status, delayMs: rule.delayMs}
        : undefined;
    },
    takeStandin(tool, command) {
      const orders = {die: false, slowFactor: 1};
      for (const mode of ['die', 'slow'] as const) {
        const index = rules.findIndex(
          (rule) =>
            rule.kind === 'standin' &&
            rule.tool === tool &&
            rule.mode === mode &&
            (rule.command === undefined || rule.command === command),
        );
        const rule = useOne(index);
        if (rule?.kind !== 'standin') continue;
        if (mode === 'die') orders.die = true;
        else orders.slowFactor = rule.factor ?? 10;
      }

      return orders;
    },
  };
}

/** Parses the faults given by env at start; a malformed value is an error naming the variable. */
export function faultsFromEnv(value: string | undefined): FaultRule[] {
  if (value === undefined || value.trim() === '') return [];
  const parsed = z.array(faultRuleSchema).safeParse(JSON.parse(value) as unknown);
  if (!parsed.success) {
    throw new Error(`\`${labFaultsEnv}\` is not a list of fault rules: ${parsed.error.message}`);
  }

  return parsed.data;
}
