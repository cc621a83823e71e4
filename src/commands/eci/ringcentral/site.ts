import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import { optionalUsername } from '../../../cli/validate-users.js';
import { optionalUrlPathPrefix } from '../../../cli/validate.js';
import { VoiceConnectorSiteStep, type VoiceConnectorSiteDetails } from '../../../steps/voice-connector-site.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.site');

export type SiteResult = StepCommandResult & {
  site: string;
  siteContact: string;
  recordOwner: string;
  /** The site's URL path prefix; absent for a site at the domain's root. */
  urlPathPrefix?: string;
  /** The site's URL, once the site exists. */
  siteUrl?: string;
};

export default class Site extends StepCommand<SiteResult, VoiceConnectorSiteDetails> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'site-contact': Flags.string({
      summary: messages.getMessage('flags.site-contact.summary'),
      description: messages.getMessage('flags.site-contact.description'),
    }),
    'record-owner': Flags.string({
      summary: messages.getMessage('flags.record-owner.summary'),
      description: messages.getMessage('flags.record-owner.description'),
    }),
    'url-path-prefix': Flags.string({
      summary: messages.getMessage('flags.url-path-prefix.summary'),
      description: messages.getMessage('flags.url-path-prefix.description'),
    }),
  };

  public async run(): Promise<SiteResult> {
    return this.runStep();
  }

  protected stepFromFlags(flags: FlagsOf<typeof Site>) {
    return bindStep(VoiceConnectorSiteStep, {
      siteContact: optionalUsername(flags['site-contact'], 'site-contact'),
      recordOwner: optionalUsername(flags['record-owner'], 'record-owner'),
      urlPathPrefix: optionalUrlPathPrefix(flags['url-path-prefix']),
    });
  }

  protected result({ details }: StepOutcome<VoiceConnectorSiteDetails>) {
    return {
      site: details.siteName,
      siteContact: details.siteContact,
      recordOwner: details.recordOwner,
      ...(details.urlPathPrefix ? { urlPathPrefix: details.urlPathPrefix } : {}),
      ...(details.siteUrl ? { siteUrl: details.siteUrl } : {}),
    };
  }

  protected override lines(result: SiteResult): string[] {
    return [
      result.siteUrl ? messages.getMessage('info.SiteUrl', [result.siteUrl]) : messages.getMessage('info.SiteUrlLater'),
    ];
  }
}
