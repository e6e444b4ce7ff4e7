import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {cp, mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {loadRunbook} from '../../source/runbook/load.js';
import {checkParamValue} from '../../source/engine/param-value.js';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {createProcessPort} from '../../source/integrations/process.js';
import {getMkeConfig, mkeLogin} from '../../source/actions/domain/mke-client.js';
import {getJob, latestJob} from '../../source/actions/domain/gitlab-client.js';
import {readPrivilegeLists} from '../../source/procedure/mke-config.js';
import {machineStates} from '../../source/actions/domain/vagrant-all-running.js';
import type {HttpPort} from '../../source/integrations/ports.js';
import type {ParamSpec} from '../../source/runbook/types.js';
import {root, runCli, tempDir, testEnv} from '../cli/cli-process.js';

// Every case feeds one bad input and returns the message the app answered with; the table
// says what that message must name. A case that is accepted (no error) fails the test.
type Case = {readonly name: string; readonly answer: () => Promise<string>; readonly says: RegExp};

const tenMegabytes = 10 * 1024 * 1024;

async function messageOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    return error instanceof Error
      ? `${error.message}\n${String(Reflect.get(error, 'detail') ?? '')}`
      : String(error);
  }

  throw new Error('the bad input was accepted');
}

// ---------------------------------------------------------------- parameters (the real runbook)

let specs: ReadonlyMap<string, ParamSpec> = new Map();

function param(id: string, raw: string): () => Promise<string> {
  return async () => {
    const spec = specs.get(id);
    assert.ok(spec, `the runbook has no parameter ${id}`);
    const verdict = checkParamValue(spec, raw);
    if (verdict.ok) throw new Error(`parameter ${id} accepted ${JSON.stringify(raw.slice(0, 80))}`);
    return verdict.message;
  };
}

const parameterCases: Case[] = [
  {
    name: 'an IP address with an octet over 255',
    answer: param('manager_address', '999.1.1.1'),
    says: /IP address/,
  },
  {
    name: 'an IP address with three octets',
    answer: param('worker_address', '10.0.0'),
    says: /IP address/,
  },
  {
    name: 'an IP address followed by a shell command',
    answer: param('manager_address', '10.0.0.1; touch pwned'),
    says: /IP address/,
  },
  {
    name: 'a URL with an ftp scheme',
    answer: param('gitlab_url', 'ftp://gitlab.example.com'),
    says: /http/,
  },
  {name: 'a javascript: URL', answer: param('gitlab_url', 'javascript:alert(1)'), says: /http/},
  {name: 'a URL that is only words', answer: param('chart_repo_url', 'not a url'), says: /URL/},
  {name: 'memory below the minimum', answer: param('vm_memory', '512'), says: /at least 1024/},
  {name: 'memory above the maximum', answer: param('vm_memory', '99999999'), says: /at most 65536/},
  {name: 'a fractional integer', answer: param('vm_memory', '4096.5'), says: /whole number/},
  {
    name: 'an integer in exponent notation',
    answer: param('ip_offset', '1e2'),
    says: /whole number/,
  },
  {
    name: 'an integer followed by a command',
    answer: param('ip_offset', '2; rm -rf /'),
    says: /whole number/,
  },
  {
    name: '../ in a cluster name that becomes a directory',
    answer: param('cluster_name', '../../etc'),
    says: /lowercase letters/,
  },
  {
    name: 'command substitution in a namespace',
    answer: param('namespace', '$(touch pwned)'),
    says: /Kubernetes name/,
  },
  {name: 'a backquoted command in a release name', answer: param('release', '`id`'), says: /match/},
  {
    name: 'a newline inside a hostname',
    answer: param('manager_hostname', 'mke\nevil'),
    says: /match/,
  },
  {
    name: 'a CIDR with words',
    answer: param('host_only_cidr', '10.0.0.0/24 && reboot'),
    says: /CIDR/,
  },
  {
    name: '../ in the GitLab project id',
    answer: param('gitlab_project_id', '../../admin'),
    says: /match/,
  },
  {
    name: 'a 10 MB cluster name',
    answer: param('cluster_name', `${'a'.repeat(tenMegabytes)}/`),
    says: /lowercase letters/,
  },
  {name: 'an empty password', answer: param('admin_password', ''), says: /empty/},
];

