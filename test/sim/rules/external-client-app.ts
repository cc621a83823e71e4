/*
 * What the parts of an External Client App share (FACTS §2, §5):
 *  - each settings or policies part names its app in externalClientApplication, which must exist (in the org, or
 *    earlier in the same deploy); an app has at most one component of each part type;
 *  - the app and its parts are made by a Metadata API deploy (Salesforce Help, "Deploy an External Client App").
 *    SIMULATOR'S STRICT READING (Salesforce documents only deploy): createMetadata/updateMetadata/upsertMetadata of any
 *    External Client App type is refused per component, for new and for existing components alike, and so is
 *    deleteMetadata (documented neither way; public tools delete with a destructive-changes deploy, which works: see
 *    below); readMetadata and listMetadata are allowed. Seeds (what the org already has, e.g. made in Setup) are allowed;
 *  - a deploy that writes any component of an app the org already has must carry that app whole: its header and every
 *    part the org holds for it (by name). Otherwise each of that app's components in the deploy fails. SIMULATOR'S
 *    STRICT READING: no public source says a real org accepts a part deployed alone as an update (one public report
 *    says global OAuth settings alone were refused); this also refuses sfdx-hardis's restore shape (the header alone,
 *    then the parts), seen working in public, which the plugin never uses. A new app's first deploy may carry any of
 *    its parts (the org generates the missing policies, below);
 *  - a destructive-changes deploy of the header removes the app and every part that names it (the parts may be named
 *    too: they are then already gone, a "No <type> named: <name> found" warning); a part named for deletion while its
 *    app stays is refused (SIMULATOR'S STRICT READING: documented neither way);
 *  - with External Client Apps off (settings.externalClientAppsEnabled false) the org does not have these types: every
 *    SOAP call naming one faults with sf:INVALID_TYPE, a deploy fails the component; without the permission to view
 *    them (settings.userCanViewExternalClientApps false) readMetadata/listMetadata fault with sf:INSUFFICIENT_ACCESS;
 *  - the OAuth settings types have special access rules (Metadata API Developer Guide, ExtlClntAppOauthSettings and
 *    ExtlClntAppGlobalOauthSettings: the org setting "Allow Access to OAuth Consumer Secrets via Metadata API" and the
 *    user permission "View External Client Apps Consumer Secrets in Metadata"): where they are not met
 *    (settings.userCanReadOAuthSettings false) readMetadata/listMetadata of those two types fault with
 *    sf:INSUFFICIENT_ACCESS naming both (the pages do not say whether reading is what they guard: the stricter reading;
 *    the words are the simulator's);
 *  - after a deploy the org completes each app the deploy touched with default policies (FACTS §5: "generated with
 *    default values during deployment"): a new app without ExtlClntAppConfigurablePolicies gets `<App>_defaultPolicy`,
 *    an app with OAuth settings but without ExtlClntAppOauthConfigurablePolicies gets `<App>_defaultOauthPolicy`.
 *    The names are the simulator's choice, deliberately not the `_plcy`/`_oauthPlcy` a plugin might guess: find
 *    parts by their externalClientApplication field.
 */
import { err, type WriteContext } from '../metadata-store.js';
import { sfFault, type SoapFault } from '../soap.js';
import type { ComponentError, SimState } from '../types.js';
import type { MetadataRecord } from '../validate.js';

export const ECA_HEADER_TYPE = 'ExternalClientApplication';
export const ECA_PART_TYPES = [
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
];
export const ECA_TYPES = [ECA_HEADER_TYPE, ...ECA_PART_TYPES];
export const isEcaType = (type: string): boolean => ECA_TYPES.includes(type);

export const ECA_BY_DEPLOY_MESSAGE =
  'External Client App components can be created and changed only with a Metadata API deploy (deploy()), not with createMetadata, updateMetadata or upsertMetadata.';
export const ECA_TYPE_UNAVAILABLE_MESSAGE = 'This type of metadata is not available for this organization';
export const ECA_NO_ACCESS_MESSAGE =
  'insufficient access rights: viewing External Client Apps needs the "View All External Client Apps" permission';

export const ECA_DELETE_BY_DEPLOY_MESSAGE =
  'External Client App components can be deleted only with a destructive-changes deploy (deploy() with destructiveChanges.xml), not with deleteMetadata.';
