import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag } from '../../../cli/flags.js';
import { throwIfKnownFailure } from '../../../cli/known-failures.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import { validateUsername } from '../../../cli/validate-users.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import { VoiceConnectorSiteStep } from '../../../steps/voice-connector-site.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.site');

export type SiteResult = {
  dryRun: boolean;
  site: string;
  siteContact: string;
  recordOwner: string;
  /** The site's URL, once the site exists. */
  siteUrl?: string;
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class Site extends SfCommand<SiteResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'site-contact': Flags.string({
      summary: messages.getMessage('flags.site-contact.summary'),
      description: messages.getMessage('flags.site-contact.description'),
    }),
    'record-owner': Flags.string({
      summary: messages.getMessage('flags.record-owner.summary'),
      description: messages.getMessage('flags.record-owner.description'),
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<SiteResult> {
    const { flags } = await this.parse(Site);
    const dryRun = flags['dry-run'];
    const siteContact = flags['site-contact'] === undefined ? undefined : validateUsername(flags['site-contact'], 'site-contact');
    const recordOwner = flags['record-owner'] === undefined ? undefined : validateUsername(flags['record-owner'], 'record-owner');

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const outcome = await VoiceConnectorSiteStep.execute({ siteContact, recordOwner }, ctx);

    const result: SiteResult = {
      dryRun,
      site: outcome.details.siteName,
      siteContact: outcome.details.siteContact,
      recordOwner: outcome.details.recordOwner,
      ...(outcome.details.siteUrl ? { siteUrl: outcome.details.siteUrl } : {}),
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun, [
      result.siteUrl ? messages.getMessage('info.SiteUrl', [result.siteUrl]) : messages.getMessage('info.SiteUrlLater'),
    ]);
    throwIfKnownFailure(result);
    throwIfFailed(result);
    return result;
  }
}
