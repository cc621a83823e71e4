/*
 * What the parts of an External Client App share (FACTS §2, §5):
 *  - each settings or policies part names its app in externalClientApplication, which must exist (in the org, or
 *    earlier in the same deploy); an app has at most one component of each part type;
 *  - the app and its parts are made by a Metadata API deploy (Salesforce Help, "Deploy an External Client App").
 *    SIMULATOR'S STRICT READING (Salesforce documents only deploy): createMetadata/updateMetadata/upsertMetadata of any
 *    External Client App type is refused per component, for new and for existing components alike; readMetadata,
 *    listMetadata and deleteMetadata are allowed. Seeds (what the org already has, e.g. made in Setup) are allowed;
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
