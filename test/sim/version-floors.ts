/*
 * The API version each metadata type and field the plugin uses was introduced in (Metadata API Developer Guide, the
 * "Version" section of each type page; ExternalClientAppSettings' field table). A call of an earlier version does not
 * know the type (a fault of a CRUD call or read, a failure of a deploy component) or the field (a file that names it
 * is an error; a read does not show it). The wording of the refusals is the simulator's.
 */
import { sfFault, type SoapFault } from './soap.js';

export const TYPE_SINCE: Readonly<Record<string, number>> = {
  ExternalClientApplication: 59,
  ExtlClntAppOauthSettings: 59,
  ExtlClntAppGlobalOauthSettings: 59,
  ExtlClntAppOauthConfigurablePolicies: 59,
  ExtlClntAppConfigurablePolicies: 60,
  ExternalClientAppSettings: 58,
};

export const FIELD_SINCE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  ExternalClientAppSettings: { enableClientSecretInRestApiAccess: 62 },
};

/** Whether the type exists in this API version. */
export const typeKnownIn = (type: string, version: string | number): boolean =>
  Number(version) >= (TYPE_SINCE[type] ?? 0);

export const typeTooNewMessage = (type: string, version: string | number): string =>
  `INVALID_TYPE: ${type} is not available in API version ${Number(version).toFixed(1)} (available from ${String(TYPE_SINCE[type])}.0)`;

/** The fault of a CRUD call or read naming a type its version does not know, if it does. */
export function typeVersionFault(type: string, version: string): SoapFault | undefined {
  if (typeKnownIn(type, version)) return undefined;
  return sfFault('INVALID_TYPE', typeTooNewMessage(type, version).replace(/^INVALID_TYPE: /, ''));
}

/** The fields of a record that this API version does not know. */
export const fieldsTooNew = (type: string, record: Record<string, unknown>, version: string | number): string[] =>
  Object.entries(FIELD_SINCE[type] ?? {})
    .filter(([field, since]) => record[field] !== undefined && Number(version) < since)
    .map(([field]) => field);

/** The record as a read of this API version shows it: without the fields introduced later. */
export const asOfVersion = <R extends Record<string, unknown>>(type: string, record: R, version: string | number): R =>
  Object.fromEntries(
    Object.entries(record).filter(([field]) => Number(version) >= (FIELD_SINCE[type]?.[field] ?? 0)),
  ) as R;
