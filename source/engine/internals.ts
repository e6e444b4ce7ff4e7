import type {Registry} from '../actions/registry.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {Lang} from '../i18n/text.js';
import type {Ports} from '../integrations/ports.js';
import type {Runbook} from '../runbook/types.js';
import type {Redactor} from '../secrets/redact.js';
import type {ProfilePaths} from '../state/paths.js';
import type {StateStore} from '../state/store.js';
import type {EventBus} from './event-bus.js';
import type {ParamResolver} from './params.js';
import type {Prompter} from './prompter.js';

/** What the engine's modules share while a profile is open. */
export type Internals = {
  readonly runbook: Runbook;
  readonly registry: Registry;
  readonly store: StateStore;
  readonly bus: EventBus;
  readonly redactor: Redactor;
  readonly params: ParamResolver;
  readonly ports: Ports;
  readonly prompter: Prompter;
  /** The language of the words the engine and the actions write; the interface may switch it. */
  lang: Lang;
  readonly assumeYes: boolean;
  readonly profile: string;
  readonly paths: ProfilePaths;
  readonly diagnose: ((text: string) => readonly Diagnosis[]) | undefined;
  /** The bounded tail of each step's latest output, all the engine keeps in memory. */
  readonly tails: Map<
    string,
    {readonly push: (lines: readonly string[]) => void; readonly lines: () => string[]}
  >;
  readonly tailSize: number;
  /** See EngineOptions.sampledOutput. */
  readonly sampledOutput: boolean;
  /** Choices made in this session: an explicit `--set` for their parameter no longer switches them. */
  readonly chosen: Set<string>;
  readonly now: () => Date;
};
