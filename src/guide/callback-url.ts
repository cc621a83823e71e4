/** The callback URL Salesforce gives an auth provider: `https://<My Domain>/services/authcallback/<URL Suffix>`. */
export function authCallbackUrl(myDomainUrl: string, urlSuffix: string): string {
  return `${myDomainUrl.replace(/\/+$/, '')}/services/authcallback/${urlSuffix}`;
}
