import type { MetadataComponent } from '../model/component.js';

/** Guide task "Set Up the Salesforce Site": Site Label and Site Name "VoiceConnector", home page "SiteLogin". */
export const VOICE_CONNECTOR_SITE = { name: 'VoiceConnector', label: 'VoiceConnector', homePage: 'SiteLogin' } as const;

export type VoiceConnectorSiteInputs = {
  /** Username of the Site Contact (CustomSite.siteAdmin). */
  siteContact: string;
  /** Username of the Default Record Owner (CustomSite.siteGuestRecordDefaultOwner). */
  recordOwner: string;
  /** The site's URL path prefix (CustomSite.urlPathPrefix); absent or '' for the domain's root, as the guide makes it. */
  urlPathPrefix?: string;
};

/**
 * A site URL path prefix as Salesforce accepts one: letters, digits and underscores (a leading "/" as Setup shows it
 * is dropped by the caller). The one rule the flag and the desired state share.
 */
export const URL_PATH_PREFIX = /^[A-Za-z0-9_]+$/;

/**
 * What Setup gives a new Visualforce site for the required fields the guide does not name ("Leave the other
 * options as default"). The WSDL requires them on create; afterwards they are the admin's, so they are
 * create-only: never compared, never sent back.
 */
export const NEW_SITE_DEFAULTS = {
  allowHomePage: false,
  allowStandardIdeasPages: false,
  allowStandardLookups: false,
  allowStandardPortalPages: true,
  allowStandardSearch: false,
  browserXssProtection: true,
  contentSniffingProtection: true,
  referrerPolicyOriginWhenCrossOrigin: true,
} as const;

/** The desired VoiceConnector site: the 13 fields the WSDL requires, and the site contact and record owner. */
export function voiceConnectorSite(inputs: VoiceConnectorSiteInputs): MetadataComponent {
  return {
    kind: 'metadata',
    type: 'CustomSite',
    fullName: VOICE_CONNECTOR_SITE.name,
    label: 'VoiceConnector site',
    fields: {
      // What the guide names.
      active: true,
      masterLabel: VOICE_CONNECTOR_SITE.label,
      indexPage: VOICE_CONNECTOR_SITE.homePage,
      clickjackProtectionLevel: 'SameOriginOnly',
      siteType: 'Visualforce',
      siteAdmin: inputs.siteContact,
      siteGuestRecordDefaultOwner: inputs.recordOwner,
      ...(inputs.urlPathPrefix ? { urlPathPrefix: inputs.urlPathPrefix } : {}),
      ...NEW_SITE_DEFAULTS,
    },
    createOnlyFields: Object.keys(NEW_SITE_DEFAULTS),
  };
}
