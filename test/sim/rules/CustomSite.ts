/*
 * CustomSite platform rules (FACTS §1, WSDL):
 *  - a site can be saved only once Salesforce Sites are enabled (a site domain registered: settings.sitesDomain);
 *  - the Visualforce pages it names must exist ("In field: indexPage - no ApexPage named … found");
 *  - siteAdmin and siteGuestRecordDefaultOwner name active users by username ("no User named … found");
 *  - guestProfile is read-only: the platform creates "<label> Profile" with the site and refuses it in a write;
 *  - only one active site per domain may have an empty urlPathPrefix (the root site; FACTS §5, unconfirmed, from the
 *    Setup UI: the simulator's stricter reading): a second one is refused, naming the URL path prefix;
 *  - a URL path prefix is used only once within the domain (Connect REST "Custom URL Detail": "you can use each path
 *    only once within the same domain"), compared without case, whatever the other site's status;
 *  - the domain is the Salesforce Sites one: Experience Cloud sites (Site rows of SiteType ChatterNetwork and
 *    ChatterNetworkPicasso, a pair per site) live on `<MyDomain>.my.site.com` with enhanced domains and take no path
 *    of it. Any other site, a row without SiteType included, counts (the stricter reading; whether Siteforce sites
 *    share the Sites domain is not documented);
 *  - creating a site creates its Site record and its guest user (Guest User License profile, active); the site's
 *    URL (SiteDetail.SecureUrl) is on the sites domain.
 */
import { err, type MetadataRules, type StoredComponent } from '../metadata-store.js';
import type { ComponentError, SimState } from '../types.js';
import type { MetadataRecord } from '../validate.js';

export const ROOT_SITE_TAKEN_MESSAGE = (other: string): string =>
  `URL Path Prefix: the site ${other} already uses this domain's root (an empty URL path prefix). Enter a URL path prefix for this site.`;
export const PREFIX_TAKEN_MESSAGE = (prefix: string, other: string): string =>
  `URL Path Prefix: the site ${other} already uses the path /${prefix} on this domain. Enter another URL path prefix for this site.`;
export const SITES_NOT_ENABLED_MESSAGE =
  'Sites are not enabled for this organization. Register a Salesforce Sites domain in Setup > Sites first.';

/** CustomSite fields that name a Visualforce page. */
const PAGE_FIELDS = [
  'authorizationRequiredPage',
  'bandwidthExceededPage',
  'changePasswordPage',
  'fileNotFoundPage',
  'genericErrorPage',
  'inMaintenancePage',
  'inactiveIndexPage',
  'indexPage',
  'myProfilePage',
  'robotsTxtPage',
  'selfRegPage',
  'siteTemplate',
];
const USER_FIELDS = ['siteAdmin', 'siteGuestRecordDefaultOwner'];

const lower = (v: unknown): string => String(v ?? '').toLowerCase();

/** The SiteType values of Experience Cloud sites (WSDL enum SiteType), which are not on the Salesforce Sites domain. */
export const EXPERIENCE_CLOUD_SITE_TYPES = ['ChatterNetwork', 'ChatterNetworkPicasso'];
const onSitesDomain = (site: Record<string, unknown>): boolean =>
  !EXPERIENCE_CLOUD_SITE_TYPES.includes(String(site.SiteType ?? ''));

export function pageExists(state: SimState, name: string): boolean {
  return state.records.all('ApexPage').some((p) => lower(p.Name) === name.toLowerCase() && !p.NamespacePrefix);
}

function activeUserId(state: SimState, username: string): string | undefined {
  const user = state.records.all('User').find((u) => lower(u.Username) === username.toLowerCase());
  return user && user.IsActive === true ? String(user.Id) : undefined;
}

/** The URL a site gets on the org's sites domain. */
export function siteSecureUrl(state: SimState, urlPathPrefix: unknown): string {
  const prefix = typeof urlPathPrefix === 'string' && urlPathPrefix ? `/${urlPathPrefix}` : '';
  return `https://${String(state.settings.sitesDomain)}${prefix}`;
}