// ---------------------------------------------------------------- runbook files

let dir = '';

function runbookFile(name: string, content: string | Uint8Array): () => Promise<string> {
  return async () => {
    const file = path.join(dir, 'runbooks', name);
    await mkdir(path.dirname(file), {recursive: true});
    await writeFile(file, content);
    return messageOf(async () => loadRunbook(file, {displayRoot: dir}));
  };
}

const header = `id: bad\nversion: 1\ntitle: {en: Bad, ja: 悪い}\nsummary: {en: Bad, ja: 悪い}\n`;
const step = (id: string, run: string) =>
  `  - id: ${id}\n    title: {en: S, ja: S}\n    text: {en: S, ja: S}\n    expected: 1s\n    run:\n${run}`;
const nodeRun = `      - action: shell.exec\n        with: {file: node, args: [-e, '0']}\n`;
const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({length: 8}, (_, index) => {
    const name = String.fromCodePoint(98 + index);
    const previous = String.fromCodePoint(97 + index);
    return `${name}: &${name} [${Array.from({length: 9}, () => `*${previous}`).join(',')}]`;
  }),
].join('\n');

const runbookCases: Case[] = [
  {
    name: 'a runbook file that does not exist',
    answer: async () =>
      messageOf(async () => loadRunbook(path.join(dir, 'nowhere.yaml'), {displayRoot: dir})),
    says: /nowhere\.yaml/,
  },
  {
    name: 'a billion-laughs YAML bomb',
    answer: runbookFile('bomb.yaml', `${header}${laughs}\nparams: []\nsteps: []\n`),
    says: /bomb\.yaml.*(alias|Alias)/s,
  },
  {
    name: 'an alias to an undefined anchor',
    answer: runbookFile('alias.yaml', `${header}params: *nothing\nsteps: []\n`),
    says: /alias\.yaml/,
  },
  {
    name: 'an unknown action',
    answer: runbookFile(
      'unknown.yaml',
      `${header}params: []\nsteps:\n${step('one', '      - action: shell.rm-rf\n        with: {}\n')}`,
    ),
    says: /unknown\.yaml:\d+.*shell\.rm-rf/s,
  },
  {
    name: 'a secret template in an argument',
    answer: runbookFile(
      'secret-arg.yaml',
      `${header}params:\n  - id: pw\n    type: secret\n    env: PW\n    label: {en: P, ja: P}\nsteps:\n${step('one', "      - action: shell.exec\n        with: {file: node, args: [-e, '0', '{{ params.pw }}']}\n")}`,
    ),
    says: /secret-arg\.yaml:\d+.*secret parameter "pw"/s,
  },
  {
    name: 'two steps with one id',
    answer: runbookFile(
      'duplicate.yaml',
      `${header}params: []\nsteps:\n${step('one', nodeRun)}${step('one', nodeRun)}`,
    ),
    says: /duplicate\.yaml.*one/s,
  },
  {
    name: 'a key given twice',
    answer: runbookFile('twice.yaml', `${header}id: again\nparams: []\nsteps: []\n`),
    says: /twice\.yaml:5.*(unique|Map keys)/s,
  },
  {
    name: 'bytes that are not UTF-8',
    answer: runbookFile(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(`${header}params: []\nsteps:\n${step('caf', nodeRun)}`.replace('S, ja', 'caf')),
        Buffer.from([0xff, 0xfe, 0xe9, 0x0a]),
      ]),
    ),
    says: /latin1\.yaml/,
  },
  {
    name: 'a 10 MB line',
    answer: runbookFile(
      'long-line.yaml',
      `${header}params: []\nsteps: []\nnote: ${'x'.repeat(tenMegabytes)}\n`,
    ),
    says: /long-line\.yaml.*note/s,
  },
  {
    name: 'a file that is a YAML list, not a runbook',
    answer: runbookFile('list.yaml', '- a\n- b\n'),
    says: /list\.yaml/,
  },
  {
    name: 'a file that is not YAML at all',
    answer: runbookFile('binary.yaml', `{{{ ][ :\n\t- : :`),
    says: /binary\.yaml:\d+/,
  },
  {
    name: 'JSON with the wrong shapes',
    answer: runbookFile('json.yaml', '{"id": 3, "steps": "none"}'),
    says: /json\.yaml.*(id|steps)/s,
  },
];

