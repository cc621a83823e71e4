/** The Setup pages the plugin sends an admin to, on the org's My Domain: the one place their paths are spelled. */
export type SetupPage =
  | 'AuthProviders'
  | 'CustomDomain'
  | 'ManageUsers'
  | 'ApexPages'
  | 'NamedCredential'
  | 'PermSets'
  | 'ImportedPackage'
  | 'OrgDomain'
  /** External Client App Settings (the node's name from public Setup links; Salesforce documents the Quick Find path). */
  | 'ExternalClientApplicationSettings'
  /** External Client App Manager: an External Client App's current consumer key and secret. */
  | 'ManageExternalClientApplication'
  /** App Manager: a Connected App's consumer details. */
  | 'NavigationMenus';

export const setupUrl = (myDomainUrl: string, page: SetupPage): string => `${myDomainUrl}/lightning/setup/${page}/home`;