export const wholeAppMessage = (app: string, missing: readonly string[]): string =>
  `The external client app ${app} must be deployed whole: this deploy changes it without ${missing.join(', ')}. Deploy the app with its header and all its parts.`;
export const partDeletedAloneMessage = (app: string): string =>
  `A part of an external client app can't be deleted while its app ${app} stays. Delete the app (ExternalClientApplication ${app}) instead.`;
export const OAUTH_SETTINGS_TYPES = ['ExtlClntAppOauthSettings', 'ExtlClntAppGlobalOauthSettings'];
export const OAUTH_SETTINGS_ACCESS_MESSAGE =
  'insufficient access rights: reading OAuth settings of External Client Apps needs the setting "Allow Access to OAuth Consumer Secrets via Metadata API" and the permission "View External Client Apps Consumer Secrets in Metadata"';

export const DEFAULT_POLICY_SUFFIX = '_defaultPolicy';
export const DEFAULT_OAUTH_POLICY_SUFFIX = '_defaultOauthPolicy';

/** The whole-call fault of a SOAP call naming an External Client App type the org or user cannot use, if any. */
export function ecaAccessFault(state: SimState, type: string, access: 'read' | 'write'): SoapFault | undefined {
  if (!isEcaType(type)) return undefined;
  if (state.settings.externalClientAppsEnabled === false)
    return sfFault('INVALID_TYPE', `${ECA_TYPE_UNAVAILABLE_MESSAGE}: ${type}`);
  if (access === 'read' && state.settings.userCanViewExternalClientApps === false)
    return sfFault('INSUFFICIENT_ACCESS', `${ECA_NO_ACCESS_MESSAGE} (${type})`);
  if (access === 'read' && OAUTH_SETTINGS_TYPES.includes(type) && state.settings.userCanReadOAuthSettings === false)
    return sfFault('INSUFFICIENT_ACCESS', `${OAUTH_SETTINGS_ACCESS_MESSAGE} (${type})`);
  return undefined;
}

/** The refusal of a CRUD write of an External Client App type (the simulator's strict reading, see above). */
export function crudRefusal(ctx: WriteContext): ComponentError[] {
  return ctx.via === 'crud' ? [err('INVALID_OPERATION', ECA_BY_DEPLOY_MESSAGE)] : [];
}

/** The refusal of a CRUD delete of an External Client App type (the simulator's strict reading, see above). */
export function crudDeleteRefusal(type: string): ComponentError | undefined {
  return isEcaType(type) ? err('INVALID_OPERATION', ECA_DELETE_BY_DEPLOY_MESSAGE) : undefined;
}

const sameApp = (record: MetadataRecord, app: string): boolean =>
  String(record.externalClientApplication).toLowerCase() === app.toLowerCase();

/** The parts of one type that belong to an app. */
export const partsOf = (state: SimState, type: string, app: string): string[] =>
  state.metadata
    .list(type)
    .filter((c) => sameApp(c.record, app))
    .map((c) => c.fullName);

export function checkAppPart(
  state: SimState,
  type: string,
  fullName: string,
  incoming: MetadataRecord,
): ComponentError[] {
  const app = String(incoming.externalClientApplication ?? '');
  if (!state.metadata.get(ECA_HEADER_TYPE, app)) {
    return [
      err(
        'FIELD_INTEGRITY_EXCEPTION',
        `In field: externalClientApplication - no ExternalClientApplication named ${app} found`,
        ['externalClientApplication'],
      ),
    ];
  }
  const other = state.metadata
    .list(type)
    .find((c) => sameApp(c.record, app) && c.fullName.toLowerCase() !== fullName.toLowerCase());
  if (other)
    return [
      err('DUPLICATE_VALUE', `The external client app ${app} already has a ${type}: ${other.fullName}`, [
        'externalClientApplication',
      ]),
    ];
  return [];
}

/** Every check of a part: CRUD refusal first (nothing else is looked at), then the app link. */
export function partErrors(ctx: WriteContext): ComponentError[] {
  const refused = crudRefusal(ctx);
  return refused.length ? refused : checkAppPart(ctx.state, ctx.type, ctx.fullName, ctx.incoming);
}

