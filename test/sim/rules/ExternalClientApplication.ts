/*
 * ExternalClientApplication (the successor of ConnectedApp since Spring '26), the header of an app:
 *  - made by deploy only (CRUD writes refused, see external-client-app.ts);
 *  - creation needs External Client Apps turned on in the org (settings.externalClientAppsEnabled, on by default);
 *  - deleted only by a destructive-changes deploy (deleteMetadata refused), and its parts go with it (see
 *    external-client-app.ts).
 */
import { err, type MetadataRules } from '../metadata-store.js';
import { crudRefusal, deleteAppParts } from './external-client-app.js';

export const ECA_DISABLED_MESSAGE =
  'External client apps are not enabled in this org. Turn them on in Setup > External Client App Settings.';

export const ExternalClientApplicationRules: MetadataRules = {
  type: 'ExternalClientApplication',
  keyPrefix: '0xI',
  folder: 'externalClientApps',
  suffix: 'eca',
  defaults: { distributionState: 'Local', isProtected: false },
  validateWrite(ctx) {
    const { existing, state } = ctx;
    const refused = crudRefusal(ctx);
    if (refused.length) return refused;
    if (!existing && state.settings.externalClientAppsEnabled === false)
      return [err('FIELD_INTEGRITY_EXCEPTION', ECA_DISABLED_MESSAGE)];
  },
  afterDelete(stored, state) {
    deleteAppParts(state, stored.fullName);
  },
};
