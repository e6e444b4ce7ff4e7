import {z} from 'zod';
import {registerAction, registerProbe} from '../registry.js';
import type {ActionContext, ActionResult, PlannedEffect} from '../types.js';
import type {Lang} from '../../i18n/text.js';
import {
  hasPrivilegeGrant,
  mergePrivilegeGrant,
  removePrivilegeGrant,
  type PrivilegeGrant,
} from '../../procedure/mke-config.js';
import {unifiedDiff} from '../../procedure/unified-diff.js';
import {
  booleanArg,
  qualifiedAccountArg,
  secretParamArg,
  secretValue,
  stepErrorFrom,
} from './common.js';
import {getMkeConfig, MkeApiError, mkeLogin, putMkeConfig, type MkeTarget} from './mke-client.js';
import {probeWords} from '../probe-words.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const attributeNames = [
  'hostIPC',
  'hostNetwork',
  'hostPID',
  'hostBindMounts',
  'privileged',
  'kernelCapabilities',
];

const args = z.strictObject({
  url: z.string().url(),
  username: z.string().min(1),
  passwordParam: secretParamArg,
  serviceAccounts: z.array(qualifiedAccountArg).min(1),
  userAccounts: z.array(qualifiedAccountArg).optional(),
  attributes: z
    .array(
      z
        .string()
        .refine(
          (name) => attributeNames.some((known) => known.toLowerCase() === name.toLowerCase()),
          {
            message: `one of ${attributeNames.join(', ')}`,
          },
        ),
    )
    .min(1)
    .default(['privileged']),
  insecure: booleanArg.default(true),
});

type Args = z.infer<typeof args>;

const grantOf = (input: Args): PrivilegeGrant => ({
  // The same account may be listed twice when the runner and its build pods share one.
  serviceAccounts: [...new Set(input.serviceAccounts)],
  ...(input.userAccounts ? {userAccounts: [...new Set(input.userAccounts)]} : {}),
  attributes: input.attributes,
});

const targetOf = (input: Args, signal?: AbortSignal): MkeTarget => ({
  url: input.url,
  insecure: input.insecure,
  ...(signal ? {signal} : {}),
});

function plan(input: Args, change: 'merge' | 'remove', lang: Lang = 'en'): PlannedEffect[] {
  const base = input.url.replace(/\/+$/, '');
  const words = planWords(lang);
  return [
    {
      kind: 'request',
      method: 'POST',
      url: `${base}/auth/login`,
      body: `{"username":"${input.username}","password":"<secret: ${input.passwordParam}>"}`,
    },
    {kind: 'request', method: 'GET', url: `${base}/api/ucp/config-toml`},
    {
      kind: 'note',
      text: words.grantChange(
        change,
        input.serviceAccounts.join(', '),
        input.userAccounts?.join(', '),
        input.attributes.join(', '),
      ),
    },
    {
      kind: 'request',
      method: 'PUT',
      url: `${base}/api/ucp/config-toml`,
      body: words.mergedToml,
    },
    {
      kind: 'request',
      method: 'GET',
      url: `${base}/api/ucp/config-toml`,
      body: words.readBack,
    },
    {
      kind: 'note',
      text: words.grantByHand(input.serviceAccounts.join(', '), input.attributes.join(', ')),
    },
  ];
}

async function edit(
  input: Args,
  ctx: ActionContext,
  change: 'merge' | 'remove',
): Promise<ActionResult> {
  try {
    const target = targetOf(input, ctx.signal);
    const grant = grantOf(input);
    const token = await mkeLogin(
      ctx.ports.http,
      target,
      input.username,
      secretValue(ctx.secrets, input.passwordParam),
    );
    const before = await getMkeConfig(ctx.ports.http, target, token);
    const after =
      change === 'merge' ? mergePrivilegeGrant(before, grant) : removePrivilegeGrant(before, grant);
    if (after === before) {
      await ctx.output([outputWords(ctx.lang).grantAlready(change)], 'info');
      return {ok: true, outputs: {changed: false}};
    }
    await ctx.output(
      unifiedDiff('config-toml (MKE)', 'config-toml (new)', before, after).split('\n'),
      'stdout',
    );
    await putMkeConfig(ctx.ports.http, target, token, after);
    const readBack = await getMkeConfig(ctx.ports.http, target, token);
    const holds = hasPrivilegeGrant(readBack, grant);
    if (holds !== (change === 'merge')) {
      return {
        ok: false,
        error: {
          code: 'check-failed',
          message: `MKE accepted the new configuration but reading it back shows the grant ${change === 'merge' ? 'missing' : 'still there'}`,
          hint: 'look at Admin Settings in the MKE UI; another admin may have changed the configuration at the same time',
        },
      };
    }
    await ctx.output([outputWords(ctx.lang).readBack(change)], 'info');
    return {ok: true, outputs: {changed: true}};
  } catch (error) {
    if (error instanceof MkeApiError) {
      return {
        ok: false,
        error: {
          code:
            error.status === 401 ? 'unauthorized' : error.status === 403 ? 'forbidden' : 'failed',
          message: error.message,
          detail: error.detail,
          hint:
            error.status === 401
              ? 'check the MKE admin username and password'
              : 'only MKE admins may change the configuration file',
        },
      };
    }
    return {ok: false, error: stepErrorFrom(error)};
  }
}

/** Merges a service-account privilege grant into MKE's config (GET → merge → PUT → read back). */
export const mkeGrantPrivileged = registerAction({
  name: 'mke.grantPrivileged',
  args,
  describe: (input, ctx) => plan(input, 'merge', ctx.lang),
  run: (input, ctx) => edit(input, ctx, 'merge'),
});

/** Merges the grant's accounts out of MKE's config; other entries are kept. */
export const mkeRevokePrivileged = registerAction({
  name: 'mke.revokePrivileged',
  args,
  describe: (input, ctx) => plan(input, 'remove', ctx.lang),
  run: (input, ctx) => edit(input, ctx, 'remove'),
});

/** Every account and attribute of the grant is in MKE's config. */
export const mkePrivilegeGranted = registerProbe({
  name: 'mke.privilegeGranted',
  args,
  async run(input, ctx) {
    try {
      const target = targetOf(input, ctx.signal);
      const token = await mkeLogin(
        ctx.ports.http,
        target,
        input.username,
        secretValue(ctx.secrets, input.passwordParam),
      );
      const holds = hasPrivilegeGrant(
        await getMkeConfig(ctx.ports.http, target, token),
        grantOf(input),
      );
      return {
        holds,
        detail: probeWords(ctx.lang).grantPresent(holds),
      };
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});

/** MKE answers a login with the admin's credentials. */
export const mkeLoginWorks = registerProbe({
  name: 'mke.loginWorks',
  args: z.strictObject({
    url: z.string().url(),
    username: z.string().min(1),
    passwordParam: secretParamArg,
    insecure: booleanArg.default(true),
  }),
  async run(input, ctx) {
    try {
      await mkeLogin(
        ctx.ports.http,
        {url: input.url, insecure: input.insecure, signal: ctx.signal},
        input.username,
        secretValue(ctx.secrets, input.passwordParam),
      );
      return {holds: true, detail: probeWords(ctx.lang).loginWorks(input.url, input.username)};
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});
