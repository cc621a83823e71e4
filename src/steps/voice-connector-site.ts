import { Messages } from '@salesforce/core';
import { run } from '../engine/engine.js';
import { VOICE_CONNECTOR_SITE, voiceConnectorSite } from '../guide/voice-connector-site.js';
import { apexPageExists, readSite, siteUrl } from '../org/sites.js';
import { findUsersByUsername, type UserRow } from '../org/users.js';
import type { OrgAccess } from '../org/org-access.js';
import type { GuideStep } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

export type VoiceConnectorSiteStepInputs = {
  /** Username of the site contact; default: the user running the command. */
  siteContact?: string;
  /** Username of the default record owner; default: the site contact. */
  recordOwner?: string;
};

export type VoiceConnectorSiteDetails = {
  siteName: string;
  siteContact: string;
  recordOwner: string;
  /** Known once the site exists. */
  siteUrl?: string;
  guestUserId?: string;
};

export const sitesSetupUrl = (myDomainUrl: string): string => `${myDomainUrl}/lightning/setup/CustomDomain/home`;

/** An active user by username, or an SfError that names the flag and what to do. */
function activeUser(users: Map<string, UserRow>, username: string, flag: string, role: string, myDomainUrl: string): UserRow {
  const user = users.get(username.toLowerCase());
  if (!user) throw messages.createError('error.UnknownUser', [username, flag], [flag]);
  if (!user.isActive) throw messages.createError('error.InactiveUser', [username, flag, role], [`${myDomainUrl}/lightning/setup/ManageUsers/home`, flag]);
  return user;
}

/** The prerequisites of the site, checked before anything is written (a missing one stops with its action). */
async function checkPrerequisites(org: OrgAccess, myDomainUrl: string, siteContact: string, recordOwner: string): Promise<[UserRow, UserRow]> {
  const [sites, page, users] = await Promise.all([
    readSite(org, VOICE_CONNECTOR_SITE.name),
    apexPageExists(org, VOICE_CONNECTOR_SITE.homePage),
    findUsersByUsername(org, [siteContact, recordOwner]),
  ]);
  if (!sites.enabled) throw messages.createError('error.SitesNotEnabled', [], [sitesSetupUrl(myDomainUrl)]);
  if (!page) throw messages.createError('error.NoSiteLoginPage', [], [`${myDomainUrl}/lightning/setup/ApexPages/home`]);
  return [
    activeUser(users, siteContact, 'site-contact', 'site contact', myDomainUrl),
    activeUser(users, recordOwner, 'record-owner', 'default record owner', myDomainUrl),
  ];
}

/** Guide task "Set Up the Salesforce Site". */
export const VoiceConnectorSiteStep: GuideStep<VoiceConnectorSiteStepInputs, VoiceConnectorSiteDetails> = {
  id: 'voice-connector-site',
  title: 'Set Up the Salesforce Site',
  dependsOn: [],
  async execute(inputs, ctx) {
    const contactName = inputs.siteContact ?? ctx.facts.username;
    const ownerName = inputs.recordOwner ?? contactName;
    const [contact, owner] = await checkPrerequisites(ctx.org, ctx.facts.myDomainUrl, contactName, ownerName);

    // The org's spelling of the usernames, so that a re-run with other casing compares equal.
    const components = await run([voiceConnectorSite({ siteContact: contact.username, recordOwner: owner.username })], ctx.org, {
      dryRun: ctx.dryRun,
      onProgress: ctx.onProgress,
    });

    const after = components[0].status === 'failed' ? undefined : await readSite(ctx.org, VOICE_CONNECTOR_SITE.name);
    const site = after?.enabled ? after.site : undefined;
    const url = site ? await siteUrl(ctx.org, site.id) : undefined;
    if (site?.guestUserId) ctx.handoff.set('voiceConnectorSite.guestUserId', site.guestUserId);
    return {
      components,
      nextSteps: [],
      warnings: [],
      details: {
        siteName: VOICE_CONNECTOR_SITE.name,
        siteContact: contact.username,
        recordOwner: owner.username,
        ...(url ? { siteUrl: url } : {}),
        ...(site?.guestUserId ? { guestUserId: site.guestUserId } : {}),
      },
    };
  },
};
