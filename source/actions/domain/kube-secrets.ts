import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {KubeObject} from '../../integrations/kube-port.js';
import {tokenKind} from '../../procedure/runner-values.js';
import {secretParamArg, secretValue, stepErrorFrom} from './common.js';
import {outputWords} from '../output-words.js';

const masked = (paramId: string) => `<secret: ${paramId}>`;

function secretObject(
  namespace: string,
  name: string,
  data: Readonly<Record<string, string>>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {name, namespace},
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  };
}

function describeSecret(namespace: string, name: string, data: Readonly<Record<string, string>>) {
  return [
    {
      kind: 'manifest' as const,
      action: 'apply' as const,
      yaml: [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        `  name: ${name}`,
        `  namespace: ${namespace}`,
        'type: Opaque',
        'stringData:',
        ...Object.entries(data).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`),
        '',
      ].join('\n'),
    },
  ];
}

const tokenArgs = z.strictObject({
  kubeconfig: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
  tokenParam: secretParamArg,
});

/** The Secret the chart reads through `runners.secret`: the runner token never lands in values.yaml. */
export const kubeRunnerTokenSecret = registerAction({
  name: 'kube.runnerTokenSecret',
  args: tokenArgs,
  describe(input) {
    return describeSecret(input.namespace, input.name, {
      'runner-token': `${masked(input.tokenParam)} if it starts with glrt-, else ""`,
      'runner-registration-token': `${masked(input.tokenParam)} if it is a legacy registration token, else ""`,
    });
  },
  async run(input, ctx) {
    try {
      const token = secretValue(ctx.secrets, input.tokenParam).trim();
      const kind = tokenKind(token);
      const data =
        kind === 'authentication'
          ? {'runner-token': token, 'runner-registration-token': ''}
          : {'runner-token': '', 'runner-registration-token': token};
      const kube = await ctx.ports.kube(input.kubeconfig);
      await kube.apply(secretObject(input.namespace, input.name, data));
      const key = kind === 'authentication' ? 'runner-token' : 'runner-registration-token';
      await ctx.output(
        [outputWords(ctx.lang).tokenSecret(`${input.namespace}/${input.name}`, kind, key)],
        'info',
      );
      return {ok: true, outputs: {tokenKind: kind}};
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});

/** A Secret whose values come from secret parameters. */
export const kubeSecretFromParam = registerAction({
  name: 'kube.secretFromParam',
  args: z.strictObject({
    kubeconfig: z.string().min(1),
    namespace: z.string().min(1),
    name: z.string().min(1),
    data: z.record(z.string().min(1), secretParamArg),
  }),
  describe(input) {
    return describeSecret(
      input.namespace,
      input.name,
      Object.fromEntries(Object.entries(input.data).map(([key, param]) => [key, masked(param)])),
    );
  },
  async run(input, ctx) {
    try {
      const data = Object.fromEntries(
        Object.entries(input.data).map(([key, param]) => [key, secretValue(ctx.secrets, param)]),
      );
      const kube = await ctx.ports.kube(input.kubeconfig);
      await kube.apply(secretObject(input.namespace, input.name, data));
      await ctx.output([`Secret ${input.namespace}/${input.name} applied`], 'info');
      return {ok: true};
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});
