// core/v1 and apps/v1 messages kubectl's typed creates send (`create serviceaccount`, `secret`,
// `configmap`, `service`, `deployment`). Field numbers from k8s.io/api core/v1 and apps/v1
// generated.proto; a Pod spec names what the lab's admission and controllers look at.
import {labelSelector, objectMeta} from './protobuf-schemas.js';
import type {FieldKind, Schema} from './protobuf-wire.js';

const message = (schema: Schema): FieldKind => ({message: schema});
const list = (kind: FieldKind): FieldKind => ({list: kind});
const map = (kind: FieldKind): FieldKind => ({map: kind});
const metadata = ['metadata', message(objectMeta)] as const;

const securityContext: Schema = {
  1: ['capabilities', message({1: ['add', list('string')], 2: ['drop', list('string')]})],
  2: ['privileged', 'optionalBool'],
  4: ['runAsUser', 'optionalInt'],
  5: ['runAsNonRoot', 'optionalBool'],
  6: ['readOnlyRootFilesystem', 'optionalBool'],
  7: ['allowPrivilegeEscalation', 'optionalBool'],
  8: ['runAsGroup', 'optionalInt'],
};
const keySelector: Schema = {
  1: ['name', 'string'], // the embedded LocalObjectReference's only field, inlined in JSON
  2: ['key', 'string'],
  3: ['optional', 'optionalBool'],
};
const envVar: Schema = {
  1: ['name', 'string'],
  2: ['value', 'string'],
  3: [
    'valueFrom',
    message({
      1: ['fieldRef', message({1: ['apiVersion', 'string'], 2: ['fieldPath', 'string']})],
      3: ['configMapKeyRef', message(keySelector)],
      4: ['secretKeyRef', message(keySelector)],
    }),
  ],
};
const container: Schema = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', list('string')],
  4: ['args', list('string')],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    list(
      message({
        1: ['name', 'string'],
        2: ['hostPort', 'int'],
        3: ['containerPort', 'int'],
        4: ['protocol', 'string'],
      }),
    ),
  ],
  7: ['env', list(message(envVar))],
  8: ['resources', message({1: ['limits', map('quantity')], 2: ['requests', map('quantity')]})],
  9: [
    'volumeMounts',
    list(message({1: ['name', 'string'], 2: ['readOnly', 'bool'], 3: ['mountPath', 'string']})),
  ],
  14: ['imagePullPolicy', 'string'],
  15: ['securityContext', message(securityContext)],
  16: ['stdin', 'bool'],
  18: ['tty', 'bool'],
};
const podSpec: Schema = {
  2: ['containers', list(message(container))],
  3: ['restartPolicy', 'string'],
  4: ['terminationGracePeriodSeconds', 'optionalInt'],
  6: ['dnsPolicy', 'string'],
  7: ['nodeSelector', map('string')],
  8: ['serviceAccountName', 'string'],
  9: ['serviceAccount', 'string'],
  10: ['nodeName', 'string'],
  11: ['hostNetwork', 'bool'],
  12: ['hostPID', 'bool'],
  13: ['hostIPC', 'bool'],
  15: ['imagePullSecrets', list(message({1: ['name', 'string']}))],
  20: ['initContainers', list(message(container))],
  21: ['automountServiceAccountToken', 'optionalBool'],
};
const podTemplate: Schema = {1: metadata, 2: ['spec', message(podSpec)]};
const servicePort: Schema = {
  1: ['name', 'string'],
  2: ['protocol', 'string'],
  3: ['port', 'int'],
  4: ['targetPort', 'intOrString'],
  5: ['nodePort', 'int'],
};

/** The core/v1 and apps/v1 kinds, by kind. */
export const workloadKinds: Readonly<Record<string, Schema>> = {
  ServiceAccount: {1: metadata},
  ConfigMap: {
    1: metadata,
    2: ['data', map('string')],
    3: ['binaryData', map('bytes')],
    4: ['immutable', 'optionalBool'],
  },
  Secret: {
    1: metadata,
    2: ['data', map('bytes')],
    3: ['type', 'string'],
    4: ['stringData', map('string')],
    5: ['immutable', 'optionalBool'],
  },
  Service: {
    1: metadata,
    2: [
      'spec',
      message({
        1: ['ports', list(message(servicePort))],
        2: ['selector', map('string')],
        3: ['clusterIP', 'string'],
        4: ['type', 'string'],
        10: ['externalName', 'string'],
      }),
    ],
  },
  Pod: {1: metadata, 2: ['spec', message(podSpec)]},
  Deployment: {
    1: metadata,
    2: [
      'spec',
      message({
        1: ['replicas', 'optionalInt'],
        2: ['selector', message(labelSelector)],
        3: ['template', message(podTemplate)],
        4: [
          'strategy',
          message({
            1: ['type', 'string'],
            2: [
              'rollingUpdate',
              message({1: ['maxUnavailable', 'intOrString'], 2: ['maxSurge', 'intOrString']}),
            ],
          }),
        ],
        5: ['minReadySeconds', 'int'],
        6: ['revisionHistoryLimit', 'optionalInt'],
        7: ['paused', 'bool'],
        9: ['progressDeadlineSeconds', 'optionalInt'],
      }),
    ],
  },
};
