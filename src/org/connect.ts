import type { Org } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import { isSecretSafeUrl } from '../model/secure-url.js';
import type { OrgPort } from './port.js';
import { SalesforceOrg } from './salesforce-org.js';

export { abandonedCalls } from './abandoned-calls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * The org layer for an authenticated org: the one way the layers above `org/` get a connection-backed OrgPort. Every
 * call carries the session id, and some carry secrets: an org whose instance URL is not https (loopback aside, see
 * isSecretSafeUrl) is refused before anything is sent.
 */
export function connectOrg(org: Org, apiVersion?: string): Promise<OrgPort> {
  const conn = org.getConnection(apiVersion);
  if (!isSecretSafeUrl(conn.instanceUrl))
    return Promise.reject(messages.createError('error.InsecureInstanceUrl', [conn.instanceUrl]));
  return Promise.resolve(new SalesforceOrg(conn, org));
}
