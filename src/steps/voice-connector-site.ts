import { Messages } from '@salesforce/core';
import { run } from '../engine/engine.js';
import { VOICE_CONNECTOR_SITE, voiceConnectorSite } from '../guide/voice-connector-site.js';
import {
  apexPageExists,
  onSalesforceSitesDomain,
  readSite,
  readSites,
  siteDetails,
  siteUrl,
  type SiteRow,
} from '../org/sites.js';
import { findUsersByUsername, type UserRow } from '../org/users.js';
import type { OrgPort } from '../org/port.js';
import { badInput, engineOptions, type GuideStep } from './step.js';
import { settled } from '../org/read-plan.js';
import { metadataRef } from '../model/component.js';
import { setupUrl } from '../guide/setup-urls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

export type VoiceConnectorSiteStepInputs = {
  /** Username of the site contact; default: the user running the command. */
  siteContact?: string;
  /** Username of the default record owner; default: the site contact. */
  recordOwner?: string;
  /** The site's URL path prefix (checked: letters, digits, underscores); default: the site's own, else none (the root). */
  urlPathPrefix?: string;
};

export type VoiceConnectorSiteDetails = {
  siteName: string;
  siteContact: string;
  recordOwner: string;
  /** The site's URL path prefix; absent for a site at the domain's root. */
  urlPathPrefix?: string;
  /** Known once the site exists. */
  siteUrl?: string;
  guestUserId?: string;
};

export const sitesSetupUrl = (myDomainUrl: string): string => setupUrl(myDomainUrl, 'CustomDomain');

/** An active user by username, or an SfError that names the flag and what to do. */
function activeUser(
  users: Map<string, UserRow>,
  username: string,
  flag: string,
  role: string,
  myDomainUrl: string,
): UserRow {
  const user = users.get(username.toLowerCase());
  if (!user) throw badInput(messages.createError('error.UnknownUser', [username, flag], [flag]));
  if (!user.isActive)
    throw badInput(
      messages.createError('error.InactiveUser', [username, flag, role], [setupUrl(myDomainUrl, 'ManageUsers'), flag]),
    );
  return user;
}

/**
 * The URL path prefix the site gets, or an SfError before anything is written: a site domain holds one site per
 * path, its root included (Connect REST "Custom URL Detail": "you can use each path only once within the same
 * domain"), so a second site without a prefix, or with another site's prefix, would be refused by the org. Only sites
 * on the Salesforce Sites domain count: an Experience Cloud site lives on a domain of its own.
 */
function urlPathPrefixFor(given: string | undefined, sites: readonly SiteRow[]): string {
  const name = VOICE_CONNECTOR_SITE.name.toLowerCase();
  const own = sites.find((s) => s.name.toLowerCase() === name);
  const others = sites.filter((s) => s.name.toLowerCase() !== name && onSalesforceSitesDomain(s));
  const prefix = given ?? own?.urlPathPrefix ?? '';
  if (prefix === '') {
    const root = others.find((s) => s.urlPathPrefix === '' && (s.status ?? 'Active') === 'Active');
    if (root)
      throw messages.createError(
        'error.RootSiteTaken',
        [root.name, VOICE_CONNECTOR_SITE.name],
        [VOICE_CONNECTOR_SITE.name.toLowerCase()],
      );
  } else {
    const same = others.find((s) => s.urlPathPrefix.toLowerCase() === prefix.toLowerCase());
    const suggestion = prefix.toLowerCase() === 'voiceconnector' ? 'voiceconnector_eci' : 'voiceconnector';
    if (same) throw messages.createError('error.UrlPathPrefixTaken', [prefix, same.name], [suggestion]);
  }
  return prefix;
}

/** The prerequisites of the site, checked before anything is written (a missing one stops with its action). */
async function checkPrerequisites(
  org: OrgPort,
  myDomainUrl: string,
  siteContact: string,
  recordOwner: string,
  urlPathPrefix: string | undefined,
): Promise<{ contact: UserRow; owner: UserRow; urlPathPrefix: string }> {
  const [sites, page, users] = await Promise.all([
    readSites(org),
    apexPageExists(org, VOICE_CONNECTOR_SITE.homePage),
    findUsersByUsername(org, [siteContact, recordOwner]),
  ]);
  if (!sites.enabled) throw messages.createError('error.SitesNotEnabled', [], [sitesSetupUrl(myDomainUrl)]);
  if (!page) throw messages.createError('error.NoSiteLoginPage', [], [setupUrl(myDomainUrl, 'ApexPages')]);
  return {
    contact: activeUser(users, siteContact, 'site-contact', 'site contact', myDomainUrl),
    owner: activeUser(users, recordOwner, 'record-owner', 'default record owner', myDomainUrl),
    urlPathPrefix: urlPathPrefixFor(urlPathPrefix, sites.sites),
  };
}

/** Guide task "Set Up the Salesforce Site". */
export const VoiceConnectorSiteStep: GuideStep<VoiceConnectorSiteStepInputs, VoiceConnectorSiteDetails> = {
  id: 'voice-connector-site',
  title: 'Set Up the Salesforce Site',
  dependsOn: [],
  // The prerequisites, the site's component, its row and every site's URL, at once.
  async reads(inputs, facts, org) {
    const contactName = inputs.siteContact ?? facts.username;
    await settled([
      readSites(org),
      apexPageExists(org, VOICE_CONNECTOR_SITE.homePage),
      findUsersByUsername(org, [contactName, inputs.recordOwner ?? contactName]),
      org.readMetadata([metadataRef('CustomSite', VOICE_CONNECTOR_SITE.name)]),
      readSite(org, VOICE_CONNECTOR_SITE.name),
      siteDetails(org),
    ] as const);
  },
  async execute(inputs, ctx) {
    const contactName = inputs.siteContact ?? ctx.facts.username;
    const ownerName = inputs.recordOwner ?? contactName;
    const { contact, owner, urlPathPrefix } = await checkPrerequisites(
      ctx.org,
      ctx.facts.myDomainUrl,
      contactName,
      ownerName,
      inputs.urlPathPrefix,
    );

    // The org's spelling of the usernames, so that a re-run with other casing compares equal.
    const components = await run(
      [voiceConnectorSite({ siteContact: contact.username, recordOwner: owner.username, urlPathPrefix })],
      ctx.org,
      engineOptions(ctx),
    );

    // The site's row and the URLs at once (a new site's are read after it is made).
    const [after] =
      components[0].status === 'failed'
        ? [undefined]
        : await Promise.all([readSite(ctx.org, VOICE_CONNECTOR_SITE.name), siteDetails(ctx.org).catch(() => [])]);
    const site = after?.enabled ? after.site : undefined;
    const url = site ? await siteUrl(ctx.org, site.id) : undefined;
    return {
      components,
      nextSteps: [],
      warnings: [],
      details: {
        siteName: VOICE_CONNECTOR_SITE.name,
        siteContact: contact.username,
        recordOwner: owner.username,
        ...(urlPathPrefix ? { urlPathPrefix } : {}),
        ...(url ? { siteUrl: url } : {}),
        ...(site?.guestUserId ? { guestUserId: site.guestUserId } : {}),
      },
    };
  },
};
