import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { stepContextFor } from '../../../cli/step-command.js';
import { validateContactEmail, validateProfiles } from '../../../cli/validate-credentials.js';
import { validateUsername } from '../../../cli/validate-users.js';
import { validateClientId, validateServerUrl } from '../../../cli/validate.js';
import { ringCentralPlatform } from '../../../guide/ringcentral-environment.js';
import { RINGCENTRAL_CLIENT_SECRET } from '../../../steps/ringcentral-auth-provider.js';
import { runVerifyChecks, type VerifyCheck } from '../../../verify/checks.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.verify');
const shared = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** Repeatable flag values, trimmed; undefined when the flag was not given (the org's own value is checked then). */
const names = (values?: string[]): string[] | undefined => (values ? values.map((v) => v.trim()).filter(Boolean) : undefined);

export type VerifyResult = {
  /** True only when every check passed (or, with --allow-skipped, none failed). */
  passed: boolean;
  summary: { passed: number; failed: number; skipped: number };
  checks: VerifyCheck[];
};

export default class Verify extends SfCommand<VerifyResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'client-id': Flags.string({ summary: messages.getMessage('flags.client-id.summary') }),
    'client-secret-stdin': Flags.boolean({
      summary: shared.getMessage('flags.client-secret-stdin.summary'),
      default: false,
    }),
    environment: Flags.option({
      summary: messages.getMessage('flags.environment.summary'),
      options: ['production', 'sandbox'] as const,
      exclusive: ['server'],
    })(),
    server: Flags.string({ summary: messages.getMessage('flags.server.summary'), exclusive: ['environment'] }),
    'contact-email': Flags.string({ summary: messages.getMessage('flags.contact-email.summary') }),
    profile: Flags.string({ summary: messages.getMessage('flags.profile.summary'), multiple: true }),
    'site-contact': Flags.string({ summary: messages.getMessage('flags.site-contact.summary') }),
    'record-owner': Flags.string({ summary: messages.getMessage('flags.record-owner.summary') }),
    'guest-permission-set': Flags.string({ summary: messages.getMessage('flags.guest-permission-set.summary'), multiple: true }),
    'integration-username': Flags.string({ summary: messages.getMessage('flags.integration-username.summary') }),
    'integration-permission-set': Flags.string({
      summary: messages.getMessage('flags.integration-permission-set.summary'),
      multiple: true,
      dependsOn: ['integration-username'],
    }),
    'allow-skipped': Flags.boolean({ summary: messages.getMessage('flags.allow-skipped.summary'), default: false }),
  };

  public async run(): Promise<VerifyResult> {
    const { flags } = await this.parse(Verify);
    const overrides = {
      clientId: flags['client-id'] === undefined ? undefined : validateClientId(flags['client-id']),
      platform: flags.server ? ringCentralPlatform('production', validateServerUrl(flags.server)) : flags.environment ? ringCentralPlatform(flags.environment) : undefined,
      contactEmail: flags['contact-email'] === undefined ? undefined : validateContactEmail(flags['contact-email']),
      integrationUsername: flags['integration-username'] === undefined ? undefined : validateUsername(flags['integration-username'], 'integration-username'),
      profiles: flags.profile ? validateProfiles(flags.profile) : undefined,
      siteContact: flags['site-contact'] === undefined ? undefined : validateUsername(flags['site-contact'], 'site-contact'),
      recordOwner: flags['record-owner'] === undefined ? undefined : validateUsername(flags['record-owner'], 'record-owner'),
      guestPermissionSets: names(flags['guest-permission-set']),
      integrationPermissionSets: names(flags['integration-permission-set']),
    };
    const clientSecret = await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']);

    // Verify writes nothing: every step runs as a dry run, and no prompt is ever needed.
    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun: true, noPrompt: true });
    const checks = await runVerifyChecks(ctx, { overrides, clientSecret });
    this.spinner.stop();

    const count = (s: VerifyCheck['status']): number => checks.filter((c) => c.status === s).length;
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
    const passed = summary.failed === 0 && (summary.skipped === 0 || flags['allow-skipped']);
    this.logChecklist(checks, summary, passed);
    // Like a test run: the checklist is the result, in --json too; the exit code says whether it passed.
    if (!passed) process.exitCode = 1;
    return { passed, summary, checks };
  }

  private logChecklist(checks: readonly VerifyCheck[], summary: VerifyResult['summary'], passed: boolean): void {
    const mark = { pass: messages.getMessage('mark.pass'), fail: messages.getMessage('mark.fail'), skip: messages.getMessage('mark.skip') };
    for (const c of checks) {
      this.log(`${mark[c.status]}  ${c.title}`);
      if (c.detail) this.log(`        ${c.detail}`);
      for (const d of c.drift ?? []) {
        for (const f of d.fields) this.log(`          ${d.type} ${d.name} ${f.field}: ${f.current ?? '(not set)'} → ${f.desired}`);
      }
      for (const a of c.actions ?? []) this.log(`        → ${a}`);
    }
    this.log(`\n${messages.getMessage('summary.Line', [summary.passed, summary.failed, summary.skipped])}`);
    this.log(messages.getMessage(passed ? 'summary.Passed' : summary.failed ? 'summary.Failed' : 'summary.Skipped'));
  }
}
