import { Messages } from '@salesforce/core';
import type { ExportPhase } from './export-phases.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/** What the guide to deploying an export says: the same words in the command's output and in the project's README. */
export type ExportGuideInput = {
  outputDir: string;
  readme: string;
  phases: readonly ExportPhase[];
  finish: readonly string[];
  /** The records to make by command after the deploy. */
  records: ReadonlyArray<{ type: string; name: string; command: string }>;
  /** The values written for the org the export was planned against. */
  orgSpecific: ReadonlyArray<{ path: string; field: string; value: string }>;
};

type Format = 'terminal' | 'readme';

/** Commands as a format shows them: indented in a terminal, a fenced block in Markdown. */
const commands = (lines: readonly string[], format: Format): string[] =>
  format === 'terminal' ? lines.map((l) => `  ${l}`) : ['```sh', ...lines, '```'];

const heading = (key: string, format: Format): string[] =>
  format === 'terminal' ? [messages.getMessage(key)] : [`## ${messages.getMessage(key)}`, ''];

const withEnvironment = (phase: ExportPhase): string =>
  phase.environment.length ? messages.getMessage('guide.Environment', [phase.environment.join(', ')]) : '';

/** The deploy, phase by phase: the exact `sf project deploy start`, and the plugin commands that can finish phase 2. */
function phaseLines(input: ExportGuideInput, format: Format): string[] {
  const [first, second] = input.phases;
  if (!first) return [messages.getMessage('info.NothingToDeploy')];
  const cd = format === 'terminal' ? [`cd ${input.outputDir}`] : [];
  if (!second)
    return [
      messages.getMessage('guide.OnePhase', [withEnvironment(first)]),
      ...commands([...cd, first.command], format),
    ];
  return [
    ...heading('guide.Phase1Title', format),
    messages.getMessage('guide.Phase1', [withEnvironment(first)]),
    ...commands([...cd, first.command], format),
    '',
    ...heading('guide.Phase2Title', format),
    messages.getMessage('guide.Phase2'),
    ...(input.finish.length ? [messages.getMessage('guide.Phase2Plugin'), ...commands(input.finish, format)] : []),
    messages.getMessage(input.finish.length ? 'guide.Phase2DeployOr' : 'guide.Phase2Deploy', [withEnvironment(second)]),
    ...commands([second.command], format),
  ];
}

/** The records to make by command, and the values written for the org the export was planned against. */
function afterLines(input: ExportGuideInput, format: Format): string[] {
  const item = (text: string): string => (format === 'terminal' ? `  ${text}` : `- ${text}`);
  const lines: string[] = [];
  if (input.records.length)
    lines.push(
      '',
      ...heading('heading.Records', format),
      ...input.records.map((r) => item(`${r.type} ${r.name}: ${r.command}`)),
    );
  if (input.orgSpecific.length)
    lines.push(
      '',
      ...heading('heading.OrgSpecific', format),
      ...input.orgSpecific.map((o) => item(`${o.path}: ${o.field} = ${o.value}`)),
    );
  return lines;
}

/** How to deploy the export: for the terminal (after the list of files), or as the project's README (Markdown). */
export function exportGuide(input: ExportGuideInput, format: Format): string[] {
  const intro =
    format === 'terminal'
      ? [messages.getMessage('guide.Heading', [input.readme])]
      : [`# ${messages.getMessage('readme.Title')}`, '', messages.getMessage('readme.Intro'), ''];
  return [...intro, ...phaseLines(input, format), ...afterLines(input, format), ''];
}
