// The few validations Kubernetes would refuse with 422 that the procedure can run into.
import type {LabObject} from '../types.js';
import {isRecord} from './json.js';
import type {ResourceInfo} from './resources.js';
import {invalid, type FieldError} from './status.js';

const labelPattern = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const subdomainPattern = String.raw`[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`;
const labelMessage = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${labelPattern}')`;
const subdomainMessage = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${subdomainPattern}')`;

function nameErrors(info: ResourceInfo, name: string): FieldError[] {
  if (info.group === 'rbac.authorization.k8s.io') {
    return name.includes('/') || name.includes('%') || name === '.' || name === '..'
      ? [
          {
            type: 'Invalid value',
            field: 'metadata.name',
            value: name,
            detail: `may not contain '/'`,
          },
        ]
      : [];
  }

  const label = info.plural === 'namespaces' || info.plural === 'services';
  const pattern = new RegExp(`^${label ? labelPattern : subdomainPattern}$`);
  const max = label ? 63 : 253;
  if (pattern.test(name) && name.length <= max) return [];
  return [
    {
      type: 'Invalid value',
      field: 'metadata.name',
      value: name,
      detail: label ? labelMessage : subdomainMessage,
    },
  ];
}

function podErrors(spec: unknown, prefix: string): FieldError[] {
  const containers = isRecord(spec) ? spec['containers'] : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    return [{type: 'Required value', field: `${prefix}.containers`, detail: ''}];
  }

  return containers.flatMap((container, index): FieldError[] => {
    const errors: FieldError[] = [];
    if (!isRecord(container) || typeof container['name'] !== 'string' || !container['name']) {
      errors.push({
        type: 'Required value',
        field: `${prefix}.containers[${index}].name`,
        detail: '',
      });
    }

    if (!isRecord(container) || typeof container['image'] !== 'string' || !container['image']) {
      errors.push({
        type: 'Required value',
        field: `${prefix}.containers[${index}].image`,
        detail: '',
      });
    }

    return errors;
  });
}

/** Throws a 422 Invalid Status when the object would be refused by Kubernetes' validation. */
export function validateObject(info: ResourceInfo, object: LabObject): void {
  const {name} = object.metadata;
  const errors: FieldError[] = name
    ? nameErrors(info, name)
    : [
        {
          type: 'Required value',
          field: 'metadata.name',
          detail: 'name or generateName is required',
        },
      ];
  if (info.plural === 'pods') errors.push(...podErrors(object['spec'], 'spec'));
  if (info.plural === 'deployments' || info.plural === 'replicasets') {
    const spec = object['spec'];
    if (!isRecord(spec) || !isRecord(spec['selector'])) {
      errors.push({type: 'Required value', field: 'spec.selector', detail: ''});
    }

    const template = isRecord(spec) ? spec['template'] : undefined;
    errors.push(
      ...podErrors(isRecord(template) ? template['spec'] : undefined, 'spec.template.spec'),
    );
  }

  if (errors.length > 0) throw invalid(info.kind, info.group, name, errors);
}