/** Completes the apps a deploy touched with the policies the org generates (see above); returns the names made. */
export function completeApps(state: SimState, apps: Array<{ app: string; created: boolean }>): string[] {
  const made: string[] = [];
  for (const { app, created } of apps) {
    const header = state.metadata.get(ECA_HEADER_TYPE, app);
    if (!header) continue;
    const hasOauth = partsOf(state, 'ExtlClntAppOauthSettings', header.fullName).length > 0;
    if (created && partsOf(state, 'ExtlClntAppConfigurablePolicies', header.fullName).length === 0) {
      const fullName = `${header.fullName}${DEFAULT_POLICY_SUFFIX}`;
      const r = state.metadata.write(
        'create',
        'ExtlClntAppConfigurablePolicies',
        { fullName, externalClientApplication: header.fullName, isEnabled: true, isOauthPluginEnabled: hasOauth },
        'deploy',
      );
      if (r.success) made.push(fullName);
    }
    if (hasOauth && partsOf(state, 'ExtlClntAppOauthConfigurablePolicies', header.fullName).length === 0) {
      const fullName = `${header.fullName}${DEFAULT_OAUTH_POLICY_SUFFIX}`;
      const r = state.metadata.write(
        'create',
        'ExtlClntAppOauthConfigurablePolicies',
        {
          fullName,
          externalClientApplication: header.fullName,
          ipRelaxationPolicyType: 'Enforce',
          permittedUsersPolicyType: 'AllSelfAuthorized',
          refreshTokenPolicyType: 'Infinite',
        },
        'deploy',
      );
      if (r.success) made.push(fullName);
    }
  }
  return made;
}

/** Names in a comma-separated list, trimmed. */
export const commaList = (v: unknown): string[] =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A component of a deploy, with the app it belongs to (the header's name, or a part's externalClientApplication). */
export type AppMember = { type: string; name: string; app: string };

/** The app an External Client App file belongs to, read from its XML (undefined when it names none). */
export function appOf(type: string, name: string, xml: string): string | undefined {
  if (type === ECA_HEADER_TYPE) return name;
  return /<externalClientApplication>([^<]*)<\/externalClientApplication>/.exec(xml)?.[1];
}

/**
 * The deploy's members of apps the org already has that come without the rest of their app (see above): each with the
 * problem it fails with. `members` are the External Client App components of one deploy.
 */
export function partialAppProblems(state: SimState, members: readonly AppMember[]): Map<AppMember, string> {
  const out = new Map<AppMember, string>();
  const apps = new Set(members.map((m) => m.app.toLowerCase()));
  for (const app of apps) {
    const header = state.metadata.get(ECA_HEADER_TYPE, app);
    if (!header) continue;
    const carried = members.filter((m) => m.app.toLowerCase() === app);
    const has = (type: string, name: string): boolean =>
      carried.some((m) => m.type === type && m.name.toLowerCase() === name.toLowerCase());
    const required = [
      `${ECA_HEADER_TYPE} ${header.fullName}`,
      ...ECA_PART_TYPES.flatMap((type) => partsOf(state, type, header.fullName).map((name) => `${type} ${name}`)),
    ];
    const missing = required.filter((r) => !has(r.split(' ')[0], r.split(' ')[1]));
    if (missing.length) for (const m of carried) out.set(m, wholeAppMessage(header.fullName, missing));
  }
  return out;
}

/** The refusal of a destructive-changes delete of a part whose app is not deleted with it. */
export function partDeleteRefusal(
  state: SimState,
  type: string,
  name: string,
  deletedApps: ReadonlySet<string>,
): ComponentError | undefined {
  if (!ECA_PART_TYPES.includes(type)) return undefined;
  const app = String(state.metadata.get(type, name)?.record.externalClientApplication ?? '');
  if (!app || deletedApps.has(app.toLowerCase()) || !state.metadata.get(ECA_HEADER_TYPE, app)) return undefined;
  return err('INVALID_OPERATION', partDeletedAloneMessage(app));
}

/** Deletes the parts that name an app, as the org does when the app is deleted. */
export function deleteAppParts(state: SimState, app: string): void {
  for (const type of ECA_PART_TYPES) for (const name of partsOf(state, type, app)) state.metadata.delete(type, name);
}
