import {parseAllDocuments} from 'yaml';
import {z} from 'zod';
import type {KubeObject} from '../../integrations/kube-port.js';

const objectSchema = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({name: z.string().min(1), namespace: z.string().optional()}),
});

/** Parses YAML text (one or many documents) into Kubernetes objects; empty documents are skipped. */
export function parseManifests(text: string, defaultNamespace?: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    if (document.errors.length > 0) {
      throw new Error(`document ${index + 1}: ${document.errors[0]?.message ?? 'bad YAML'}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const parsed = objectSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `document ${index + 1}: ${issue ? `${issue.path.join('.') || 'object'}: ${issue.message}` : 'not a Kubernetes object'}`,
      );
    }
    const object = parsed.data;
    objects.push(
      defaultNamespace !== undefined &&
        object.metadata.namespace === undefined &&
        !clusterScoped.has(object.kind)
        ? {...object, metadata: {...object.metadata, namespace: defaultNamespace}}
        : object,
    );
  }
  return objects;
}

// Kinds the procedure applies that have no namespace.
const clusterScoped = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PodSecurityPolicy',
  'CustomResourceDefinition',
  'StorageClass',
  'PersistentVolume',
  'Node',
]);

/** `Kind/name` or `Kind/namespace/name`, for summaries. */
export function objectLabel(object: KubeObject): string {
  const {name, namespace} = object.metadata;
  return `${object.kind}/${namespace ? `${namespace}/` : ''}${name}`;
}
