import type { Org } from '@salesforce/core';
import { OrgAccess } from './org-access.js';
import type { OrgPort } from './port.js';

/**
 * The org layer for an authenticated org: the one way the layers above `org/` get a connection-backed OrgPort. Every
 * call carries the session id, and some carry secrets: an org whose instance URL is not https (loopback aside) is
 * refused before anything is sent.
 */
export function connectOrg(org: Org, apiVersion?: string): Promise<OrgPort> {
  return OrgAccess.connect(org, apiVersion);
}
