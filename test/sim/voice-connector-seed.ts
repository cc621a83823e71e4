/*
 * An org where the Voice Connector app and Einstein Conversation Insights are installed, as the Voice Connector
 * tasks of the guide expect it: the SiteLogin page, the packaged and standard permission sets with their labels
 * and namespaces, the System Administrator profile's own permission set (API Enabled, Voice Call access).
 * Each part can be left out to make the org wrong in one way.
 */
import type { SimulatedOrg } from './index.js';

export const VOICE_CONNECTOR_NAMESPACE = 'vcon';

/**
 * The ECI access permission set the seed installs: one of the labels Salesforce Help documents (sales.ci_start.htm),
 * not the first of them, so the plugin's lookup in the documented order is exercised. The API name is not
 * documented; a label, not a name, is what the plugin looks for. No set is labelled "Einstein Conversation Insights".
 */
export const ECI_ACCESS_LABEL = 'Einstein Conversation Insights Included';
export const ECI_ACCESS_NAME = 'EinsteinConversationInsightsIncluded';

export type VoiceConnectorInstall = {
  /** the Visualforce page SiteLogin (Salesforce adds it with Sites); default true */
  siteLoginPage?: boolean;
  /** the packaged "Voice Connector Permission" set; default true */
  voiceConnectorPermission?: boolean;
  /** the standard ECI sets "Conversation Insights Integration User" and an ECI access set (ECI_ACCESS_LABEL); default true */
  eciPermissionSets?: boolean;
};

export type VoiceConnectorIds = {
  adminProfileId: string;
  adminProfileSetId: string;
  voiceConnectorPermission?: string;
  conversationInsightsIntegrationUser?: string;
  /** the ECI access permission set (labelled ECI_ACCESS_LABEL) */
  eciAccess?: string;
};

export function installVoiceConnector(org: SimulatedOrg, opts: VoiceConnectorInstall = {}): VoiceConnectorIds {
  const adminProfileId = String(org.records('Profile').find((p) => p.Name === 'System Administrator')!.Id);
  if (opts.siteLoginPage !== false)
    org.insertRecord('ApexPage', {
      Name: 'SiteLogin',
      MasterLabel: 'SiteLogin',
      NamespacePrefix: null,
      ApiVersion: 66,
    });
  const adminProfileSetId = org.insertRecord('PermissionSet', {
    Name: 'X00e_System_Administrator',
    Label: 'System Administrator',
    IsOwnedByProfile: true,
    ProfileId: adminProfileId,
    PermissionsApiEnabled: true,
  });
  org.insertRecord('ObjectPermissions', {
    ParentId: adminProfileSetId,
    SobjectType: 'VoiceCall',
    PermissionsRead: true,
    PermissionsEdit: true,
    PermissionsCreate: true,
  });
  const ids: VoiceConnectorIds = { adminProfileId, adminProfileSetId };
  if (opts.voiceConnectorPermission !== false) {
    ids.voiceConnectorPermission = org.insertRecord('PermissionSet', {
      Name: 'VoiceConnectorPermission',
      Label: 'Voice Connector Permission',
      NamespacePrefix: VOICE_CONNECTOR_NAMESPACE,
    });
  }
  if (opts.eciPermissionSets !== false) {
    ids.conversationInsightsIntegrationUser = org.insertRecord('PermissionSet', {
      Name: 'ConversationInsightsIntegrationUser',
      Label: 'Conversation Insights Integration User',
    });
    ids.eciAccess = org.insertRecord('PermissionSet', { Name: ECI_ACCESS_NAME, Label: ECI_ACCESS_LABEL });
    org.insertRecord('ObjectPermissions', { ParentId: ids.eciAccess, SobjectType: 'VoiceCall', PermissionsRead: true });
  }
  return ids;
}

/** The guide's VoiceConnector site as jsforce sends it (WSDL order). */
export const voiceConnectorSiteRecord = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  fullName: 'VoiceConnector',
  active: true,
  allowHomePage: false,
  allowStandardIdeasPages: false,
  allowStandardLookups: false,
  allowStandardPortalPages: true,
  allowStandardSearch: false,
  browserXssProtection: true,
  clickjackProtectionLevel: 'SameOriginOnly',
  contentSniffingProtection: true,
  indexPage: 'SiteLogin',
  masterLabel: 'VoiceConnector',
  referrerPolicyOriginWhenCrossOrigin: true,
  siteAdmin: 'admin@sim.example',
  siteGuestRecordDefaultOwner: 'admin@sim.example',
  siteType: 'Visualforce',
  ...over,
});

/** The Id of the VoiceConnector site's guest user. */
export const siteGuestUserId = (org: SimulatedOrg): string => String(org.records('Site')[0].GuestUserId);

/** The labels of the permission sets assigned to a user, sorted. */
export const assignedSetLabels = (org: SimulatedOrg, userId: string): string[] =>
  org
    .records('PermissionSetAssignment')
    .filter((a) => a.AssigneeId === userId)
    .map((a) => String(org.records('PermissionSet').find((p) => p.Id === a.PermissionSetId)!.Label))
    .sort();

/** The Ids of the permission sets assigned to a user. */
export const assignedSetIds = (org: SimulatedOrg, userId: unknown): unknown[] =>
  org
    .records('PermissionSetAssignment')
    .filter((a) => a.AssigneeId === userId)
    .map((a) => a.PermissionSetId);

/** The user of that username (Salesforce compares usernames without regard to case). */
export const userNamed = (org: SimulatedOrg, username: string): Record<string, unknown> | undefined =>
  org.records('User').find((u) => String(u.Username).toLowerCase() === username.toLowerCase());

/** The guide's site as the org holds it, with the values Setup gives a new site for the other required fields. */
export const GUIDE_SITE = {
  active: true,
  masterLabel: 'VoiceConnector',
  indexPage: 'SiteLogin',
  clickjackProtectionLevel: 'SameOriginOnly',
  siteType: 'Visualforce',
  allowHomePage: false,
  allowStandardIdeasPages: false,
  allowStandardLookups: false,
  allowStandardPortalPages: true,
  allowStandardSearch: false,
  browserXssProtection: true,
  contentSniffingProtection: true,
  referrerPolicyOriginWhenCrossOrigin: true,
};

/**
 * An Experience Cloud site at the root of its own domain, as Salesforce makes one: two Site rows (ChatterNetwork, and
 * ChatterNetworkPicasso named `<name>1`), active, with an empty URL path prefix, on `<My Domain>.my.site.com` with
 * enhanced domains. It takes no path of the Salesforce Sites domain.
 */
export function addExperienceCloudSite(org: SimulatedOrg, name = 'Customer_Portal'): void {
  const host = `${new URL(org.instanceUrl).hostname.split('.')[0]}.my.site.com`;
  for (const [siteName, siteType] of [
    [name, 'ChatterNetwork'],
    [`${name}1`, 'ChatterNetworkPicasso'],
  ]) {
    const id = org.insertRecord('Site', {
      Name: siteName,
      MasterLabel: name.replace(/_/g, ' '),
      UrlPathPrefix: null,
      Status: 'Active',
      SiteType: siteType,
    });
    org.insertRecord('SiteDetail', { DurableId: id, SecureUrl: `https://${host}`, IsRegistrationEnabled: false });
  }
}
