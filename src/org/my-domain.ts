import { Messages } from '@salesforce/core';
import { isSecretSafeUrl } from '../model/secure-url.js';
import type { OrgReads } from './port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/** A Salesforce host: My Domain (`*.my.salesforce.com`, sandboxes and partitions included) and login hosts. */
const isSalesforceHost = (hostname: string): boolean => /(^|\.)salesforce\.com$/i.test(hostname);

/**
 * The org's My Domain, as a Salesforce-type auth provider's endpoints must name it ("The URL must end in
 * .salesforce.com", Mobile SDK guide, "Configure a Salesforce Authentication Provider"). The CLI's instance URL is the
 * My Domain (the token answer's `instance_url`) unless the admin logged in through a custom domain: then the org's own
 * word for its My Domain is taken, userinfo's `urls.custom_domain` (in Salesforce's answers, not in the "Identity
 * URLs" page: read only in that case). One read, remembered for the run; no answer naming it is an SfError, never a
 * guess.
 */
export async function myDomainLoginUrl(org: Pick<OrgReads, 'userInfo'>, instanceUrl: string): Promise<string> {
  const instance = new URL(instanceUrl);
  if (instance.protocol === 'https:' && isSalesforceHost(instance.hostname)) return instance.origin;
  const { myDomainUrl } = await org.userInfo();
  if (myDomainUrl && isSecretSafeUrl(myDomainUrl)) return new URL(myDomainUrl).origin;
  throw messages.createError('error.NoMyDomain', [instance.host], [instance.host]);
}
