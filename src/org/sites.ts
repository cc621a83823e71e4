import { errorCodeOf } from './answers.js';
import type { OrgReads } from './port.js';
import { soqlLiteral } from './soql.js';

/** Reads about Salesforce Sites, through OrgReads. */

export type SiteRow = {
  id: string;
  name: string;
  guestUserId?: string;
  status?: string;
  /** '' for a site at the domain's root */ urlPathPrefix: string;
  /** Visualforce, Siteforce, ChatterNetwork or ChatterNetworkPicasso (WSDL enum SiteType). */
  siteType?: string;
};

export type SitesState = { enabled: true; site?: SiteRow } | { enabled: false };

export type AllSitesState = { enabled: true; sites: SiteRow[] } | { enabled: false };

type SiteRecord = {
  Id: string;
  Name: string;
  GuestUserId?: string | null;
  Status?: string | null;
  UrlPathPrefix?: string | null;
  SiteType?: string | null;
};

const toRow = (row: SiteRecord): SiteRow => ({
  id: row.Id,
  name: row.Name,
  ...(row.GuestUserId ? { guestUserId: row.GuestUserId } : {}),
  ...(row.Status ? { status: row.Status } : {}),
  urlPathPrefix: row.UrlPathPrefix ?? '',
  ...(row.SiteType ? { siteType: row.SiteType } : {}),
});

const SITE_FIELDS = 'Id, Name, GuestUserId, Status, UrlPathPrefix, SiteType';

/**
 * Experience Cloud sites: each is a ChatterNetwork and a ChatterNetworkPicasso Site row, on `<My Domain>.my.site.com`
 * with enhanced domains (Domain and DomainSite, "system-managed site hostnames … end in .my.site.com"), not on the
 * Salesforce Sites domain (`<My Domain>.my.salesforce-sites.com`).
 */
const EXPERIENCE_CLOUD_SITE_TYPES = ['ChatterNetwork', 'ChatterNetworkPicasso'];

/**
 * Whether a site is on the Salesforce Sites domain, whose paths (its root included) the VoiceConnector site shares:
 * every site but an Experience Cloud one. A Siteforce site counts, and so does a row without a type: whether they share
 * the Sites domain is not documented, and a conflict missed is a write the org refuses.
 */
export const onSalesforceSitesDomain = (site: SiteRow): boolean =>
  !EXPERIENCE_CLOUD_SITE_TYPES.includes(site.siteType ?? '');

const isInvalidType = (error: unknown): boolean => errorCodeOf(error) === 'INVALID_TYPE';

/**
 * The site by name, and whether Sites are enabled at all: until Sites are enabled (the site domain
 * registered), the platform does not know the Site object ("sObject type 'Site' is not supported").
 */
export async function readSite(org: OrgReads, name: string): Promise<SitesState> {
  try {
    const rows = await org.query<SiteRecord>(`SELECT ${SITE_FIELDS} FROM Site WHERE Name = ${soqlLiteral(name)}`);
    return { enabled: true, ...(rows[0] ? { site: toRow(rows[0]) } : {}) };
  } catch (error) {
    if (isInvalidType(error)) return { enabled: false };
    throw error;
  }
}

/** Every site of the org with its URL path prefix (a site domain holds one site per path, the root included). */
export async function readSites(org: OrgReads): Promise<AllSitesState> {
  try {
    const rows = await org.query<SiteRecord>(`SELECT ${SITE_FIELDS} FROM Site`);
    return { enabled: true, sites: rows.map(toRow) };
  } catch (error) {
    if (isInvalidType(error)) return { enabled: false };
    throw error;
  }
}

/** Is there an unpackaged Visualforce page of this name (what a site's indexPage refers to)? */
export async function apexPageExists(org: OrgReads, name: string): Promise<boolean> {
  const rows = await org.query<{ Id: string }>(
    `SELECT Id FROM ApexPage WHERE Name = ${soqlLiteral(name)} AND NamespacePrefix = null`,
  );
  return rows.length > 0;
}

/** Salesforce ids compare by their first 15 characters (the 18-character form adds a case checksum). */
const sameId = (a: string, b: string): boolean => a.slice(0, 15) === b.slice(0, 15);

/**
 * The site's secure URL, as Setup shows it (SiteDetail.SecureUrl). Every site's detail is read at once (an org has few
 * sites): DurableId is no reference field a semi-join could follow, and so the read needs no earlier answer.
 */
export async function siteUrl(org: OrgReads, siteId: string): Promise<string | undefined> {
  const rows = await siteDetails(org);
  return rows.find((r) => typeof r.DurableId === 'string' && sameId(r.DurableId, siteId))?.SecureUrl ?? undefined;
}

/** Every site's detail row (what siteUrl looks the site up in). */
export const siteDetails = (org: OrgReads): Promise<Array<{ DurableId?: string | null; SecureUrl?: string | null }>> =>
  org.query('SELECT DurableId, SecureUrl FROM SiteDetail');
