import { Messages } from '@salesforce/core';
import { metadataRef, type MetadataComponent } from '../model/component.js';
import { SETTINGS_COMPONENTS } from './platform-rules.js';
import type { OrgPort, OrgReads } from './port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'secret-access');

/**
 * External Client App Settings, "Allow access to External Client App consumer secrets via REST API": the org setting
 * that lets the Connect REST credentials resources give an app's consumer secret (Metadata API
 * `ExternalClientAppSettings.enableClientSecretInRestApiAccess`, API 62.0+). Salesforce recommends keeping it off
 * ("REST API Secret Masking Control"), so the plugin turns it on only with the admin's consent, for one read, and
 * back to what it was right after. Settings are changed by deploy (Metadata API Developer Guide, "Settings"), and
 * read with readMetadata of the settings type (public practice for settings; the type page documents deploy and
 * retrieve).
 */
export const SECRET_ACCESS_SETTING = {
  type: 'ExternalClientAppSettings',
  fullName: SETTINGS_COMPONENTS.ExternalClientAppSettings,
  field: 'enableClientSecretInRestApiAccess',
  label: 'Allow access to External Client App consumer secrets via REST API',
} as const;

/** `ExternalClientAppSettings.enableClientSecretInRestApiAccess`: how the setting is named in metadata. */
export const SECRET_ACCESS_FIELD = `${SECRET_ACCESS_SETTING.type}.${SECRET_ACCESS_SETTING.field}`;

/** The settings component that sets the setting to `on`: that one field, so every other setting keeps its value. */
function settingComponent(on: boolean): MetadataComponent {
  return {
    kind: 'metadata',
    type: SECRET_ACCESS_SETTING.type,
    fullName: SECRET_ACCESS_SETTING.fullName,
    label: SECRET_ACCESS_SETTING.label,
    fields: { [SECRET_ACCESS_SETTING.field]: on },
  };
}

/** Whether the setting is on; undefined when the org's answer does not say (then nothing may be switched). */
export async function readSecretAccess(org: Pick<OrgReads, 'readMetadata'>): Promise<boolean | undefined> {
  const [state] = await org.readMetadata([metadataRef(SECRET_ACCESS_SETTING.type, SECRET_ACCESS_SETTING.fullName)]);
  const value = state.exists ? state.fields[SECRET_ACCESS_SETTING.field] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Sets the setting by one settings deploy (all or nothing). The deploy names only this field: the component is sent
 * as new, not merged with what the org has, so no other setting of the type is sent back. An SfError when Salesforce
 * refused it.
 */
export async function switchSecretAccess(org: Pick<OrgPort, 'deployMetadata'>, on: boolean): Promise<void> {
  const [outcome] = await org.deployMetadata([{ component: settingComponent(on), current: { exists: false } }]);
  if (!outcome?.success)
    throw messages.createError('error.SwitchRefused', [
      SECRET_ACCESS_SETTING.label,
      on ? 'on' : 'off',
      outcome && !outcome.success ? outcome.message : '',
    ]);
}