// ---------------------------------------------------------------- kubeconfigs

function kubeconfig(name: string, content: string | undefined): () => Promise<string> {
  return async () => {
    const file = path.join(dir, 'kube', name);
    await mkdir(path.dirname(file), {recursive: true});
    if (content !== undefined) await writeFile(file, content);
    return messageOf(async () => {
      const port = await createKubeFactory()(file);
      await port.version();
    });
  };
}

const kubeCases: Case[] = [
  {
    name: 'a kubeconfig that is missing',
    answer: kubeconfig('missing.yml', undefined),
    says: /missing\.yml/,
  },
  {
    name: 'a kubeconfig that is not YAML',
    answer: kubeconfig('garbage.yml', '{{{ ][ :\n\t- : :'),
    says: /garbage\.yml/,
  },
  {
    name: 'a kubeconfig without a current context',
    answer: kubeconfig(
      'no-context.yml',
      'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
    ),
    says: /context|cluster/i,
  },
  {
    name: 'a kubeconfig whose server is not a URL',
    answer: kubeconfig(
      'bad-server.yml',
      'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster: {server: "not a url"}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nusers:\n- name: u\n  user: {token: t}\n',
    ),
    says: /not a url|Invalid URL|server/i,
  },
];

// ---------------------------------------------------------------- MKE and GitLab answers

function answering(status: number, body: string, type = 'text/html'): HttpPort {
  const bytes = new TextEncoder().encode(body);
  return {
    request: async () => ({status, headers: {'content-type': type}, body: bytes, text: () => body}),
  };
}

const mke = {url: 'https://192.168.123.11', insecure: true};
const gitlab = {
  url: 'https://gitlab.example.com',
  projectId: 'group/project',
  token: 'glpat-x',
  insecure: false,
};
const html =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

const answerCases: Case[] = [
  {
    name: 'an HTML error page from MKE login',
    answer: async () => messageOf(async () => mkeLogin(answering(502, html), mke, 'admin', 'pw')),
    says: /MKE answered 502.*Bad Gateway/s,
  },
  {
    name: 'truncated JSON from MKE login',
    answer: async () =>
      messageOf(async () =>
        mkeLogin(answering(200, '{"auth_token": "ab', 'application/json'), mke, 'admin', 'pw'),
      ),
    says: /MKE/,
  },
  {
    name: 'HTML with status 200 from MKE login',
    answer: async () => messageOf(async () => mkeLogin(answering(200, html), mke, 'admin', 'pw')),
    says: /MKE/,
  },
  {
    name: 'JSON where MKE config TOML is expected',
    answer: async () =>
      messageOf(async () =>
        readPrivilegeLists(
          await getMkeConfig(
            answering(200, '{"cluster_config": {}}', 'application/json'),
            mke,
            't',
          ),
        ),
      ),
    says: /./,
  },
  {
    name: 'an HTML page where MKE config TOML is expected',
    answer: async () =>
      messageOf(async () => readPrivilegeLists(await getMkeConfig(answering(200, html), mke, 't'))),
    says: /./,
  },
  {
    name: 'a 10 MB MKE config that is not TOML',
    answer: async () =>
      messageOf(() =>
        readPrivilegeLists(`[cluster_config]\n${'= = =\n'.repeat(tenMegabytes / 6)}`),
      ),
    says: /./,
  },
  {
    name: 'MKE config with the privilege list of the wrong type',
    answer: async () =>
      messageOf(() =>
        readPrivilegeLists(
          '[cluster_config]\npriv_attributes_service_accounts = "kube-system:x"\n',
        ),
      ),
    says: /priv_attributes_service_accounts/,
  },
  {
    name: 'an HTML error page from GitLab',
    answer: async () => messageOf(async () => getJob(answering(500, html), gitlab, 7)),
    says: /GitLab answered 500/,
  },
  {
    name: 'truncated JSON from GitLab',
    answer: async () =>
      messageOf(async () =>
        getJob(answering(200, '{"id": 7, "name": "bu', 'application/json'), gitlab, 7),
      ),
    says: /read job 7/,
  },
  {
    name: 'plain text where GitLab JSON is expected',
    answer: async () => messageOf(async () => latestJob(answering(200, 'Retry later'), gitlab)),
    says: /list the project jobs/,
  },
  {
    name: 'a job of the wrong shape from GitLab',
    answer: async () =>
      messageOf(async () =>
        getJob(answering(200, '{"id": "seven"}', 'application/json'), gitlab, 7),
      ),
    says: /read job 7: unexpected answer/,
  },
];

