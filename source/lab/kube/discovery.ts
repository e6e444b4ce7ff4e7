// Discovery documents (/version, /api, /apis, /api/v1, /apis/<group>/<version>) and the
// OpenAPI v3 index kubectl reads to learn that the server validates fields itself.
import {groupVersions, resources, type ResourceInfo} from './resources.js';

/** What `/version` says: MKE 3.4 runs Kubernetes 1.20. */
export const versionInfo = {
  major: '1',
  minor: '20',
  gitVersion: 'v1.20.15-mirantis-1',
  gitCommit: '8f1e5bf0b9729a899b8df86249b56e2c74aebc55',
  gitTreeState: 'clean',
  buildDate: '2022-01-19T17:23:34Z',
  goVersion: 'go1.15.15',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const serverAddress = [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1'}];

/** `/api`. */
export function coreVersions() {
  return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: serverAddress};
}

function groupDocument(group: string) {
  const versions = groupVersions
    .filter((entry) => entry.group === group)
    .map((entry) => ({groupVersion: `${group}/${entry.version}`, version: entry.version}));
  return {name: group, versions, preferredVersion: versions[0]};
}

/** `/apis/<group>`, if served. */
export function apiGroup(group: string) {
  const document = groupDocument(group);
  return document.versions.length > 0
    ? {kind: 'APIGroup', apiVersion: 'v1', ...document}
    : undefined;
}

/** `/apis`. */
export function apiGroupList() {
  const groups = [
    ...new Set(groupVersions.map((entry) => entry.group).filter((group) => group !== '')),
  ];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((group) => groupDocument(group)),
  };
}

function resourceEntries(info: ResourceInfo) {
  const main = {
    name: info.plural,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: info.verbs,
    ...(info.shortNames ? {shortNames: info.shortNames} : {}),
    ...(info.categories ? {categories: info.categories} : {}),
    storageVersionHash: Buffer.from(info.plural).toString('base64').slice(0, 11),
  };
  const subresources = Object.entries(info.subresources ?? {}).map(([sub, verbs]) => ({
    name: `${info.plural}/${sub}`,
    singularName: '',
    namespaced: info.namespaced,
    kind: sub === 'scale' ? 'Scale' : info.kind,
    ...(sub === 'scale' ? {group: 'autoscaling', version: 'v1'} : {}),
    verbs,
  }));
  return [main, ...subresources];
}

/** `/api/v1` or `/apis/<group>/<version>`, if served. */
export function apiResourceList(group: string, version: string) {
  const served = resources.filter((info) => info.group === group && info.version === version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: served.flatMap((info) => resourceEntries(info)),
  };
}

function openApiPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** `/openapi/v3`: one entry per group/version. */
export function openApiIndex() {
  return {
    paths: Object.fromEntries(
      groupVersions.map(({group, version}) => [
        openApiPath(group, version),
        {serverRelativeURL: `/openapi/v3/${openApiPath(group, version)}?hash=lab`},
      ]),
    ),
  };
}

const fieldValidation = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  schema: {type: 'string', uniqueItems: true},
};

/** `/openapi/v3/<api|apis/group>/<version>`: PATCH operations that advertise server-side field validation. */
export function openApiGroupVersion(path: string) {
  const served = groupVersions.find(({group, version}) => openApiPath(group, version) === path);
  if (!served) return undefined;
  const prefix = `/${path}`;
  const paths = Object.fromEntries(
    resources
      .filter(
        (info) =>
          info.group === served.group &&
          info.version === served.version &&
          info.verbs.includes('patch'),
      )
      .map((info) => [
        info.namespaced
          ? `${prefix}/namespaces/{namespace}/${info.plural}/{name}`
          : `${prefix}/${info.plural}/{name}`,
        {
          patch: {
            operationId: `patch${info.kind}`,
            parameters: [fieldValidation],
            'x-kubernetes-action': 'patch',
            'x-kubernetes-group-version-kind': {
              group: info.group,
              version: info.version,
              kind: info.kind,
            },
            responses: {'200': {description: 'OK'}},
          },
        },
      ]),
  );
  return {
    openapi: '3.0.0',
    info: {title: 'Kubernetes', version: versionInfo.gitVersion},
    paths,
    components: {schemas: {}},
  };
}