function createGuestUser(stored: StoredComponent, state: SimState): string {
  const store = state.records;
  const guestLicense = store.all('UserLicense').find((l) => l.LicenseDefinitionKey === 'PID_Guest_User');
  const label = String(stored.record.masterLabel ?? stored.fullName);
  const profileId = store.insert(
    'Profile',
    { Name: `${label} Profile`, UserLicenseId: guestLicense?.Id, UserType: 'Guest' },
    { system: true },
  );
  return store.insert(
    'User',
    {
      Username: `${stored.fullName.toLowerCase()}@${state.orgId.toLowerCase()}.sites.example`,
      FirstName: label,
      LastName: 'Site Guest User',
      Alias: 'guest',
      Email: `noreply@${String(state.settings.sitesDomain)}`,
      CommunityNickname: `${stored.fullName}-guest`.slice(0, 40),
      ProfileId: profileId,
      IsActive: true,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    },
    { system: true },
  );
}

export const CustomSiteRules: MetadataRules = {
  type: 'CustomSite',
  keyPrefix: '0DM',
  folder: 'sites',
  suffix: 'site',
  validateWrite({ incoming, fullName, state }) {
    if (!state.settings.sitesDomain) return [err('FIELD_INTEGRITY_EXCEPTION', SITES_NOT_ENABLED_MESSAGE)];
    const errors: ComponentError[] = [];
    const emptyPrefix = (v: unknown): boolean => v === undefined || v === null || v === '';
    if (incoming.active === true && emptyPrefix(incoming.urlPathPrefix)) {
      const root = state.records
        .all('Site')
        .filter(onSitesDomain)
        .find((s) => lower(s.Name) !== fullName.toLowerCase() && s.Status === 'Active' && emptyPrefix(s.UrlPathPrefix));
      if (root)
        errors.push(err('FIELD_INTEGRITY_EXCEPTION', ROOT_SITE_TAKEN_MESSAGE(String(root.Name)), ['urlPathPrefix']));
    }
    if (!emptyPrefix(incoming.urlPathPrefix)) {
      const prefix = String(incoming.urlPathPrefix);
      const same = state.records
        .all('Site')
        .filter(onSitesDomain)
        .find((s) => lower(s.Name) !== fullName.toLowerCase() && lower(s.UrlPathPrefix) === prefix.toLowerCase());
      if (same)
        errors.push(
          err('FIELD_INTEGRITY_EXCEPTION', PREFIX_TAKEN_MESSAGE(prefix, String(same.Name)), ['urlPathPrefix']),
        );
    }
    if (incoming.guestProfile !== undefined)
      errors.push(
        err('FIELD_INTEGRITY_EXCEPTION', 'In field: guestProfile - the field is read-only', ['guestProfile']),
      );
    for (const f of PAGE_FIELDS) {
      const page = incoming[f];
      if (typeof page === 'string' && !pageExists(state, page))
        errors.push(err('FIELD_INTEGRITY_EXCEPTION', `In field: ${f} - no ApexPage named ${page} found`, [f]));
    }
    for (const f of USER_FIELDS) {
      const username = incoming[f];
      if (typeof username === 'string' && !activeUserId(state, username))
        errors.push(err('FIELD_INTEGRITY_EXCEPTION', `In field: ${f} - no User named ${username} found`, [f]));
    }
    return errors;
  },
  toStore({ incoming, existing }): MetadataRecord {
    // The guest profile is the platform's: named after the label the site was created with, kept afterwards.
    return { ...incoming, guestProfile: existing?.record.guestProfile ?? `${String(incoming.masterLabel)} Profile` };
  },
  afterWrite(stored, created, state) {
    const store = state.records;
    const fields = {
      MasterLabel: stored.record.masterLabel,
      Status: stored.record.active === true ? 'Active' : 'Inactive',
      SiteType: stored.record.siteType,
      UrlPathPrefix: stored.record.urlPathPrefix ?? null,
      AdminId:
        typeof stored.record.siteAdmin === 'string' ? (activeUserId(state, stored.record.siteAdmin) ?? null) : null,
    };
    const site = store.all('Site').find((s) => lower(s.Name) === stored.fullName.toLowerCase());
    if (created || !site) {
      const guestUserId = createGuestUser(stored, state);
      const siteId = store.insert(
        'Site',
        { Name: stored.fullName, GuestUserId: guestUserId, ...fields },
        { system: true },
      );
      store.insert(
        'SiteDetail',
        { DurableId: siteId, SecureUrl: siteSecureUrl(state, fields.UrlPathPrefix), IsRegistrationEnabled: false },
        { system: true },
      );
      return;
    }
    store.update('Site', String(site.Id), fields, { system: true });
    const detail = store.all('SiteDetail').find((d) => d.DurableId === site.Id);
    if (detail)
      store.update(
        'SiteDetail',
        String(detail.Id),
        { SecureUrl: siteSecureUrl(state, fields.UrlPathPrefix) },
        { system: true },
      );
  },
};