// ---------------------------------------------------------------- tool output

const toolCases: Case[] = [
  {
    name: 'garbage from vagrant status --machine-readable',
    answer: async () => {
      const states = machineStates([
        '<html>',
        ',,,',
        'a,b,state',
        '1700000000,node1,state',
        '\u0000\u0001,state,x,y',
        '',
      ]);
      if (states.size > 0)
        throw new Error(`garbage read as machine states: ${JSON.stringify([...states])}`);
      return 'no machine states read';
    },
    says: /no machine states/,
  },
];

describe('hostile and wrong input is answered with a clear message', () => {
  before(async () => {
    const made = await tempDir('hostile');
    dir = made.dir;
    cleanups.push(made.cleanup);
    const runbook = await loadRunbook(path.join(root, 'runbooks/mke-gitlab-runner.yaml'));
    specs = new Map(runbook.params.map((spec) => [spec.id, spec]));
  });
  after(async () => Promise.all(cleanups.map(async (cleanup) => cleanup())));

  for (const group of [parameterCases, runbookCases, kubeCases, answerCases, toolCases]) {
    for (const {name, answer, says} of group) {
      test(`refuses ${name}`, async () => {
        const message = await answer();
        assert.match(message, says);
        assert.doesNotMatch(message, /^\s*at /m, 'a stack trace instead of a message');
      });
    }
  }
});

const cleanups: Array<() => Promise<void>> = [];

// ---------------------------------------------------------------- through the CLI

const hostile = path.join(root, 'test/proof/fixtures/hostile.yaml');

