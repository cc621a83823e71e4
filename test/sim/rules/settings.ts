/*
 * Org settings as metadata (Metadata API "Settings"): one component per feature, named without its "Settings" suffix
 * in package.xml (member `ExternalClientApp` of type `Settings`), stored as `settings/<Name>.settings` with the root
 * element `<Name>Settings` (the WSDL type, here ExternalClientAppSettings).
 *  - A deploy changes the fields its file names; the others keep their values.
 *  - readMetadata of the WSDL type and the name answers the current values (public tools read settings this way; the
 *    type pages document deploy and retrieve).
 *  - SIMULATOR'S STRICT READING: createMetadata/updateMetadata/upsertMetadata of a settings type are refused
 *    (INVALID_OPERATION): Salesforce documents settings as deployed; one public note saw updateMetadata work, which
 *    the plugin must not rely on.
 *  - ExternalClientAppSettings.enableClientSecretInRestApiAccess (API 62.0+) is settings.clientSecretInRestApiAccess;
 *    the other fields are settings.externalClientAppSettings (off by default), so a rolled-back deploy restores them.
 */
import type { SimState } from '../types.js';
import type { MetadataRecord } from '../validate.js';

export const SETTINGS_BY_DEPLOY_MESSAGE =
  'Settings can be changed only with a Metadata API deploy (deploy()), not with createMetadata, updateMetadata or upsertMetadata.';

type SettingsDef = {
  /** The WSDL type: the file's root element and readMetadata's type. */
  type: string;
  read(state: SimState): MetadataRecord;
  write(state: SimState, record: MetadataRecord): void;
};

const EXTERNAL_CLIENT_APP: SettingsDef = {
  type: 'ExternalClientAppSettings',
  read: (state) => ({
    fullName: 'ExternalClientApp',
    enableClientSecretInRestApiAccess: state.settings.clientSecretInRestApiAccess === true,
    enableConsumerSecretApiAccess: false,
    enablePackageEcaOauthFromDevOrg: false,
    ...(state.settings.externalClientAppSettings as MetadataRecord | undefined),
  }),
  write: (state, record) => {
    const { fullName, enableClientSecretInRestApiAccess, ...others } = record;
    void fullName;
    if (typeof enableClientSecretInRestApiAccess === 'boolean')
      state.settings = { ...state.settings, clientSecretInRestApiAccess: enableClientSecretInRestApiAccess };
    state.settings = {
      ...state.settings,
      externalClientAppSettings: { ...state.settings.externalClientAppSettings, ...others },
    };
  },
};

/** The settings components the simulator knows, by their package.xml member name. */
export const SETTINGS: Readonly<Record<string, SettingsDef>> = { ExternalClientApp: EXTERNAL_CLIENT_APP };

/** The settings component a WSDL type names, if it is one the simulator knows. */
export const settingsOfType = (type: string): { name: string; def: SettingsDef } | undefined => {
  const name = Object.keys(SETTINGS).find((n) => SETTINGS[n].type === type);
  return name ? { name, def: SETTINGS[name] } : undefined;
};

export const SETTINGS_FOLDER = 'settings';
export const SETTINGS_SUFFIX = 'settings';
