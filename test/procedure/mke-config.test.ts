import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {parse} from 'smol-toml';
import {
  hasPrivilegeGrant,
  mergePrivilegeGrant,
  readPrivilegeLists,
  removePrivilegeGrant,
} from '../../source/procedure/mke-config.js';

const existing = await readFile(
  new URL('../fixtures/procedure/mke-config-existing.toml', import.meta.url),
  'utf8',
);
const bare = '[auth]\n  backend = "managed"\n\n[cluster_config]\n  controller_port = 443\n';
const runnerGrant = {
  serviceAccounts: ['gitlab-runner:gitlab-runner-gitlab-runner', 'gitlab-runner:default'],
  attributes: ['privileged'],
};

const cases: ReadonlyArray<{
  readonly name: string;
  readonly toml: string;
  readonly grant: Parameters<typeof mergePrivilegeGrant>[1];
  readonly expected: ReturnType<typeof readPrivilegeLists>;
}> = [
  {
    name: 'adds both lists to a config that has none',
    toml: bare,
    grant: runnerGrant,
    expected: {
      userAttributes: [],
      userAccounts: [],
      serviceAttributes: ['privileged'],
      serviceAccounts: ['gitlab-runner:gitlab-runner-gitlab-runner', 'gitlab-runner:default'],
    },
  },
  {
    name: 'appends to a config that already holds other entries, keeping them',
    toml: existing,
    grant: runnerGrant,
    expected: {
      userAttributes: [],
      userAccounts: [],
      serviceAttributes: [
        'hostBindMounts',
        'hostIPC',
        'hostNetwork',
        'hostPID',
        'kernelCapabilities',
        'privileged',
      ],
      serviceAccounts: [
        'system-upgrade:system-upgrade',
        'gitlab-runner:gitlab-runner-gitlab-runner',
        'gitlab-runner:default',
      ],
    },
  },
  {
    name: 'adds the user-account pair when the requester is granted as a user',
    toml: existing,
    grant: {...runnerGrant, userAccounts: ['gitlab-runner:gitlab-runner']},
    expected: {
      userAttributes: ['privileged'],
      userAccounts: ['gitlab-runner:gitlab-runner'],
      serviceAttributes: [
        'hostBindMounts',
        'hostIPC',
        'hostNetwork',
        'hostPID',
        'kernelCapabilities',
        'privileged',
      ],
      serviceAccounts: [
        'system-upgrade:system-upgrade',
        'gitlab-runner:gitlab-runner-gitlab-runner',
        'gitlab-runner:default',
      ],
    },
  },
  {
    name: 'treats MKE’s lower-case attribute names as the documented camelCase ones',
    toml: bare.replace(
      'controller_port = 443',
      'priv_attributes_allowed_for_service_accounts = ["hostbindmounts"]',
    ),
    grant: {serviceAccounts: ['a:b'], attributes: ['hostBindMounts']},
    expected: {
      userAttributes: [],
      userAccounts: [],
      serviceAttributes: ['hostbindmounts'],
      serviceAccounts: ['a:b'],
    },
  },
  {
    name: 'creates the [cluster_config] section when it is missing',
    toml: '[auth]\n  backend = "managed"\n',
    grant: {serviceAccounts: ['a:b'], attributes: ['privileged']},
    expected: {
      userAttributes: [],
      userAccounts: [],
      serviceAttributes: ['privileged'],
      serviceAccounts: ['a:b'],
    },
  },
];

for (const {name, toml, grant, expected} of cases) {
  test(`merge ${name}`, () => {
    const merged = mergePrivilegeGrant(toml, grant);
    assert.deepEqual(readPrivilegeLists(merged), expected);
    assert.equal(hasPrivilegeGrant(merged, grant), true);
    assert.equal(mergePrivilegeGrant(merged, grant), merged, 'merging twice changes nothing');
  });
}

test('keeps every other key, section and comment of the file', () => {
  const merged = mergePrivilegeGrant(existing, runnerGrant);
  const before = parse(existing);
  const after = parse(merged);
  const strip = (value: Record<string, unknown>) => {
    const {cluster_config: cluster, ...rest} = value;
    const clusterCopy = {...(cluster as Record<string, unknown>)};
    delete clusterCopy['priv_attributes_service_accounts'];
    delete clusterCopy['priv_attributes_allowed_for_service_accounts'];
    return {...rest, cluster_config: clusterCopy};
  };

  assert.deepEqual(strip(after), strip(before));
  for (const line of existing.split('\n').filter((line) => line.trim().startsWith('#'))) {
    assert.ok(merged.includes(line), `comment kept: ${line}`);
  }
});

test('says a grant is missing until every account and attribute is there', () => {
  assert.equal(hasPrivilegeGrant(existing, runnerGrant), false);
  const halfway = mergePrivilegeGrant(existing, {
    serviceAccounts: ['gitlab-runner:default'],
    attributes: ['privileged'],
  });
  assert.equal(hasPrivilegeGrant(halfway, runnerGrant), false);
  assert.equal(
    hasPrivilegeGrant(existing, {
      serviceAccounts: ['system-upgrade:system-upgrade'],
      attributes: ['hostPID'],
    }),
    true,
  );
});

test('merge-out removes only the grant’s accounts and keeps attributes others still use', () => {
  const merged = mergePrivilegeGrant(existing, runnerGrant);
  const removed = removePrivilegeGrant(merged, runnerGrant);
  assert.deepEqual(readPrivilegeLists(removed), {
    userAttributes: [],
    userAccounts: [],
    serviceAttributes: [
      'hostBindMounts',
      'hostIPC',
      'hostNetwork',
      'hostPID',
      'kernelCapabilities',
      'privileged',
    ],
    serviceAccounts: ['system-upgrade:system-upgrade'],
  });
  assert.equal(hasPrivilegeGrant(removed, runnerGrant), false);
});

test('merge-out drops the attributes too when no account is left', () => {
  const merged = mergePrivilegeGrant(bare, runnerGrant);
  assert.deepEqual(readPrivilegeLists(removePrivilegeGrant(merged, runnerGrant)), {
    userAttributes: [],
    userAccounts: [],
    serviceAttributes: [],
    serviceAccounts: [],
  });
});

test('refuses a file that is not TOML, with the parser’s words', () => {
  assert.throws(
    () => mergePrivilegeGrant('[cluster_config\n', runnerGrant),
    /TOML|Invalid|Expected/i,
  );
});
