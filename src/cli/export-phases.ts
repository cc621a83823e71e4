import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Messages } from '@salesforce/core';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/**
 * The deploy of an export, in phases. An External Client App's consumer key and secret exist only once the org has
 * made the app (on its first deploy), and the ECI auth provider needs them: SDR stops a deploy when an environment
 * variable a `replacements` entry names is unset. So the auth provider, and what names it (the ECI named credential),
 * deploy in a second phase, after the first has made the app.
 *
 * Each phase is a manifest (package.xml format, written by SDR) for `sf project deploy start --manifest`, rather than a
 * package directory of its own: a manifest deploys exactly the components it names wherever their files are (an
 * existing project keeps its layout, and its other source is not deployed with them), and SDR fills in `replacements`
 * only for the components it deploys, so the first phase never needs the ECI app's variables.
 */

/** One deploy of the export. */
export type ExportPhase = {
  /** 1: what deploys at once; 2: what needs the key and secret the org makes for the app on the first deploy. */
  phase: 1 | 2;
  /** The manifest naming the phase's components, relative to the project's root. */
  manifest: string;
  /** The files the phase deploys, relative to the project's root. */
  files: string[];
  /** The environment variables its deploy needs (its replacements). */
  environment: string[];
  /** The deploy, run in the project's root. */
  command: string;
};

/** An exported file, as the phases see it. */
export type PhasedFile = {
  type: string;
  fullName: string;
  path: string;
  /** The environment variables its placeholders are filled from. */
  environment: readonly string[];
  /** A named credential's auth provider. */
  authProvider?: string;
};

const MANIFEST_DIRECTORY = 'manifest';
const manifestPath = (phase: 1 | 2): string => `${MANIFEST_DIRECTORY}/eci-ringcentral-phase-${phase}.xml`;

/**
 * The files of each phase: with an External Client App (its key and secret made by the org), the ECI auth provider and
 * the named credentials that name it wait for phase 2; else (a Connected App takes the key and secret the deploy
 * gives it) one phase holds everything.
 */
function splitPhases(files: readonly PhasedFile[], externalClientApp: boolean): [PhasedFile[], PhasedFile[]] {
  const later = (f: PhasedFile): boolean =>
    externalClientApp &&
    ((f.type === 'AuthProvider' && f.fullName === ECI_AUTH_PROVIDER.fullName) ||
      (f.type === 'NamedCredential' &&
        f.authProvider === ECI_AUTH_PROVIDER.fullName &&
        files.some((p) => p.type === 'AuthProvider' && p.fullName === ECI_AUTH_PROVIDER.fullName)));
  return [files.filter((f) => !later(f)), files.filter(later)];
}

/** Writes each phase's manifest (SDR's package.xml for its components) and answers the phases; none without files. */
export async function writePhases(
  root: string,
  files: readonly PhasedFile[],
  options: { externalClientApp: boolean; apiVersion: string },
): Promise<ExportPhase[]> {
  const { ComponentSet, RegistryAccess } = await import('@salesforce/source-deploy-retrieve');
  const phases: ExportPhase[] = [];
  for (const [i, group] of splitPhases(files, options.externalClientApp).entries()) {
    if (group.length === 0) continue;
    const phase = (i + 1) as 1 | 2;
    const set = new ComponentSet(
      group.map((f) => ({ fullName: f.fullName, type: f.type })),
      new RegistryAccess(),
    );
    set.apiVersion = options.apiVersion;
    const manifest = manifestPath(phase);
    await mkdir(dirname(join(root, manifest)), { recursive: true });
    await writeFile(join(root, manifest), await set.getPackageXml(), 'utf8');
    phases.push({
      phase,
      manifest,
      files: group.map((f) => f.path),
      environment: [...new Set(group.flatMap((f) => f.environment))],
      command: messages.getMessage('command.Deploy', [manifest]),
    });
  }
  return phases;
}

/** The plugin commands that finish phase 2 instead of its deploy: they read the app's key and secret from the org. */
export function finishingCommands(phases: readonly ExportPhase[], files: readonly PhasedFile[]): string[] {
  const second = phases.find((p) => p.phase === 2);
  const inPhase = (type: string): boolean => files.some((f) => f.type === type && second?.files.includes(f.path));
  return [
    ...(inPhase('AuthProvider') ? [messages.getMessage('command.FinishAuthProvider')] : []),
    ...(inPhase('NamedCredential') ? [messages.getMessage('command.FinishNamedCredential')] : []),
  ];
}
