import { Messages } from '@salesforce/core';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import { metadataRef, type CurrentState, type MetadataComponent, type PlanItem } from '../model/component.js';
import { isExternalClientAppsUnavailable, readExternalClientApp } from '../org/external-client-app.js';
import { EXTERNAL_CLIENT_APP_HEADER, EXTERNAL_CLIENT_APP_PARTS } from '../org/platform-rules.js';
import type { OrgReads } from '../org/port.js';
import {
  planAssignments,
  planSiteDeactivation,
  planUserDeactivation,
  touchesUser,
  unprovenWarning,
} from './eci-records.js';
import type { PlanBuilder, Removal, RunningUser, TeardownPart, TeardownPlan, TeardownScope } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'teardown');

/** The delete of a metadata component found in the org. */
export function deletion(
  component: MetadataComponent,
  current: CurrentState,
  part: TeardownPart,
  after?: PlanItem['after'],
): Removal {
  return { component, current, action: 'delete', changes: [], part, ...(after ? { after } : {}) };
}

const ref = (type: string, fullName: string, label: string): MetadataComponent =>
  metadataRef(type, fullName, messages.getMessage(label));

/** Reads what the org has under the guide's names, and plans its removal in order. Nothing is written. */
export async function planTeardown(org: OrgReads, scope: TeardownScope, running: RunningUser): Promise<TeardownPlan> {
  const plan: PlanBuilder = { removals: [], notFound: [], kept: [], warnings: [] };
  const eci = scope.includeEci;
  const providers = scope.includeAuthProviders;
  const rcNamedCredential = ref('NamedCredential', RINGCENTRAL_NAMED_CREDENTIAL.fullName, 'label.RcNamedCredential');
  const rcProvider = ref('AuthProvider', RINGCENTRAL_AUTH_PROVIDER.fullName, 'label.RcAuthProvider');
  const eciNamedCredential = ref('NamedCredential', ECI_NAMED_CREDENTIAL.fullName, 'label.EciNamedCredential');
  const site = ref('CustomSite', VOICE_CONNECTOR_SITE.name, 'label.Site');
  const eciProvider = ref('AuthProvider', ECI_AUTH_PROVIDER.fullName, 'label.EciAuthProvider');
  const connectedApp = ref('ConnectedApp', ECI_CONNECTED_APP.fullName, 'label.EciApp');
  const refs = [
    rcNamedCredential,
    ...(providers ? [rcProvider] : []),
    ...(eci ? [eciNamedCredential, site] : []),
    ...(eci && providers ? [eciProvider, connectedApp] : []),
  ];
  const states = await org.readMetadata(refs);
  const state = (c: MetadataComponent): CurrentState => states[refs.indexOf(c)] ?? { exists: false };
  const remove = (c: MetadataComponent, part: TeardownPart, after?: PlanItem['after']): void => {
    if (state(c).exists) plan.removals.push(deletion(c, state(c), part, after));
    else plan.notFound.push({ type: c.type, name: c.fullName, label: c.label, reason: 'absent' });
  };

  // 1. What uses an auth provider goes before it: the named credentials.
  remove(rcNamedCredential, 'ringcentral');
  // 2. The ECI part: assignments, the ECI named credential, the site (deactivated), the integration user.
  if (eci) {
    const { integration, unproven } = await planAssignments(org, scope, plan, running);
    remove(eciNamedCredential, 'eci');
    planSiteDeactivation(plan, site, state(site));
    if (scope.includeIntegrationUser && integration) planUserDeactivation(plan, integration);
    if (integration && unproven && touchesUser(plan, integration.id)) {
      plan.unprovenUser = unproven;
      plan.warnings.push(unprovenWarning(unproven));
    }
  }
  // 3. The auth providers, once nothing of the guide uses them: their suffixes can never be used again.
  if (providers) remove(rcProvider, 'ringcentral');
  if (eci && providers) {
    remove(eciProvider, 'eci');
    // 4. The ECI app after its auth provider: an External Client App (with its parts), or a Connected App when named.
    const after = state(eciProvider).exists ? [{ type: eciProvider.type, name: eciProvider.fullName }] : undefined;
    if (!state(connectedApp).exists) await planExternalClientApp(org, plan, after);
    else if (scope.deleteConnectedApp) remove(connectedApp, 'eci', after);
    else
      plan.kept.push({
        type: connectedApp.type,
        name: connectedApp.fullName,
        label: connectedApp.label,
        reason: 'connected-app',
      });
  }
  const authProviders = plan.removals
    .filter((r) => r.component.kind === 'metadata' && r.component.type === 'AuthProvider')
    .map((r) => (r.component as MetadataComponent).fullName);
  return { ...plan, authProviders };
}

async function planExternalClientApp(org: OrgReads, plan: PlanBuilder, after: PlanItem['after']): Promise<void> {
  const label = messages.getMessage('label.EciApp');
  try {
    const app = await readExternalClientApp(org, ECI_CONNECTED_APP.fullName);
    if (!app.header.exists) {
      plan.notFound.push({ type: 'ConnectedApp', name: ECI_CONNECTED_APP.fullName, label, reason: 'absent' });
      return;
    }
    // The app and each part that names it (their names are the org's own): one destructive-changes deploy (the engine
    // sends the family together). The parts are named too, so that none is left behind if the org does not take them
    // with their app; one it did take is only "not found", which counts as gone.
    plan.removals.push(
      deletion(metadataRef(EXTERNAL_CLIENT_APP_HEADER, ECI_CONNECTED_APP.fullName, label), app.header, 'eci', after),
    );
    for (const type of EXTERNAL_CLIENT_APP_PARTS) {
      const part = app.parts[type];
      if (part)
        plan.removals.push(
          deletion(metadataRef(type, part.fullName, label), { exists: true, fields: part.fields }, 'eci', after),
        );
    }
  } catch (error) {
    // An org without External Client Apps has none; a user who may not see them is told so.
    if (!isExternalClientAppsUnavailable(error)) throw error;
    plan.notFound.push({ type: 'ConnectedApp', name: ECI_CONNECTED_APP.fullName, label, reason: 'absent' });
    plan.warnings.push(messages.getMessage('warning.ExternalClientAppsUnreadable', [(error as Error).message]));
  }
}