async function listFiles(top: string): Promise<string[]> {
  const entries = await readdir(top, {recursive: true, withFileTypes: true});
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(top, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('the CLI refuses bad parameters before anything runs', {concurrency: 3}, () => {
  let base = '';
  const template = () => path.join(base, 'template');
  const env = (home: string, extra: Record<string, string> = {}) =>
    testEnv(home, {HOSTILE_TOKEN: 'glrt-fine', ...extra});

  before(async () => {
    const made = await tempDir('hostile-cli');
    base = made.dir;
    cleanups.push(made.cleanup);
    await mkdir(path.join(template(), 'home'), {recursive: true});
    const first = await runCli(
      [
        'run',
        hostile,
        '--real',
        '--yes',
        '--state-dir',
        path.join(template(), 'state'),
        '--only',
        'first',
      ],
      env(path.join(template(), 'home')),
    );
    assert.equal(first.code, 0, first.stderr + first.stdout);
  });
  after(async () => Promise.all(cleanups.map(async (cleanup) => cleanup())));

  // A copy of the profile after its first step, for one case.
  async function copyOfTemplate(name: string): Promise<string> {
    const copy = path.join(base, name);
    await cp(template(), copy, {recursive: true});
    return copy;
  }

  const cliCases: Array<{
    readonly set: string;
    readonly env?: Record<string, string>;
    readonly says: RegExp;
  }> = [
    {set: 'address=999.1.1.1', says: /`address`.*IP address/},
    {set: 'address=10.0.0.1;touch pwned', says: /`address`.*IP address/},
    {set: 'url=file:///etc/passwd', says: /`url`.*http/},
    {set: 'count=11', says: /`count`.*at most 10/},
    {set: 'count=2$(touch pwned)', says: /`count`.*whole number/},
    {set: 'name=../../../etc', says: /`name`.*Kubernetes name/},
    {set: 'nosuchparam=1', says: /nosuchparam/},
    {
      set: 'note=ok',
      env: {HOSTILE_TOKEN: 'glrt-abc\ntouch pwned'},
      says: /`token`.*glrt- token/,
    },
  ];

  for (const [index, {set, env: extra, says}] of cliCases.entries()) {
    test(`refuses --set ${JSON.stringify(set)}${extra ? ` with ${JSON.stringify(extra)}` : ''}: exit 2, nothing run, nothing written`, async (t) => {
      const copy = await copyOfTemplate(`case-${index}`);
      const filesBefore = await listFiles(copy);
      const state = path.join(copy, 'state/profiles/default/state.json');
      const stateBefore = await readFile(state, 'utf8');
      const result = await runCli(
        ['run', hostile, '--real', '--yes', '--state-dir', path.join(copy, 'state'), '--set', set],
        env(path.join(copy, 'home'), extra),
      );
      assert.equal(result.code, 2, result.stderr + result.stdout);
      assert.match(result.stderr, says);
      assert.deepEqual(await listFiles(copy), filesBefore, 'files appeared or vanished');
      await t.test('the state file is unchanged byte for byte', async () => {
        assert.equal(await readFile(state, 'utf8'), stateBefore, 'the state file changed');
      });
    });
  }

  test('passes shell metacharacters to the child verbatim and runs nothing else', async () => {
    const copy = await copyOfTemplate('verbatim');
    const filesBefore = await listFiles(copy);
    const note =
      '$(touch pwned) `touch pwned`; touch pwned | touch pwned && touch pwned > x < y \'"\\ * ?';
    const result = await runCli(
      [
        'run',
        hostile,
        '--real',
        '--yes',
        '--state-dir',
        path.join(copy, 'state'),
        '--set',
        `note=${note}`,
      ],
      env(path.join(copy, 'home')),
    );
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const work = path.join(copy, 'state/profiles/default/work');
    assert.deepEqual(JSON.parse(await readFile(path.join(work, 'received.json'), 'utf8')), [
      '10.0.0.1',
      'https://gitlab.example.com',
      '2',
      'runner',
      note,
    ]);
    assert.equal(existsSync(path.join(work, 'pwned')), false);
    assert.equal(existsSync(path.join(root, 'pwned')), false);
    const outside = (files: string[]) =>
      files.filter((file) => !file.startsWith('state/profiles/default/'));
    assert.deepEqual(
      outside(await listFiles(copy)),
      outside(filesBefore),
      'written outside the profile',
    );
  });
});

describe('the process port survives hostile tool output', () => {
  test('hands over a 10 MB line and invalid UTF-8 bytes without failing', async () => {
    const lines: string[] = [];
    const result = await createProcessPort().run(
      process.execPath,
      [
        '-e',
        'process.stdout.write(Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])); process.stdout.write("y".repeat(10 * 1024 * 1024) + "\\nend\\n")',
      ],
      {timeoutMs: 20_000, onLines: (chunk) => void lines.push(...chunk)},
    );
    assert.equal(result.exitCode, 0);
    assert.equal(lines[0], 'a\uFFFD\uFFFDb');
    assert.equal(lines[1]?.length, tenMegabytes);
    assert.equal(lines[2], 'end');
  });
});
