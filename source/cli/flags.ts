// Every flag the command line knows, with its one-line help, and which commands take it.
// `--help` is generated from this table, so the two cannot drift apart.

/** A command's name. */
export type CommandName = 'run' | 'status' | 'plan' | 'reset' | 'log' | 'export' | 'lab' | 'help';

/** One flag as `parseArgs` and `--help` see it. */
export type FlagSpec = {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly value?: string;
  readonly help: string;
  /** Commands that accept it; all of them when absent. */
  readonly commands?: readonly CommandName[];
};

/** The flags, in the order `--help` lists them. */
export const flagSpecs: readonly FlagSpec[] = [
  {
    name: 'profile',
    type: 'string',
    value: 'NAME',
    help: 'which profile (state, logs, lab) to use; default "default"',
  },
  {
    name: 'state-dir',
    type: 'string',
    value: 'DIR',
    help: 'where profiles live; default $MKE_RUNBOOK_HOME or ~/.mke-runbook',
  },
  {
    name: 'lang',
    type: 'string',
    value: 'en|ja',
    help: 'language of the runbook text; default from $LANG',
  },
  {
    name: 'json',
    type: 'boolean',
    help: 'print events (run) or results (status, plan, lab status) as JSON',
  },
  {
    name: 'yes',
    type: 'boolean',
    short: 'y',
    help: 'answer every confirmation with yes; fail where any other answer is needed',
    commands: ['run'],
  },
  {
    name: 'from',
    type: 'string',
    value: 'STEP',
    help: 'start at this step instead of the first one not done',
    commands: ['run'],
  },
  {
    name: 'only',
    type: 'string',
    value: 'STEP',
    help: 'run this one step and stop',
    commands: ['run'],
  },
  {
    name: 'simulate',
    type: 'boolean',
    help: 'use the simulated lab instead of real machines',
    commands: ['run', 'plan'],
  },
  {
    name: 'real',
    type: 'boolean',
    help: 'use the real tools even if the choice would be the lab',
    commands: ['run', 'plan'],
  },
  {
    name: 'set',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    help: 'give a parameter (repeatable); secrets only via their environment variable',
    commands: ['run', 'plan', 'export'],
  },
  {
    name: 'params',
    type: 'string',
    value: 'FILE',
    help: 'read parameters from a YAML or JSON file',
    commands: ['run', 'plan', 'export'],
  },
  {name: 'step', type: 'string', value: 'ID', help: 'reset only this step', commands: ['reset']},
  {name: 'help', type: 'boolean', short: 'h', help: 'show this help'},
  {name: 'version', type: 'boolean', help: 'print the version'},
];

/** The commands, in the order `--help` lists them. */
export const commandSpecs: ReadonlyArray<{
  readonly name: CommandName;
  readonly usage: string;
  readonly help: string;
}> = [
  {
    name: 'run',
    usage: 'run [RUNBOOK]',
    help: 'walk through the runbook (the default command); resumes where things stand',
  },
  {
    name: 'status',
    usage: 'status [RUNBOOK]',
    help: 'table of steps: status, attempts, durations, log files',
  },
  {
    name: 'plan',
    usage: 'plan [RUNBOOK]',
    help: 'every command, file and manifest of every step and branch; runs nothing',
  },
  {
    name: 'reset',
    usage: 'reset [RUNBOOK] [--step ID]',
    help: 'forget progress (of one step): the state file only, nothing in the world',
  },
  {name: 'log', usage: 'log STEP', help: "print the full log of the step's last attempt"},
  {
    name: 'export',
    usage: 'export [RUNBOOK]',
    help: 'a Markdown transcript of the profile: steps, choices, commands, outputs',
  },
  {name: 'lab', usage: 'lab start|stop|status|reset', help: "control the profile's simulated lab"},
  {name: 'help', usage: 'help', help: 'show this help'},
];
