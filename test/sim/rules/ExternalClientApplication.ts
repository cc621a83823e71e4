/*
 * ExternalClientApplication (the successor of ConnectedApp since Spring '26), the header of an app:
 *  - made by deploy only (CRUD writes refused, see external-client-app.ts);
 *  - creation needs External Client Apps turned on in the org (settings.externalClientAppsEnabled, on by default);
 *  - an app whose parts (settings, policies) still name it cannot be deleted: the parts go first. SIMULATOR'S STRICT
 *    READING: Salesforce documents no delete order for the family (Metadata API Developer Guide, External Client App
 *    pages; Help, "Deploy an External Client App" covers deploy only); an org that deleted the parts with their app
 *    would accept the same order (parts, then app), so that order is what a plugin must use.
 */
import { err, type MetadataRules } from '../metadata-store.js';
import { crudRefusal, ECA_PART_TYPES, partsOf } from './external-client-app.js';

export const appInUseMessage = (parts: readonly string[]): string =>
  `This external client app is referenced elsewhere in salesforce.com. Remove the usage and try again. : ${parts.join(', ')}`;

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
  validateDelete(stored, state) {
    const parts = ECA_PART_TYPES.flatMap((type) => partsOf(state, type, stored.fullName).map((p) => `${type} ${p}`));
    if (parts.length) return [err('DELETE_FAILED', appInUseMessage(parts))];
  },
};
